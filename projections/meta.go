package projections

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The projection's bookkeeping lives in two tables beside the t_ tables:
// the checkpoint (one row: the last ledger applied) and the schema of
// every table, which schema changes and recreate need.
const (
	checkpointTable = "sqledger_checkpoint"
	schemaTable     = "sqledger_tables"
)

// metaDDL returns the statements that create the bookkeeping tables
// in d's SQL.
func metaDDL(d Dialect) []string {
	return []string{
		`CREATE TABLE IF NOT EXISTS ` + checkpointTable + ` (
		id INTEGER PRIMARY KEY CHECK (id = 1),
		seq BIGINT NOT NULL,
		hash ` + d.BinaryType() + ` NOT NULL)`,
		`CREATE TABLE IF NOT EXISTS ` + schemaTable + ` (
		name TEXT PRIMARY KEY,
		schema TEXT NOT NULL)`,
		confidentialDDL,
	}
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Checkpoint is the last ledger the projection applied.
type Checkpoint struct {
	Seq  uint32
	Hash [32]byte
}

// loadCheckpoint reads the checkpoint; ok is false before the first
// ledger.
func loadCheckpoint(ctx context.Context, q querier) (cp Checkpoint, ok bool, err error) {
	var seq int64
	var h []byte
	err = q.QueryRowContext(ctx, `SELECT seq, hash FROM `+checkpointTable+` WHERE id = 1`).Scan(&seq, &h)
	if errors.Is(err, sql.ErrNoRows) {
		return cp, false, nil
	}
	if err != nil {
		return cp, false, fmt.Errorf("read checkpoint: %w", err)
	}
	if seq < 1 || seq > 1<<32-1 || len(h) != len(cp.Hash) {
		return cp, false, fmt.Errorf("%w: checkpoint seq %d, hash of %d bytes", ErrCorrupt, seq, len(h))
	}
	cp.Seq = uint32(seq)
	copy(cp.Hash[:], h)
	return cp, true, nil
}

// saveCheckpoint records the ledger just applied, in its transaction,
// if the store's checkpoint is still prev (nil: none): otherwise the
// ledger was applied already, by a commit whose answer was lost (a
// server store's connection cut during COMMIT), and saveCheckpoint
// fails with ErrOutOfOrder, which rolls the ledger back.
func saveCheckpoint(ctx context.Context, q querier, prev *Checkpoint, cp Checkpoint) error {
	var res sql.Result
	var err error
	if prev == nil {
		res, err = q.ExecContext(ctx, `INSERT INTO `+checkpointTable+` (id, seq, hash) VALUES (1, ?, ?)
			ON CONFLICT (id) DO NOTHING`, int64(cp.Seq), cp.Hash[:])
	} else {
		res, err = q.ExecContext(ctx, `UPDATE `+checkpointTable+` SET seq = ?, hash = ? WHERE id = 1 AND seq = ?`,
			int64(cp.Seq), cp.Hash[:], int64(prev.Seq))
	}
	if err != nil {
		return fmt.Errorf("write checkpoint: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("write checkpoint: %w", err)
	}
	if n != 1 {
		return fmt.Errorf("write checkpoint: %w: the store's checkpoint moved past ledger %d", ErrOutOfOrder, cp.Seq-1)
	}
	return nil
}

// loadSchema reads a table's schema; ok is false if the store has no
// such table.
func loadSchema(ctx context.Context, q querier, table string) (s *Schema, ok bool, err error) {
	var text string
	err = q.QueryRowContext(ctx, `SELECT schema FROM `+schemaTable+` WHERE name = ?`, table).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read schema of %s: %w", table, err)
	}
	s, err = decodeSchema(text)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", table, err)
	}
	return s, true, nil
}

// saveSchema records a table's schema.
func saveSchema(ctx context.Context, q querier, table string, s *Schema) error {
	text, err := s.encode()
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO `+schemaTable+` (name, schema) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET schema = excluded.schema`, table, text)
	if err != nil {
		return fmt.Errorf("write schema of %s: %w", table, err)
	}
	return nil
}

// deleteSchema forgets a dropped table.
func deleteSchema(ctx context.Context, q querier, table string) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM `+schemaTable+` WHERE name = ?`, table); err != nil {
		return fmt.Errorf("delete schema of %s: %w", table, err)
	}
	return nil
}

// listTables returns the tables of the store, ordered by name.
func listTables(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM `+schemaTable+` ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("list tables: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	return names, nil
}
