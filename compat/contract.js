// Drives the published ChainSQL JavaScript client (chainsql 0.6.70),
// unmodified, through a contract: deploys the ChainSQL document's name
// contract, calls setName("wawa") and reads getName() back. Prints one
// JSON line per step; exits non-zero on the first failure.
//
//   node contract.js ws://127.0.0.1:PORT
'use strict';
const fs = require('fs');
const path = require('path');
const ChainsqlAPI = require('chainsql');

const root = { address: 'zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh', secret: 'xnoPBzXtMeMyMHUVTgbuqAfg1SUTb' };

// The ABI of the document's contract: name(), getName(), setName(string).
const abi = [
  { constant: true, inputs: [], name: 'name', outputs: [{ name: '', type: 'string' }], payable: false, stateMutability: 'view', type: 'function' },
  { constant: true, inputs: [], name: 'getName', outputs: [{ name: '', type: 'string' }], payable: false, stateMutability: 'view', type: 'function' },
  { constant: false, inputs: [{ name: 'n', type: 'string' }], name: 'setName', outputs: [], payable: false, stateMutability: 'nonpayable', type: 'function' },
];

function step(name, result) {
  console.log(JSON.stringify({ step: name, result }));
}

async function main(url) {
  const code = fs.readFileSync(path.join(__dirname, '..', 'vmhost', 'testdata', 'name_contract.hex'), 'utf8').trim();
  const c = new ChainsqlAPI();
  await c.connect(url);
  c.as(root);
  const contract = c.contract(abi);
  const deployed = await contract.deploy({ ContractData: '0x' + code }).submit({ Gas: 3000000 });
  step('deploy', deployed);
  contract.options.address = deployed.contractAddress;
  step('setName', await contract.methods.setName('wawa').submit({ Gas: 3000000, expect: 'validate_success' }));
  step('getName', await contract.methods.getName().call());
  await c.disconnect();
}

main(process.argv[2]).then(() => process.exit(0), (err) => {
  console.log(JSON.stringify({ step: 'error', result: err && (err.message || err) }));
  process.exit(1);
});
