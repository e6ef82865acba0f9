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
	Code []byte
	// TransferRate is rippled's (billionths; 0 is none, never
	// 1,000,000,000); TransferFeeMin and TransferFeeMax ChainSQL's
	// bounds of the transfer fee, decimal text (nil: none).
	TransferRate                   uint32
	TransferFeeMin, TransferFeeMax []byte
	PreviousTxnID                  hash.Hash256
	PreviousTxnLgrSeq              uint32
}

// AccountKey is the ledger index of an account root: SHA-512Half of the
// space key 'a' (0x0061) and the account ID, as in rippled.
func AccountKey(id address.AccountID) hash.Hash256 {
	return hash.SHA512Half([]byte{0, 'a'}, id[:])
}

// appendEncode appends the entry's form in the state hash. Its layout is
// fixed: a change would change every account hash.
func (a *AccountRoot) appendEncode(b []byte) []byte {
	b = append(b, a.Account[:]...)
	b = binary.BigEndian.AppendUint64(b, a.Balance)
	b = binary.BigEndian.AppendUint32(b, a.Sequence)
	b = binary.BigEndian.AppendUint32(b, a.OwnerCount)
	b = binary.BigEndian.AppendUint32(b, a.Flags)
	b = append(b, a.PreviousTxnID[:]...)
	b = binary.BigEndian.AppendUint32(b, a.PreviousTxnLgrSeq)
	b = binary.AppendUvarint(b, uint64(len(a.Domain)))
	b = append(b, a.Domain...)
	if len(a.Code) > 0 || a.hasTransfer() {
		// Only contracts carry this, so other accounts keep the layout
		// they always had.
		b = binary.AppendUvarint(b, uint64(len(a.Code)))
		b = append(b, a.Code...)
	}
	if a.hasTransfer() {
		// Likewise only an issuer's transfer settings, after the code
		// (written even when empty, so that no contract's code can read
		// as them): the rate, then each bound with its length.
		b = binary.BigEndian.AppendUint32(b, a.TransferRate)
		b = binary.AppendUvarint(b, uint64(len(a.TransferFeeMin)))
		b = append(b, a.TransferFeeMin...)
		b = binary.AppendUvarint(b, uint64(len(a.TransferFeeMax)))
		b = append(b, a.TransferFeeMax...)
	}
	return b
}

// hasTransfer reports whether the account has any transfer setting.
func (a *AccountRoot) hasTransfer() bool {
	return a.TransferRate != 0 || len(a.TransferFeeMin) > 0 || len(a.TransferFeeMax) > 0
}

// encodedLen is the length of the entry's form in the state hash.
func (a *AccountRoot) encodedLen() int {
	n := 20 + 8 + 4 + 4 + 4 + 32 + 4 + uvarintLen(len(a.Domain)) + len(a.Domain)
	if len(a.Code) > 0 || a.hasTransfer() {
		n += uvarintLen(len(a.Code)) + len(a.Code)
	}
	if a.hasTransfer() {
		n += 4 + uvarintLen(len(a.TransferFeeMin)) + len(a.TransferFeeMin) + uvarintLen(len(a.TransferFeeMax)) + len(a.TransferFeeMax)
	}
	return n
}

// digest is the entry's term of the state hash, under its ledger index.
func (a *AccountRoot) digest(key hash.Hash256) stateHash {
	// Large enough for every account but contracts and long domains,
	// which take the heap instead.
	var buf [256]byte
	b := buf[:0]
	if n := a.encodedLen(); n > len(buf) {
		b = make([]byte, 0, n)
	}
	return entryDigest(key, a.appendEncode(b))
}

func (a *AccountRoot) clone() *AccountRoot {
	c := *a
	c.copySlices()
	return &c
}

// copySlices gives the root its own copies of the byte slices that
// transactions change (Domain, the transfer fee bounds).
func (a *AccountRoot) copySlices() {
	if a.Domain != nil {
		a.Domain = append([]byte(nil), a.Domain...)
	}
	if a.TransferFeeMin != nil {
		a.TransferFeeMin = append([]byte(nil), a.TransferFeeMin...)
	}
	if a.TransferFeeMax != nil {
		a.TransferFeeMax = append([]byte(nil), a.TransferFeeMax...)
	}
}

// accountEntry is an account root as the state holds it, with its ledger
// index and its term of the state hash, so that a change of the entry
// neither recomputes the index nor rehashes the value it replaces. An
// entry in the state is never modified: a transaction changes a copy,
// and the commit replaces the entry with it.
type accountEntry struct {
	AccountRoot
	// key is AccountKey(Account).
	key hash.Hash256
	// digest is digest(key) of the entry's value, set at the end of the
	// Close that changed it; a sandbox's copy carries a stale one, and
	// pending marks an entry committed by the Close under way, whose
	// digest is not computed yet (State.digestChanged).
	digest  stateHash
	pending bool
}

// newAccountEntry returns a committed entry for root.
func newAccountEntry(root AccountRoot) *accountEntry {
	e := &accountEntry{AccountRoot: root, key: AccountKey(root.Account)}
	e.digest = e.AccountRoot.digest(e.key)
	return e
}

// clone returns a copy of the entry for a sandbox to change.
func (e *accountEntry) clone() *accountEntry {
	c := *e
	c.copySlices()
	return &c
}

// uvarintLen is the length of binary.AppendUvarint's encoding of n.
func uvarintLen(n int) int {
	l := 1
	for ; n >= 0x80; n >>= 7 {
		l++
	}
	return l
}
