package projections

import (
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// sqlBuf accumulates SQL text and the arguments bound to its
// placeholders. Values from a transaction or a query only ever reach the
// database as arguments.
type sqlBuf struct {
	strings.Builder
	args []any
}

// arg appends a placeholder bound to v.
func (b *sqlBuf) arg(v any) {
	b.WriteByte('?')
	b.args = append(b.args, v)
}

// keyFunc turns a condition's key into SQL: a quoted column, or in a
// $having clause also an aggregate.
type keyFunc func(key string) (string, error)

// columnKey accepts only a column name.
func columnKey(key string) (string, error) {
	if err := checkIdent("field", key); err != nil {
		return "", err
	}
	return quote(key), nil
}

// comparisons maps the comparison operators to SQL.
var comparisons = map[string]string{
	"$eq": "=", "$ne": "!=", "$lt": "<", "$le": "<=", "$gt": ">", "$ge": ">=",
}

// writeOr writes the condition objects OR-ed, each in parentheses
// (chainsqld's SQLConditionTree: objects are OR-ed, the keys of one
// object AND-ed).
func writeOr(b *sqlBuf, conds []tableop.Value, key keyFunc) error {
	for i, c := range conds {
		if i > 0 {
			b.WriteString(" OR ")
		}
		if err := writeObject(b, c, key, 0); err != nil {
			return err
		}
	}
	return nil
}

// writeObject writes one condition object: its members AND-ed.
func writeObject(b *sqlBuf, obj tableop.Value, key keyFunc, depth int) error {
	if obj.Kind() != tableop.Object {
		return stmtErrorf("a condition must be an object, not %s", obj.Kind())
	}
	if len(obj.Members()) == 0 {
		return stmtErrorf("a condition object must not be empty")
	}
	if depth > tableop.MaxDepth {
		return stmtErrorf("conditions nested too deep")
	}
	b.WriteByte('(')
	for i, m := range obj.Members() {
		if i > 0 {
			b.WriteString(" AND ")
		}
		var err error
		switch op := strings.ToLower(m.Key); {
		case op == "$and" || op == "$or":
			err = writeLogical(b, op, m.Value, key, depth)
		case strings.HasPrefix(op, "$"):
			err = stmtErrorf("unknown operator %s", m.Key)
		default:
			err = writeField(b, m.Key, m.Value, key)
		}
		if err != nil {
			return err
		}
	}
	b.WriteByte(')')
	return nil
}

// writeLogical writes {"$and":[…]} or {"$or":[…]}.
func writeLogical(b *sqlBuf, op string, list tableop.Value, key keyFunc, depth int) error {
	if list.Kind() != tableop.Array || len(list.Elems()) == 0 {
		return stmtErrorf("%s takes a non-empty array of conditions", op)
	}
	join := " AND "
	if op == "$or" {
		join = " OR "
	}
	b.WriteByte('(')
	for i, c := range list.Elems() {
		if i > 0 {
			b.WriteString(join)
		}
		if err := writeObject(b, c, key, depth+1); err != nil {
			return err
		}
	}
	b.WriteByte(')')
	return nil
}

// writeField writes the condition on one column: a value (equality, or
// IS NULL for null) or an object of operators, AND-ed.
func writeField(b *sqlBuf, name string, v tableop.Value, key keyFunc) error {
	col, err := key(name)
	if err != nil {
		return err
	}
	if v.Kind() != tableop.Object {
		return writeCompare(b, col, "$eq", v)
	}
	if len(v.Members()) == 0 {
		return stmtErrorf("no operator for %s", name)
	}
	for i, m := range v.Members() {
		if i > 0 {
			b.WriteString(" AND ")
		}
		if err := writeCompare(b, col, strings.ToLower(m.Key), m.Value); err != nil {
			return err
		}
	}
	return nil
}

// writeCompare writes one operator applied to a column.
func writeCompare(b *sqlBuf, col, op string, v tableop.Value) error {
	switch op {
	case "$eq", "$ne", "$lt", "$le", "$gt", "$ge":
		if v.Kind() == tableop.Null {
			switch op {
			case "$eq":
				b.WriteString(col + " IS NULL")
				return nil
			case "$ne":
				b.WriteString(col + " IS NOT NULL")
				return nil
			}
			return stmtErrorf("%s %s null: value can't be null", col, op)
		}
		a, err := sqlArg(v)
		if err != nil {
			return err
		}
		b.WriteString(col + " " + comparisons[op] + " ")
		b.arg(a)
	case "$in", "$nin":
		if v.Kind() != tableop.Array || len(v.Elems()) == 0 {
			return stmtErrorf("%s takes a non-empty array of values", op)
		}
		b.WriteString(col)
		if op == "$nin" {
			b.WriteString(" NOT")
		}
		b.WriteString(" IN (")
		for i, el := range v.Elems() {
			if el.Kind() == tableop.Null {
				return stmtErrorf("%s: value can't be null", op)
			}
			a, err := sqlArg(el)
			if err != nil {
				return err
			}
			if i > 0 {
				b.WriteByte(',')
			}
			b.arg(a)
		}
		b.WriteByte(')')
	case "$is", "$isnot":
		if v.Kind() != tableop.Null {
			return stmtErrorf("%s only takes null", op)
		}
		b.WriteString(col + " IS ")
		if op == "$isnot" {
			b.WriteString("NOT ")
		}
		b.WriteString("NULL")
	case "$regex":
		if v.Kind() != tableop.String {
			return stmtErrorf("$regex takes a string")
		}
		b.WriteString(col + " LIKE ")
		b.arg(likePattern(v.Str()))
	default:
		return stmtErrorf("unknown operator %s", op)
	}
	return nil
}

// likePattern turns chainsqld's $regex forms into a LIKE pattern, as its
// SQLConditionTree does: "/x/" contains x, "/^x/" becomes '%x' and
// "/x^/" becomes 'x%' (sic); any other string is the pattern itself.
func likePattern(re string) string {
	n := len(re)
	switch {
	case n >= 3 && strings.HasPrefix(re, "/^") && re[n-1] == '/':
		return "%" + re[2:n-1]
	case n >= 3 && re[0] == '/' && strings.HasSuffix(re, "^/"):
		return re[1:n-2] + "%"
	case n >= 2 && re[0] == '/' && re[n-1] == '/':
		return "%" + re[1:n-1] + "%"
	}
	return re
}
