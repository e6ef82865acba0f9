package projections

import (
	"context"
	"database/sql/driver"
	"errors"
	"strconv"

	"github.com/jackc/pgx/v5/stdlib"
)

// pgConnector opens pgx's database/sql connections wrapped in pgConn.
type pgConnector struct {
	inner    driver.Connector
	readOnly bool
}

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := conn.(*stdlib.Conn)
	if !ok {
		return nil, errors.Join(errors.New("pgx's connector returned no *stdlib.Conn"), conn.Close())
	}
	return &pgConn{Conn: sc, readOnly: c.readOnly}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is a pgx connection as the projection uses it: the shared SQL's
// "?" placeholders become "$n" (rebind); every argument is sent as text
// (an int64 or a float64 as its decimal form) for PostgreSQL to read as
// the type of the column or expression it meets, as an untyped literal
// would be, so that a Raw's "30" fits an integer column and its 5 a text
// one, and what does not fit is PostgreSQL's refusal (a statement
// error), not a client-side encoding failure (a fault); database/sql's
// prepared statements are not prepared on the server (OpenPostgres
// keeps no plan there). A read-only connection runs queries only, never
// Exec (which pgx sends as a simple query, where several statements
// run, when it has no arguments).
type pgConn struct {
	*stdlib.Conn
	readOnly bool
}

// errExecOnReader is what a read-only connection answers to Exec.
var errExecOnReader = errors.New("projections: the read-only PostgreSQL pool runs queries only")

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext prepares query on the server inside a transaction of
// the writer (the applier's inserts of one ledger, closed when it ends,
// and again after a schema change); elsewhere it returns a statement
// that runs query through the connection each time, so that no plan
// outlives a schema change.
func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if !c.readOnly && c.Conn.Conn().PgConn().TxStatus() != 'I' {
		return c.Conn.PrepareContext(ctx, rebind(query))
	}
	return &pgStmt{c: c, query: query}, nil
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if c.readOnly {
		return nil, errExecOnReader
	}
	return c.Conn.ExecContext(ctx, rebind(query), args)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, rebind(query), args)
}

// CheckNamedValue converts an argument as database/sql would, then sends
// numbers and booleans as text (see pgConn).
func (c *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	v, err := driver.DefaultParameterConverter.ConvertValue(nv.Value)
	if err != nil {
		return err
	}
	switch t := v.(type) {
	case int64:
		v = strconv.FormatInt(t, 10)
	case float64:
		v = strconv.FormatFloat(t, 'g', -1, 64)
	case bool:
		v = strconv.FormatBool(t)
	}
	nv.Value = v
	return nil
}

// pgStmt is a "prepared" statement of a pgConn: its text, run through
// the connection.
type pgStmt struct {
	c     *pgConn
	query string
}

func (s *pgStmt) Close() error  { return nil }
func (s *pgStmt) NumInput() int { return -1 }

func (s *pgStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), named(args))
}

func (s *pgStmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), named(args))
}

func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.c.ExecContext(ctx, s.query, args)
}

func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.c.QueryContext(ctx, s.query, args)
}

// named numbers positional arguments.
func named(args []driver.Value) []driver.NamedValue {
	out := make([]driver.NamedValue, len(args))
	for i, a := range args {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return out
}
