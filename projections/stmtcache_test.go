package projections

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
)

// stmtOpen reports whether a cached statement can still run.
func stmtOpen(t *testing.T, e *cachedStmt) bool {
	t.Helper()
	rows, err := e.stmt.QueryContext(context.Background())
	if err != nil {
		return false
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	return true
}

func TestStmtCache(t *testing.T) {
	p := openTest(t, Options{})
	ctx := context.Background()
	c := newStmtCache(p.b.Reader(), 2)
	q := func(i int) string { return fmt.Sprintf("SELECT %d", i) }
	acquire := func(i int) *cachedStmt {
		t.Helper()
		e, err := c.acquire(ctx, q(i))
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	release := func(e *cachedStmt) {
		t.Helper()
		if err := c.release(e); err != nil {
			t.Fatal(err)
		}
	}

	s1 := acquire(1)
	release(s1)
	if again := acquire(1); again != s1 {
		t.Fatal("the same text was prepared twice")
	} else {
		release(again)
	}
	s2 := acquire(2)
	release(s2)
	held := acquire(1) // 1 is now the most recently used: 3 evicts 2
	s3 := acquire(3)
	release(s3)
	if c.lru.Len() != 2 {
		t.Fatalf("%d statements cached, want 2", c.lru.Len())
	}
	if stmtOpen(t, s2) {
		t.Fatal("the evicted statement is still open")
	}
	if !stmtOpen(t, held) || !stmtOpen(t, s3) {
		t.Fatal("a cached statement is closed")
	}

	if err := c.close(); err != nil {
		t.Fatal(err)
	}
	if stmtOpen(t, s3) {
		t.Fatal("close left an unheld statement open")
	}
	if !stmtOpen(t, held) {
		t.Fatal("close closed a statement in use")
	}
	release(held)
	if stmtOpen(t, held) {
		t.Fatal("the last release after close left the statement open")
	}
	if _, err := c.acquire(ctx, q(4)); !errors.Is(err, ErrClosed) {
		t.Fatalf("acquire after close: %v, want ErrClosed", err)
	}
}

// TestStmtCacheConcurrent runs more query texts than the cache holds
// from several goroutines: every query must run, and every statement
// end closed once the cache is.
func TestStmtCacheConcurrent(t *testing.T) {
	p := openTest(t, Options{})
	ctx := context.Background()
	c := newStmtCache(p.b.Reader(), 3)
	var mu sync.Mutex
	seen := map[*cachedStmt]bool{}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := 0; g < 4; g++ {
		wg.Go(func() {
			for i := 0; i < 200; i++ {
				want := (i*7 + g) % 8
				e, err := c.acquire(ctx, fmt.Sprintf("SELECT %d", want))
				if err != nil {
					errs <- err
					return
				}
				var got int
				err = e.stmt.QueryRowContext(ctx).Scan(&got)
				mu.Lock()
				seen[e] = true
				mu.Unlock()
				if err = errors.Join(err, c.release(e)); err != nil || got != want {
					errs <- fmt.Errorf("SELECT %d gave %d, %v", want, got, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err := c.close(); err != nil {
		t.Fatal(err)
	}
	for e := range seen {
		if stmtOpen(t, e) {
			t.Fatalf("statement %q still open after close", e.query)
		}
	}
}

// TestQueryErrorNotCached checks that a query the database refuses is
// classified as before and leaves nothing in the cache.
func TestQueryErrorNotCached(t *testing.T) {
	p := peopleStore(t, Options{})
	before := p.stmts.lru.Len()
	_, err := p.Get(context.Background(), tableA, []byte(`[["nosuch"]]`), 0)
	if !errors.Is(err, ErrQueryFailed) {
		t.Fatalf("get of an unknown column: %v, want ErrQueryFailed", err)
	}
	if got := p.stmts.lru.Len(); got != before {
		t.Fatalf("%d statements cached, want %d", got, before)
	}
}
