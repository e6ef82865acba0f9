// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, through an issuer's transfer settings: accountSet({rate}),
// then ChainSQL's fee bounds ({min, max, rate}), a mismatch the node
// refuses, and clearing them all; after each, getAccountInfo and
// getSettings (client.api) read them back. Prints one JSON line per
// step; exits non-zero on the first failure.
//
//   node settings.js ws://127.0.0.1:PORT
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
  const issuer = c.generateAddress();
  await c.pay(issuer.address, 1000).submit({ expect: 'validate_success' });
  c.as({ address: issuer.address, secret: issuer.secret });
  const read = async (name) => {
    const info = await c.getAccountInfo(issuer.address);
    const settings = await c.api.getSettings(issuer.address);
    step(name, {
      info: { transferRate: info.transferRate, transferFeeMin: info.transferFeeMin, transferFeeMax: info.transferFeeMax, zxcBalance: info.zxcBalance, sequence: info.sequence },
      settings: { transferRate: settings.transferRate, transferFeeMin: settings.transferFeeMin, transferFeeMax: settings.transferFeeMax },
    });
  };
  await read('before');
  step('rate', await c.accountSet({ rate: 1.5 }).submit({ expect: 'validate_success' }));
  await read('afterRate');
  step('bounds', await c.accountSet({ min: 0.5, max: 2, rate: 1.002 }).submit({ expect: 'validate_success' }));
  await read('afterBounds');
  try {
    await c.accountSet({ rate: 1.0 }).submit({ expect: 'validate_success' });
    throw new Error('a rate of 1.0 under a fee range was accepted');
  } catch (err) {
    if (err.message === 'a rate of 1.0 under a fee range was accepted') {
      throw err;
    }
    step('mismatch', { name: err.name, message: err.message, data: err.data });
  }
  await read('afterMismatch');
  step('clear', await c.accountSet({ min: 0, max: 0, rate: 1.0 }).submit({ expect: 'validate_success' }));
  await read('afterClear');
  await c.disconnect();
}

main(process.argv[2]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
