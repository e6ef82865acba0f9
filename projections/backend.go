package projections

import (
	"database/sql"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// Backend is the SQL database a Projection keeps its tables in. Open uses
// the embedded SQLite one (OpenSQLite) unless Options name another, such
// as a PostgreSQL server (OpenPostgres). The Projection owns the Backend
// it is given and closes it.
type Backend interface {
	// Writer is the handle ledgers are applied through. The Projection
	// uses one connection of it at a time, for one transaction per
	// ledger.
	Writer() *sql.DB
	// Reader is a pool of connections that can only read. Every query
	// runs on it, in parallel with the writer.
	Reader() *sql.DB
	// Dialect is the SQL that differs from one database to another.
	Dialect() Dialect
	// Close closes both handles.
	Close() error
}

// Dialect is the SQL a Backend's database needs for what standard SQL
// does not say alike everywhere: table names and definitions, schema
// changes, the type of bytes, scanned values and the classification of
// errors. Everything else (inserts, updates, deletes, selects with "?"
// placeholders and double-quoted identifiers, savepoints) is shared; a
// Backend whose database writes placeholders otherwise translates them
// (PostgreSQL's connections do, rebind).
type Dialect interface {
	// CreateTable returns the statements that create table with schema
	// s, its indexes included.
	CreateTable(table string, s *Schema) []string
	// Migrate returns the statements, with their arguments, that turn
	// table from schema from into schema to, keeping its rows: columns
	// in both keep their values, new columns get their default.
	Migrate(table string, from, to *Schema) ([]Stmt, error)
	// CreateIndex returns the statement that creates an index.
	CreateIndex(table, name string, fields []string) string
	// DropIndex returns the statement that drops an index.
	DropIndex(table, name string) string
	// Table returns the SQL name of table (t_<NameInDB>), quoted.
	Table(table string) string
	// Base names table itself inside the body of a common table
	// expression of the same name (an OperationRule's Get filter),
	// which must not read the expression.
	Base(table string) string
	// BinaryType is the column type of raw bytes (the checkpoint's hash).
	BinaryType() string
	// Param returns the placeholder of a value bound for column c where
	// nothing else gives it a type (a SELECT list).
	Param(c *tableop.Column) string
	// Value converts a value as the driver scanned it from a column of
	// database type dbType (as database/sql's ColumnType names it) to the
	// store's form: nil, int64, float64, string or []byte.
	Value(dbType string, v any) any
	// CheckQuery refuses a raw query (r_get_sql_admin, r_get_sql_user)
	// that uses what the database offers beyond reading the store's
	// tables by name (ErrQueryFailed).
	CheckQuery(query string) error
	// Rejected reports whether err is the database refusing a statement
	// (a constraint, an unknown column, a type mismatch): deterministic,
	// so the transaction yields db_error. Any other error (I/O, a full
	// disk, corruption, a cancelled context) is a fault of the node: the
	// ledger is not applied and the projection stops until it is retried.
	Rejected(err error) bool
}

// Stmt is one SQL statement with its arguments.
type Stmt struct {
	SQL  string
	Args []any
}
