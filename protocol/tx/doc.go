// Package tx is the transaction layer of the protocol: the transaction
// types sqledger knows (Payment, AccountSet, and ChainSQL's TableListSet,
// SQLStatement, SQLTransaction and Contract), their formats (which fields
// are required and which allowed, rippled's TxFormats plus ChainSQL's),
// flags and table operation types, and signing and verification.
//
// A [Tx] is a decoded, format-checked transaction with its common fields
// in typed form, its binary blob and its hash:
//
//	hash        = SHA-512Half("TXN\0" ‖ blob)
//	signed data = "STX\0" ‖ the signing fields (all but TxnSignature)
//
// [Decode] checks the format but not the signature; [Tx.Verify] checks
// that the signing key is the account's own (this node has no regular
// keys or multi-signing) and that the signature verifies, rejecting a
// signature that is not fully canonical when the transaction sets
// tfFullyCanonicalSig. [Sign] signs as rippled's sign command does:
// deterministic RFC 6979 ECDSA with low S (secp256k1) or ed25519, so the
// same fields and secret always give the same blob.
package tx
