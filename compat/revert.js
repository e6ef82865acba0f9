// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, through a contract call that reverts: deploys a contract
// whose every call reverts with Error("nope"), then calls it with
// expect:'validate_success'. The client rejects the call with the
// submit answer's engine_result_message_detail as resultMessageDetail.
// Prints one JSON line per step; exits non-zero on the first failure.
//
//   node revert.js ws://127.0.0.1:PORT
'use strict';
const ChainsqlAPI = require('chainsql');

const root = { address: 'zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh', secret: 'xnoPBzXtMeMyMHUVTgbuqAfg1SUTb' };

const abi = [
  { constant: false, inputs: [], name: 'fail', outputs: [], payable: false, stateMutability: 'nonpayable', type: 'function' },
];

function step(name, result) {
  console.log(JSON.stringify({ step: name, result }));
}

// revertCode is init code returning a runtime that stores the ABI
// encoding of Error("nope") in memory and reverts with it.
function revertCode() {
  const word = (n) => n.toString(16).padStart(64, '0');
  const data = '08c379a0' + word(0x20) + word(4) + Buffer.from('nope').toString('hex') + '00'.repeat(28);
  let runtime = '';
  for (let off = 0; off < data.length / 2; off += 32) {
    const chunk = data.slice(off * 2, off * 2 + 64).padEnd(64, '0');
    runtime += '7f' + chunk + '60' + off.toString(16).padStart(2, '0') + '52';
  }
  runtime += '60' + (data.length / 2).toString(16).padStart(2, '0') + '6000fd';
  const n = (runtime.length / 2).toString(16).padStart(2, '0');
  return '60' + n + '80600b6000396000f3' + runtime;
}

async function main(url) {
  const c = new ChainsqlAPI();
  await c.connect(url);
  c.as(root);
  const contract = c.contract(abi);
  const deployed = await contract.deploy({ ContractData: '0x' + revertCode() }).submit({ Gas: 3000000 });
  step('deploy', deployed);
  contract.options.address = deployed.contractAddress;
  const before = await c.getAccountInfo(root.address);
  try {
    const r = await contract.methods.fail().submit({ Gas: 3000000, expect: 'validate_success' });
    throw new Error('a reverting call succeeded: ' + JSON.stringify(r));
  } catch (err) {
    if (err instanceof Error) {
      throw err;
    }
    step('fail', err);
  }
  step('before', before);
  await c.disconnect();
}

main(process.argv[2]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
