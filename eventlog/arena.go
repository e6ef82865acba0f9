package eventlog

// arenaChunk is the size of the blocks an arena hands out copies from.
const arenaChunk = 64 << 10

// arena copies many small values into a few large allocations, so reading
// a ledger costs a handful of allocations instead of one per transaction.
// Each copy is capped (len == cap), so appending to one never overwrites
// another. Values larger than a quarter chunk get their own allocation.
type arena struct {
	buf []byte
}

// clone returns a copy of b, or nil for an empty b.
func (a *arena) clone(b []byte) []byte {
	n := len(b)
	if n == 0 {
		return nil
	}
	if n > arenaChunk/4 {
		return append(make([]byte, 0, n), b...)
	}
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]byte, 0, arenaChunk)
	}
	start := len(a.buf)
	a.buf = append(a.buf, b...)
	return a.buf[start : start+n : start+n]
}
