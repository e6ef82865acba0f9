// Package keys derives ChainSQL (rippled) key pairs from seeds, signs, and
// verifies signatures exactly as rippled does.
//
// # Seeds
//
// Every key pair comes from a Seed: 16 bytes of entropy and the Algorithm
// to derive for. Seeds are made four ways:
//
//	keys.SeedFromPassphrase("masterpassphrase") // SHA512Half(passphrase)[:16]
//	keys.RandomSeed(keys.Ed25519)               // crypto/rand
//	keys.ParseSeed("xnoPBzXtMeMyMHUVTgbuqAfg1SUTb")
//	keys.ParseSecret(secret, alg)               // whatever an RPC secret may be
//
// ParseSecret follows rippled's parseGenericSeed, which wallet_propose's
// passphrase and sign's secret go through: refuse other base58 tokens
// (addresses, public and secret keys), then try 32 hex digits, then a
// base58 seed, then (rippled only) RFC 1751 words, and take anything else
// as a passphrase. sqledger leaves RFC 1751 out. An "xEd…" seed (the
// ed25519 encoding of ripple-lib and the ChainSQL JavaScript library) is
// always an ed25519 seed.
//
// # Derivation
//
// For secp256k1, rippled's family generator (SecretKey.cpp
// generateKeyPair, GenerateDeterministicKey.cpp):
//
//	root    = first SHA512Half(entropy ‖ BE32(i)) in [1, n), i = 0, 1, …
//	gen     = compressed root·G                       (33 bytes)
//	tweak   = first SHA512Half(gen ‖ BE32(0) ‖ BE32(j)) in [1, n), j = 0, 1, …
//	secret  = root + tweak mod n
//	public  = compressed secret·G
//
// where n is the secp256k1 group order. The account is account 0 of the
// family; validator (node) keys use root itself. For ed25519 the secret
// is SHA512Half(entropy), used as an RFC 8032 private key, and the public
// key is 0xED followed by the 32-byte ed25519 key. Either way the public
// key is 33 bytes and the account ID is RIPEMD160(SHA256(public key)).
//
// KeyPair.PrivateKeyHex prints the secret the way wallet_propose and
// ripple-keypairs do, 33 bytes: 00 ‖ secret for secp256k1, ED ‖ secret
// for ed25519.
//
// # Signing
//
// KeyPair.Sign signs the bytes it is given. A transaction's are the
// four-byte prefix STX\0 followed by its signing fields. secp256k1 signs
// SHA512Half of them with RFC 6979 deterministic ECDSA, always with the
// low S, DER-encoded (70 to 72 bytes); ed25519 signs them directly
// (64 bytes). The same key and message always give the same signature,
// byte for byte what rippled and the ChainSQL clients produce.
//
// # Verification
//
// Verify(pub, message, sig, requireFullyCanonical) is rippled's verify.
// The public key's first byte picks the algorithm: 0x02 or 0x03
// secp256k1, 0xED ed25519; anything else, or a length other than 33, is
// ErrBadPublicKey. A secp256k1 signature must be strictly canonical DER
// (rippled's ecdsaCanonicality: minimal, non-negative, R and S in
// [1, n)); with requireFullyCanonical its S must also be at most n/2,
// and without it a high S is verified as its low twin n−S. An ed25519
// signature must be 64 bytes with S below the group order. Failing those
// rules is ErrNonCanonical; a well-formed signature that does not match
// is ErrBadSignature; a secp256k1 key that is not a curve point is
// ErrBadPublicKey (an ed25519 key that is not a point reads as
// ErrBadSignature: the standard library does not tell them apart).
//
// # Implementations
//
// secp256k1 verification and signing run in libsecp256k1, through
// go-ethereum's crypto/secp256k1, when cgo is on (the default), and in
// the pure-Go github.com/decred/dcrd/dcrec/secp256k1/v4 when it is off.
// libsecp256k1 was chosen by measurement (README.md); both give identical
// signatures and verdicts, which TestBackendsAgree and FuzzVerify check.
// Key derivation always uses decred's scalar and point arithmetic;
// ed25519 is crypto/ed25519.
//
// KeyPair is immutable and safe for concurrent use; Verify keeps no
// state.
package keys
