package projections

import (
	"context"
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/ledgerlog"
)

// Log is what a Projection reads from the event log; *eventlog.Log has
// it. Its ledgers are records as ledgerlog reads them.
type Log interface {
	// Iterate calls fn with each ledger from `from` up to the head, in
	// order, and stops at fn's first error.
	Iterate(from uint32, fn func(*ledgerlog.Ledger) error) error
	// Head returns the last ledger in the log; ok is false while it is
	// empty.
	Head() (seq uint32, hash [32]byte, ok bool)
	// First returns the first ledger in the log.
	First() (seq uint32, ok bool)
}

// CatchUp applies every ledger of the log after the checkpoint, calling
// notify (if not nil) with each ledger's Outcome once it is committed.
// It reads the checkpoint from the store first: after a failed commit
// (a server store's connection cut during COMMIT) the store knows
// whether the ledger committed, the Projection does not. It returns when
// the projection has reached the head the log had when CatchUp began, or
// at the first error. It stops between ledgers when ctx is done.
func (p *Projection) CatchUp(ctx context.Context, log Log, notify func(Outcome)) error {
	if err := p.enter("catch up"); err != nil {
		return err
	}
	if err := p.reloadCheckpoint(ctx); err != nil {
		return fmt.Errorf("projections: catch up: %w", err)
	}
	from := uint32(1)
	if cp := p.cp.Load(); cp != nil {
		from = cp.Seq + 1
	}
	err := log.Iterate(from, func(led *ledgerlog.Ledger) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		out, err := p.Apply(ctx, led)
		if err != nil {
			return err
		}
		if notify != nil {
			notify(out)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("projections: catch up: %w", err)
	}
	return nil
}

// Rebuild empties the store and applies the whole log again, calling
// progress (if not nil) after each ledger with its sequence and the head
// the log had when Rebuild began. It sends no notifications: it is what
// `node replay --projections` runs. Queries see the store fill up again
// as Rebuild goes.
func (p *Projection) Rebuild(ctx context.Context, log Log, progress func(seq, head uint32)) error {
	if err := p.enter("rebuild"); err != nil {
		return err
	}
	if err := p.reset(ctx); err != nil {
		return fmt.Errorf("projections: rebuild: %w", err)
	}
	head, _, _ := log.Head()
	first, ok := log.First()
	if !ok {
		return nil
	}
	err := log.Iterate(first, func(led *ledgerlog.Ledger) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := p.Apply(ctx, led); err != nil {
			return err
		}
		if progress != nil {
			progress(led.Seq, head)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("projections: rebuild: %w", err)
	}
	return nil
}

// reloadCheckpoint reads the checkpoint from the store.
func (p *Projection) reloadCheckpoint(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	cp, ok, err := loadCheckpoint(ctx, p.b.Writer())
	if err != nil {
		return err
	}
	if ok {
		p.cp.Store(&cp)
	} else {
		p.cp.Store(nil)
	}
	return nil
}

// reset drops every table and the checkpoint, in one transaction.
func (p *Projection) reset(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	// After the commit (or its failure: forgetting is always safe).
	defer p.schemas.clear()
	t, err := p.b.Writer().BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	err = func() error {
		tables, err := listTables(ctx, t)
		if err != nil {
			return err
		}
		for _, name := range tables {
			if _, err := t.ExecContext(ctx, "DROP TABLE IF EXISTS "+p.d.Table(name)); err != nil {
				return fmt.Errorf("drop %s: %w", name, err)
			}
		}
		for _, q := range []string{"DELETE FROM " + schemaTable, "DELETE FROM " + checkpointTable, "DELETE FROM " + confidentialTable} {
			if _, err := t.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return t.Commit()
	}()
	if err != nil {
		return errors.Join(err, rollback(t))
	}
	p.cp.Store(nil)
	return nil
}
