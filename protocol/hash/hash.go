// Package hash holds the hash functions and hash prefixes of the ChainSQL
// (rippled) protocol: SHA-512Half, RIPEMD160(SHA256) and the four-byte
// prefixes that keep the hashes of different kinds of object apart.
package hash

import (
	"crypto/sha256"
	"crypto/sha512"

	"golang.org/x/crypto/ripemd160" //nolint:staticcheck // RIPEMD-160 is part of the address format, not a choice.
)

// Hash256 is a 256-bit hash, the identifier of transactions and ledgers.
type Hash256 [32]byte

// Prefix is a four-byte hash prefix, prepended to the data before hashing
// so that, say, a transaction and a ledger header never share a hash.
type Prefix [4]byte

// The hash prefixes of rippled's HashPrefix.h that sqledger uses.
var (
	// TransactionID prefixes a signed transaction blob to form its hash.
	TransactionID = Prefix{'T', 'X', 'N', 0}
	// TxSign prefixes the signing fields of a single-signed transaction.
	TxSign = Prefix{'S', 'T', 'X', 0}
	// TxNode prefixes a transaction and its metadata as a tree leaf.
	TxNode = Prefix{'S', 'N', 'D', 0}
	// LeafNode prefixes an account-state tree leaf.
	LeafNode = Prefix{'M', 'L', 'N', 0}
	// InnerNode prefixes an inner node of a hash tree.
	InnerNode = Prefix{'M', 'I', 'N', 0}
	// LedgerMaster prefixes a ledger header to form the ledger hash.
	LedgerMaster = Prefix{'L', 'W', 'R', 0}
)

// SHA512Half returns the first 32 bytes of the SHA-512 of the
// concatenation of parts.
func SHA512Half(parts ...[]byte) Hash256 {
	h := sha512.New()
	for _, p := range parts {
		h.Write(p)
	}
	var sum [sha512.Size]byte
	h.Sum(sum[:0])
	var out Hash256
	copy(out[:], sum[:32])
	return out
}

// Prefixed returns SHA512Half(prefix ‖ data).
func Prefixed(p Prefix, data []byte) Hash256 {
	return SHA512Half(p[:], data)
}

// RIPESHA returns RIPEMD160(SHA256(data)), the function that turns a
// public key into an account ID.
func RIPESHA(data []byte) [20]byte {
	s := sha256.Sum256(data)
	r := ripemd160.New()
	r.Write(s[:])
	var out [20]byte
	r.Sum(out[:0])
	return out
}
