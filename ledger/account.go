package ledger

import (
	"encoding/binary"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// Account root flags (rippled's lsf values) that AccountSet can change.
const (
	LsfRequireDestTag = 0x00020000
	LsfRequireAuth    = 0x00040000
	LsfDisallowZXC    = 0x00080000
	LsfDefaultRipple  = 0x00800000
)

// AccountRoot is an account's ledger entry.
type AccountRoot struct {
	Account    address.AccountID
	Balance    uint64 // drops
	Sequence   uint32 // the next transaction's sequence
	OwnerCount uint32
	Flags      uint32
	Domain     []byte
	// Code is a contract's EVM code; nil for other accounts.
	Code              []byte
	PreviousTxnID     hash.Hash256
	PreviousTxnLgrSeq uint32
}

// AccountKey is the ledger index of an account root: SHA-512Half of the
// space key 'a' (0x0061) and the account ID, as in rippled.
func AccountKey(id address.AccountID) hash.Hash256 {
	return hash.SHA512Half([]byte{0, 'a'}, id[:])
}

// encode is the entry's form in the state hash. Its layout is fixed: a
// change would change every account hash.
func (a *AccountRoot) encode() []byte {
	b := make([]byte, 0, 20+8+4+4+4+32+4+1+len(a.Domain))
	b = append(b, a.Account[:]...)
	b = binary.BigEndian.AppendUint64(b, a.Balance)
	b = binary.BigEndian.AppendUint32(b, a.Sequence)
	b = binary.BigEndian.AppendUint32(b, a.OwnerCount)
	b = binary.BigEndian.AppendUint32(b, a.Flags)
	b = append(b, a.PreviousTxnID[:]...)
	b = binary.BigEndian.AppendUint32(b, a.PreviousTxnLgrSeq)
	b = binary.AppendUvarint(b, uint64(len(a.Domain)))
	b = append(b, a.Domain...)
	if len(a.Code) > 0 {
		// Only contracts carry this, so other accounts keep the layout
		// they always had.
		b = binary.AppendUvarint(b, uint64(len(a.Code)))
		b = append(b, a.Code...)
	}
	return b
}

func (a *AccountRoot) digest() stateHash {
	return entryDigest(AccountKey(a.Account), a.encode())
}

func (a *AccountRoot) clone() *AccountRoot {
	c := *a
	if a.Domain != nil {
		c.Domain = append([]byte(nil), a.Domain...)
	}
	return &c
}
