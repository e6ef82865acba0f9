package ledger

import (
	"encoding/binary"
	"math/bits"

	"github.com/sqledger/sqledger/protocol/hash"
)

// stateHash is an incremental multiset hash of the ledger state: the sum,
// modulo 2^256, of SHA-512Half("MLN\0" ‖ key ‖ entry) over all entries.
// Adding and removing an entry are O(1), and the sum does not depend on
// the order in which entries were added.
type stateHash [4]uint64 // little-endian limbs

func entryDigest(key hash.Hash256, entry []byte) stateHash {
	d := hash.SHA512Half(hash.LeafNode[:], key[:], entry)
	var s stateHash
	for i := range s {
		s[i] = binary.BigEndian.Uint64(d[24-8*i:])
	}
	return s
}

func (s *stateHash) add(d stateHash) {
	var c uint64
	for i := range s {
		s[i], c = bits.Add64(s[i], d[i], c)
	}
}

func (s *stateHash) sub(d stateHash) {
	var b uint64
	for i := range s {
		s[i], b = bits.Sub64(s[i], d[i], b)
	}
}

// sum returns the hash as 32 big-endian bytes.
func (s *stateHash) sum() hash.Hash256 {
	var h hash.Hash256
	for i := range s {
		binary.BigEndian.PutUint64(h[24-8*i:], s[i])
	}
	return h
}
