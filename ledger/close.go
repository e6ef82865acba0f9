package ledger

import (
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
	// ChangedEscrows is the final value of every escrow the ledger
	// touched (Escrow nil: finished or cancelled), in the order they
	// were first touched.
	ChangedEscrows []EscrowUpdate
	// ChangedLines is the final value of every trust line the ledger
	// touched (Line nil: deleted), in the order they were first
	// touched.
	ChangedLines []LineUpdate
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
	// Tables are the tables the transaction names, in order and without
	// repeats (a rename: the old name, then the new one); none for other
	// transactions.
	Tables []TableRef
	// Destroyed is the drops the transaction destroyed: its fee, and for
	// a contract the gas it used (a failed one's charge likewise). The
	// header's TotalDrops falls by the sum; it is not recorded in the
	// log, whose balances carry it.
	Destroyed uint64
}

// Rejected is a transaction left out of a ledger.
type Rejected struct {
	Tx   *tx.Tx
	Code ter.Code
	// Tables are the tables the transaction names, as for Applied.
	Tables []TableRef
}

// Close applies txs in order as the next ledger, closed at closeTime
// (Ripple epoch seconds; a time not after the parent's close is moved to
// one second after it, so close times strictly increase), and makes that
// ledger the state's last closed one.
func (s *State) Close(txs []*tx.Tx, closeTime uint32) *Closed {
	parent := s.header
	e := &env{seq: parent.Seq + 1, closeTime: closeTime, parentCloseTime: parent.CloseTime, params: s.params, blockHash: s.blockHash(parent.Seq + 1)}
	if e.closeTime <= parent.CloseTime {
		e.closeTime = parent.CloseTime + 1
	}
	c := &Closed{Txs: make([]Applied, 0, len(txs))}
	v := &sandbox{base: s}
	r := newRecorder(len(txs))
	total := parent.TotalDrops
	leaves := make([]hash.Hash256, 0, len(txs))
	for _, t := range txs {
		v.reset()
		code, claimed := applyOne(v, t, e)
		if !claimed {
			c.Rejected = append(c.Rejected, Rejected{Tx: t, Code: code, Tables: r.tablesOf(t)})
			continue
		}
		m := Meta{Index: uint32(len(c.Txs)), Result: code, DeliveredDrops: -1, Detail: v.result.detail, Logs: v.result.logs}
		if code == ter.TesSUCCESS && t.Type == tx.Payment {
			m.DeliveredDrops = v.result.delivered
			if v.result.hasIOU {
				m.DeliveredDrops = -1
				m.DeliveredIOU, m.HasDeliveredIOU = v.result.deliveredIOU, true
			}
		}
		r.slots(c, v.smods)
		m.Nodes, m.Tables = s.commit(v, t.Hash, e.seq, r)
		m.Escrows = s.commitEscrows(v, t.Hash, e.seq)
		r.escrows(c, m.Escrows)
		m.Lines = s.commitLines(v, t.Hash, e.seq)
		r.lines(c, m.Lines)
		r.tables(c, m.Tables)
		r.accounts(c, m.Nodes)
		total -= v.feeDrops
		blob := r.blob(r.meta.encode(&m, r.keys))
		c.Txs = append(c.Txs, Applied{Tx: t, Meta: m, MetaBlob: blob, Tables: r.tablesOf(t), Destroyed: v.feeDrops})
		leaves = append(leaves, hash.SHA512Half(hash.TxNode[:], t.Blob, blob))
	}
	s.digestChanged(c.Changed)
	s.digestChangedTables(c.ChangedTables)
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
// account to the transaction, and returns them as metadata nodes (in
// r's slab; their ledger indexes in r.keys). Each changed entry's old
// term of the state hash is the one stored with it, and its ledger index
// is the one it already had. An account's new term waits for the end of
// the ledger (digestChanged): an account changed by many of a ledger's
// transactions is hashed once, at its final value.
func (s *State) commit(v *sandbox, txID hash.Hash256, seq uint32, r *recorder) ([]NodeChange, []TableChange) {
	nodes := r.nodes.alloc(len(v.mods))
	r.keys = r.keys[:0]
	for i, m := range v.mods {
		a := m.after
		switch {
		case m.before == nil:
			a.key = AccountKey(a.Account)
		case !m.before.pending:
			s.sum.sub(m.before.digest)
		}
		a.PreviousTxnID = txID
		a.PreviousTxnLgrSeq = seq
		a.pending = true
		s.accounts[a.Account] = a
		nodes[i] = NodeChange{After: &a.AccountRoot, Key: a.key}
		if m.before != nil {
			nodes[i].Before = &m.before.AccountRoot
		}
		r.keys = append(r.keys, a.key)
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
			// The sandbox read before from the state under this key.
			if e := s.tables[m.key]; !e.pending {
				s.sum.sub(e.digest)
			}
			delete(s.tables, m.key)
		}
		if m.after != nil {
			s.tables[m.key] = tableEntry{t: m.after, pending: true}
		}
		tables = append(tables, TableChange{Key: m.key, Before: m.before, After: m.after})
	}
	return nodes, tables
}

