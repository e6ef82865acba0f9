package ledger

import (
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tx"
)

// recorder is what Close keeps while it records a ledger's transactions:
// where each account, table and slot first appears in the Closed
// ledger's lists, the metadata writer, and the slabs the recorded
// metadata is carved from.
type recorder struct {
	touched       map[address.AccountID]int
	touchedTables map[hash.Hash256]int
	touchedSlots  map[Slot]int
	touchedEscrow map[hash.Hash256]int
	touchedLines  map[hash.Hash256]int
	meta          metaWriter
	// keys are the ledger indexes of the last commit's nodes.
	keys  []hash.Hash256
	nodes slab[NodeChange]
	blobs slab[byte]
	// refs holds the tables of the transactions; scratch is where
	// they are listed first.
	refs    slab[TableRef]
	scratch []TableRef
}

// Slab chunk sizes: a chunk holds the nodes of 128 payments, the
// metadata of about 60.
const (
	nodeChunk = 256
	blobChunk = 16 << 10
	refChunk  = 256
)

func newRecorder(txs int) *recorder {
	return &recorder{
		touched:       make(map[address.AccountID]int, min(txs, 1024)),
		touchedTables: make(map[hash.Hash256]int),
		touchedSlots:  make(map[Slot]int),
		touchedEscrow: make(map[hash.Hash256]int),
		touchedLines:  make(map[hash.Hash256]int),
		nodes:         slab[NodeChange]{size: nodeChunk},
		blobs:         slab[byte]{size: blobChunk},
		refs:          slab[TableRef]{size: refChunk},
	}
}

// tablesOf returns the tables t names (tablesOf), carved from r's slab;
// nil when it names none.
func (r *recorder) tablesOf(t *tx.Tx) []TableRef {
	r.scratch = tablesOf(t, r.scratch[:0])
	if len(r.scratch) == 0 {
		return nil
	}
	out := r.refs.alloc(len(r.scratch))
	copy(out, r.scratch)
	return out
}

// blob returns a lasting copy of an encoded metadata blob.
func (r *recorder) blob(b []byte) []byte {
	out := r.blobs.alloc(len(b))
	copy(out, b)
	return out
}

// accounts records the final value of each account in nodes, in the
// order accounts were first touched.
func (r *recorder) accounts(c *Closed, nodes []NodeChange) {
	for _, n := range nodes {
		keepLast(r.touched, &c.Changed, n.After.Account, *n.After)
	}
}

// tables records the final value of each table in changes.
func (r *recorder) tables(c *Closed, changes []TableChange) {
	for _, tc := range changes {
		keepLast(r.touchedTables, &c.ChangedTables, tc.Key, TableUpdate{Key: tc.Key, Table: tc.After})
	}
}

// escrows records the final value of each escrow in changes.
func (r *recorder) escrows(c *Closed, changes []EscrowChange) {
	for _, ec := range changes {
		keepLast(r.touchedEscrow, &c.ChangedEscrows, ec.Key, EscrowUpdate{Key: ec.Key, Escrow: ec.After})
	}
}

// lines records the final value of each trust line in changes.
func (r *recorder) lines(c *Closed, changes []LineChange) {
	for _, lc := range changes {
		keepLast(r.touchedLines, &c.ChangedLines, lc.Key, LineUpdate{Key: lc.Key, Line: lc.After})
	}
}

// slots records the final value of each storage slot in changes.
func (r *recorder) slots(c *Closed, changes []slotChange) {
	for _, sc := range changes {
		keepLast(r.touchedSlots, &c.ChangedSlots, sc.slot, SlotUpdate{Slot: sc.slot, Value: sc.after})
	}
}

// keepLast records v as key's final value in list: in its place when
// key is listed already (index holds each key's position), else
// appended, so the list keeps the order of first changes.
func keepLast[K comparable, V any](index map[K]int, list *[]V, key K, v V) {
	if i, ok := index[key]; ok {
		(*list)[i] = v
		return
	}
	index[key] = len(*list)
	*list = append(*list, v)
}

// slab hands out slices carved from shared chunks, so that a ledger's
// many small slices that outlive Close (each transaction's metadata
// nodes and blob) cost a few allocations rather than one each. Each
// slice is capped at its length, so appending to one copies it rather
// than writing into its neighbour. A chunk lives as long as any of its
// slices.
type slab[T any] struct {
	size  int // elements in a chunk
	chunk []T
}

// alloc returns a zeroed slice of n elements.
func (s *slab[T]) alloc(n int) []T {
	if n > cap(s.chunk)-len(s.chunk) {
		s.chunk = make([]T, 0, max(n, s.size))
	}
	i := len(s.chunk)
	s.chunk = s.chunk[:i+n]
	return s.chunk[i : i+n : i+n]
}
