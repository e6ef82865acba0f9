package projections

import (
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// Filter restricts what a raw SELECT reads of one table to the rows
// Where (a condition object) selects: for r_get_sql_admin and
// r_get_sql_user, a rule table's OperationRule Get condition.
type Filter struct {
	NameInDB [20]byte
	Where    tableop.Value
}

// filtered returns sql reading each filtered table through a common
// table expression of the same name, WITH "t_X" AS (SELECT * FROM
// main."t_X" WHERE cond), which every reference to "t_X" in the
// statement then reads instead of the table: the condition holds
// wherever and however often the statement names the table, whatever
// its clauses. chainsqld appends " where cond" (or " and cond") to the
// text instead, which breaks a statement with ORDER BY, LIMIT, GROUP BY
// or an OR in its WHERE. A schema-qualified name (main."t_X" in SQLite, public.t_x in PostgreSQL) would
// reach the table past the expression, so the statement may not qualify
// a filtered table (ErrBadQuery).
func filtered(d Dialect, sql string, filters []Filter) (string, []any, error) {
	var b sqlBuf
	for _, f := range filters {
		if f.Where.Kind() != tableop.Object {
			continue
		}
		table := TableName(f.NameInDB)
		if qualified(sql, table) {
			return "", nil, queryErrorf(ErrBadQuery, "table %s has an OperationRule: name it without a schema", table)
		}
		if b.Len() == 0 {
			b.WriteString("WITH ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(d.Table(table) + " AS (SELECT * FROM " + d.Base(table) + " WHERE ")
		if err := writeObject(&b, f.Where, columnKey, 0); err != nil {
			return "", nil, badQuery(err)
		}
		b.WriteString(") ")
	}
	if b.Len() == 0 {
		return sql, nil, nil
	}
	return b.String() + sql, b.args, nil
}

// qualified reports whether sql names table after a "." (spaces and a
// quote between them), as a schema-qualified name.
func qualified(sql, table string) bool {
	lower, name := strings.ToLower(sql), strings.ToLower(table)
	for i := strings.Index(lower, name); i >= 0; {
		j := i - 1
		for j >= 0 && strings.IndexByte(" \t\r\n\"`[", lower[j]) >= 0 {
			j--
		}
		if j >= 0 && lower[j] == '.' {
			return true
		}
		next := strings.Index(lower[i+1:], name)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}
