package pgtest_test

import (
	"database/sql"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/sqledger/sqledger/internal/pgtest"
)

// TestServer starts a throwaway server, makes a database owned by its
// own role, writes and reads a row through that role, stops the server
// and starts it again, and finds the row still there.
func TestServer(t *testing.T) {
	s, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Remove(); err != nil {
			t.Error(err)
		}
	})
	dsn, err := s.NewDatabase("smoke")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE t (n BIGINT)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO t VALUES ($1)`, 42); err != nil {
		t.Fatal(err)
	}
	var super bool
	if err := db.QueryRow(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&super); err != nil || super {
		t.Fatalf("the database's role is a superuser (%v, %v)", super, err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT 1`).Err(); err == nil {
		t.Fatal("a query succeeded with the server stopped")
	}
	if err := s.Resume(); err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := db.QueryRow(`SELECT n FROM t`).Scan(&n); err != nil || n != 42 {
		t.Fatalf("after a restart: n = %d, %v; want 42", n, err)
	}
}
