// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, through two escrows: one executed after its finish time,
// one cancelled after its cancel time, each also tried too early. After
// each step it reads the owner's and the destination's balances
// (getAccountInfo) and the owner's escrows (account_objects). Prints
// one JSON line per step; exits non-zero on the first failure.
//
//   node escrow.js ws://127.0.0.1:PORT
'use strict';
const ChainsqlAPI = require('chainsql');

const root = { address: 'zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh', secret: 'xnoPBzXtMeMyMHUVTgbuqAfg1SUTb' };

function step(name, result) {
  console.log(JSON.stringify({ step: name, result }));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The escrow times are the ledger's close times (Ripple epoch seconds),
// which run ahead of the wall clock when ledgers close more often than
// once a second (each close time is at least its parent's plus one), and
// a standalone node closes a ledger only when transactions wait, or on
// ledger_accept (admin; the test's node has loopback as admin): the
// script reads the close times and closes ledgers until one is past.
const rippleEpoch = 946684800;

async function closeTime(c) {
  const r = await c.api.connection.request({ command: 'ledger', ledger_index: 'validated' });
  return r.ledger.close_time;
}

async function waitPast(c, t) {
  for (let i = 0; i < 200; i++) {
    if (await closeTime(c) > t) {
      return;
    }
    await c.api.connection.request({ command: 'ledger_accept' });
    await sleep(200);
  }
  throw new Error('no ledger closed after ' + t);
}

const asDate = (t) => (t + rippleEpoch) * 1000;

// refused submits tx and returns the error the client raises; a
// transaction that validates is a failure of the script.
async function refused(tx) {
  try {
    await tx.submit({ expect: 'validate_success' });
  } catch (err) {
    return { name: err.name, message: err.message, resultCode: err.resultCode, engineResult: err.engine_result };
  }
  throw new Error('the transaction validated');
}

async function main(url) {
  const c = new ChainsqlAPI();
  await c.connect(url);
  c.as(root);
  const owner = c.generateAddress();
  const dest = c.generateAddress();
  await c.pay(owner.address, 1000).submit({ expect: 'validate_success' });
  await c.pay(dest.address, 100).submit({ expect: 'validate_success' });
  step('owner', owner.address);
  step('dest', dest.address);

  const read = async (name) => {
    const o = await c.getAccountInfo(owner.address);
    const d = await c.getAccountInfo(dest.address);
    const objs = await c.api.connection.request({ command: 'account_objects', account: owner.address, type: 'escrow' });
    step(name, {
      owner: o.zxcBalance,
      ownerSequence: o.sequence,
      dest: d.zxcBalance,
      escrows: objs.account_objects.map((e) => ({ amount: e.Amount, destination: e.Destination, finishAfter: e.FinishAfter, cancelAfter: e.CancelAfter })),
    });
  };

  c.as({ address: owner.address, secret: owner.secret });
  const now = await closeTime(c);
  const seq1 = (await c.getAccountInfo(owner.address)).sequence;
  const finish1 = now + 30;
  step('create1', await c.escrowCreate(dest.address, 50, { dateFormatTMFinish: asDate(finish1) }).submit({ expect: 'validate_success' }));
  const seq2 = (await c.getAccountInfo(owner.address)).sequence;
  const cancel2 = now + 40;
  step('create2', await c.escrowCreate(dest.address, 20, { dateFormatTMFinish: asDate(now + 35), dateFormatTMCancel: asDate(cancel2) }).submit({ expect: 'validate_success' }));
  step('times', { finish1, cancel2 });
  step('seqs', [seq1, seq2]);
  await read('created');

  step('early1', await refused(c.escrowExecute(owner.address, seq1)));
  step('early2', await refused(c.escrowCancel(owner.address, seq2)));
  // The node answers a tec at submit as rippled does, and still claims
  // the fee in the next ledger: close it before reading.
  await c.api.connection.request({ command: 'ledger_accept' });
  await read('afterEarly');

  await waitPast(c, finish1);
  step('execute1', await c.escrowExecute(owner.address, seq1).submit({ expect: 'validate_success' }));
  await read('executed');

  await waitPast(c, cancel2);
  c.as({ address: dest.address, secret: dest.secret });
  step('late2', await refused(c.escrowExecute(owner.address, seq2)));
  step('cancel2', await c.escrowCancel(owner.address, seq2).submit({ expect: 'validate_success' }));
  await read('cancelled');
  await c.disconnect();
}

main(process.argv[2]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
