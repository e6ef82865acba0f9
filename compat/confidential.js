// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, through a confidential table: the genesis account creates
// one (confidential:true: a Token and an encrypted Raw), grants it to a
// new account B with B's public key (B's Token), B inserts encrypted
// rows and reads them back decrypted by the node. Prints one JSON line
// per step; exits non-zero on the first failure.
//
//   node confidential.js ws://127.0.0.1:PORT synced|nosync
//
// synced: the node has the owner's secret in sync_tables, every step
// waits for db_success. nosync: the node has not, the steps wait for
// validate_success only (the client does not know db_noSyncTable and
// would wait for db_success forever); the Go test checks the statuses.
'use strict';
const ChainsqlAPI = require('chainsql');

const root = { address: 'zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh', secret: 'xnoPBzXtMeMyMHUVTgbuqAfg1SUTb' };

function step(name, result) {
  console.log(JSON.stringify({ step: name, result }));
}

async function main(url, mode) {
  const expect = mode === 'synced' ? 'db_success' : 'validate_success';
  const c = new ChainsqlAPI();
  await c.connect(url);
  c.as(root);
  const user = c.generateAddress();
  step('user', user.address);
  step('pay', await c.pay(user.address, 200).submit({ expect: 'validate_success' }));
  const raw = [
    { field: 'id', type: 'int', length: 11, PK: 1, NN: 1 },
    { field: 'name', type: 'varchar', length: 50 },
  ];
  step('create', await c.createTable('conf_t', raw, { confidential: true }).submit({ expect }));
  step('grant', await c.grant('conf_t', user.address, { insert: true, select: true, update: false, delete: false }, user.publicKey)
    .submit({ expect: 'validate_success' }));

  const b = new ChainsqlAPI();
  await b.connect(url);
  b.as(user);
  b.use(root.address);
  step('insert', await b.table('conf_t').insert([{ id: 1, name: '秘密' }, { id: 2, name: 'two' }]).submit({ expect }));
  if (mode === 'synced') {
    step('read', await b.table('conf_t').get().order({ id: 1 }).submit());
  }
  await b.disconnect();
  await c.disconnect();
}

main(process.argv[2], process.argv[3]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
