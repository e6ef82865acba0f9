package ledgerlog

import (
	"errors"

	"github.com/sqledger/sqledger/eventlog"
)

// readAhead is how many decoded ledgers the reader may hold ready.
const readAhead = 2

// readLedger is a ledger of the log with its record decoded (led is nil
// for the genesis ledger, which has nothing to decode), or the error
// that ended the reading.
type readLedger struct {
	rec *eventlog.Ledger
	led *Decoded
	err error
}

// logReader reads and decodes the log in its own goroutine. A ledger
// it cannot decode comes with its error and ends the reading; an error
// of the log itself is stop's.
type logReader struct {
	ledgers  <-chan readLedger
	done     chan struct{}
	finished chan struct{}
	err      error // the log's, once finished is closed
	stopped  bool
}

// startReader starts reading the log from genesis.
func startReader(log *eventlog.Log) *logReader {
	ch := make(chan readLedger, readAhead)
	r := &logReader{ledgers: ch, done: make(chan struct{}), finished: make(chan struct{})}
	go func() {
		defer close(r.finished)
		defer close(ch)
		err := log.Iterate(1, func(rec *eventlog.Ledger) error {
			d := readLedger{rec: rec}
			if rec.Seq != 1 {
				d.led, d.err = Decode(rec)
			}
			select {
			case ch <- d:
				return d.err
			case <-r.done:
				return errStop
			}
		})
		if !errors.Is(err, errStop) {
			r.err = err
		}
	}()
	return r
}

// stop makes the reader stop, waits for it and returns the error that
// ended its reading, if any. It may be called more than once.
func (r *logReader) stop() error {
	if !r.stopped {
		r.stopped = true
		close(r.done)
	}
	<-r.finished
	return r.err
}

var errStop = errors.New("stop")
