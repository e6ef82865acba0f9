package driverbench

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// open opens a fresh database in a test directory with one connection, as
// the projection's writer has.
func open(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open(driverName, dsn(filepath.Join(tb.TempDir(), "bench.db")))
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	tb.Cleanup(func() { db.Close() })
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		tb.Fatal(err)
	}
	if mode != "wal" {
		tb.Fatalf("journal_mode = %q, want wal", mode)
	}
	if _, err := db.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, item TEXT, price REAL, at INTEGER)`); err != nil {
		tb.Fatal(err)
	}
	return db
}

// insertBatch inserts rows [first, first+n) in one transaction through
// one prepared statement.
func insertBatch(db *sql.DB, first, n int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.Prepare(`INSERT INTO t (id, item, price, at) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	for i := first; i < first+n; i++ {
		if _, err := st.Exec(i, fmt.Sprintf("item-%d", i), float64(i)/4, 1700000000+i); err != nil {
			return err
		}
	}
	if err := st.Close(); err != nil {
		return err
	}
	return tx.Commit()
}

// TestInsertBatch checks that a batch lands whole.
func TestInsertBatch(t *testing.T) {
	db := open(t)
	if err := insertBatch(db, 0, 500); err != nil {
		t.Fatal(err)
	}
	var n int
	var sum float64
	if err := db.QueryRow(`SELECT count(*), sum(price) FROM t`).Scan(&n, &sum); err != nil {
		t.Fatal(err)
	}
	if n != 500 || sum != 499*500/2/4.0 {
		t.Fatalf("%s: count %d sum %v, want 500 and %v", driverLabel, n, sum, 499*500/2/4.0)
	}
}

// BenchmarkInsertBatch inserts 10,000 rows per transaction and reports
// rows per second.
func BenchmarkInsertBatch(b *testing.B) {
	const batch = 10000
	db := open(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := insertBatch(db, i*batch, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "rows/s")
}
