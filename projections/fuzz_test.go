package projections

import (
	"strings"
	"testing"

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
		if err := q.write(&b, TableName(tableA), 200); err != nil {
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
