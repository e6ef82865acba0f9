package projections

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkRowVersions measures the design AsOf was chosen over: every
// row kept with the range of ledgers in which it was current, by SQLite
// triggers into a version table, so that a past ledger is a query. Each
// ledger inserts 1,000 rows, updates 100 and deletes 50 (one SQL
// transaction, as Apply writes a ledger); "plain" is the same without
// the triggers. "asof-point" then reads one row as of a ledger in the
// middle from the version table of 100 such ledgers, with an index on
// (id, from). The figures are in README.md, "Queries as of a past
// ledger".
func BenchmarkRowVersions(b *testing.B) {
	const perLedger = 1000
	open := func(b *testing.B, versioned bool) *sql.DB {
		be, err := OpenSQLite(filepath.Join(b.TempDir(), "v.db"), 1)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { be.Close() })
		db := be.Writer()
		ddl := []string{
			`CREATE TABLE cur(seq INTEGER)`, `INSERT INTO cur VALUES (0)`,
			`CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, age INTEGER)`,
		}
		if versioned {
			ddl = append(ddl,
				`CREATE TABLE v(id INTEGER, name TEXT, age INTEGER, v_from INTEGER, v_to INTEGER)`,
				`CREATE INDEX v_id ON v(id, v_from)`,
				`CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN INSERT INTO v VALUES (NEW.id, NEW.name, NEW.age, (SELECT seq FROM cur), NULL); END`,
				`CREATE TRIGGER t_upd AFTER UPDATE ON t BEGIN UPDATE v SET v_to = (SELECT seq FROM cur) WHERE id = OLD.id AND v_to IS NULL; INSERT INTO v VALUES (NEW.id, NEW.name, NEW.age, (SELECT seq FROM cur), NULL); END`,
				`CREATE TRIGGER t_del AFTER DELETE ON t BEGIN UPDATE v SET v_to = (SELECT seq FROM cur) WHERE id = OLD.id AND v_to IS NULL; END`)
		}
		for _, s := range ddl {
			if _, err := db.Exec(s); err != nil {
				b.Fatal(err)
			}
		}
		return db
	}
	ledger := func(b *testing.B, db *sql.DB, seq int) {
		tx, err := db.BeginTx(context.Background(), nil)
		if err != nil {
			b.Fatal(err)
		}
		exec := func(q string, args ...any) {
			if _, err := tx.Exec(q, args...); err != nil {
				b.Fatal(err)
			}
		}
		exec(`UPDATE cur SET seq = ?`, seq)
		base := seq * perLedger
		for i := range perLedger {
			exec(`INSERT INTO t VALUES (?, ?, ?)`, base+i, fmt.Sprint("n", i), i%90)
		}
		if seq > 1 {
			prev := base - perLedger
			for i := 0; i < perLedger/10; i++ {
				exec(`UPDATE t SET age = age + 1 WHERE id = ?`, prev+i)
			}
			for i := perLedger / 10; i < perLedger/10+perLedger/20; i++ {
				exec(`DELETE FROM t WHERE id = ?`, prev+i)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	for _, versioned := range []bool{false, true} {
		name := "plain"
		if versioned {
			name = "versioned"
		}
		b.Run(name, func(b *testing.B) {
			db := open(b, versioned)
			b.ResetTimer()
			for i := range b.N {
				ledger(b, db, i+1)
			}
			b.ReportMetric(float64(b.N*perLedger)/b.Elapsed().Seconds(), "rows-inserted/s")
		})
	}
	b.Run("asof-point", func(b *testing.B) {
		db := open(b, true)
		for seq := 1; seq <= 100; seq++ {
			ledger(b, db, seq)
		}
		b.ResetTimer()
		for i := range b.N {
			id := 50*perLedger + 200 + i%800 // neither updated nor deleted
			var n int
			err := db.QueryRow(`SELECT count(*) FROM v WHERE id = ? AND v_from <= 60 AND (v_to IS NULL OR v_to > 60)`, id).Scan(&n)
			if err != nil || n != 1 {
				b.Fatalf("row %d as of 60: %d, %v", id, n, err)
			}
		}
	})
}
