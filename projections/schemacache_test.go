package projections

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/protocol/tx"
)

// TestGetSeesSchemaChanges checks that a query after a ledger that
// changes a table's schema sees the new schema, though the previous
// query cached the old one and its prepared statement.
func TestGetSeesSchemaChanges(t *testing.T) {
	eachStore(t, func(t *testing.T, st testStore) {
		p := st.open(t, Options{})
		c := newChain(t)
		ctx := context.Background()
		all := []byte(`[[],{"id":1}]`)
		get := func(want string) {
			t.Helper()
			lines, err := p.Get(ctx, tableA, all, 0)
			if err != nil {
				t.Fatalf("get: %v", err)
			}
			if got := render(lines); got != want {
				t.Fatalf("got\n%swant\n%s", got, want)
			}
		}
		wantResults(t, mustApply(t, p, c.ledger(
			c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar"}]`),
			c.tableTx(tx.OpInsert, tableA, `[{"id":1,"name":"ann"}]`),
		)), "", "")
		get("id=1 name=ann\n")
		s, _, cached := p.schemas.get(TableName(tableA))
		if !cached || len(s.Columns) != 2 {
			t.Fatalf("schema cached %v: %+v", cached, s)
		}

		steps := []struct {
			name string
			txs  []any
			want string // "" for no table
			cols int
		}{
			{"add field", []any{c.tableTx(tx.OpAddFields, tableA, `[{"field":"age","type":"int","default":7}]`)}, "age=7 id=1 name=ann\n", 3},
			{"create index", []any{c.tableTx(tx.OpCreateIndex, tableA, `[{"index":"by_age"},{"field":"age"}]`)}, "age=7 id=1 name=ann\n", 3},
			{"delete field", []any{c.tableTx(tx.OpDeleteFields, tableA, `[{"field":"name"}]`)}, "age=7 id=1\n", 2},
			{"drop", []any{c.tableTx(tx.OpDrop, tableA, "")}, "", 0},
			{"create again", []any{
				c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int"},{"field":"city","type":"text"}]`),
				c.tableTx(tx.OpInsert, tableA, `[{"id":1,"city":"x"}]`),
			}, "city=x id=1\n", 2},
			{"recreate", []any{
				c.tableTx(tx.OpRecreate, tableA, `[{"field":"id","type":"int"},{"field":"zip","type":"int"}]`),
				c.tableTx(tx.OpInsert, tableA, `[{"id":1,"zip":5}]`),
			}, "id=1 zip=5\n", 2},
		}
		for _, st := range steps {
			mustApply(t, p, c.ledger(st.txs...))
			if st.want == "" {
				if _, err := p.Get(ctx, tableA, all, 0); !errors.Is(err, ErrNoTable) {
					t.Fatalf("%s: get: %v, want ErrNoTable", st.name, err)
				}
				continue
			}
			get(st.want)
			s, _, cached := p.schemas.get(TableName(tableA))
			if !cached || len(s.Columns) != st.cols {
				t.Fatalf("%s: schema cached %v: %+v, want %d columns", st.name, cached, s, st.cols)
			}
		}
	})
}

// TestSchemaCacheRollback checks that a ledger that fails after changing
// a schema leaves queries with the committed one.
func TestSchemaCacheRollback(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := s.open(t, Options{})
		c := newChain(t)
		ctx := context.Background()
		mustApply(t, p, c.ledger(c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int"}]`)))
		if _, err := p.Get(ctx, tableA, []byte(`[[]]`), 0); err != nil {
			t.Fatal(err)
		}
		p.knobs.beforeCommit = func(uint32) error { return errors.New("crash") }
		if _, err := p.Apply(ctx, c.ledger(c.tableTx(tx.OpDrop, tableA, ""))); err == nil {
			t.Fatal("apply with a failing commit succeeded")
		}
		if _, err := p.Get(ctx, tableA, []byte(`[[]]`), 0); err != nil {
			t.Fatalf("get after the failed drop: %v", err)
		}
	})
}

