// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, through a table created with an OperationRule: inserts
// fill account ($account) and txid ($tx_hash) and each account may
// insert two rows; updates may set only age, of the updater's rows;
// deletes touch only the deleter's rows; queries see only id >= 2.
// The genesis account and a new account B (granted everything) insert,
// update, delete and read. Prints one JSON line per step (a refused
// step's result is {"refused": <the client's rejection>}); exits
// non-zero on an unexpected failure.
//
//   node oprule.js ws://127.0.0.1:PORT
'use strict';
const ChainsqlAPI = require('chainsql');

const root = { address: 'zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh', secret: 'xnoPBzXtMeMyMHUVTgbuqAfg1SUTb' };

function step(name, result) {
  console.log(JSON.stringify({ step: name, result }));
}

// refused runs a submit that must be rejected and returns the rejection.
async function refused(p) {
  try {
    return { unexpected: await p };
  } catch (err) {
    return { refused: err };
  }
}

const db = { expect: 'db_success' };

async function main(url) {
  const c = new ChainsqlAPI();
  await c.connect(url);
  c.as(root);
  const user = c.generateAddress();
  step('user', user.address);
  step('pay', await c.pay(user.address, 300).submit({ expect: 'validate_success' }));
  const raw = [
    { field: 'id', type: 'int', length: 11, PK: 1, NN: 1 },
    { field: 'name', type: 'varchar', length: 20 },
    { field: 'account', type: 'varchar', length: 40 },
    { field: 'txid', type: 'varchar', length: 64 },
    { field: 'age', type: 'int' },
  ];
  const operationRule = {
    Insert: { Condition: { account: '$account', txid: '$tx_hash' }, Count: { AccountField: 'account', CountLimit: 2 } },
    Update: { Condition: { account: '$account' }, Fields: ['age'] },
    Delete: { Condition: { account: '$account' } },
    Get: { Condition: { id: { $ge: 2 } } },
  };
  step('create', await c.createTable('rule_t', raw, { confidential: false, operationRule }).submit(db));
  step('grant', await c.grant('rule_t', user.address, { insert: true, select: true, update: true, delete: true })
    .submit({ expect: 'validate_success' }));
  step('rootInsert1', await c.table('rule_t').insert([{ id: 1, name: 'root1', age: 1 }]).submit(db));

  const b = new ChainsqlAPI();
  await b.connect(url);
  b.as(user);
  b.use(root.address);
  step('bInsert2', await b.table('rule_t').insert([{ id: 2, name: 'b2', age: 20 }]).submit(db));
  step('bInsert3', await b.table('rule_t').insert([{ id: 3, name: 'b3', age: 30 }]).submit(db));
  step('bInsert4', await refused(b.table('rule_t').insert([{ id: 4, name: 'b4', age: 40 }]).submit(db)));
  step('bInsertAsRoot', await refused(b.table('rule_t').insert([{ id: 6, account: root.address }]).submit(db)));
  step('rootInsert5', await c.table('rule_t').insert([{ id: 5, name: 'root5', age: 50 }]).submit(db));
  step('bUpdateName', await refused(b.table('rule_t').get({ id: 2 }).update({ name: 'x' }).submit(db)));
  step('bUpdateAge', await b.table('rule_t').get().update({ age: 99 }).submit(db));
  step('bDeleteRoot5', await b.table('rule_t').get({ id: 5 }).delete().submit(db));
  step('bDelete3', await b.table('rule_t').get({ id: 3 }).delete().submit(db));
  step('bGet', await b.table('rule_t').get().order({ id: 1 }).submit());
  step('rootGet', await c.table('rule_t').get({ id: { $le: 5 } }).order({ id: 1 }).submit());
  const nameInDB = await c.getTableNameInDB(root.address, 'rule_t');
  step('nameInDB', nameInDB);
  step('createPlain', await c.createTable('plain_t', [{ field: 'id', type: 'int' }], { confidential: false }).submit(db));
  step('plainNameInDB', await c.getTableNameInDB(root.address, 'plain_t'));
  step('bSql', await b.getBySqlUser('select id, account from t_' + nameInDB + ' order by id'));
  await b.disconnect();
  await c.disconnect();
}

main(process.argv[2]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
