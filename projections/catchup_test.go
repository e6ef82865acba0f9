package projections

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
)

// testLog opens an event log in a test directory.
func testLog(t *testing.T) *eventlog.Log {
	t.Helper()
	l, err := eventlog.Open(filepath.Join(t.TempDir(), "log"), eventlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// fillLog appends n ledgers of table work to the log: creates, inserts,
// updates, deletes, schema changes and a refused insert.
func fillLog(t *testing.T, l *eventlog.Log, c *chain, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		var txs []any
		switch {
		case i == 0:
			txs = append(txs, c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int","PK":1},{"field":"v","type":"varchar"}]`),
				c.tableTx(tx.OpCreate, tableB, `[{"field":"k","type":"varchar"},{"field":"n","type":"double"}]`))
		case i%7 == 3:
			txs = append(txs, c.tableTx(tx.OpInsert, tableA, fmt.Sprintf(`[{"id":%d}]`, i-1)))
		case i%5 == 0:
			txs = append(txs, c.tableTx(tx.OpUpdate, tableA, fmt.Sprintf(`[{"v":"u%d"},{"id":{"$lt":%d}}]`, i, i)),
				c.tableTx(tx.OpDelete, tableB, fmt.Sprintf(`[{"n":{"$lt":%d}}]`, i/2)))
		case i == 12:
			txs = append(txs, c.tableTx(tx.OpAddFields, tableA, `[{"field":"extra","type":"int","default":7}]`))
		}
		txs = append(txs, c.tableTx(tx.OpInsert, tableA, fmt.Sprintf(`[{"id":%d,"v":"x%d"}]`, i, i)),
			c.tableTx(tx.OpInsert, tableB, fmt.Sprintf(`[{"k":"k%d","n":%d.25}]`, i, i)), c.payment())
		if err := l.Append(c.ledger(txs...)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCatchUpAndRebuild(t *testing.T) {
	eachKind(t, func(t *testing.T, fresh func() testStore) {
		l := testLog(t)
		c := newChain(t)
		fillLog(t, l, c, 20)

		live := fresh().open(t, Options{})
		var seqs []uint32
		var results, refused int
		notify := func(o Outcome) {
			seqs = append(seqs, o.Seq)
			for _, r := range o.Results {
				results++
				if r.Status == DBError {
					refused++
				}
			}
		}
		if err := live.CatchUp(context.Background(), l, notify); err != nil {
			t.Fatal(err)
		}
		if len(seqs) != 20 || seqs[0] != 1 || seqs[19] != 20 {
			t.Fatalf("notified ledgers %v", seqs)
		}
		// 2 creates, 2 inserts a ledger, 3 duplicate inserts, 2 updates and
		// 2 deletes, 1 add-fields.
		if results != 2+20*2+3+2*2+1 || refused != 3 {
			t.Errorf("%d results, %d refused", results, refused)
		}
		head, hash, _ := l.Head()
		if seq, h, _ := live.Checkpoint(); seq != head || h != hash {
			t.Errorf("checkpoint %d, head %d", seq, head)
		}
		if err := live.CatchUp(context.Background(), l, notify); err != nil || len(seqs) != 20 {
			t.Errorf("catching up again: %v, %d ledgers", err, len(seqs))
		}
		want, err := live.Digest(context.Background())
		if err != nil {
			t.Fatal(err)
		}

		rebuilt := fresh().open(t, Options{})
		var progress []uint32
		if err := rebuilt.Rebuild(context.Background(), l, func(seq, h uint32) {
			if h != head {
				t.Errorf("progress head %d", h)
			}
			progress = append(progress, seq)
		}); err != nil {
			t.Fatal(err)
		}
		if len(progress) != 20 {
			t.Errorf("progress %v", progress)
		}
		if got, err := rebuilt.Digest(context.Background()); err != nil || got != want {
			t.Errorf("rebuilt digest %X (%v), live %X", got, err, want)
		}
		if err := live.Rebuild(context.Background(), l, nil); err != nil {
			t.Fatal(err)
		}
		if got, err := live.Digest(context.Background()); err != nil || got != want {
			t.Errorf("digest after rebuilding in place %X (%v), want %X", got, err, want)
		}

		// The digest sees a change of one value.
		wantResults(t, mustApply(t, live, c.ledger(c.tableTx(tx.OpUpdate, tableB, `[{"n":1.5},{"k":"k19"}]`))), "")
		if got, _ := live.Digest(context.Background()); got == want {
			t.Error("the digest did not change with a row")
		}
	})
}

func TestFollow(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		l := testLog(t)
		c := newChain(t)
		fillLog(t, l, c, 3)
		p := s.open(t, Options{})
		feed := NewFeed()
		applied := make(chan uint32, 16)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- p.Follow(ctx, l, feed, func(o Outcome) { applied <- o.Seq }) }()
		waitFor := func(seq uint32) {
			t.Helper()
			timeout := time.After(10 * time.Second)
			for {
				select {
				case s := <-applied:
					if s == seq {
						return
					}
				case <-timeout:
					t.Fatalf("ledger %d was not applied", seq)
				}
			}
		}
		waitFor(3)
		// Queries work while the follower runs.
		if lines, err := p.Get(ctx, tableA, []byte(`[["id"]]`), 0); err != nil || len(lines) != 3 {
			t.Errorf("Get while following: %d rows, %v", len(lines), err)
		}
		// A ledger the feed brings is applied from memory: the insert, parsed
		// at "admission", is not parsed again.
		insert := c.tableTx(tx.OpInsert, tableA, `[{"id":100}]`)
		closed := closedOf(t, l, c.ledger(insert), insert)
		parses := tableop.Parses()
		feed.Push(closed)
		waitFor(4)
		if d := p.Diff(4); d != 0 {
			t.Errorf("Diff %d", d)
		}
		if n := tableop.Parses() - parses; n != 0 {
			t.Errorf("the fed ledger's insert was parsed %d more times", n)
		}
		// A ledger the feed skips (5) is read from the log when the next one
		// (6) shows the gap.
		closedOf(t, l, c.ledger(c.tableTx(tx.OpInsert, tableA, `[{"id":101}]`)))
		feed.Push(closedOf(t, l, c.ledger(c.tableTx(tx.OpInsert, tableA, `[{"id":102}]`))))
		waitFor(6)
		if lines, err := p.Get(ctx, tableA, []byte(`[["id"]]`), 0); err != nil || len(lines) != 6 {
			t.Errorf("after the gap: %d rows, %v", len(lines), err)
		}
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("Follow returned %v", err)
		}
	})
}

