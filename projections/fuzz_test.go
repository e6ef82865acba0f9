package projections

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// FuzzQuery parses arbitrary r_get Raws: it must never panic, the SQL it
// builds must have exactly one placeholder per argument, so that no
// value can have reached the text, and every quoted name in it must be an
// identifier (or an aggregate's label).
func FuzzQuery(f *testing.F) {
	for _, seed := range []string{
		`[[],{"id":1}]`,
		`[["name","count(*) as n"],{"age":{"$gt":1,"$lt":9}},{"$group":["name"],"$having":{"count(*)":{"$gt":1}}}]`,
		`[[],{"$or":[{"$and":[{"a":1},{"b":null}]},{"c":{"$in":[1,"x",2.5]}}]},{"$order":[{"a":-1}]},{"$limit":{"index":1,"total":2}}]`,
		`[[],{"name":{"$regex":"/^x/","$nin":["a"],"$isnot":null}}]`,
		`[["sum(age)"],{"x":"'; DROP TABLE t; --"}]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		q, err := parseSelect(raw)
		if err != nil {
			return
		}
		var b sqlBuf
		if err := q.write(&b, quote(TableName(tableA)), 200); err != nil {
			return
		}
		if n := strings.Count(b.String(), "?"); n != len(b.args) {
			t.Fatalf("%s: %d placeholders, %d arguments", b.String(), n, len(b.args))
		}
		parts := strings.Split(b.String(), `"`)
		for i := 1; i < len(parts); i += 2 {
			name := parts[i]
			if fn, arg, ok := strings.Cut(strings.TrimSuffix(name, ")"), "("); ok && name[len(name)-1] == ')' {
				if tableop.IsIdent(fn) && (arg == "*" || tableop.IsIdent(arg)) {
					continue // an aggregate's label
				}
			}
			if !tableop.IsIdent(name) {
				t.Fatalf("quoted name %q in %s", name, b.String())
			}
		}
	})
}

// FuzzGet runs arbitrary r_get Raws against a real SQLite table: a Raw
// is answered with at most the select limit of rows, or refused as the
// client's mistake (ErrBadQuery, txJsonParsedErr; ErrQueryFailed,
// disposeSqlErr), never a fault of the store, and no Raw changes the
// table. The corpus in testdata/fuzz/FuzzGet holds what earlier runs
// found.
func FuzzGet(f *testing.F) {
	for _, seed := range []string{
		`[[],{"id":1}]`,
		`[["name","count(*) as n"],{"age":{"$gt":1}},{"$group":["name"],"$having":{"count(*)":{"$gt":1}}}]`,
		`[[],{"$or":[{"$and":[{"age":40},{"score":null}]},{"id":{"$in":[1,"x",2.5]}}]},{"$order":[{"age":-1}]},{"$limit":{"index":1,"total":2}}]`,
		`[["name"],{"name":{"$regex":"/^x'--/","$nin":["a"],"$isnot":null}}]`,
		`[["sum(age)"],{"name":"'; DROP TABLE t; --"}]`,
		`[["nosuchcolumn"]]`,
		`[[],{"$limit":{"index":-1,"total":1e30}}]`,
	} {
		f.Add([]byte(seed))
	}
	const limit = 3
	p := peopleStore(f, Options{SelectLimit: limit})
	ctx := context.Background()
	before, err := p.Digest(ctx)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		qctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		lines, err := p.Get(qctx, tableA, raw, 0)
		switch {
		case err == nil && len(lines) > limit:
			t.Fatalf("%s: %d rows, over the limit of %d", raw, len(lines), limit)
		case err != nil && !errors.Is(err, ErrBadQuery) && !errors.Is(err, ErrQueryFailed):
			t.Fatalf("%s: a fault, not the client's error: %v", raw, err)
		}
		after, err := p.Digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if after != before {
			t.Fatalf("%s changed the table", raw)
		}
	})
}
