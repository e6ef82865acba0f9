package projections

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// PostgresOptions configure OpenPostgres.
type PostgresOptions struct {
	// DSN names the server, the database and the role the store writes
	// as, in pgx's forms: "postgres://user:pass@host:5432/db" or
	// "host=… port=… user=… dbname=…".
	DSN string
	// ReadDSN, when set, names the role the queries (r_get,
	// r_get_sql_admin, r_get_sql_user) run as, in the same database and
	// schema: a role that can only read. The store grants it SELECT on
	// its tables, present and future; a role that may create tables in
	// the schema, or a superuser, is refused. Empty: the queries run as
	// the DSN's role, in read-only sessions.
	ReadDSN string
	// Readers is the number of read-only connections queries share; 0
	// means 4.
	Readers int
	// StatementTimeout bounds each query on the read-only connections
	// (PostgreSQL's statement_timeout); 0 means DefaultStatementTimeout.
	StatementTimeout time.Duration
}

// DefaultStatementTimeout is the read-only connections'
// statement_timeout when PostgresOptions leave it 0: a little past the
// node's default query timeout (10 s), which cancels a query first.
const DefaultStatementTimeout = 11 * time.Second

// pgBackend is a PostgreSQL server store: one writing connection and a
// pool of read-only ones, of the same role.
type pgBackend struct {
	writer, reader *sql.DB
}

// OpenPostgres connects to the PostgreSQL store opts.DSN names and
// checks that its role can keep the store there: it fails, saying what
// is missing, when the server does not answer, when the role lacks
// USAGE or CREATE on its schema (PostgreSQL 15 grants CREATE on public
// to the database owner only), or when a table of the store belongs to
// another role. The writer keeps PostgreSQL's durable commit; the
// readers' sessions are read-only (default_transaction_read_only, and
// RESET ALL each time a connection is reused, so that no query leaves a
// session writable for the next) with a statement_timeout.
func OpenPostgres(ctx context.Context, opts PostgresOptions) (Backend, error) {
	cfg, err := pgx.ParseConfig(opts.DSN)
	if err != nil {
		return nil, fmt.Errorf("postgres: the dsn does not parse: %w", err)
	}
	where := fmt.Sprintf("PostgreSQL at %s:%d database %q as %q", cfg.Host, cfg.Port, cfg.Database, cfg.User)
	readers := opts.Readers
	if readers < 1 {
		readers = 4
	}
	timeout := opts.StatementTimeout
	if timeout <= 0 {
		timeout = DefaultStatementTimeout
	}
	// No statement is prepared and kept on the server: a kept plan
	// fails once its table's columns change ("cached plan must not
	// change result type"), which table operations do at any ledger.
	// Each statement is parsed, bound and run in one round trip, its
	// arguments typed by the server (pgConn sends them as text).
	cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
	w := sql.OpenDB(pgConnector{inner: stdlib.GetConnector(*cfg)})
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	if err := w.PingContext(ctx); err != nil {
		return nil, fmt.Errorf("postgres: %s is unreachable: %w", where, errors.Join(err, w.Close()))
	}
	if err := checkRights(ctx, w); err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", where, errors.Join(err, w.Close()))
	}
	rcfg := cfg.Copy()
	if opts.ReadDSN != "" {
		if rcfg, err = pgx.ParseConfig(opts.ReadDSN); err != nil {
			return nil, errors.Join(fmt.Errorf("postgres: the read_dsn does not parse: %w", err), w.Close())
		}
		rcfg.DefaultQueryExecMode = pgx.QueryExecModeExec
		if err := grantReader(ctx, w, rcfg); err != nil {
			return nil, fmt.Errorf("postgres: %s: %w", where, errors.Join(err, w.Close()))
		}
	}
	rcfg.RuntimeParams["default_transaction_read_only"] = "on"
	rcfg.RuntimeParams["statement_timeout"] = strconv.FormatInt(timeout.Milliseconds(), 10)
	r := sql.OpenDB(pgConnector{readOnly: true, inner: stdlib.GetConnector(*rcfg,
		stdlib.OptionResetSession(func(ctx context.Context, c *pgx.Conn) error {
			_, err := c.Exec(ctx, "RESET ALL")
			return err
		}))})
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	if err := r.PingContext(ctx); err != nil {
		return nil, fmt.Errorf("postgres: %s read-only: %w", where, errors.Join(err, r.Close(), w.Close()))
	}
	return &pgBackend{writer: w, reader: r}, nil
}

