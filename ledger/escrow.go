package ledger

import (
	"encoding/binary"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// Escrow is an escrow's ledger entry (rippled's Escrow, ZXC only): drops
// an owner set aside for a destination, released by an EscrowFinish
// after FinishAfter, or returned by an EscrowCancel after CancelAfter
// (Ripple epoch seconds; 0 is none: an escrow never holds a time 0,
// which has always passed).
type Escrow struct {
	Owner       address.AccountID
	Sequence    uint32 // the EscrowCreate's, which names the escrow
	Destination address.AccountID
	Amount      uint64 // drops
	FinishAfter uint32
	CancelAfter uint32
	// SourceTag and DestinationTag are the EscrowCreate's, when
	// present.
	SourceTag, DestinationTag       uint32
	HasSourceTag, HasDestinationTag bool
	PreviousTxnID                   hash.Hash256
	PreviousTxnLgrSeq               uint32
}

// EscrowKey is the ledger index of an escrow: SHA-512Half of the space
// key 'u' (0x0075), the owner and the EscrowCreate's sequence, as in
// rippled (keylet::escrow).
func EscrowKey(owner address.AccountID, seq uint32) hash.Hash256 {
	return hash.SHA512Half([]byte{0, 'u'}, owner[:], binary.BigEndian.AppendUint32(nil, seq))
}

// Key is the escrow's ledger index.
func (e *Escrow) Key() hash.Hash256 { return EscrowKey(e.Owner, e.Sequence) }

// digest is the entry's term of the state hash, under its ledger index.
// Its layout is fixed: a change would change every state hash that has
// an escrow.
func (e *Escrow) digest(key hash.Hash256) stateHash {
	b := make([]byte, 0, 2+20+4+20+8+4+4+1+4+4+32+4)
	b = append(b, 0, 'u')
	b = append(b, e.Owner[:]...)
	b = binary.BigEndian.AppendUint32(b, e.Sequence)
	b = append(b, e.Destination[:]...)
	b = binary.BigEndian.AppendUint64(b, e.Amount)
	b = binary.BigEndian.AppendUint32(b, e.FinishAfter)
	b = binary.BigEndian.AppendUint32(b, e.CancelAfter)
	var tags byte
	if e.HasSourceTag {
		tags |= 1
	}
	if e.HasDestinationTag {
		tags |= 2
	}
	b = append(b, tags)
	b = binary.BigEndian.AppendUint32(b, e.SourceTag)
	b = binary.BigEndian.AppendUint32(b, e.DestinationTag)
	b = append(b, e.PreviousTxnID[:]...)
	b = binary.BigEndian.AppendUint32(b, e.PreviousTxnLgrSeq)
	return entryDigest(key, b)
}

func (e *Escrow) clone() *Escrow {
	c := *e
	return &c
}

// escrowEntry is an escrow as the state holds it, with its term of the
// state hash.
type escrowEntry struct {
	e      *Escrow
	digest stateHash
}

// escrowChange is one escrow a transaction touched: before is nil when
// it created the escrow, after nil when it deleted it.
type escrowChange struct {
	key    hash.Hash256
	before *Escrow
	after  *Escrow
}

// EscrowChange is one escrow a transaction touched, in its metadata:
// Before is nil for one it created, After nil for one it finished or
// cancelled.
type EscrowChange struct {
	Key    hash.Hash256
	Before *Escrow
	After  *Escrow
}

// EscrowUpdate is an escrow's value after a ledger; Escrow is nil when
// the ledger deleted it.
type EscrowUpdate struct {
	Key    hash.Hash256
	Escrow *Escrow
}

// escrow returns the sandbox's copy of an escrow, or nil.
func (v *sandbox) escrow(key hash.Hash256) *Escrow {
	for i := range v.emods {
		if v.emods[i].key == key {
			return v.emods[i].after
		}
	}
	e := v.base.getEscrow(key)
	if e == nil {
		return nil
	}
	c := e.clone()
	v.emods = append(v.emods, escrowChange{key: key, before: e, after: c})
	return c
}

// createEscrow adds a new escrow.
func (v *sandbox) createEscrow(e *Escrow) {
	v.emods = append(v.emods, escrowChange{key: e.Key(), after: e})
}

// deleteEscrow removes an escrow the sandbox has read.
func (v *sandbox) deleteEscrow(key hash.Hash256) {
	for i := range v.emods {
		if v.emods[i].key == key {
			v.emods[i].after = nil
		}
	}
}
