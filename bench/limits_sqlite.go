package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	// The pure-Go SQLite driver, for the insert limit: the one the node's
	// SQL projection uses (projections/sqlite.go). Swapping it means
	// changing the import and sqliteDriverName.
	_ "modernc.org/sqlite"
)

// sqliteDriverName is the database/sql driver the SQLite limit uses,
// registered by sqliteModule.
const (
	sqliteDriverName = "sqlite"
	sqliteModule     = "modernc.org/sqlite"
)

// sqliteDriver names the driver's module and the version linked in.
func sqliteDriver() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == sqliteModule {
				return d.Path + " " + d.Version
			}
		}
	}
	return sqliteModule
}

// sqliteInsertRate inserts rows into a new database at path, in one
// transaction with one prepared statement, for d (and at least one
// batch), and returns rows per second including the commit.
func sqliteInsertRate(ctx context.Context, path string, d time.Duration) (rate float64, err error) {
	db, err := sql.Open(sqliteDriverName, path)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	db.SetMaxOpenConns(1)
	for _, q := range []string{
		"PRAGMA journal_mode=WAL",
		"PRAGMA synchronous=FULL",
		"CREATE TABLE payments (id INTEGER PRIMARY KEY, account TEXT NOT NULL, destination TEXT NOT NULL, amount INTEGER NOT NULL, memo TEXT)",
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return 0, fmt.Errorf("%s: %w", q, err)
		}
	}
	start := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO payments (account, destination, amount, memo) VALUES (?, ?, ?, ?)")
	if err != nil {
		return 0, fmt.Errorf("prepare: %w", err)
	}
	const batch = 1024
	rows := 0
	for rows == 0 || time.Since(start) < d {
		for range batch {
			if _, err := stmt.ExecContext(ctx, genesisAddress, "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", rows, "payment"); err != nil {
				return 0, fmt.Errorf("insert row %d: %w", rows, err)
			}
			rows++
		}
	}
	if err := stmt.Close(); err != nil {
		return 0, fmt.Errorf("close statement: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("commit: %w", err)
	}
	return float64(rows) / time.Since(start).Seconds(), nil
}