// TestSchemaCacheRebuild checks that Rebuild forgets every schema.
func TestSchemaCacheRebuild(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := s.open(t, Options{})
		c := newChain(t)
		mustApply(t, p, c.ledger(c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int"}]`)))
		if _, err := p.Get(context.Background(), tableA, []byte(`[[]]`), 0); err != nil {
			t.Fatal(err)
		}
		if err := p.Rebuild(context.Background(), testLog(t), nil); err != nil {
			t.Fatal(err)
		}
		if _, _, cached := p.schemas.get(TableName(tableA)); cached {
			t.Fatal("schema still cached after Rebuild")
		}
		if _, err := p.Get(context.Background(), tableA, []byte(`[[]]`), 0); !errors.Is(err, ErrNoTable) {
			t.Fatalf("get after Rebuild: %v, want ErrNoTable", err)
		}
	})
}

// TestSchemaCachePutAfterInvalidate checks the race the generation
// settles: a schema read before a commit and recorded after its
// invalidation is dropped.
func TestSchemaCachePutAfterInvalidate(t *testing.T) {
	var c schemaCache
	_, gen, _ := c.get("t")
	c.invalidate(map[string]struct{}{"t": {}})
	c.put("t", &Schema{}, gen)
	if _, _, ok := c.get("t"); ok {
		t.Fatal("a schema read before an invalidation was cached")
	}
	_, gen, _ = c.get("t")
	c.put("t", &Schema{}, gen)
	if _, _, ok := c.get("t"); !ok {
		t.Fatal("a schema read after the invalidation was not cached")
	}
}

// TestGetDuringSchemaChanges runs queries while ledgers alternate the
// table between two schemas, each ledger changing the columns and the
// rows together: every answer must be one ledger's, never a mix.
func TestGetDuringSchemaChanges(t *testing.T) {
	eachStore(t, func(t *testing.T, st testStore) {
		p := st.open(t, Options{})
		c := newChain(t)
		ctx := context.Background()
		mustApply(t, p, c.ledger(
			c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int"},{"field":"a","type":"int"}]`),
			c.tableTx(tx.OpInsert, tableA, `[{"id":1,"a":1}]`),
		))
		const ledgers = 40
		var leds []*eventlog.Ledger
		for i := 0; i < ledgers; i++ {
			if i%2 == 0 { // a gains b, and the row says so
				leds = append(leds, c.ledger(
					c.tableTx(tx.OpAddFields, tableA, `[{"field":"b","type":"int"}]`),
					c.tableTx(tx.OpUpdate, tableA, `[{"a":2,"b":2},{"id":1}]`),
				))
			} else { // back to a alone
				leds = append(leds, c.ledger(
					c.tableTx(tx.OpDeleteFields, tableA, `[{"field":"b"}]`),
					c.tableTx(tx.OpUpdate, tableA, `[{"a":1},{"id":1}]`),
				))
			}
		}
		var done atomic.Bool
		var wg sync.WaitGroup
		errs := make(chan error, 2)
		for r := 0; r < 2; r++ {
			wg.Go(func() {
				for !done.Load() {
					lines, err := p.Get(ctx, tableA, []byte(`[[],{"id":1}]`), 0)
					if err != nil {
						errs <- err
						return
					}
					got := render(lines)
					if got != "a=1 id=1\n" && got != "a=2 b=2 id=1\n" {
						errs <- fmt.Errorf("half-applied answer %q", got)
						return
					}
				}
			})
		}
		for _, led := range leds {
			if _, err := p.Apply(ctx, led); err != nil {
				t.Fatal(err)
			}
		}
		done.Store(true)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		s, _, err := p.tableSchema(ctx, TableName(tableA))
		if err != nil || len(s.Columns) != 2 {
			t.Fatalf("final schema %+v, %v", s, err)
		}
	})
}
