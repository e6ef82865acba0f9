package eventlog

import "fmt"

// Iterate calls fn with each ledger from `from` (or First, if that is
// later) up to the head as it was when Iterate began, in order. It reads
// with one forward pebble iterator. It stops at the first error fn
// returns and returns that error unchanged. fn owns each *Ledger it is
// given. fn may call the Log's other methods, but not Close.
func (l *Log) Iterate(from uint32, fn func(*Ledger) error) (err error) {
	if err := l.life.enter(); err != nil {
		return fmt.Errorf("eventlog: iterate: %w", err)
	}
	defer l.life.exit()
	h := l.tip.Load()
	if h == nil || from > h.seq {
		return nil
	}
	from = max(from, h.first)
	s, err := l.newLedgerScanner(from, h.seq)
	if err != nil {
		return fmt.Errorf("eventlog: iterate: %w", err)
	}
	defer closeScanner(s, &err)
	for seq := from; ; seq++ {
		led, err := s.next(seq)
		if err != nil {
			return fmt.Errorf("eventlog: iterate: %w", err)
		}
		if err := fn(led); err != nil {
			return err
		}
		if seq == h.seq {
			return nil
		}
	}
}
