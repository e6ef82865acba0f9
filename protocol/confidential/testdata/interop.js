// Seals and opens tokens and Raws with the published ChainSQL client's
// own crypto (chainsql 0.6.70 lib/crypto.js and lib/util.js), for
// interop_test.go. Reads one JSON object on argv[2]:
//   {secret, goToken, goRaw, password, plain, edSecret}
// and prints one JSON object with what the client produced and read.
'use strict';
const crypto = require('chainsql/lib/crypto');
const util = require('chainsql/lib/util');
const keypairs = require('chainsql-keypairs');

const input = JSON.parse(process.argv[2]);
const kp = keypairs.deriveKeypair(input.secret);
const out = { publicKey: kp.publicKey };

// What the client reads of what Go produced.
out.openedGoToken = crypto.eciesDecrypt(input.goToken, kp.privateKey).toString();
out.decryptedGoRaw = crypto.symDecrypt(input.password, input.goRaw);

// What the client produces itself, as createTable does.
const token = util.generateToken(input.secret);
const symKey = util.decodeToken({ connect: { secret: input.secret } }, token);
out.token = token.toUpperCase();
out.password = symKey.toString();
out.raw = crypto.symEncrypt(symKey, input.plain).toUpperCase();
// As grant does: the password sealed to another public key.
out.grantToken = util.generateToken(input.otherPublicKey, symKey).toUpperCase();

try {
  util.generateToken(input.edSecret);
  out.edError = '';
} catch (e) {
  out.edError = String(e && e.message || e);
}
console.log(JSON.stringify(out));
