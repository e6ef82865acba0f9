package projections

import (
	"regexp"
	"strings"
)

// columnExpr is the grammar of a query's column list (element 0 of an
// r_get Raw) and of a $having key:
//
//	expr  = name [AS alias] | func "(" name ")" [AS alias] | "count(*)" [AS alias] | "*"
//	func  = count | sum | avg | min | max        (any case)
//	name, alias: identifiers (identPattern)
//
// Nothing else is accepted: the column list is the only part of a query
// that becomes SQL text rather than a bound argument.
var columnExpr = regexp.MustCompile(`^\s*(?:(\*)|([A-Za-z_]\w*)\s*\(\s*(\*|[A-Za-z_]\w*)\s*\)|([A-Za-z_]\w*))(?:\s+(?i:as)\s+([A-Za-z_]\w*))?\s*$`)

// aggregates are the functions a column expression may apply.
var aggregates = map[string]bool{"count": true, "sum": true, "avg": true, "min": true, "max": true}

// selectExpr turns a column expression into SQL. An aggregate without an
// alias is labelled with its own text ("sum(age)"), as MySQL labels it.
func selectExpr(expr string) (string, error) {
	m := columnExpr.FindStringSubmatch(expr)
	if m == nil {
		return "", stmtErrorf("fieldname is illegal: %q", expr)
	}
	star, fn, arg, name, alias := m[1], m[2], m[3], m[4], m[5]
	if alias != "" {
		if err := checkIdent("alias", alias); err != nil {
			return "", err
		}
	}
	var sql, label string
	switch {
	case star != "":
		if alias != "" {
			return "", stmtErrorf("* takes no alias")
		}
		return "*", nil
	case name != "":
		if err := checkIdent("field", name); err != nil {
			return "", err
		}
		sql = quote(name)
	default:
		var err error
		if sql, err = aggregate(fn, arg); err != nil {
			return "", err
		}
		label = fn + "(" + arg + ")"
	}
	if alias != "" {
		label = alias
	}
	if label != "" {
		sql += " AS " + quote(label)
	}
	return sql, nil
}

// aggregate renders fn(arg): count(*) or fn("column").
func aggregate(fn, arg string) (string, error) {
	if !aggregates[strings.ToLower(fn)] {
		return "", stmtErrorf("function %s is not supported", fn)
	}
	if arg == "*" {
		if !strings.EqualFold(fn, "count") {
			return "", stmtErrorf("only count takes *")
		}
		return strings.ToLower(fn) + "(*)", nil
	}
	if err := checkIdent("field", arg); err != nil {
		return "", err
	}
	return strings.ToLower(fn) + "(" + quote(arg) + ")", nil
}

// havingKey turns a $having key, a column or an aggregate, into SQL.
func havingKey(key string) (string, error) {
	m := columnExpr.FindStringSubmatch(key)
	if m == nil || m[1] != "" || m[5] != "" {
		return "", stmtErrorf("$having key is illegal: %q", key)
	}
	if m[4] != "" {
		return columnKey(m[4])
	}
	return aggregate(m[2], m[3])
}
