// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, through an account's history: funded, a transfer rate
// set, a payment made, fee bounds set. After each step it notes the
// ledger that validated it and reads the issuer's and the payee's
// getAccountInfo and getSettings (client.api); at the end it reads them
// again at each of those ledgers ({ledgerVersion}). Prints one JSON line
// per step; exits non-zero on the first failure.
//
//   node pastledger.js ws://127.0.0.1:PORT
'use strict';
const ChainsqlAPI = require('chainsql');

const root = { address: 'zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh', secret: 'xnoPBzXtMeMyMHUVTgbuqAfg1SUTb' };

function step(name, result) {
  console.log(JSON.stringify({ step: name, result }));
}

// read returns what the client says of an account, at a ledger or the
// last validated one; an account that does not exist is its error.
async function read(c, address, ledgerVersion) {
  const opts = ledgerVersion ? { ledgerVersion } : {};
  try {
    const info = await c.api.getAccountInfo(address, opts);
    const settings = await c.api.getSettings(address, opts);
    return { info, settings };
  } catch (err) {
    return { error: err.name, message: err.message };
  }
}

async function main(url) {
  const c = new ChainsqlAPI();
  await c.connect(url);
  c.as(root);
  const issuer = c.generateAddress();
  const payee = c.generateAddress();
  const seen = [];
  const note = async (name) => {
    const closed = await c.api.connection.request({ command: 'ledger_closed' });
    const s = { name, ledger: closed.ledger_index, issuer: await read(c, issuer.address), payee: await read(c, payee.address) };
    seen.push(s);
    step(name, s);
  };
  await c.pay(issuer.address, 1000).submit({ expect: 'validate_success' });
  await note('funded');
  c.as({ address: issuer.address, secret: issuer.secret });
  await c.accountSet({ rate: 1.5 }).submit({ expect: 'validate_success' });
  await note('rate');
  await c.pay(payee.address, 100).submit({ expect: 'validate_success' });
  await note('paid');
  await c.accountSet({ min: 0.5, max: 2, rate: 1.002 }).submit({ expect: 'validate_success' });
  await note('bounds');
  const past = [];
  for (const s of seen) {
    past.push({ name: s.name, ledger: s.ledger, issuer: await read(c, issuer.address, s.ledger), payee: await read(c, payee.address, s.ledger) });
  }
  step('past', past);
  step('future', await read(c, issuer.address, seen[seen.length - 1].ledger + 100));
  await c.disconnect();
}

main(process.argv[2]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
