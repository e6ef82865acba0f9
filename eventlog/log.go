package eventlog

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
)

// Log is the append-only event log. It is safe for concurrent use: writes
// (Append, SetMeta) are serialised, reads run in parallel with them and
// see only acknowledged ledgers.
type Log struct {
	db     *pebble.DB
	logger *slog.Logger

	// tip is the acknowledged head, replaced (never modified) after each
	// durable Append; nil while the log is empty.
	tip atomic.Pointer[head]

	// fail holds the first write failure; once set, writes are refused.
	fail atomic.Pointer[error]

	// wmu serialises writers and guards their encoding buffers.
	wmu     sync.Mutex
	scratch []byte
	indexes sortedWrites

	// life counts operations in flight so that Close waits for them.
	life lifecycle
}

// Open opens the log in dir, creating it if needed (unless
// opts.ReadOnly), and loads its head. A directory another process has
// open is ErrInUse.
func Open(dir string, opts Options) (*Log, error) {
	fs := opts.FS
	if fs == nil {
		fs = vfs.Default
	}
	if opts.ReadOnly && !hasStore(fs, dir) {
		return nil, fmt.Errorf("eventlog: %w at %s", ErrNoLog, dir)
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	l := &Log{logger: logger.With("component", "eventlog")}
	l.life.init()
	pl := &pebbleLogger{log: logger, onFatal: l.setFailed}
	db, err := pebble.Open(dir, pebbleOptions(fs, opts, pl))
	if err != nil {
		return nil, fmt.Errorf("eventlog: %w", openErr(fs, dir, opts.ReadOnly, err))
	}
	l.db = db
	err = l.loadHead()
	if err == nil {
		err = l.failure()
	}
	if err != nil {
		return nil, fmt.Errorf("eventlog: open %s: %w", dir, errors.Join(err, db.Close()))
	}
	return l, nil
}

// loadHead reads the head record and checks that it agrees with the
// ledger records it names.
func (l *Log) loadHead() error {
	b, err := l.get(headKey)
	if errors.Is(err, ErrNotFound) {
		return l.checkEmpty()
	}
	if err != nil {
		return err
	}
	h, err := decodeHead(b)
	if err != nil {
		return err
	}
	for _, seq := range []uint32{h.first, h.seq} {
		if _, err := l.get(appendLedgerKey(nil, seq)); err != nil {
			if errors.Is(err, ErrNotFound) {
				return corruptf("head names ledgers %d..%d but ledger %d is missing", h.first, h.seq, seq)
			}
			return err
		}
	}
	l.tip.Store(&h)
	return nil
}

// checkEmpty verifies that a log without a head record has no ledgers.
func (l *Log) checkEmpty() error {
	it, err := l.db.NewIter(&pebble.IterOptions{
		LowerBound: []byte{prefixLedger},
		UpperBound: []byte{prefixLedger + 1},
	})
	if err != nil {
		return readErr("check empty log", err)
	}
	found := it.First()
	if err := errors.Join(it.Error(), it.Close()); err != nil {
		return readErr("check empty log", err)
	}
	if found {
		return corruptf("ledger records without a head record")
	}
	return nil
}

// Head returns the sequence and hash of the last acknowledged ledger; ok
// is false while the log is empty.
func (l *Log) Head() (seq uint32, hash [32]byte, ok bool) {
	h := l.tip.Load()
	if h == nil {
		return 0, [32]byte{}, false
	}
	return h.seq, h.hash, true
}

// First returns the sequence of the first ledger in the log; ok is false
// while the log is empty.
func (l *Log) First() (seq uint32, ok bool) {
	h := l.tip.Load()
	if h == nil {
		return 0, false
	}
	return h.first, true
}

// Close waits for the operations in flight, then closes the store. After a
// write failure it reports pebble's error on closing; the files are
// released either way, so the directory can be reopened.
func (l *Log) Close() error {
	if !l.life.close() {
		return fmt.Errorf("eventlog: close: %w", ErrClosed)
	}
	if err := l.db.Close(); err != nil {
		return fmt.Errorf("eventlog: close: %w", err)
	}
	return nil
}

// setFailed records the first write failure; later ones are dropped.
func (l *Log) setFailed(err error) {
	if l.fail.CompareAndSwap(nil, &err) {
		l.logger.Error("event log failed: writes refused until reopened", "err", err)
	}
}

// failure returns ErrFailed wrapping the first write failure, or nil.
func (l *Log) failure() error {
	if p := l.fail.Load(); p != nil {
		return fmt.Errorf("%w: %w", ErrFailed, *p)
	}
	return nil
}

// get returns a copy of the value at key, or ErrNotFound itself (callers
// add the context).
func (l *Log) get(key []byte) ([]byte, error) {
	v, closer, err := l.db.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, readErr(fmt.Sprintf("get %x", key), err)
	}
	out := make([]byte, len(v))
	copy(out, v)
	return out, closer.Close()
}
