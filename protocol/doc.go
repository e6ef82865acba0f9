// Package protocol is the root of sqledger's vocabulary: the ChainSQL
// protocol as pure Go packages with no I/O. Everything else in the node
// stands on them.
//
//	hash     SHA-512Half, RIPEMD160(SHA256), the hash prefixes
//	address  base58 with ChainSQL's alphabet: account IDs (z…), seeds (x…), public keys
//	keys     seeds, secp256k1 and ed25519 key pairs as rippled derives them, signing, verification
//	codec    the binary codec: every field of ChainSQL, STObject rules, JSON ⇄ binary
//	tx       transaction types and formats, OpTypes, flags, signing and verifying transactions
//	tableop  the table grammar: operations, the Raw of every OpType, columns, conditions, Statements, parsed once
//	ter      engine results (TER) with ChainSQL's positive numbers, tokens and messages
//	rpcerr   RPC error codes, tokens and messages, rippled's and ChainSQL's
//
// The split into small packages keeps each surface narrow: ledger/
// imports tx, ter, codec and tableop; gateway/ imports rpcerr only.
package protocol
