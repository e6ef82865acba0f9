// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, against a node: pays a new account, then creates a table,
// grants it to that account, renames it and drops it, waiting for
// validate_success each time. Prints one JSON line per step; exits
// non-zero on the first failure.
//
//   node tables.js ws://127.0.0.1:PORT
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
  const user = c.generateAddress();
  step('pay', await c.pay(user.address, 100).submit({ expect: 'validate_success' }));
  const raw = [
    { field: 'id', type: 'int', length: 11, PK: 1, NN: 1, UQ: 1 },
    { field: 'name', type: 'varchar', length: 50, default: null },
    { field: 'age', type: 'int' },
  ];
  step('create', await c.createTable('compat_t', raw, { confidential: false }).submit({ expect: 'validate_success' }));
  step('grant', await c.grant('compat_t', user.address, { insert: true, select: true, update: false, delete: false })
    .submit({ expect: 'validate_success' }));
  step('rename', await c.renameTable('compat_t', 'compat_t2').submit({ expect: 'validate_success' }));
  step('drop', await c.dropTable('compat_t2').submit({ expect: 'validate_success' }));
  step('user', user.address);
  await c.disconnect();
}

main(process.argv[2]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
