package compat

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/sqledger/sqledger/internal/pgtest"
	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/projections"
)

// TestClientPostgres runs the client's table scenarios (tables.js,
// sql.js) against a node whose SQL store is a PostgreSQL server, then
// reads the rows the client wrote straight from PostgreSQL, in
// t_<NameInDB> as chainsqld's clients write its name, and through
// r_get_sql_admin.
func TestClientPostgres(t *testing.T) {
	installClient(t)
	srv, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Remove(); err != nil {
			t.Error(err)
		}
	})
	dsn, err := srv.NewDatabase("compat")
	if err != nil {
		t.Fatal(err)
	}
	b, err := projections.OpenPostgres(context.Background(), projections.PostgresOptions{DSN: dsn})
	if err != nil {
		t.Fatal(err)
	}
	url := startNodeWith(t, projections.Options{Backend: b})
	checkTables(t, url)
	checkSQL(t, url)

	c, err := wsclient.Dial(url, wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	res := call(t, c, map[string]any{"command": "g_dbname", "account": rootAddress, "tablename": "people"})
	name, _ := res["result"].(map[string]any)["nameInDB"].(string)
	if len(name) != 40 {
		t.Fatalf("g_dbname: %v", res)
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT id, name, age FROM t_" + name + " ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got string
	for rows.Next() {
		var id, age int64
		var n string
		if err := rows.Scan(&id, &n, &age); err != nil {
			t.Fatal(err)
		}
		got += fmt.Sprintf("%d %s %d\n", id, n, age)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if want := "1 anne 31\n2 bo 18\n4 dee 50\n"; got != want {
		t.Errorf("t_%s in PostgreSQL:\n%s\nwant:\n%s", name, got, want)
	}
	q := call(t, c, map[string]any{"command": "r_get_sql_admin", "sql": "SELECT name FROM t_" + name + " WHERE age > 20 ORDER BY id"})
	if lines := fmt.Sprint(q["result"].(map[string]any)["lines"]); lines != "[map[name:anne] map[name:dee]]" {
		t.Errorf("r_get_sql_admin: %v", q)
	}
}
