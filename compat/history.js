// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, through an account's history: pays a new account twice,
// then reads its transactions with account_tx binary:true, as the
// client's getAccountTransactions({binary:true}) does, and decodes them
// with the client's own codec. Prints one JSON line per step; exits non-zero on the first
// failure.
//
//   node history.js ws://127.0.0.1:PORT
'use strict';
const ChainsqlAPI = require('chainsql');
const codec = require('chainsql-binary-codec');
const hashes = require('chainsql-hashes');

const root = { address: 'zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh', secret: 'xnoPBzXtMeMyMHUVTgbuqAfg1SUTb' };

function step(name, result) {
  console.log(JSON.stringify({ step: name, result }));
}

async function main(url) {
  const c = new ChainsqlAPI();
  await c.connect(url);
  c.as(root);
  const user = c.generateAddress();
  step('user', user.address);
  step('pay1', await c.pay(user.address, 100).submit({ expect: 'validate_success' }));
  step('pay2', await c.pay(user.address, 25).submit({ expect: 'validate_success' }));
  // getAccountTransactions({binary:true}) sends this request and decodes
  // both blobs with the client's codec; it stops at the metadata (see
  // compat/README.md), so the steps are taken one by one here.
  const r = await c.api.connection.request({ command: 'account_tx', account: user.address, binary: true });
  step('binary', r.transactions.map((t) => {
    const tx = codec.decode(t.tx_blob);
    let metaError = null;
    try {
      codec.decode(t.meta);
    } catch (err) {
      metaError = err.message;
    }
    return {
      hash: hashes.computeTransactionHash(tx),
      type: tx.TransactionType,
      account: tx.Account,
      destination: tx.Destination,
      amount: tx.Amount,
      ledger: t.ledger_index,
      metaError,
    };
  }));
  await c.disconnect();
}

main(process.argv[2]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
