package projections

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"

	"modernc.org/sqlite"
)

// SQLiteFile is the name of the SQL store in a projection's directory.
const SQLiteFile = "tables.db"

// sqliteBackend is the embedded SQLite store: a WAL database file with one
// writing connection and a pool of read-only ones.
type sqliteBackend struct {
	writer, reader *sql.DB
}

// OpenSQLite opens (creating it if needed) the SQLite database at path.
// The writer runs in WAL mode with synchronous=NORMAL: a crash of the
// process loses nothing committed, a power cut may lose the last
// ledgers, which the projection then applies again from the event log.
// The readers open the file read-only (mode=ro, query_only) and run
// under an authorizer that allows reading and nothing else.
func OpenSQLite(path string, readers int) (Backend, error) {
	if readers < 1 {
		readers = 1
	}
	file := (&url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath()}).String()
	// _dqs=0: a double-quoted name that is not a column is an error,
	// never a string; _defensive=1: no statement can corrupt the schema.
	const common = "_dqs=0&_defensive=1&_pragma=busy_timeout(10000)"
	w := sql.OpenDB(connector{dsn: file + "?" + common + "&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(0)&_txlock=immediate", drv: &sqlite.Driver{}})
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	// Create the file and switch it to WAL before a read-only connection
	// can look at it.
	if err := w.PingContext(context.Background()); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, errors.Join(err, w.Close()))
	}
	rd := &sqlite.Driver{}
	rd.RegisterConnectionHook(func(c sqlite.ExecQuerierContext, _ string) error {
		reg, ok := c.(sqlite.AuthorizerRegisterer)
		if !ok {
			return errors.New("the SQLite driver has no authorizer")
		}
		return reg.RegisterAuthorizer(readOnlyAuthorizer)
	})
	r := sql.OpenDB(connector{dsn: file + "?mode=ro&" + common + "&_pragma=query_only(1)", drv: rd})
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	if err := r.PingContext(context.Background()); err != nil {
		return nil, fmt.Errorf("open %s read-only: %w", path, errors.Join(err, r.Close(), w.Close()))
	}
	return &sqliteBackend{writer: w, reader: r}, nil
}

// readOnlyAuthorizer lets a statement read tables and call functions,
// and refuses everything else: writes, schema changes, PRAGMA, ATTACH,
// transactions. It is the guarantee behind r_get_sql_admin's "SELECT
// only", on top of the read-only file handle.
func readOnlyAuthorizer(action sqlite.AuthorizerActionCode, _, _, _, _ string) sqlite.AuthorizerReturnCode {
	switch action {
	case sqlite.AuthSelect, sqlite.AuthRead, sqlite.AuthFunction, sqlite.AuthRecursive:
		return sqlite.AuthorizerOK
	}
	return sqlite.AuthorizerDeny
}

func (b *sqliteBackend) Writer() *sql.DB  { return b.writer }
func (b *sqliteBackend) Reader() *sql.DB  { return b.reader }
func (b *sqliteBackend) Dialect() Dialect { return sqliteDialect{} }
func (b *sqliteBackend) Close() error     { return errors.Join(b.reader.Close(), b.writer.Close()) }

// connector opens connections of one DSN with one driver, so that the
// reader's authorizer hook applies to its own connections only.
type connector struct {
	dsn string
	drv *sqlite.Driver
}

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return c.drv.Open(c.dsn)
}

func (c connector) Driver() driver.Driver { return c.drv }
