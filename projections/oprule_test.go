package projections

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// TestRuleQueries: a Get condition AND-ed into r_get and read through by
// raw SQL, whatever the query's own clauses.
func TestRuleQueries(t *testing.T) { eachStore(t, testRuleQueries) }

func testRuleQueries(t *testing.T, s testStore) {
	p := peopleStoreIn(t, s, Options{})
	ctx := context.Background()
	rule, err := tableop.ParseJSON([]byte(`{"age":{"$ge":30}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ raw, want string }{
		{`[["id"],{"$order":[{"id":1}]}]`, "id=1\nid=2\nid=4\n"},
		{`[["id"],{"id":1},{"id":5},{"$order":[{"id":1}]}]`, "id=1\n"},
		{`[["age","count(*) as n"],{"$group":["age"]},{"$order":[{"age":1}]}]`, "age=30 n=1\nage=40 n=2\n"},
	} {
		lines, err := p.GetWhere(ctx, tableA, []byte(tc.raw), rule, 0)
		if err != nil || render(lines) != tc.want {
			t.Errorf("GetWhere(%s) = %q, %v; want %q", tc.raw, render(lines), err, tc.want)
		}
	}
	table := TableName(tableA)
	filters := []Filter{{NameInDB: tableA, Where: rule}}
	quoted := `"` + table + `"`
	if s.postgres {
		// PostgreSQL's quoted names keep their case; its tables are
		// lowercase (see README, PostgreSQL).
		quoted = `"` + strings.ToLower(table) + `"`
	}
	for _, tc := range []struct{ sql, want string }{
		{`SELECT id FROM ` + table + ` WHERE id = 1 OR id = 5 ORDER BY id LIMIT 3`, "id=1\n"},
		{`select count(*) as n from ` + quoted, "n=3\n"},
		{`SELECT a.id FROM ` + table + ` a WHERE a.id IN (SELECT id FROM ` + table + ` WHERE name = 'peter') OR a.id = 2`, "id=2\n"},
	} {
		lines, err := p.QuerySQLWhere(ctx, tc.sql, filters, 0)
		if err != nil || render(lines) != tc.want {
			t.Errorf("QuerySQLWhere(%s) = %q, %v; want %q", tc.sql, render(lines), err, tc.want)
		}
	}
	for _, sql := range []string{`SELECT id FROM main.` + table, `SELECT id FROM main . "` + table + `"`} {
		if _, err := p.QuerySQLWhere(ctx, sql, filters, 0); !errors.Is(err, ErrBadQuery) {
			t.Errorf("QuerySQLWhere(%s): %v, want ErrBadQuery", sql, err)
		}
	}
	if lines, err := p.QuerySQL(ctx, `SELECT count(*) AS n FROM `+table, 0); err != nil || render(lines) != "n=5\n" {
		t.Errorf("unfiltered: %q, %v", render(lines), err)
	}
}
