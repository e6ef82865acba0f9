package projections

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// pgDialect is the SQL of the PostgreSQL store.
type pgDialect struct{}

// pgTypes maps ChainSQL's column types to PostgreSQL's. Integers are
// 64-bit and strings unbounded, as the SQLite store keeps them, so that a
// value one store takes the other takes too; decimal keeps its length and
// accuracy as NUMERIC(length, accuracy), as chainsqld's MySQL dialect
// does (values are rounded to the accuracy); datetime and date are typed
// (a value PostgreSQL cannot read as one is refused).
var pgTypes = map[string]string{
	"int":      "BIGINT",
	"integer":  "BIGINT",
	"float":    "DOUBLE PRECISION",
	"double":   "DOUBLE PRECISION",
	"varchar":  "TEXT",
	"char":     "TEXT",
	"text":     "TEXT",
	"longtext": "TEXT",
	"blob":     "TEXT",
	"datetime": "TIMESTAMP",
	"date":     "DATE",
}

// pgType returns a column's PostgreSQL type.
func pgType(c *tableop.Column) string {
	if c.Kind() == "decimal" {
		length, accuracy := c.Size()
		return "NUMERIC(" + strconv.FormatInt(length, 10) + ", " + strconv.FormatInt(accuracy, 10) + ")"
	}
	return pgTypes[c.Kind()]
}

// Table implements Dialect: PostgreSQL folds an unquoted name to lower
// case, so the store names its tables in lower case, and raw SQL naming
// t_<NameInDB> as chainsqld's clients write it (upper case) finds them.
func (pgDialect) Table(table string) string { return quote(strings.ToLower(table)) }

// Base is the table's name: in PostgreSQL a common table expression
// without RECURSIVE does not see its own name, so the name inside reads
// the table.
func (d pgDialect) Base(table string) string { return d.Table(table) }

// BinaryType implements Dialect.
func (pgDialect) BinaryType() string { return "BYTEA" }

// Param implements Dialect: a value bound where nothing types it (a
// SELECT list) is cast to its column's type.
func (pgDialect) Param(c *tableop.Column) string { return "CAST(? AS " + pgType(c) + ")" }

// CreateTable implements Dialect: as the SQLite dialect (NOT NULL,
// UNIQUE, a table PRIMARY KEY, an index per indexed column and named
// index), with PostgreSQL's types; foreign keys are recorded in the
// schema but not declared, as the SQLite store leaves them unenforced
// (declared, PostgreSQL would enforce them and refuse a reference to
// columns without a unique constraint).
func (d pgDialect) CreateTable(table string, s *Schema) []string {
	var b strings.Builder
	b.WriteString("CREATE TABLE " + d.Table(table) + " (")
	var pk []string
	for i := range s.Columns {
		c := &s.Columns[i]
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(c.Field) + " " + pgType(c))
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
	b.WriteString(")")
	out := []string{b.String()}
	for _, c := range s.Columns {
		if c.IsIndexed() {
			out = append(out, d.CreateIndex(table, c.Field, []string{c.Field}))
		}
	}
	for _, ix := range s.Indexes {
		out = append(out, d.CreateIndex(table, ix.Name, ix.Fields))
	}
	return out
}

// Migrate implements Dialect the way the SQLite dialect does (a new
// table, the rows copied, the old one dropped, the new one renamed, the
// indexes made again): PostgreSQL's DDL is transactional, so the whole
// change commits or rolls back with its ledger.
func (d pgDialect) Migrate(table string, from, to *Schema) ([]Stmt, error) {
	return copyMigration(d, table, from, to)
}

// CreateIndex implements Dialect.
func (d pgDialect) CreateIndex(table, name string, fields []string) string {
	q := make([]string, len(fields))
	for i, f := range fields {
		q[i] = quote(f)
	}
	return "CREATE INDEX " + quote(strings.ToLower(indexName(table, name))) + " ON " + d.Table(table) + " (" + strings.Join(q, ", ") + ")"
}

// DropIndex implements Dialect.
func (pgDialect) DropIndex(table, name string) string {
	return "DROP INDEX " + quote(strings.ToLower(indexName(table, name)))
}

// Rejected implements Dialect by SQLSTATE class: 22 (data exception: a
// value that does not fit its type), 23 (integrity: a duplicate key, a
// NULL in a NOT NULL column), 42 (syntax or access rule: an unknown
// column or table, a type mismatch, a missing privilege), 0A (not
// supported), 21 (cardinality), 25006 (a write in a read-only
// transaction), 2BP01 (dependent objects), 54 (a program limit: too many
// columns, an index row too big) and 57014 (a query cancelled by
// statement_timeout) are the statement's fault. Every other class —
// connection (08), resources (53), operator intervention (57, but for
// 57014), system (58), internal (XX), transaction rollback (40) — is the
// node's: the ledger is not applied, and it is retried.
func (pgDialect) Rejected(err error) bool {
	pe, ok := errors.AsType[*pgconn.PgError](err)
	if !ok || len(pe.Code) != 5 {
		return false
	}
	switch pe.Code[:2] {
	case "22", "23", "42", "0A", "21", "54":
		return true
	}
	switch pe.Code {
	case "25006", "2BP01", "57014":
		return true
	}
	return false
}

// Value implements Dialect: PostgreSQL's NUMERIC (decimal columns, sum
// and avg of integers) comes back as text and becomes an int64 or a
// float64, as the SQLite store's numbers are; a TIMESTAMP as
// "2006-01-02 15:04:05" (the form the ledger's close time is written
// in), a DATE as "2006-01-02".
func (pgDialect) Value(dbType string, v any) any {
	switch t := v.(type) {
	case string:
		if dbType != "NUMERIC" {
			return v
		}
		if n, err := strconv.ParseInt(t, 10, 64); err == nil {
			return n
		}
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			return f
		}
	case time.Time:
		if dbType == "DATE" {
			return t.Format(time.DateOnly)
		}
		return t.Format("2006-01-02 15:04:05.999999")
	}
	return v
}
