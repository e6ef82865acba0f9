package projections

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// DefaultSelectLimit is chainsqld's select_limit: the most rows a query
// returns when the configuration does not say.
const DefaultSelectLimit = 200

// MaxDiffTolerance is chainsqld's MAX_DIFF_TOLERANCE: a projection at most
// this many ledgers behind reports a diff of 0.
const MaxDiffTolerance = 3

// Options configure a Projection. The zero value is usable.
type Options struct {
	// SelectLimit caps the rows of every query; 0 means
	// DefaultSelectLimit.
	SelectLimit int
	// Readers is the number of read-only connections queries share; 0
	// means 4.
	Readers int
	// Backend is the SQL database to use instead of the embedded SQLite
	// file in the directory given to Open. The Projection closes it.
	Backend Backend
	// SyncTables are the confidential tables whose rows the store
	// decrypts and applies (chainsqld's [sync_tables] with a secret);
	// any other confidential table's transactions give db_noSyncTable.
	SyncTables []SyncTable
}

// Projection is the SQL table store: every successful table transaction of
// the event log, applied to a SQL database, one SQL transaction per
// ledger. Apply, CatchUp, Follow and Rebuild are serialised; queries run
// in parallel with them on read-only connections.
type Projection struct {
	b           Backend
	d           Dialect
	selectLimit int
	sync        syncKeys

	// mu serialises the writers: Apply, Rebuild, Digest.
	mu sync.Mutex
	// cp is the checkpoint, replaced after each commit; nil before the
	// first ledger.
	cp     atomic.Pointer[Checkpoint]
	closed atomic.Bool

	// schemas caches the tables' schemas for queries; stmts the
	// statements prepared on the read-only pool.
	schemas schemaCache
	stmts   *stmtCache

	// knobs are hooks for tests.
	knobs testingKnobs
}

// testingKnobs let tests interfere with a Projection.
type testingKnobs struct {
	// beforeCommit runs just before a ledger's transaction commits; an
	// error makes Apply roll it back and fail, as a crash there would.
	beforeCommit func(seq uint32) error
	// afterCommit runs just after a ledger's transaction committed; an
	// error makes Apply fail as if the commit's answer were lost.
	afterCommit func(seq uint32) error
}

// Open opens the projection in dir, creating the directory and its SQLite
// store (SQLiteFile) if needed, unless opts name another Backend.
func Open(dir string, opts Options) (*Projection, error) {
	b := opts.Backend
	if b == nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("projections: open: %w", err)
		}
		readers := opts.Readers
		if readers == 0 {
			readers = 4
		}
		var err error
		if b, err = OpenSQLite(filepath.Join(dir, SQLiteFile), readers); err != nil {
			return nil, fmt.Errorf("projections: %w", err)
		}
	}
	p := &Projection{b: b, d: b.Dialect(), selectLimit: opts.SelectLimit, sync: syncKeys(opts.SyncTables), stmts: newStmtCache(b.Reader(), stmtCacheSize)}
	if p.selectLimit <= 0 {
		p.selectLimit = DefaultSelectLimit
	}
	ctx := context.Background()
	for _, ddl := range metaDDL(p.d) {
		if _, err := b.Writer().ExecContext(ctx, ddl); err != nil {
			return nil, fmt.Errorf("projections: open: %w", errors.Join(err, b.Close()))
		}
	}
	cp, ok, err := loadCheckpoint(ctx, b.Writer())
	if err != nil {
		return nil, fmt.Errorf("projections: open: %w", errors.Join(err, b.Close()))
	}
	if ok {
		p.cp.Store(&cp)
	}
	return p, nil
}

// Close closes the store. Queries in flight fail.
func (p *Projection) Close() error {
	if p.closed.Swap(true) {
		return fmt.Errorf("projections: close: %w", ErrClosed)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := errors.Join(p.stmts.close(), p.b.Close()); err != nil {
		return fmt.Errorf("projections: close: %w", err)
	}
	return nil
}

// Checkpoint returns the last ledger applied; ok is false before the
// first.
func (p *Projection) Checkpoint() (seq uint32, hash [32]byte, ok bool) {
	cp := p.cp.Load()
	if cp == nil {
		return 0, [32]byte{}, false
	}
	return cp.Seq, cp.Hash, true
}

// Diff returns the "diff" field of query responses: how many ledgers the
// projection is behind head (the last ledger in the event log), reported
// as 0 when it is at most MaxDiffTolerance behind, as chainsqld does.
func (p *Projection) Diff(head uint32) uint32 {
	var done uint32
	if cp := p.cp.Load(); cp != nil {
		done = cp.Seq
	}
	if head <= done || head-done <= MaxDiffTolerance {
		return 0
	}
	return head - done
}

// SelectLimit returns the row cap of queries.
func (p *Projection) SelectLimit() int { return p.selectLimit }

// enter fails once the Projection is closed.
func (p *Projection) enter(op string) error {
	if p.closed.Load() {
		return fmt.Errorf("projections: %s: %w", op, ErrClosed)
	}
	return nil
}
