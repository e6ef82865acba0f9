//go:build invariants

package ledger

// checkClose runs at the end of every Close in builds with the
// invariants tag (go test -tags invariants ./ledger/): it verifies the
// closed ledger against its parent (checkClosed) and the whole state
// (CheckInvariants), and panics with an error wrapping ErrInvariant on a
// violation. That is a bug or corruption: stopping the node loudly is
// the only safe answer.
func (s *State) checkClose(parent Header, c *Closed) {
	if err := checkClosed(s.params, parent, c); err != nil {
		panic(err)
	}
	if err := s.CheckInvariants(); err != nil {
		panic(err)
	}
}
