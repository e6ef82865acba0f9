package projections

import (
	"errors"
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteDialect is the SQL of the embedded SQLite store.
type sqliteDialect struct{}

// sqliteTypes maps ChainSQL's column types to the SQLite type chainsqld's
// SQLite dialect gives them (DisposeSqlite): TEXT, BLOB, INTEGER, REAL or
// NUMERIC. Lengths are recorded in the schema but, as in chainsqld's
// SQLite dialect, not enforced.
var sqliteTypes = map[string]string{
	"int":      "INTEGER",
	"integer":  "INTEGER",
	"float":    "REAL",
	"double":   "REAL",
	"decimal":  "REAL",
	"varchar":  "TEXT",
	"char":     "TEXT",
	"text":     "TEXT",
	"longtext": "TEXT",
	"blob":     "BLOB",
	"datetime": "NUMERIC",
	"date":     "NUMERIC",
}

// CreateTable implements Dialect: column types as chainsqld's SQLite
// dialect maps them, NOT NULL and UNIQUE on the column, the primary key
// as a table constraint (so that it can span columns, as in MySQL, and
// its columns NOT NULL, as MySQL makes them), foreign keys recorded, and
// an index per column marked "index":1 and per named index.
func (sqliteDialect) CreateTable(table string, s *Schema) []string {
	var b strings.Builder
	b.WriteString("CREATE TABLE " + quote(table) + " (")
	var pk []string
	for i, c := range s.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(c.Field) + " " + sqliteTypes[c.Kind()])
		if c.IsNN() || c.IsPK() {
			b.WriteString(" NOT NULL")
		}
		if c.IsUQ() {
			b.WriteString(" UNIQUE")
		}
		if c.IsPK() {
			pk = append(pk, quote(c.Field))
		}
	}
	if len(pk) > 0 {
		b.WriteString(", PRIMARY KEY (" + strings.Join(pk, ", ") + ")")
	}
	for _, c := range s.Columns {
		if c.References != nil {
			b.WriteString(", FOREIGN KEY (" + quote(c.Field) + ") REFERENCES " + quote(c.References.Table) + " (" + quote(c.References.Field) + ")")
		}
	}
	b.WriteString(")")
	out := []string{b.String()}
	for _, c := range s.Columns {
		if c.IsIndexed() {
			out = append(out, sqliteDialect{}.CreateIndex(table, c.Field, []string{c.Field}))
		}
	}
	for _, ix := range s.Indexes {
		out = append(out, sqliteDialect{}.CreateIndex(table, ix.Name, ix.Fields))
	}
	return out
}

// Migrate implements Dialect with SQLite's documented way to make any
// change to a table (copyMigration).
func (d sqliteDialect) Migrate(table string, from, to *Schema) ([]Stmt, error) {
	return copyMigration(d, table, from, to)
}

// Table implements Dialect: SQLite's names are case-insensitive, so the
// table keeps the name chainsqld gives it.
func (sqliteDialect) Table(table string) string { return quote(table) }

// Base is the table in the main schema: in SQLite a common table
// expression that names itself would be recursive.
func (sqliteDialect) Base(table string) string { return "main." + quote(table) }

// BinaryType implements Dialect.
func (sqliteDialect) BinaryType() string { return "BLOB" }

// Param implements Dialect: SQLite's values carry their own type.
func (sqliteDialect) Param(*tableop.Column) string { return "?" }

// CheckQuery implements Dialect: the readers' authorizer already allows
// reading and nothing else.
func (sqliteDialect) CheckQuery(string) error { return nil }

// Value implements Dialect: modernc's values are the store's already.
func (sqliteDialect) Value(_ string, v any) any { return v }

// CreateIndex implements Dialect.
func (sqliteDialect) CreateIndex(table, name string, fields []string) string {
	q := make([]string, len(fields))
	for i, f := range fields {
		q[i] = quote(f)
	}
	return "CREATE INDEX " + quote(indexName(table, name)) + " ON " + quote(table) + " (" + strings.Join(q, ", ") + ")"
}

// DropIndex implements Dialect.
func (sqliteDialect) DropIndex(table, name string) string {
	return "DROP INDEX " + quote(indexName(table, name))
}

// Rejected implements Dialect: SQLite's generic SQL error (no such table
// or column, a syntax error), constraint violations, type mismatches,
// values too big, bind indexes out of range and what the readers'
// authorizer denies are the statement's fault; every other code is the
// node's.
func (sqliteDialect) Rejected(err error) bool {
	se, ok := errors.AsType[*sqlite.Error](err)
	if !ok {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_ERROR, sqlite3.SQLITE_CONSTRAINT, sqlite3.SQLITE_MISMATCH,
		sqlite3.SQLITE_TOOBIG, sqlite3.SQLITE_RANGE, sqlite3.SQLITE_AUTH:
		return true
	}
	return false
}
