package projections

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/protocol/tx"
)

var errCrash = errors.New("simulated crash before commit")

// TestCrashBeforeCommit fails a ledger's transaction just before it
// commits, closes the store, reopens it, and checks that nothing of the
// ledger is visible, the checkpoint is the previous ledger, and applying
// the ledger again gives its rows exactly once.
func TestCrashBeforeCommit(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := s.open(t, Options{})
		c := newChain(t)
		l1 := c.ledger(c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int","PK":1}]`), c.tableTx(tx.OpInsert, tableA, `[{"id":1}]`))
		l2 := c.ledger(c.tableTx(tx.OpInsert, tableA, `[{"id":2},{"id":3}]`),
			c.tableTx(tx.OpCreate, tableB, `[{"field":"x","type":"int"}]`), c.tableTx(tx.OpAddFields, tableA, `[{"field":"n","type":"int"}]`))
		mustApply(t, p, l1)
		p.knobs.beforeCommit = func(seq uint32) error {
			if seq == 2 {
				return errCrash
			}
			return nil
		}
		if _, err := p.Apply(context.Background(), l2); !errors.Is(err, errCrash) {
			t.Fatalf("apply with a crash: %v", err)
		}
		if seq, _, _ := p.Checkpoint(); seq != 1 {
			t.Errorf("checkpoint %d after the crash, want 1", seq)
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}

		p = s.open(t, Options{})
		seq, hash, ok := p.Checkpoint()
		if !ok || seq != 1 || hash != l1.Hash {
			t.Fatalf("checkpoint after reopening: %d %X %v, want ledger 1", seq, hash, ok)
		}
		if got := render(rows(t, p, tableA, "id")); got != "id=1\n" {
			t.Errorf("rows after the crash: %q", got)
		}
		if tableExists(t, p, tableB) {
			t.Error("the crashed ledger's table exists")
		}
		if _, err := p.Apply(context.Background(), l1); !errors.Is(err, ErrOutOfOrder) {
			t.Errorf("applying ledger 1 twice: %v, want ErrOutOfOrder", err)
		}
		wantResults(t, mustApply(t, p, l2), "", "", "")
		if got := render(rows(t, p, tableA, "id")); got != "id=1 n=<nil>\nid=2 n=<nil>\nid=3 n=<nil>\n" {
			t.Errorf("rows after applying again: %q", got)
		}
		if _, err := p.Apply(context.Background(), c.ledger()); err != nil {
			t.Errorf("next ledger: %v", err)
		}
		if _, err := p.Apply(context.Background(), c.ledger()); err != nil {
			t.Fatal(err)
		}
		gap := c.ledger()
		c.ledger()
		if _, err := p.Apply(context.Background(), c.ledger()); !errors.Is(err, ErrOutOfOrder) {
			t.Errorf("a gap after %d: %v, want ErrOutOfOrder", gap.Seq, err)
		}
	})
}

// TestLostCommitAnswer commits a ledger but reports its commit as
// failed, as a server store does when the connection is cut during
// COMMIT: applying the ledger again is refused by the store's checkpoint
// (its rows are not applied twice), and CatchUp reads the checkpoint from
// the store and goes on after the ledger.
func TestLostCommitAnswer(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		l := testLog(t)
		c := newChain(t)
		leds := []*eventlog.Ledger{
			c.ledger(c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int"}]`)),
			c.ledger(c.tableTx(tx.OpInsert, tableA, `[{"id":1},{"id":2}]`)),
			c.ledger(c.tableTx(tx.OpInsert, tableA, `[{"id":3}]`)),
		}
		for _, led := range leds {
			if err := l.Append(led); err != nil {
				t.Fatal(err)
			}
		}
		p := s.open(t, Options{})
		mustApply(t, p, leds[0])
		p.knobs.afterCommit = func(seq uint32) error {
			if seq == 2 {
				return errCrash
			}
			return nil
		}
		if _, err := p.Apply(context.Background(), leds[1]); !errors.Is(err, errCrash) {
			t.Fatalf("apply with a lost answer: %v", err)
		}
		if seq, _, _ := p.Checkpoint(); seq != 1 {
			t.Fatalf("checkpoint %d, want 1 (the Projection did not learn of the commit)", seq)
		}
		if _, err := p.Apply(context.Background(), leds[1]); !errors.Is(err, ErrOutOfOrder) {
			t.Errorf("applying the committed ledger again: %v, want ErrOutOfOrder", err)
		}
		var seqs []uint32
		if err := p.CatchUp(context.Background(), l, func(o Outcome) { seqs = append(seqs, o.Seq) }); err != nil {
			t.Fatal(err)
		}
		if len(seqs) != 1 || seqs[0] != 3 {
			t.Errorf("caught up with ledgers %v, want [3]", seqs)
		}
		if got := render(rows(t, p, tableA, "id")); got != "id=1\nid=2\nid=3\n" {
			t.Errorf("rows %q", got)
		}
	})
}

// TestCorruptLedger refuses a ledger whose records do not decode, and
// applies nothing of it.
func TestCorruptLedger(t *testing.T) {
	cases := []struct {
		name  string
		spoil func(led *eventlog.Ledger)
	}{
		{"header", func(led *eventlog.Ledger) { led.Header = led.Header[:10] }},
		{"header sequence", func(led *eventlog.Ledger) { led.Seq = 7 }},
		{"meta", func(led *eventlog.Ledger) { led.Txs[0].Meta = []byte{0xff} }},
		{"blob", func(led *eventlog.Ledger) { led.Txs[0].Blob = led.Txs[0].Blob[:20] }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eachStore(t, func(t *testing.T, s testStore) {
				p := s.open(t, Options{})
				c := newChain(t)
				led := c.ledger(c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int"}]`))
				tc.spoil(led)
				if _, err := p.Apply(context.Background(), led); !errors.Is(err, ErrCorrupt) {
					t.Fatalf("apply: %v, want ErrCorrupt", err)
				}
				if _, _, ok := p.Checkpoint(); ok || tableExists(t, p, tableA) {
					t.Error("a corrupt ledger was applied")
				}
			})
		})
	}
}

// TestReaderCannotWrite checks that the read-only pool refuses writes
// even on a raw connection.
func TestReaderCannotWrite(t *testing.T) {
	p := peopleStore(t, Options{})
	for _, q := range []string{
		`DELETE FROM "` + TableName(tableA) + `"`,
		`CREATE TABLE x (a)`,
		`PRAGMA query_only = 0`,
		`ATTACH DATABASE '` + filepath.Join(t.TempDir(), "x.db") + `' AS x`,
	} {
		if _, err := p.b.Reader().Exec(q); err == nil {
			t.Errorf("reader ran %s", q)
		}
	}
	if got := len(rows(t, p, tableA, "id")); got != 5 {
		t.Errorf("%d rows left", got)
	}
}

// TestClosed refuses every operation after Close.
func TestClosed(t *testing.T) {
	p, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	c := newChain(t)
	ctx := context.Background()
	if _, err := p.Apply(ctx, c.ledger()); !errors.Is(err, ErrClosed) {
		t.Errorf("Apply: %v", err)
	}
	if _, err := p.Get(ctx, tableA, []byte(`[[]]`), 0); !errors.Is(err, ErrClosed) {
		t.Errorf("Get: %v", err)
	}
	if _, err := p.QuerySQL(ctx, "select 1", 0); !errors.Is(err, ErrClosed) {
		t.Errorf("QuerySQL: %v", err)
	}
	if err := p.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close: %v", err)
	}
}
