package main

import (
	"context"
	"fmt"

	"github.com/sqledger/sqledger/internal/pgtest"
)

// The SQL stores bench can give the node it starts (--store).
const (
	storeSQLite   = "sqlite"
	storePostgres = "postgres"
)

// withStore starts what the node's SQL store needs before the node:
// for --store postgres, a throwaway PostgreSQL server (internal/pgtest,
// with PostgreSQL's durable defaults: fsync and synchronous_commit on)
// and a database owned by the node's role, whose DSN it puts in cfg.
// The returned function removes the server.
func withStore(cfg *nodeConfig) (func() error, error) {
	if cfg.Store != storePostgres {
		return func() error { return nil }, nil
	}
	srv, err := pgtest.Start(pgtest.Options{Durable: true})
	if err != nil {
		return nil, fmt.Errorf("--store postgres: %w", err)
	}
	dsn, err := srv.NewDatabase("bench")
	if err != nil {
		return nil, fmt.Errorf("--store postgres: %w", err)
	}
	cfg.SQLDSN = dsn
	return srv.Remove, nil
}

// runOnSQLite runs workload w again on a node with the SQLite store,
// with the options of the PostgreSQL run e made, for the report's
// comparison in the same run.
func runOnSQLite(ctx context.Context, w workload, e *env) (*Report, error) {
	o := *e.opts
	o.Node.Store, o.Node.SQLDSN = storeSQLite, ""
	return runAgain(ctx, w, e, &o, "the same on the SQLite store")
}
