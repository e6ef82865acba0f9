package projections

import (
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// sqlArg converts a JSON value of a Raw to the argument bound for it:
// strings stay strings, integers within int64 become int64, other
// numbers float64, null NULL. chainsqld refuses booleans, arrays and
// objects as values ("Unknown type when parsing fields").
func sqlArg(v tableop.Value) (any, error) {
	switch v.Kind() {
	case tableop.Null:
		return nil, nil
	case tableop.String:
		return v.Str(), nil
	case tableop.Number:
		s := v.Num()
		if !strings.ContainsAny(s, ".eE") {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil, stmtErrorf("integer %s is out of range", s)
			}
			return n, nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) {
			return nil, stmtErrorf("number %s is out of range", s)
		}
		return f, nil
	}
	return nil, stmtErrorf("Unknown type when parsing fields.[%s]", v.Text())
}

// defaultArg returns the argument for a column's stored default.
func defaultArg(c tableop.Column) (any, error) {
	v, err := tableop.ParseJSON(c.Default)
	if err != nil {
		return nil, fmt.Errorf("%w: default of %s: %w", ErrCorrupt, c.Field, err)
	}
	return sqlArg(v)
}

// scanLines reads every row of rows, at most limit of them, as JSON
// objects keyed by column label: NULL is nil, integers int64, reals
// float64, text and blobs strings (each value as d reads it, then
// jsonValue).
func scanLines(rows *sql.Rows, limit int, d Dialect) ([]map[string]any, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	lines := []map[string]any{}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for len(lines) < limit && rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		line := make(map[string]any, len(cols))
		for i, c := range cols {
			line[c] = jsonValue(d.Value(types[i].DatabaseTypeName(), vals[i]))
		}
		lines = append(lines, line)
	}
	return lines, rows.Err()
}

// jsonValue converts a scanned SQL value to its JSON form.
func jsonValue(v any) any {
	switch t := v.(type) {
	case []byte:
		return string(t)
	case bool:
		if t {
			return int64(1)
		}
		return int64(0)
	}
	return v
}

// scanRows reads every row of rows as the driver returns its values.
func scanRows(rows *sql.Rows) ([][]any, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}
