package vmhost

import (
	"fmt"
	"sort"

	"github.com/ethereum/go-ethereum/common"
)

// entryKind names what one journal entry undoes.
type entryKind uint8

const (
	entryCreate       entryKind = iota // an account came into being: prev is the account before
	entryBalance                       // prevHash: the balance before, big-endian
	entryNonce                         // prevU64
	entryCode                          // prev: the account before, whose code fields come back
	entryStorage                       // key, prevHash
	entryTransient                     // key, prevHash
	entryRefund                        // prevU64
	entrySelfDestruct                  // flag set
	entryNewContract                   // flag set
	entryTouch                         // nothing to undo; marks the account touched (EIP-161)
	entryLog                           // one log appended
	entryAccessAddr                    // address warmed (EIP-2929)
	entryAccessSlot                    // key warmed (EIP-2929)
)

// entry is one undoable change. A small flat struct rather than an
// interface per kind: journalling is on the hot path of every SSTORE and
// value transfer, and the rare bulky undo (a creation, new code) keeps a
// copy of the account behind a pointer.
type entry struct {
	kind     entryKind
	addr     common.Address
	key      common.Hash
	prevHash common.Hash
	prevU64  uint64
	prev     *account
}

// touches reports whether the entry counts as touching its account for
// EIP-161's end-of-execution removal of empty accounts (geth's journal
// "mutations").
func (e *entry) touches() bool {
	switch e.kind {
	case entryCreate, entryBalance, entryNonce, entryCode, entryStorage, entrySelfDestruct, entryTouch:
		return true
	}
	return false
}

// revision is a snapshot: its id and the journal length when it was taken.
type revision struct {
	id     int
	length int
}

// Snapshot returns an identifier of the current state, to revert to.
func (s *overlay) Snapshot() int {
	id := s.nextRevision
	s.nextRevision++
	s.revisions = append(s.revisions, revision{id: id, length: len(s.journal)})
	return id
}

// RevertToSnapshot undoes every change made since Snapshot returned id and
// forgets the snapshots taken after it.
func (s *overlay) RevertToSnapshot(id int) {
	i := sort.Search(len(s.revisions), func(i int) bool { return s.revisions[i].id >= id })
	if i == len(s.revisions) || s.revisions[i].id != id {
		s.fail(fmt.Errorf("revert to snapshot %d, which does not exist", id))
		return
	}
	s.undo(s.revisions[i].length)
	s.revisions = s.revisions[:i]
}

// undo reverts journal entries, newest first, down to length n.
func (s *overlay) undo(n int) {
	for i := len(s.journal) - 1; i >= n; i-- {
		e := &s.journal[i]
		switch e.kind {
		case entryCreate:
			*s.accounts[e.addr] = *e.prev
		case entryBalance:
			s.accounts[e.addr].balance.SetBytes32(e.prevHash[:])
		case entryNonce:
			s.accounts[e.addr].nonce = e.prevU64
		case entryCode:
			a := s.accounts[e.addr]
			a.code, a.codeHash, a.hashed, a.codeSet = e.prev.code, e.prev.codeHash, e.prev.hashed, e.prev.codeSet
		case entryStorage:
			s.accounts[e.addr].storage[e.key] = e.prevHash
		case entryTransient:
			s.transient[slotKey{e.addr, e.key}] = e.prevHash
		case entryRefund:
			s.refund = e.prevU64
		case entrySelfDestruct:
			s.accounts[e.addr].selfDestructed = false
		case entryNewContract:
			s.accounts[e.addr].newContract = false
		case entryLog:
			s.logs = s.logs[:len(s.logs)-1]
		case entryAccessAddr:
			delete(s.warmAddrs, e.addr)
		case entryAccessSlot:
			delete(s.warmSlots, slotKey{e.addr, e.key})
		}
		s.journal[i] = entry{}
	}
	s.journal = s.journal[:n]
}
