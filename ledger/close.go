package ledger

import (
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Closed is the outcome of closing a ledger.
type Closed struct {
	Header Header
	Hash   hash.Hash256
	// Txs are the transactions in the ledger, in ledger order, each with
	// its metadata and encoded metadata.
	Txs []Applied
	// Rejected are the transactions that did not make it into the ledger,
	// with the reason; they changed nothing.
	Rejected []Rejected
	// Changed is the final value of every account the ledger touched, in
	// the order they were first touched.
	Changed []AccountRoot
	// ChangedTables is the final value of every table the ledger touched
	// (Table nil: deleted), in the order they were first touched.
	ChangedTables []TableUpdate
	// ChangedSlots is the final value of every contract storage slot the
	// ledger wrote, in the order they were first written.
	ChangedSlots []SlotUpdate
}

// TableUpdate is a table's value after a ledger; Table is nil when the
// ledger deleted it (a drop, or the old name of a rename).
type TableUpdate struct {
	Key   hash.Hash256
	Table *Table
}

// Applied is a transaction recorded in a ledger.
type Applied struct {
	Tx       *tx.Tx
	Meta     Meta
	MetaBlob []byte
}

// Rejected is a transaction left out of a ledger.
type Rejected struct {
	Tx   *tx.Tx
	Code ter.Code
}

// Close applies txs in order as the next ledger, closed at closeTime
// (Ripple epoch seconds; a time not after the parent's close is moved to
// one second after it, so close times strictly increase), and makes that
// ledger the state's last closed one.
func (s *State) Close(txs []*tx.Tx, closeTime uint32) *Closed {
	parent := s.header
	e := &env{seq: parent.Seq + 1, closeTime: closeTime, params: s.params, blockHash: s.blockHash(parent.Seq + 1)}
	if e.closeTime <= parent.CloseTime {
		e.closeTime = parent.CloseTime + 1
	}
	c := &Closed{}
	v := &sandbox{base: s}
	touched := make(map[address.AccountID]int)
	touchedTables := make(map[hash.Hash256]int)
	touchedSlots := make(map[Slot]int)
	total := parent.TotalDrops
	leaves := make([]hash.Hash256, 0, len(txs))
	for _, t := range txs {
		v.reset()
		code, claimed := applyOne(v, t, e)
		if !claimed {
			c.Rejected = append(c.Rejected, Rejected{Tx: t, Code: code})
			continue
		}
		m := Meta{Index: uint32(len(c.Txs)), Result: code, DeliveredDrops: -1, Detail: v.result.detail, Logs: v.result.logs}
		for _, sc := range v.smods {
			u := SlotUpdate{Slot: sc.slot, Value: sc.after}
			if i, ok := touchedSlots[sc.slot]; ok {
				c.ChangedSlots[i] = u
				continue
			}
			touchedSlots[sc.slot] = len(c.ChangedSlots)
			c.ChangedSlots = append(c.ChangedSlots, u)
		}
		if code == ter.TesSUCCESS && t.Type == tx.Payment {
			p, _ := t.Payment()
			m.DeliveredDrops = p.Drops
		}
		m.Nodes, m.Tables = s.commit(v, t.Hash, e.seq)
		for _, tc := range m.Tables {
			u := TableUpdate{Key: tc.Key, Table: tc.After}
			if i, ok := touchedTables[tc.Key]; ok {
				c.ChangedTables[i] = u
				continue
			}
			touchedTables[tc.Key] = len(c.ChangedTables)
			c.ChangedTables = append(c.ChangedTables, u)
		}
		total -= v.feeDrops
		for _, n := range m.Nodes {
			id := n.After.Account
			if i, ok := touched[id]; ok {
				c.Changed[i] = *n.After
				continue
			}
			touched[id] = len(c.Changed)
			c.Changed = append(c.Changed, *n.After)
		}
		blob := m.Encode()
		c.Txs = append(c.Txs, Applied{Tx: t, Meta: m, MetaBlob: blob})
		leaves = append(leaves, hash.SHA512Half(hash.TxNode[:], t.Blob, blob))
	}
	s.header = Header{
		Seq:                 e.seq,
		TotalDrops:          total,
		ParentHash:          s.hash,
		TxHash:              treeRoot(leaves),
		AccountHash:         s.sum.sum(),
		ParentCloseTime:     parent.CloseTime,
		CloseTime:           e.closeTime,
		CloseTimeResolution: CloseTimeResolution,
	}
	s.hash = s.header.Hash()
	s.recent[s.header.Seq%256] = s.hash
	c.Header, c.Hash = s.header, s.hash
	s.checkClose(parent, c)
	return c
}

// commit moves a sandbox's changes into the state, threading each
// account to the transaction, and returns them as metadata nodes.
func (s *State) commit(v *sandbox, txID hash.Hash256, seq uint32) ([]NodeChange, []TableChange) {
	nodes := make([]NodeChange, len(v.mods))
	for i, m := range v.mods {
		if m.before != nil {
			s.sum.sub(m.before.digest())
		}
		m.after.PreviousTxnID = txID
		m.after.PreviousTxnLgrSeq = seq
		s.sum.add(m.after.digest())
		s.accounts[m.after.Account] = m.after
		nodes[i] = NodeChange{Before: m.before, After: m.after.clone()}
	}
	for _, sc := range v.smods {
		if sc.before != ([32]byte{}) {
			s.sum.sub(slotDigest(sc.slot, sc.before))
			delete(s.storage, sc.slot)
		}
		if sc.after != ([32]byte{}) {
			s.sum.add(slotDigest(sc.slot, sc.after))
			s.storage[sc.slot] = sc.after
		}
	}
	var tables []TableChange
	for _, m := range v.tmods {
		if m.before == nil && m.after == nil {
			continue
		}
		if m.before != nil {
			s.sum.sub(m.before.digest())
			delete(s.tables, m.key)
		}
		if m.after != nil {
			s.sum.add(m.after.digest())
			s.tables[m.key] = m.after
		}
		tables = append(tables, TableChange{Key: m.key, Before: m.before, After: m.after})
	}
	return nodes, tables
}

// treeRoot is the root of a binary SHA-512Half tree over the leaves: each
// level hashes pairs as SHA-512Half("MIN\0" ‖ left ‖ right) and carries an
// odd last node up unchanged. No leaves give the zero hash.
func treeRoot(level []hash.Hash256) hash.Hash256 {
	if len(level) == 0 {
		return hash.Hash256{}
	}
	for len(level) > 1 {
		next := level[:0:0]
		for i := 0; i < len(level); i += 2 {
			if i+1 == len(level) {
				next = append(next, level[i])
				continue
			}
			next = append(next, hash.SHA512Half(hash.InnerNode[:], level[i][:], level[i+1][:]))
		}
		level = next
	}
	return level[0]
}
