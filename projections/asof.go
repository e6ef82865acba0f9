package projections

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/tableop"
)

// AsOf answers structured queries (r_get) on the SQL tables as they
// stood after a past ledger. It keeps one scratch store, an embedded
// SQLite file in a directory of its own, that it fills by applying the
// event log's ledgers with the same Apply as the node's store, up to the
// ledger asked: a later ledger applies only the ledgers in between, an
// earlier one starts the scratch store again from the log's first
// ledger. A ledger's rows are therefore exactly those the node's store
// held after it, whichever SQL store the node uses.
//
// The cost of the first query at a ledger is the replay of every table
// transaction up to it (Rebuild's speed); queries at that ledger or
// later ones pay only for the ledgers in between. Queries are
// serialised. A query whose context ends during the replay fails, and
// the ledgers it applied stay applied for the next one.
type AsOf struct {
	log  Log
	dir  string
	opts Options

	mu sync.Mutex
	p  *Projection // the scratch store; nil before the first query
	at string      // its directory
}

// asOfPrefix names the scratch stores' directories in AsOf's.
const asOfPrefix = "asof-"

// NewAsOf returns the as-of reader of log, keeping its scratch stores in
// dir (removing any a previous process left there). opts are the node's
// store options (SyncTables, SelectLimit); Backend is ignored, as the
// scratch store is always SQLite.
func NewAsOf(log Log, dir string, opts Options) (*AsOf, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("projections: as-of store: %w", err)
	}
	old, err := filepath.Glob(filepath.Join(dir, asOfPrefix+"*"))
	if err != nil {
		return nil, fmt.Errorf("projections: as-of store: %w", err)
	}
	for _, d := range old {
		if err := os.RemoveAll(d); err != nil {
			return nil, fmt.Errorf("projections: as-of store: %w", err)
		}
	}
	opts.Backend, opts.Readers = nil, 1
	return &AsOf{log: log, dir: dir, opts: opts}, nil
}

// errReached stops the replay at the ledger asked.
var errReached = errors.New("reached")

// Get answers r_get on table nameInDB as it stood after ledger seq,
// with rule's Get condition as GetWhere does.
func (a *AsOf) Get(ctx context.Context, seq uint32, nameInDB [20]byte, raw []byte, rule tableop.Value, limit int) ([]map[string]any, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.reach(ctx, seq); err != nil {
		return nil, err
	}
	return a.p.GetWhere(ctx, nameInDB, raw, rule, limit)
}

// QuerySQL runs one SELECT (r_get_sql_user) on the tables as they stood
// after ledger seq, through filters as QuerySQLWhere does.
func (a *AsOf) QuerySQL(ctx context.Context, seq uint32, sql string, filters []Filter, limit int) ([]map[string]any, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.reach(ctx, seq); err != nil {
		return nil, err
	}
	return a.p.QuerySQLWhere(ctx, sql, filters, limit)
}

// reach brings the scratch store to ledger seq, with a.mu held.
func (a *AsOf) reach(ctx context.Context, seq uint32) error {
	if head, _, ok := a.log.Head(); !ok || seq > head {
		return fmt.Errorf("projections: as of ledger %d: %w", seq, ErrOutOfOrder)
	}
	if a.p != nil {
		if cp, _, ok := a.p.Checkpoint(); ok && cp > seq {
			if err := a.drop(); err != nil {
				return err
			}
		}
	}
	if a.p == nil {
		dir, err := os.MkdirTemp(a.dir, asOfPrefix)
		if err != nil {
			return fmt.Errorf("projections: as-of store: %w", err)
		}
		p, err := Open(dir, a.opts)
		if err != nil {
			return errors.Join(err, os.RemoveAll(dir))
		}
		a.p, a.at = p, dir
	}
	from := uint32(1)
	if cp, _, ok := a.p.Checkpoint(); ok {
		from = cp + 1
	} else if first, ok := a.log.First(); ok {
		from = first
	}
	if from > seq {
		return nil
	}
	err := a.log.Iterate(from, func(led *ledgerlog.Ledger) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := a.p.Apply(ctx, led); err != nil {
			return err
		}
		if led.Seq >= seq {
			return errReached
		}
		return nil
	})
	if err != nil && !errors.Is(err, errReached) {
		return fmt.Errorf("projections: as of ledger %d: %w", seq, err)
	}
	return nil
}

// drop closes and removes the scratch store.
func (a *AsOf) drop() error {
	err := errors.Join(a.p.Close(), os.RemoveAll(a.at))
	a.p, a.at = nil, ""
	if err != nil {
		return fmt.Errorf("projections: as-of store: %w", err)
	}
	return nil
}

// Close removes the scratch store.
func (a *AsOf) Close() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.p == nil {
		return nil
	}
	return a.drop()
}
