// Package confidential holds the cryptography of ChainSQL's confidential
// tables, byte for byte as the published JavaScript client (chainsql
// 0.6.70, lib/crypto.js) and chainsqld produce and read it:
//
//   - A table's password is 16 random bytes written as 32 lower-case hex
//     digits; the ASCII of those digits is the password.
//   - A Token is the password sealed with ECIES to a secp256k1 public key
//     (Seal, Open): an ephemeral key pair; Z = the x coordinate of the
//     shared point with its leading zero bytes dropped (the client's
//     bn.js toArray); K = SHA-512(Z), AES key K[0:32], HMAC key K[32:64];
//     D = HMAC-SHA256(HMAC key, password); the token is the ephemeral
//     compressed public key (33 bytes) ‖ IV (16 random bytes) ‖
//     AES-256-CBC(AES key, IV, D ‖ password) with PKCS#7 padding.
//   - A Raw of a confidential table is AES-256-CBC of the JSON text with
//     the password as key (padded to 32 bytes with bytes of value
//     32-len when shorter) and the key's first 16 bytes as IV, PKCS#7
//     padding (EncryptRaw, DecryptRaw).
//
// Only secp256k1 keys take part: the client cannot seal a token to an
// ed25519 public key (elliptic refuses the 0xED point), so an ed25519
// account cannot create a confidential table or be granted one, and
// OpenWithKeyPair refuses an ed25519 key pair with ErrUnsupportedKey.
package confidential
