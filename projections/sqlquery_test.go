package projections

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/protocol/rpcerr"
)

func TestCheckSelect(t *testing.T) {
	cases := []struct {
		sql string
		ok  bool
	}{
		{"select 1", true},
		{"  SELECT * FROM t_1;", true},
		{"/* c */ -- line\n select 1 ; -- trailing", true},
		{"select ';' as a, \"x;y\" from t", true},
		{"select 1 /* ; */", true},
		{"select 1; select 2", false},
		{"select 1; drop table t", false},
		{"select 1;;", false},
		{"selectx from t", false},
		{"delete from t", false},
		{"with a as (select 1) select * from a", false},
		{"pragma table_info(t)", false},
		{"select 'unterminated", false},
		{"", false},
	}
	for _, tc := range cases {
		err := checkSelect(tc.sql)
		if tc.ok != (err == nil) || (err != nil && !errors.Is(err, ErrSelectOnly)) {
			t.Errorf("checkSelect(%q) = %v, want ok %v", tc.sql, err, tc.ok)
		}
	}
}

func TestSelectTables(t *testing.T) {
	a, b := TableName(tableA), TableName(tableB)
	got, err := SelectTables(fmt.Sprintf("select * from %s join t_%x on 1 where x in (select y from %s) and z = 'xt_%s'", a, tableB, a, b[2:]))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != tableA || got[1] != tableB {
		t.Errorf("SelectTables = %X", got)
	}
	if _, err := SelectTables("update " + a + " set x = 1"); !errors.Is(err, ErrSelectOnly) {
		t.Errorf("update: %v", err)
	}
	if got, _ := SelectTables("select * from " + a + "0"); len(got) != 0 {
		t.Errorf("a 41-digit name counted: %X", got)
	}
}

func TestQuerySQL(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := peopleStoreIn(t, s, Options{SelectLimit: 4})
		a := TableName(tableA)
		lines, err := p.QuerySQL(context.Background(), "SELECT id, name FROM "+a+" WHERE age >= 30 ORDER BY id", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := render(lines); got != "id=1 name=ann\nid=2 name=bob\nid=4 name=dan\n" {
			t.Errorf("rows %q", got)
		}
		if lines, err := p.QuerySQL(context.Background(), "select * from "+a+s.pick(" limit 0, 100", " limit 100 offset 0"), 0); err != nil || len(lines) != 4 {
			t.Errorf("select limit: %d rows, %v", len(lines), err)
		}
		if lines, err := p.QuerySQL(context.Background(), "select * from "+a, 2); err != nil || len(lines) != 2 {
			t.Errorf("limit 2: %d rows, %v", len(lines), err)
		}
		cases := []struct {
			sql  string
			want error
			code rpcerr.Code
		}{
			{"delete from " + a, ErrSelectOnly, rpcerr.SQLSelectOnly},
			{"select 1; delete from " + a, ErrSelectOnly, rpcerr.SQLSelectOnly},
			{"select nope from " + a, ErrQueryFailed, rpcerr.SQLDisposeErr},
			{"select * from pragma_table_info('" + a + "')", ErrQueryFailed, rpcerr.SQLDisposeErr},
			{"select load_extension('x')", ErrQueryFailed, rpcerr.SQLDisposeErr},
		}
		for _, tc := range cases {
			_, err := p.QuerySQL(context.Background(), tc.sql, 0)
			if !errors.Is(err, tc.want) || RPCError(err).Code != tc.code {
				t.Errorf("QuerySQL(%q): %v, want %v", tc.sql, err, tc.want)
			}
		}
		if got := len(rows(t, p, tableA, "id")); got != 5 {
			t.Errorf("%d rows left", got)
		}
	})
}
