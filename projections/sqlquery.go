package projections

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// QuerySQL answers r_get_sql_admin and r_get_sql_user: it runs sql, which
// must be one SELECT statement (ErrSelectOnly otherwise), on a read-only
// connection whose authorizer refuses anything but reading, and returns
// at most limit rows (the select limit when limit is 0 or more than it),
// as Get does. Call SelectTables first to learn the tables it reads, to
// check the caller's grants.
func (p *Projection) QuerySQL(ctx context.Context, sql string, limit int) ([]map[string]any, error) {
	return p.QuerySQLWhere(ctx, sql, nil, limit)
}

// QuerySQLWhere is QuerySQL reading each table of filters only through
// its condition (Filter: a rule table's OperationRule Get condition).
func (p *Projection) QuerySQLWhere(ctx context.Context, sql string, filters []Filter, limit int) ([]map[string]any, error) {
	if err := p.enter("query"); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > p.selectLimit {
		limit = p.selectLimit
	}
	if err := checkSelect(sql); err != nil {
		return nil, fmt.Errorf("projections: query: %w", err)
	}
	if err := p.d.CheckQuery(sql); err != nil {
		return nil, fmt.Errorf("projections: query: %w", err)
	}
	sql, args, err := filtered(p.d, sql, filters)
	if err != nil {
		return nil, fmt.Errorf("projections: query: %w", err)
	}
	lines, err := p.query(ctx, sql, args, limit)
	if err != nil {
		return nil, fmt.Errorf("projections: query: %w", err)
	}
	return lines, nil
}

// SelectTables checks that sql is one SELECT statement and returns the
// NameInDB of every table t_<40 hex digits> it names, in order of first
// appearance, as chainsqld finds them (by scanning the text).
func SelectTables(sql string) ([][20]byte, error) {
	if err := checkSelect(sql); err != nil {
		return nil, fmt.Errorf("projections: %w", err)
	}
	var out [][20]byte
	seen := map[[20]byte]bool{}
	for i := 0; i+42 <= len(sql); i++ {
		if (sql[i] != 't' && sql[i] != 'T') || sql[i+1] != '_' || (i > 0 && tableop.IsIdentByte(sql[i-1])) {
			continue
		}
		if i+42 < len(sql) && tableop.IsIdentByte(sql[i+42]) {
			continue
		}
		b, err := hex.DecodeString(sql[i+2 : i+42])
		if err != nil {
			continue
		}
		name := [20]byte(b)
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out, nil
}

// checkSelect accepts one statement whose first word is SELECT, with at
// most a trailing semicolon: it walks the text past string literals,
// quoted names and comments, so that a semicolon inside them does not
// count, and refuses any statement after the first.
func checkSelect(sql string) error {
	s := skipSpace(sql)
	if len(s) < 6 || !strings.EqualFold(s[:6], "select") || (len(s) > 6 && tableop.IsIdentByte(s[6])) {
		return queryErrorf(ErrSelectOnly, "the first word must be SELECT")
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'', '"', '`':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				return queryErrorf(ErrSelectOnly, "unterminated quote")
			}
			i += end + 1
		case '[':
			end := strings.IndexByte(s[i+1:], ']')
			if end < 0 {
				return queryErrorf(ErrSelectOnly, "unterminated [name]")
			}
			i += end + 1
		case '-', '/':
			if rest := skipSpace(s[i:]); len(rest) != len(s[i:]) {
				i = len(s) - len(rest) - 1
			}
		case ';':
			if skipSpace(s[i+1:]) != "" {
				return queryErrorf(ErrSelectOnly, "only one statement is allowed")
			}
			return nil
		}
	}
	return nil
}

// skipSpace returns s without its leading white space and comments.
func skipSpace(s string) string {
	for {
		t := strings.TrimLeft(s, " \t\r\n\f\v")
		switch {
		case strings.HasPrefix(t, "--"):
			if i := strings.IndexByte(t, '\n'); i >= 0 {
				t = t[i+1:]
			} else {
				t = ""
			}
		case strings.HasPrefix(t, "/*"):
			if i := strings.Index(t[2:], "*/"); i >= 0 {
				t = t[i+4:]
			} else {
				t = ""
			}
		default:
			return t
		}
		s = t
	}
}
