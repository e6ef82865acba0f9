package ledger

import (
	iradix "github.com/hashicorp/go-immutable-radix/v2"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// Snapshot is the committed state after one closed ledger, immutable:
// every reader that holds one sees that ledger whole, however many
// ledgers close meanwhile, without a lock. It is indexed for what the
// node's readers ask: accounts by ID, tables by ledger index, by
// NameInDB and by owner (in name order), contract storage by slot.
//
// A snapshot is a set of persistent radix trees: [Snapshot.Apply]
// makes the next ledger's snapshot by copying only the paths to the
// entries the ledger changed, and shares everything else with its
// parent. The sequencer publishes each one after the ledger is durable.
// Tables a snapshot returns are shared: callers must not modify them.
type Snapshot struct {
	params   Params
	header   Header
	hash     hash.Hash256
	accounts *iradix.Tree[AccountRoot]
	tables   *iradix.Tree[*Table]
	// byNameInDB maps a NameInDB to the table's ledger index; byOwner
	// maps owner ‖ plain name to the table.
	byNameInDB *iradix.Tree[hash.Hash256]
	byOwner    *iradix.Tree[*Table]
	slots      *iradix.Tree[[32]byte]
}

// Snapshot returns the state's committed state as a snapshot. It walks
// the whole state; after that, [Snapshot.Apply] follows each ledger.
func (s *State) Snapshot() *Snapshot {
	sn := &Snapshot{
		params: s.params, header: s.header, hash: s.hash,
		accounts: iradix.New[AccountRoot](), tables: iradix.New[*Table](),
		byNameInDB: iradix.New[hash.Hash256](), byOwner: iradix.New[*Table](),
		slots: iradix.New[[32]byte](),
	}
	accounts := sn.accounts.Txn()
	for _, a := range s.AccountList() {
		accounts.Insert(a.Account[:], a)
	}
	sn.accounts = accounts.Commit()
	w := sn.tableWriter()
	for _, t := range s.TableList() {
		w.put(t.Key(), t)
	}
	w.commit(sn)
	slots := sn.slots.Txn()
	for _, u := range s.SlotList() {
		slots.Insert(slotIndex(u.Slot), u.Value)
	}
	sn.slots = slots.Commit()
	return sn
}

// Apply returns the snapshot after c, the ledger closed on this
// snapshot's state. sn itself is unchanged.
func (sn *Snapshot) Apply(c *Closed) *Snapshot {
	next := *sn
	next.header, next.hash = c.Header, c.Hash
	if len(c.Changed) > 0 {
		accounts := sn.accounts.Txn()
		for _, a := range c.Changed {
			accounts.Insert(a.Account[:], a)
		}
		next.accounts = accounts.Commit()
	}
	if len(c.ChangedTables) > 0 {
		// Every old entry leaves its indexes before any new one enters:
		// a rename deletes the old key and creates the new one with the
		// same NameInDB, in either order.
		w := sn.tableWriter()
		for _, u := range c.ChangedTables {
			w.remove(u.Key)
		}
		for _, u := range c.ChangedTables {
			if u.Table != nil {
				w.put(u.Key, u.Table)
			}
		}
		w.commit(&next)
	}
	if len(c.ChangedSlots) > 0 {
		slots := sn.slots.Txn()
		for _, u := range c.ChangedSlots {
			if u.Value == ([32]byte{}) {
				slots.Delete(slotIndex(u.Slot))
			} else {
				slots.Insert(slotIndex(u.Slot), u.Value)
			}
		}
		next.slots = slots.Commit()
	}
	return &next
}

// tableWriter changes a snapshot's three table trees together.
type tableWriter struct {
	tables, byOwner *iradix.Txn[*Table]
	byNameInDB      *iradix.Txn[hash.Hash256]
}

func (sn *Snapshot) tableWriter() tableWriter {
	return tableWriter{tables: sn.tables.Txn(), byOwner: sn.byOwner.Txn(), byNameInDB: sn.byNameInDB.Txn()}
}

func (w tableWriter) put(key hash.Hash256, t *Table) {
	w.tables.Insert(key[:], t)
	w.byOwner.Insert(ownerIndex(t.Owner, t.Name), t)
	w.byNameInDB.Insert(t.NameInDB[:], key)
}

func (w tableWriter) remove(key hash.Hash256) {
	old, ok := w.tables.Delete(key[:])
	if !ok {
		return
	}
	w.byOwner.Delete(ownerIndex(old.Owner, old.Name))
	if k, ok := w.byNameInDB.Get(old.NameInDB[:]); ok && k == key {
		w.byNameInDB.Delete(old.NameInDB[:])
	}
}

func (w tableWriter) commit(sn *Snapshot) {
	sn.tables, sn.byOwner, sn.byNameInDB = w.tables.Commit(), w.byOwner.Commit(), w.byNameInDB.Commit()
}

func ownerIndex(owner address.AccountID, name []byte) []byte {
	return append(owner[:len(owner):len(owner)], name...)
}

func slotIndex(s Slot) []byte {
	return append(s.Contract[:len(s.Contract):len(s.Contract)], s.Key[:]...)
}

// Params returns the chain's fee schedule.
func (sn *Snapshot) Params() Params { return sn.params }

// Header returns the header of the snapshot's ledger.
func (sn *Snapshot) Header() Header { return sn.header }

// Hash returns the hash of the snapshot's ledger.
func (sn *Snapshot) Hash() hash.Hash256 { return sn.hash }

// Account returns an account root.
func (sn *Snapshot) Account(id address.AccountID) (AccountRoot, bool) {
	return sn.accounts.Get(id[:])
}

// Accounts is the number of accounts.
func (sn *Snapshot) Accounts() int { return sn.accounts.Len() }

// TableByKey returns a table by ledger index. With Account and Slot, it
// makes a Snapshot a Lookup.
func (sn *Snapshot) TableByKey(key hash.Hash256) (*Table, bool) {
	return sn.tables.Get(key[:])
}

// Table returns a table by owner and plain name.
func (sn *Snapshot) Table(owner address.AccountID, name []byte) (*Table, bool) {
	return sn.byOwner.Get(ownerIndex(owner, name))
}

// TableByNameInDB returns a table by its NameInDB.
func (sn *Snapshot) TableByNameInDB(n [20]byte) (*Table, bool) {
	key, ok := sn.byNameInDB.Get(n[:])
	if !ok {
		return nil, false
	}
	return sn.TableByKey(key)
}

// Tables returns an owner's tables, ordered by name.
func (sn *Snapshot) Tables(owner address.AccountID) []*Table {
	var out []*Table
	sn.byOwner.Root().WalkPrefix(owner[:], func(_ []byte, t *Table) bool {
		out = append(out, t)
		return false
	})
	return out
}

// Slot returns a contract storage slot, zero when absent.
func (sn *Snapshot) Slot(s Slot) [32]byte {
	v, _ := sn.slots.Get(slotIndex(s))
	return v
}