func (b *pgBackend) Writer() *sql.DB  { return b.writer }
func (b *pgBackend) Reader() *sql.DB  { return b.reader }
func (b *pgBackend) Dialect() Dialect { return pgDialect{} }
func (b *pgBackend) Close() error     { return errors.Join(b.reader.Close(), b.writer.Close()) }

// grantReader checks the read_dsn's role (it reaches the writer's
// database and schema, and can neither create tables there nor is a
// superuser) and grants it SELECT on the store's tables, present and
// future.
func grantReader(ctx context.Context, w *sql.DB, rcfg *pgx.ConnConfig) error {
	r := stdlib.OpenDB(*rcfg)
	defer r.Close()
	var role, db, schema string
	var super, create bool
	err := r.QueryRowContext(ctx, `SELECT current_user, current_database(), COALESCE(current_schema(), ''),
		(SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
		COALESCE(has_schema_privilege(current_schema(), 'CREATE'), false)`).Scan(&role, &db, &schema, &super, &create)
	if err != nil {
		return fmt.Errorf("the read_dsn's role: %w", err)
	}
	var wrole, wdb, wschema string
	if err := w.QueryRowContext(ctx, `SELECT current_user, current_database(), current_schema()`).Scan(&wrole, &wdb, &wschema); err != nil {
		return fmt.Errorf("check rights: %w", err)
	}
	switch {
	case role == wrole:
		return fmt.Errorf("%w: the read_dsn's role %s is the writer's", ErrRights, role)
	case db != wdb || (schema != "" && schema != wschema):
		return fmt.Errorf("%w: the read_dsn reaches database %q schema %q, the store is in database %q schema %q", ErrRights, db, schema, wdb, wschema)
	case super:
		return fmt.Errorf("%w: the read_dsn's role %s is a superuser, which can write", ErrRights, role)
	case create:
		return fmt.Errorf("%w: the read_dsn's role %s may create tables in schema %s (REVOKE CREATE ON SCHEMA %s FROM %s)", ErrRights, role, wschema, wschema, role)
	}
	q := pgDialect{}.Table
	for _, stmt := range []string{
		"GRANT USAGE ON SCHEMA " + q(wschema) + " TO " + q(role),
		"GRANT SELECT ON ALL TABLES IN SCHEMA " + q(wschema) + " TO " + q(role),
		"ALTER DEFAULT PRIVILEGES IN SCHEMA " + q(wschema) + " GRANT SELECT ON TABLES TO " + q(role),
	} {
		if _, err := w.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrRights, stmt, err)
		}
	}
	return nil
}

// ErrRights: the PostgreSQL role cannot keep the store (OpenPostgres
// says which right it lacks).
var ErrRights = errors.New("the role lacks a right the SQL store needs")

// checkRights checks that the writer's role can create, change and drop
// the store's tables in its schema.
func checkRights(ctx context.Context, db *sql.DB) error {
	var role string
	var schema sql.NullString
	var usage, create bool
	err := db.QueryRowContext(ctx, `SELECT current_user, current_schema(),
		COALESCE(has_schema_privilege(current_schema(), 'USAGE'), false),
		COALESCE(has_schema_privilege(current_schema(), 'CREATE'), false)`).Scan(&role, &schema, &usage, &create)
	if err != nil {
		return fmt.Errorf("check rights: %w", err)
	}
	switch {
	case !schema.Valid:
		return fmt.Errorf("%w: no schema of the search_path exists for role %s", ErrRights, role)
	case !usage:
		return fmt.Errorf("%w: role %s lacks USAGE on schema %s (GRANT USAGE ON SCHEMA %s TO %s)", ErrRights, role, schema.String, schema.String, role)
	case !create:
		return fmt.Errorf("%w: role %s lacks CREATE on schema %s (GRANT CREATE ON SCHEMA %s TO %s, or make %s the database's owner)",
			ErrRights, role, schema.String, schema.String, role, role)
	}
	rows, err := db.QueryContext(ctx, `SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind = 'r'
		AND (c.relname LIKE 'sqledger\_%' OR c.relname LIKE 't\_%') AND NOT pg_has_role(c.relowner, 'USAGE')
		ORDER BY c.relname`)
	if err != nil {
		return fmt.Errorf("check rights: %w", err)
	}
	lines, err := scanRows(rows)
	if err != nil {
		return fmt.Errorf("check rights: %w", err)
	}
	if len(lines) > 0 {
		var names []string
		for _, l := range lines {
			names = append(names, fmt.Sprintf("%v (owner %v)", l[0], l[1]))
		}
		return fmt.Errorf("%w: role %s does not own %s: the store must own its tables to change and drop them",
			ErrRights, role, strings.Join(names, ", "))
	}
	return nil
}
