// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, through a table's rows: create, insert, update, delete,
// queries with table(...).get(...), and a beginTran()/commit()
// transaction, each waiting for db_success. Prints one JSON line per
// step; exits non-zero on the first failure.
//
//   node sql.js ws://127.0.0.1:PORT
'use strict';
const ChainsqlAPI = require('chainsql');

const root = { address: 'zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh', secret: 'xnoPBzXtMeMyMHUVTgbuqAfg1SUTb' };

function step(name, result) {
  console.log(JSON.stringify({ step: name, result }));
}

async function main(url) {
  const c = new ChainsqlAPI();
  await c.connect(url);
  c.as(root);
  c.use(root.address);
  const raw = [
    { field: 'id', type: 'int', length: 11, PK: 1, NN: 1 },
    { field: 'name', type: 'varchar', length: 50, default: null },
    { field: 'age', type: 'int' },
  ];
  step('create', await c.createTable('people', raw, { confidential: false }).submit({ expect: 'db_success' }));
  step('insert', await c.table('people').insert([
    { id: 1, name: 'ann', age: 31 }, { id: 2, name: 'bo', age: 17 }, { id: 3, name: 'cy', age: 45 },
  ]).submit({ expect: 'db_success' }));
  step('update', await c.table('people').get({ id: 2 }).update({ age: 18 }).submit({ expect: 'db_success' }));
  step('delete', await c.table('people').get({ id: 3 }).delete().submit({ expect: 'db_success' }));
  step('get', await c.table('people').get({ age: { $gt: 10 } }).withFields(['id', 'name', 'age']).order({ id: 1 }).submit());
  step('getLimit', await c.table('people').get().order({ age: -1 }).limit({ index: 0, total: 1 }).submit());

  c.beginTran();
  c.table('people').insert({ id: 4, name: 'dee', age: 50 });
  c.table('people').get({ id: 1 }).update({ name: 'anne' });
  step('commit', await c.commit({ expect: 'db_success' }));
  step('after', await c.table('people').get().order({ id: 1 }).submit());
  await c.disconnect();
}

main(process.argv[2]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
