package node

import (
	"context"
	"fmt"
	"time"

	"github.com/sqledger/sqledger/projections"
)

// The SQL stores a node can keep its tables in (SQLConfig.Store).
const (
	// SQLite is the embedded SQLite file in the data directory's sql/,
	// the default.
	SQLite = "sqlite"
	// Postgres is a PostgreSQL server's database, SQLConfig.DSN.
	Postgres = "postgres"
)

// SQLConfig chooses the SQL store.
type SQLConfig struct {
	// Store is SQLite ("" too) or Postgres.
	Store string
	// DSN names the PostgreSQL server, database and role (Postgres
	// only), in pgx's URL or key=value form.
	DSN string
	// ReadDSN names the read-only role the queries run as (Postgres
	// only; empty: the DSN's role, in read-only sessions).
	ReadDSN string
}

// Check reports a store that does not exist or a DSN that does not fit it.
func (c SQLConfig) Check() error {
	switch c.Store {
	case "", SQLite:
		if c.DSN != "" || c.ReadDSN != "" {
			return fmt.Errorf("sql store %q takes no dsn or read_dsn", SQLite)
		}
	case Postgres:
		if c.DSN == "" {
			return fmt.Errorf("sql store %q needs a dsn", Postgres)
		}
	default:
		return fmt.Errorf("sql store %q: want %q or %q", c.Store, SQLite, Postgres)
	}
	return nil
}

// OpenProjection opens the SQL store c chooses for the data directory
// dataDir: the SQLite file in SQLDir(dataDir), or the PostgreSQL
// database c.DSN names, whose read-only sessions get a statement_timeout
// a second past queryTimeout (0: projections.DefaultStatementTimeout),
// so that the node's own timeout cancels a query first.
func OpenProjection(ctx context.Context, dataDir string, c SQLConfig, queryTimeout time.Duration, opts projections.Options) (*projections.Projection, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	if c.Store == Postgres {
		var timeout time.Duration
		if queryTimeout > 0 {
			timeout = queryTimeout + time.Second
		}
		b, err := projections.OpenPostgres(ctx, projections.PostgresOptions{DSN: c.DSN, ReadDSN: c.ReadDSN, Readers: opts.Readers, StatementTimeout: timeout})
		if err != nil {
			return nil, err
		}
		opts.Backend = b
		return projections.Open("", opts)
	}
	return projections.Open(SQLDir(dataDir), opts)
}
