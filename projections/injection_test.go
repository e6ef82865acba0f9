package projections

import (
	"context"
	"errors"
	"testing"

	"github.com/sqledger/sqledger/protocol/tx"
)

// TestInjectionInTransactions sends SQL in values, column names, index
// names and auto-fill names: values are stored as they are, names are
// refused with db_error, and the store does not change otherwise.
func TestInjectionInTransactions(t *testing.T) {
	const evil = `x"); DROP TABLE "t_43ACD1FF143986210A44AB8B609371B392F45A86"; --`
	cases := []struct {
		name string
		tx   func(c *chain) *tx.Tx
		want string // "" for db_success
	}{
		{"value", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpInsert, tableA, `[{"id":9,"name":"x'); DROP TABLE t; --"}]`)
		}, ""},
		{"column in insert", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpInsert, tableA, `[{"id":9,"name; DROP TABLE t":"x"}]`)
		}, "field name is illegal"},
		{"quoted column in insert", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpInsert, tableA, `[{"id":9,"`+jsonEscape(evil)+`":"x"}]`)
		}, "field name is illegal"},
		{"column in update", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpUpdate, tableA, `[{"name=1,id":2},{"id":1}]`)
		}, "field name is illegal"},
		{"condition key", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpDelete, tableA, `[{"1=1 OR id":1}]`)
		}, "field name is illegal"},
		{"condition value", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpDelete, tableA, `[{"name":"x' OR '1'='1"}]`)
		}, ""},
		{"regex value", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpDelete, tableA, `[{"name":{"$regex":"/' OR 1=1 --/"}}]`)
		}, ""},
		{"column definition", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpAddFields, tableA, `[{"field":"a INTEGER); DROP TABLE t; --","type":"int"}]`)
		}, "field name is illegal"},
		{"default", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpAddFields, tableA, `[{"field":"d","type":"varchar","default":"'); DROP TABLE t; --"}]`)
		}, ""},
		{"index name", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpCreateIndex, tableA, `[{"index":"i ON t (id); DROP TABLE t; --"},{"field":"id"}]`)
		}, "index name is illegal"},
		{"references", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpAddFields, tableA, `[{"field":"r","type":"int","FK":1,"REFERENCES":{"table":"t); DROP TABLE t; --","field":"id"}}]`)
		}, "REFERENCES table name is illegal"},
		{"auto-fill name", func(c *chain) *tx.Tx {
			return c.tableTx(tx.OpInsert, tableA, `[{"id":9}]`, "AutoFillField", `name") VALUES (1); DROP TABLE t; --`)
		}, "field name is illegal"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eachStore(t, func(t *testing.T, s testStore) {
				p := s.open(t, Options{})
				c := newChain(t)
				mustApply(t, p, c.ledger(c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar"}]`),
					c.tableTx(tx.OpInsert, tableA, `[{"id":1,"name":"ann"}]`)))
				before, err := p.Digest(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				wantResults(t, mustApply(t, p, c.ledger(tc.tx(c))), tc.want)
				if !tableExists(t, p, tableA) {
					t.Fatal("the table is gone")
				}
				after, err := p.Digest(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if tc.want != "" && after != before {
					t.Error("a refused transaction changed the store")
				}
			})
		})
	}
}

// jsonEscape escapes quotes for embedding in a JSON string.
func jsonEscape(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			out = append(out, '\\')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// TestInjectionInQueries sends SQL through every name and value of
// r_get: names are refused with ErrBadQuery, values match literally.
func TestInjectionInQueries(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := peopleStoreIn(t, s, Options{})
		bad := []string{
			`[["id; DROP TABLE t_43ACD1FF143986210A44AB8B609371B392F45A86"]]`,
			`[["id\" FROM sqlite_master --"]]`,
			`[["count(*) as n, sqlite_version()"]]`,
			`[["sum(age) as \"x\""]]`,
			`[[],{"id = 1 OR 1":1}]`,
			`[[],{"$order":[{"id; DELETE FROM t":1}]}]`,
			`[[],{"$group":["age) UNION SELECT 1 --"]}]`,
			`[["age"],{"$group":["age"],"$having":{"count(*) > 0 OR 1":1}}]`,
		}
		for _, raw := range bad {
			if _, err := p.Get(context.Background(), tableA, []byte(raw), 0); !errors.Is(err, ErrBadQuery) {
				t.Errorf("Get %s: %v, want ErrBadQuery", raw, err)
			}
		}
		for _, raw := range []string{
			`[[],{"name":"ann' OR '1'='1"}]`,
			`[[],{"name":{"$in":["x') OR ('1'='1"]}}]`,
			`[[],{"$limit":{"index":0,"total":1}},{"name":"x\" OR \"1\"=\"1"}]`,
		} {
			lines, err := p.Get(context.Background(), tableA, []byte(raw), 0)
			if err != nil || len(lines) != 0 {
				t.Errorf("Get %s: %d rows, %v; want none", raw, len(lines), err)
			}
		}
		if lines, err := p.Get(context.Background(), tableA, []byte(`[["id"]]`), 0); err != nil || len(lines) != 5 {
			t.Errorf("the table changed: %d rows, %v", len(lines), err)
		}
	})
}