// digestChangedTables adds to the state hash the term of each table the
// ledger changed and still holds, at its final value, as digestChanged
// does for accounts: a table that many inserts of a ledger change (its
// LastTx, CheckHash) is hashed once, with its grants, not once an insert.
func (s *State) digestChangedTables(changed []TableUpdate) {
	for _, u := range changed {
		e, ok := s.tables[u.Key]
		if !ok || !e.pending {
			continue
		}
		e.digest, e.pending = e.t.digest(u.Key), false
		s.tables[u.Key] = e
		s.sum.add(e.digest)
	}
}

// digestChanged adds to the state hash the term of each account the
// ledger changed (changed: each once, in the order of their first
// change), at its final value, and stores it with the entry.
func (s *State) digestChanged(changed []AccountRoot) {
	for i := range changed {
		e := s.accounts[changed[i].Account]
		e.digest = e.AccountRoot.digest(e.key)
		e.pending = false
		s.sum.add(e.digest)
	}
}

// commitEscrows moves a sandbox's escrow changes into the state,
// threading each remaining escrow to the transaction, and returns them
// for the metadata.
func (s *State) commitEscrows(v *sandbox, txID hash.Hash256, seq uint32) []EscrowChange {
	var out []EscrowChange
	for _, m := range v.emods {
		if m.before == nil && m.after == nil {
			continue
		}
		if m.before != nil {
			s.sum.sub(s.escrows[m.key].digest)
			delete(s.escrows, m.key)
		}
		if m.after != nil {
			m.after.PreviousTxnID = txID
			m.after.PreviousTxnLgrSeq = seq
			d := m.after.digest(m.key)
			s.sum.add(d)
			s.escrows[m.key] = escrowEntry{e: m.after, digest: d}
		}
		out = append(out, EscrowChange{Key: m.key, Before: m.before, After: m.after})
	}
	return out
}

// commitLines moves a sandbox's trust line changes into the state,
// threading each remaining line to the transaction, and returns them
// for the metadata.
func (s *State) commitLines(v *sandbox, txID hash.Hash256, seq uint32) []LineChange {
	var out []LineChange
	for _, m := range v.lmods {
		if m.before == nil && m.deleted {
			continue
		}
		if m.before != nil {
			s.sum.sub(s.lines[m.key].digest)
			delete(s.lines, m.key)
		}
		if m.deleted {
			out = append(out, LineChange{Key: m.key, Before: m.before, Final: m.after})
			continue
		}
		m.after.PreviousTxnID = txID
		m.after.PreviousTxnLgrSeq = seq
		d := m.after.digest(m.key)
		s.sum.add(d)
		s.lines[m.key] = lineEntry{l: m.after, digest: d}
		out = append(out, LineChange{Key: m.key, Before: m.before, After: m.after})
	}
	return out
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
