// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, through issued currencies: a gateway enables rippling and
// sets a transfer rate of 0.5% with ChainSQL's fee bounds (0.2..1), two
// holders trust it for USD (1000 and 50), the gateway issues 100 USD to
// the first, who pays the second 30 (the client adds the bounded fee,
// 0.2, to its SendMax), then 30 more, over the second's limit
// (tecPATH_PARTIAL). Reads getTrustlines, getBalances and
// gateway_balances. Prints one JSON line per step; exits non-zero on
// the first failure.
//
//   node iou.js ws://127.0.0.1:PORT
'use strict';
const ChainsqlAPI = require('chainsql');

const root = { address: 'zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh', secret: 'xnoPBzXtMeMyMHUVTgbuqAfg1SUTb' };

function step(name, result) {
  console.log(JSON.stringify({ step: name, result }));
}

async function refused(tx) {
  try {
    await tx.submit({ expect: 'validate_success' });
  } catch (err) {
    return { name: err.name, message: err.message, resultCode: err.resultCode, engineResult: err.engine_result };
  }
  throw new Error('the transaction validated');
}

const lines = (ls) => ls.map((l) => ({
  currency: l.specification.currency,
  counterparty: l.specification.counterparty,
  limit: l.specification.limit,
  balance: l.state.balance,
}));

async function main(url) {
  const c = new ChainsqlAPI();
  await c.connect(url);
  c.as(root);
  const gw = c.generateAddress();
  const alice = c.generateAddress();
  const bob = c.generateAddress();
  for (const a of [gw, alice, bob]) {
    await c.pay(a.address, 100).submit({ expect: 'validate_success' });
  }
  step('accounts', { gw: gw.address, alice: alice.address, bob: bob.address });

  c.as(gw);
  await c.accountSet({ enableRippling: true }).submit({ expect: 'validate_success' });
  await c.accountSet({ min: 0.2, max: 1, rate: 1.005 }).submit({ expect: 'validate_success' });

  c.as(alice);
  step('trustA', await c.trustSet({ currency: 'USD', issuer: gw.address, value: 1000 }).submit({ expect: 'validate_success' }));
  c.as(bob);
  step('trustB', await c.trustSet({ currency: 'USD', issuer: gw.address, value: 50 }).submit({ expect: 'validate_success' }));

  c.as(gw);
  step('issue', await c.pay(alice.address, { value: 100, currency: 'USD', issuer: gw.address }).submit({ expect: 'validate_success' }));
  const afterIssue = (await c.api.connection.request({ command: 'ledger_closed' })).ledger_index;
  c.as(alice);
  step('pay', await c.pay(bob.address, { value: 30, currency: 'USD', issuer: gw.address }).submit({ expect: 'validate_success' }));
  step('overLimit', await refused(c.pay(bob.address, { value: 30, currency: 'USD', issuer: gw.address })));
  await c.api.connection.request({ command: 'ledger_accept' });
  // getTrustlines and getBalances ask for the ledger the client last
  // saw closed, which may be older than the last one: the node answers
  // it from the state history.
  step('linesA', lines(await c.api.getTrustlines(alice.address)));
  step('linesB', lines(await c.api.getTrustlines(bob.address)));
  step('balancesA', (await c.api.getBalances(alice.address)).map((b) => ({ currency: b.currency, value: b.value, counterparty: b.counterparty })));
  const gb = await c.api.connection.request({ command: 'gateway_balances', account: gw.address, hotwallet: bob.address });
  step('gateway', { obligations: gb.obligations, balances: gb.balances });
  const cur = await c.api.connection.request({ command: 'account_currencies', account: alice.address });
  step('currencies', { receive: cur.receive_currencies, send: cur.send_currencies });
  const objs = await c.api.connection.request({ command: 'account_objects', account: bob.address, type: 'state' });
  step('objects', objs.account_objects.map((o) => ({ type: o.LedgerEntryType, balance: o.Balance.value })));
  // The same reads as of the ledger of the issue, before alice paid bob.
  const atIssue = { ledgerVersion: afterIssue };
  step('pastBalancesA', (await c.api.getBalances(alice.address, atIssue)).map((b) => ({ currency: b.currency, value: b.value, counterparty: b.counterparty })));
  step('pastLinesB', lines(await c.api.getTrustlines(bob.address, atIssue)));
  await c.disconnect();
}

main(process.argv[2]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