// closedOf appends rec to l and returns it as the node would feed it:
// its successful table transactions txs, in memory.
func closedOf(t *testing.T, l *eventlog.Log, rec *eventlog.Ledger, txs ...*tx.Tx) Closed {
	t.Helper()
	if err := l.Append(rec); err != nil {
		t.Fatal(err)
	}
	for _, x := range txs {
		tableop.Of(x)
	}
	h, err := ledgerlog.Header(rec)
	if err != nil {
		t.Fatal(err)
	}
	return Closed{Seq: rec.Seq, Hash: rec.Hash, CloseTime: ledgerlog.CloseTime(h), Txs: txs}
}

func TestDiff(t *testing.T) {
	p := openTest(t, Options{})
	for _, tc := range []struct{ head, want uint32 }{{0, 0}, {3, 0}, {4, 4}, {100, 100}} {
		if got := p.Diff(tc.head); got != tc.want {
			t.Errorf("Diff(%d) = %d before any ledger, want %d", tc.head, got, tc.want)
		}
	}
	c := newChain(t)
	for range 10 {
		mustApply(t, p, c.ledger())
	}
	for _, tc := range []struct{ head, want uint32 }{{5, 0}, {10, 0}, {13, 0}, {14, 4}} {
		if got := p.Diff(tc.head); got != tc.want {
			t.Errorf("Diff(%d) = %d at ledger 10, want %d", tc.head, got, tc.want)
		}
	}
}

// TestReadersSeeWholeLedgers queries while ledgers are applied: the
// queries keep working and only ever see whole ledgers.
func TestReadersSeeWholeLedgers(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := s.open(t, Options{})
		c := newChain(t)
		mustApply(t, p, c.ledger(c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int"}]`)))
		var ledgers []*eventlog.Ledger
		for i := 0; i < 30; i++ {
			ledgers = append(ledgers, c.ledger(c.tableTx(tx.OpInsert, tableA, `[{"id":1},{"id":2},{"id":3},{"id":4},{"id":5}]`),
				c.tableTx(tx.OpInsert, tableA, `[{"id":6},{"id":7},{"id":8},{"id":9},{"id":10}]`)))
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		errs := make(chan error, 1)
		go func() {
			defer close(errs)
			for ctx.Err() == nil {
				lines, err := p.Get(ctx, tableA, []byte(`[["count(*) as n"]]`), 0)
				if err != nil {
					if ctx.Err() == nil {
						errs <- err
					}
					return
				}
				if n := lines[0]["n"].(int64); n%10 != 0 {
					errs <- fmt.Errorf("a reader saw %d rows, part of a ledger", n)
					return
				}
			}
		}()
		for _, led := range ledgers {
			wantResults(t, mustApply(t, p, led), "", "")
		}
		cancel()
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		if lines, err := p.Get(context.Background(), tableA, []byte(`[["count(*) as n"]]`), 0); err != nil || lines[0]["n"] != int64(300) {
			t.Errorf("%v %v", lines, err)
		}
	})
}
