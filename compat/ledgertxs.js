// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, through getLedgerTxs (ledger_txs), createRandom
// (g_createrandom) and generatCryptData (g_cryptdata): pays a new
// account (tesSUCCESS), sends a payment the ledger records as a failure
// (1 ZXC to an account that does not exist, below the reserve), and
// asks for each one's ledger. Prints one JSON line per step; exits
// non-zero on the first failure.
//
//   node ledgertxs.js ws://127.0.0.1:PORT
'use strict';
const ChainsqlAPI = require('chainsql');

const root = { address: 'zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh', secret: 'xnoPBzXtMeMyMHUVTgbuqAfg1SUTb' };

function step(name, result) {
  console.log(JSON.stringify({ step: name, result }));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// refusal runs a request that must fail and returns its error.
async function refusal(p) {
  try {
    const r = await p;
    throw new Error('succeeded: ' + JSON.stringify(r));
  } catch (err) {
    if (err.message && err.message.startsWith('succeeded: ')) {
      throw err;
    }
    return { name: err.name, message: err.message, resultCode: err.resultCode };
  }
}

async function main(url) {
  const c = new ChainsqlAPI();
  await c.connect(url);
  c.as(root);
  const ok = await c.pay(c.generateAddress().address, 100).submit({ expect: 'validate_success' });
  step('ok', ok);
  step('failed', await refusal(c.pay(c.generateAddress().address, 1).submit({ expect: 'validate_success' })));
  // The failed payment is recorded: wait for it to be the root's newest
  // validated transaction.
  let last;
  for (let i = 0; i < 100; i++) {
    [last] = await c.getAccountTransactions(root.address, { limit: 1 });
    if (last && last.id !== ok.tx_hash) {
      break;
    }
    await sleep(100);
  }
  step('last', { id: last.id, result: last.outcome.result, ledger: last.outcome.ledgerVersion });
  const okTx = await c.getTransaction(ok.tx_hash);
  step('okLedger', okTx.outcome.ledgerVersion);
  step('okTxs', await c.getLedgerTxs(okTx.outcome.ledgerVersion, true, true));
  step('failedTxs', await c.getLedgerTxs(last.outcome.ledgerVersion, true, true));
  step('failedCounts', await c.getLedgerTxs(last.outcome.ledgerVersion, false, false));
  step('random', await c.createRandom());
  // The client sends alg_type; chainsqld (and this node) read gm_alg_type.
  step('cryptData', await refusal(c.generatCryptData(1, 10, 32)));
  await c.disconnect();
}

main(process.argv[2]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
