package ledger

import (
	"bytes"
	"strings"

	"github.com/benbjohnson/immutable"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// Snapshot is the committed state after one closed ledger, immutable:
// every reader that holds one sees that ledger whole, however many
// ledgers close meanwhile, without a lock. It is indexed for what the
// node's readers ask: accounts by ID, tables by ledger index, by
// NameInDB and by owner (in name order), contract storage by slot.
//
// A snapshot is a set of persistent maps (hash array mapped tries, and a
// B+tree for the owner index): [Snapshot.Apply] makes the next ledger's
// snapshot by copying only the paths to the entries the ledger changed,
// and shares everything else with its parent. The sequencer publishes
// each one after the ledger is durable. Tables a snapshot returns are
// shared: callers must not modify them.
type Snapshot struct {
	params   Params
	header   Header
	hash     hash.Hash256
	accounts *immutable.Map[address.AccountID, AccountRoot]
	tables   *immutable.Map[hash.Hash256, *Table]
	// byNameInDB maps a NameInDB to the table's ledger index; byOwner
	// maps owner ‖ plain name to the table, in byte order.
	byNameInDB *immutable.Map[[20]byte, hash.Hash256]
	byOwner    *immutable.SortedMap[string, *Table]
	slots      *immutable.Map[Slot, [32]byte]
	// escrows are by ledger index; escrowsOf maps account ‖ ledger index
	// to the escrow, for its owner and for its destination, in byte
	// order (account_objects).
	escrows   *immutable.Map[hash.Hash256, *Escrow]
	escrowsOf *immutable.SortedMap[string, *Escrow]
	// lines are by ledger index; linesOf maps account ‖ ledger index to
	// the line, for both of its accounts, in byte order (account_lines,
	// account_objects).
	lines   *immutable.Map[hash.Hash256, *TrustLine]
	linesOf *immutable.SortedMap[string, *TrustLine]
}

// Snapshot returns the state's committed state as a snapshot. It walks
// the whole state; after that, [Snapshot.Apply] follows each ledger.
func (s *State) Snapshot() *Snapshot {
	accounts := immutable.NewMapBuilder[address.AccountID, AccountRoot](accountHasher{})
	for _, a := range s.AccountList() {
		accounts.Set(a.Account, a)
	}
	slots := immutable.NewMapBuilder[Slot, [32]byte](slotHasher{})
	for _, u := range s.SlotList() {
		slots.Set(u.Slot, u.Value)
	}
	sn := &Snapshot{
		params: s.params, header: s.header, hash: s.hash,
		accounts:   accounts.Map(),
		tables:     immutable.NewMap[hash.Hash256, *Table](keyHasher{}),
		byNameInDB: immutable.NewMap[[20]byte, hash.Hash256](nameInDBHasher{}),
		byOwner:    immutable.NewSortedMap[string, *Table](stringComparer{}),
		slots:      slots.Map(),
		escrows:    immutable.NewMap[hash.Hash256, *Escrow](keyHasher{}),
		escrowsOf:  immutable.NewSortedMap[string, *Escrow](stringComparer{}),
		lines:      immutable.NewMap[hash.Hash256, *TrustLine](keyHasher{}),
		linesOf:    immutable.NewSortedMap[string, *TrustLine](stringComparer{}),
	}
	for _, t := range s.TableList() {
		sn.putTable(t.Key(), t)
	}
	for _, e := range s.EscrowList() {
		sn.putEscrow(e.Key(), e)
	}
	for _, l := range s.LineList() {
		sn.putLine(l.Key(), l)
	}
	return sn
}

// Apply returns the snapshot after c, the ledger closed on this
// snapshot's state. sn itself is unchanged.
func (sn *Snapshot) Apply(c *Closed) *Snapshot {
	next := *sn
	next.header, next.hash = c.Header, c.Hash
	for _, a := range c.Changed {
		next.accounts = next.accounts.Set(a.Account, a)
	}
	// Every old entry leaves its indexes before any new one enters: a
	// rename deletes the old key and creates the new one with the same
	// NameInDB, in either order.
	for _, u := range c.ChangedTables {
		next.removeTable(u.Key)
	}
	for _, u := range c.ChangedTables {
		if u.Table != nil {
			next.putTable(u.Key, u.Table)
		}
	}
	for _, u := range c.ChangedEscrows {
		next.removeEscrow(u.Key)
		if u.Escrow != nil {
			next.putEscrow(u.Key, u.Escrow)
		}
	}
	for _, u := range c.ChangedLines {
		next.removeLine(u.Key)
		if u.Line != nil {
			next.putLine(u.Key, u.Line)
		}
	}
	for _, u := range c.ChangedSlots {
		if u.Value == ([32]byte{}) {
			next.slots = next.slots.Delete(u.Slot)
		} else {
			next.slots = next.slots.Set(u.Slot, u.Value)
		}
	}
	return &next
}

func (sn *Snapshot) putTable(key hash.Hash256, t *Table) {
	sn.tables = sn.tables.Set(key, t)
	sn.byOwner = sn.byOwner.Set(ownerIndex(t.Owner, t.Name), t)
	sn.byNameInDB = sn.byNameInDB.Set(t.NameInDB, key)
}

func (sn *Snapshot) removeTable(key hash.Hash256) {
	old, ok := sn.tables.Get(key)
	if !ok {
		return
	}
	sn.tables = sn.tables.Delete(key)
	sn.byOwner = sn.byOwner.Delete(ownerIndex(old.Owner, old.Name))
	if k, ok := sn.byNameInDB.Get(old.NameInDB); ok && k == key {
		sn.byNameInDB = sn.byNameInDB.Delete(old.NameInDB)
	}
}

func (sn *Snapshot) putEscrow(key hash.Hash256, e *Escrow) {
	sn.escrows = sn.escrows.Set(key, e)
	sn.escrowsOf = sn.escrowsOf.Set(string(e.Owner[:])+string(key[:]), e)
	if e.Destination != e.Owner {
		sn.escrowsOf = sn.escrowsOf.Set(string(e.Destination[:])+string(key[:]), e)
	}
}

func (sn *Snapshot) removeEscrow(key hash.Hash256) {
	old, ok := sn.escrows.Get(key)
	if !ok {
		return
	}
	sn.escrows = sn.escrows.Delete(key)
	sn.escrowsOf = sn.escrowsOf.Delete(string(old.Owner[:]) + string(key[:]))
	sn.escrowsOf = sn.escrowsOf.Delete(string(old.Destination[:]) + string(key[:]))
}

func (sn *Snapshot) putLine(key hash.Hash256, l *TrustLine) {
	sn.lines = sn.lines.Set(key, l)
	sn.linesOf = sn.linesOf.Set(string(l.Low[:])+string(key[:]), l)
	sn.linesOf = sn.linesOf.Set(string(l.High[:])+string(key[:]), l)
}

func (sn *Snapshot) removeLine(key hash.Hash256) {
	old, ok := sn.lines.Get(key)
	if !ok {
		return
	}
	sn.lines = sn.lines.Delete(key)
	sn.linesOf = sn.linesOf.Delete(string(old.Low[:]) + string(key[:]))
	sn.linesOf = sn.linesOf.Delete(string(old.High[:]) + string(key[:]))
}

func ownerIndex(owner address.AccountID, name []byte) string {
	return string(owner[:]) + string(name)
}

// fnv32 is 32-bit FNV-1a: deterministic, and every byte counts (slot
// keys are often small integers).
func fnv32(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

type accountHasher struct{}

func (accountHasher) Hash(k address.AccountID) uint32   { return fnv32(k[:]) }
func (accountHasher) Equal(a, b address.AccountID) bool { return a == b }

type keyHasher struct{}

func (keyHasher) Hash(k hash.Hash256) uint32   { return fnv32(k[:]) }
func (keyHasher) Equal(a, b hash.Hash256) bool { return a == b }

type nameInDBHasher struct{}

func (nameInDBHasher) Hash(k [20]byte) uint32   { return fnv32(k[:]) }
func (nameInDBHasher) Equal(a, b [20]byte) bool { return a == b }

type slotHasher struct{}

func (slotHasher) Hash(s Slot) uint32   { return fnv32(s.Contract[:])*31 + fnv32(s.Key[:]) }
func (slotHasher) Equal(a, b Slot) bool { return a == b }

// stringComparer orders strings by their bytes.
type stringComparer struct{}

func (stringComparer) Compare(a, b string) int { return strings.Compare(a, b) }

// Params returns the chain's fee schedule.
func (sn *Snapshot) Params() Params { return sn.params }

// Header returns the header of the snapshot's ledger.
func (sn *Snapshot) Header() Header { return sn.header }

// Hash returns the hash of the snapshot's ledger.
func (sn *Snapshot) Hash() hash.Hash256 { return sn.hash }

// Account returns an account root.
func (sn *Snapshot) Account(id address.AccountID) (AccountRoot, bool) {
	return sn.accounts.Get(id)
}

// Accounts is the number of accounts.
func (sn *Snapshot) Accounts() int { return sn.accounts.Len() }

// TableByKey returns a table by ledger index. With Account and Slot, it
// makes a Snapshot a Lookup.
func (sn *Snapshot) TableByKey(key hash.Hash256) (*Table, bool) {
	return sn.tables.Get(key)
}

// Table returns a table by owner and plain name.
func (sn *Snapshot) Table(owner address.AccountID, name []byte) (*Table, bool) {
	return sn.byOwner.Get(ownerIndex(owner, name))
}

// TableByNameInDB returns a table by its NameInDB.
func (sn *Snapshot) TableByNameInDB(n [20]byte) (*Table, bool) {
	key, ok := sn.byNameInDB.Get(n)
	if !ok {
		return nil, false
	}
	return sn.TableByKey(key)
}

// Tables returns an owner's tables, ordered by name.
func (sn *Snapshot) Tables(owner address.AccountID) []*Table {
	var out []*Table
	it := sn.byOwner.Iterator()
	it.Seek(string(owner[:]))
	for !it.Done() {
		k, t, _ := it.Next()
		if !bytes.HasPrefix([]byte(k), owner[:]) {
			break
		}
		out = append(out, t)
	}
	return out
}

// Slot returns a contract storage slot, zero when absent.
func (sn *Snapshot) Slot(s Slot) [32]byte {
	v, _ := sn.slots.Get(s)
	return v
}

// Escrow returns an escrow by ledger index; the caller must not modify
// it. With Account, TableByKey and Slot, it makes a Snapshot a Lookup.
func (sn *Snapshot) Escrow(key hash.Hash256) (*Escrow, bool) {
	return sn.escrows.Get(key)
}

// AccountEscrows returns the escrows an account owns or is the
// destination of, ordered by ledger index; callers must not modify
// them.
func (sn *Snapshot) AccountEscrows(id address.AccountID) []*Escrow {
	var out []*Escrow
	it := sn.escrowsOf.Iterator()
	it.Seek(string(id[:]))
	for !it.Done() {
		k, e, _ := it.Next()
		if !bytes.HasPrefix([]byte(k), id[:]) {
			break
		}
		out = append(out, e)
	}
	return out
}

// Line returns a trust line by ledger index; the caller must not modify
// it. It makes a Snapshot a Lookup.
func (sn *Snapshot) Line(key hash.Hash256) (*TrustLine, bool) {
	return sn.lines.Get(key)
}

// AccountLines returns the trust lines of an account, ordered by ledger
// index; callers must not modify them.
func (sn *Snapshot) AccountLines(id address.AccountID) []*TrustLine {
	var out []*TrustLine
	it := sn.linesOf.Iterator()
	it.Seek(string(id[:]))
	for !it.Done() {
		k, l, _ := it.Next()
		if !bytes.HasPrefix([]byte(k), id[:]) {
			break
		}
		out = append(out, l)
	}
	return out
}
