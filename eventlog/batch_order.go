package eventlog

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
)

// sortedWrites gathers index entries (keys with their values) so that
// they can be put into a batch in key order. Pebble inserts a batch into
// its memtable skiplist in batch order, reusing the previous insertion's
// position as a hint: writes in key order insert much faster than the
// random order of hashes and accounts.
type sortedWrites struct {
	buf  []byte
	ents []writeEnt
}

// writeEnt locates one key and its value in buf. head holds the key's
// first 8 bytes, big-endian, so most comparisons are one integer compare.
type writeEnt struct {
	head            uint64
	off, klen, vlen int
}

func (w *sortedWrites) reset() {
	w.buf, w.ents = w.buf[:0], w.ents[:0]
}

// begin returns the offset at which the caller appends a key to w.buf.
func (w *sortedWrites) begin() int { return len(w.buf) }

// end records the entry appended since off, whose key ends at keyEnd.
func (w *sortedWrites) end(off, keyEnd int) {
	var head [8]byte
	copy(head[:], w.buf[off:keyEnd])
	w.ents = append(w.ents, writeEnt{
		head: binary.BigEndian.Uint64(head[:]),
		off:  off, klen: keyEnd - off, vlen: len(w.buf) - keyEnd,
	})
}

func (w *sortedWrites) key(e writeEnt) []byte { return w.buf[e.off : e.off+e.klen] }

func (w *sortedWrites) value(e writeEnt) []byte {
	return w.buf[e.off+e.klen : e.off+e.klen+e.vlen]
}

// sort orders the entries by key.
func (w *sortedWrites) sort() {
	slices.SortFunc(w.ents, func(a, b writeEnt) int {
		if c := cmp.Compare(a.head, b.head); c != 0 {
			return c
		}
		return bytes.Compare(w.key(a), w.key(b))
	})
}
