package projections

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// extraKeys are the members that make a query object an "extra
// condition" rather than a WHERE condition (chainsqld's
// parseExtraCondition).
var extraKeys = map[string]bool{"$limit": true, "$order": true, "$group": true, "$having": true, "$join": true}

// bareExtraKeys are the extra keys written without "$", which chainsqld
// refuses ("`limit` can't be recognized by ChainSQL").
var bareExtraKeys = map[string]bool{"limit": true, "order": true, "group": true, "join": true}

// selectQuery is a parsed r_get Raw.
type selectQuery struct {
	columns []string        // SQL of each column; empty: *
	where   []tableop.Value // condition objects, OR-ed
	order   []string
	group   []string
	having  *tableop.Value
	offset  int64
	total   int64 // -1: none given
}

// Get answers r_get: it runs the query written in the JSON query
// language (raw: the Raw array, element 0 the columns, then condition
// objects and $limit/$order/$group/$having objects) against the table
// t_<nameInDB>, and returns at most limit rows (the projection's select
// limit when limit is 0 or more than it). Values come back as JSON
// values: NULL as nil, integers as int64, reals as float64, text and
// blobs as strings. Every value of the query is bound as an argument;
// names must match the identifier pattern. Errors match ErrBadQuery,
// ErrQueryFailed or ErrNoTable; RPCError maps them for the client.
func (p *Projection) Get(ctx context.Context, nameInDB [20]byte, raw []byte, limit int) ([]map[string]any, error) {
	return p.GetWhere(ctx, nameInDB, raw, tableop.Value{}, limit)
}

// GetWhere is Get with the query's conditions AND-ed with rule, a
// condition object (the zero Value: none): the table's OperationRule Get
// condition for the querying account (tableop.For), as chainsqld's
// r_get adds it. The query's own conditions are OR-ed first, its
// $order, $limit, $group and $having kept as they are.
func (p *Projection) GetWhere(ctx context.Context, nameInDB [20]byte, raw []byte, rule tableop.Value, limit int) ([]map[string]any, error) {
	if err := p.enter("get"); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > p.selectLimit {
		limit = p.selectLimit
	}
	q, err := parseSelect(raw)
	if err != nil {
		return nil, fmt.Errorf("projections: get: %w", badQuery(err))
	}
	q.where = tableop.And(q.where, rule)
	table := TableName(nameInDB)
	var b sqlBuf
	if err := q.write(&b, p.d.Table(table), int64(limit)); err != nil {
		return nil, fmt.Errorf("projections: get: %w", badQuery(err))
	}
	if _, ok, err := p.tableSchema(ctx, table); err != nil {
		return nil, fmt.Errorf("projections: get: %w", err)
	} else if !ok {
		return nil, fmt.Errorf("projections: get: %w", queryErrorf(ErrNoTable, "table %s is not in the SQL store", table))
	}
	lines, err := p.query(ctx, b.String(), b.args, limit)
	if err != nil {
		return nil, fmt.Errorf("projections: get %s: %w", table, err)
	}
	return lines, nil
}

// query runs a SELECT on the read-only pool, through the cache of
// prepared statements.
func (p *Projection) query(ctx context.Context, query string, args []any, limit int) (_ []map[string]any, err error) {
	st, err := p.stmts.acquire(ctx, query)
	if err != nil {
		return nil, p.queryErr(ctx, err)
	}
	defer func() { err = errors.Join(err, p.stmts.release(st)) }()
	rows, err := st.stmt.QueryContext(ctx, args...)
	if err != nil {
		return nil, p.queryErr(ctx, err)
	}
	defer rows.Close()
	lines, err := scanLines(rows, limit, p.d)
	if err != nil {
		return nil, p.queryErr(ctx, err)
	}
	return lines, nil
}

// queryErr classifies a query's failure: refused by the database
// (ErrQueryFailed) or not.
func (p *Projection) queryErr(ctx context.Context, err error) error {
	if ctx.Err() == nil && p.d.Rejected(err) {
		return newQueryError(ErrQueryFailed, err)
	}
	return err
}

// badQuery turns a parse failure into ErrBadQuery.
func badQuery(err error) error {
	if se, ok := errors.AsType[*StatementError](err); ok {
		return queryErrorf(ErrBadQuery, "%s", se.Reason)
	}
	return newQueryError(ErrBadQuery, err)
}

// parseSelect parses an r_get Raw.
func parseSelect(raw []byte) (*selectQuery, error) {
	v, err := tableop.ParseJSON(raw)
	if err != nil {
		return nil, stmtErrorf("Raw is not JSON: %v", err)
	}
	elems := v.Elems()
	if v.Kind() != tableop.Array || len(elems) == 0 || elems[0].Kind() != tableop.Array {
		return nil, stmtErrorf("Raw must be an array whose first element is the array of columns")
	}
	q := &selectQuery{total: -1}
	for _, c := range elems[0].Elems() {
		if c.Kind() != tableop.String {
			return nil, stmtErrorf("a column must be a string, not %s", c.Kind())
		}
		sql, err := selectExpr(c.Str())
		if err != nil {
			return nil, err
		}
		q.columns = append(q.columns, sql)
	}
	seen := map[string]bool{}
	for _, obj := range elems[1:] {
		if obj.Kind() != tableop.Object {
			return nil, stmtErrorf("Condition field is not a json-object.")
		}
		extra := 0
		for _, m := range obj.Members() {
			k := strings.ToLower(m.Key)
			if bareExtraKeys[k] {
				return nil, stmtErrorf("`%s` can't be recognized by ChainSQL", m.Key)
			}
			if extraKeys[k] {
				extra++
			}
		}
		if extra == 0 {
			q.where = append(q.where, obj)
			continue
		}
		if extra != len(obj.Members()) {
			return nil, stmtErrorf("an object with %s must hold nothing else", "$limit, $order, $group or $having")
		}
		for _, m := range obj.Members() {
			k := strings.ToLower(m.Key)
			if seen[k] {
				return nil, stmtErrorf("%s is given twice", k)
			}
			seen[k] = true
			if err := q.extra(k, m.Value); err != nil {
				return nil, err
			}
		}
	}
	return q, nil
}

// extra parses one of $limit, $order, $group, $having.
func (q *selectQuery) extra(key string, v tableop.Value) error {
	switch key {
	case "$limit":
		index, okI := v.Get("index")
		total, okT := v.Get("total")
		i, isI := index.Int()
		t, isT := total.Int()
		if v.Kind() != tableop.Object || len(v.Members()) != 2 || !okI || !okT || !isI || !isT || i < 0 || t < 0 {
			return stmtErrorf(`$limit must be {"index":i,"total":n} with non-negative integers`)
		}
		q.offset, q.total = i, t
	case "$order":
		if v.Kind() != tableop.Array {
			return stmtErrorf("$order must be an array")
		}
		for _, o := range v.Elems() {
			if o.Kind() != tableop.Object || len(o.Members()) != 1 {
				return stmtErrorf(`each $order element must be {"column":1|-1|"asc"|"desc"}`)
			}
			m := o.Members()[0]
			col, err := columnKey(m.Key)
			if err != nil {
				return err
			}
			dir, err := orderDir(m.Value)
			if err != nil {
				return err
			}
			// NULL sorts as the smallest value, as in SQLite and
			// MySQL (chainsqld's stores); PostgreSQL's default is the
			// largest, so every store is told.
			nulls := " NULLS FIRST"
			if dir == "DESC" {
				nulls = " NULLS LAST"
			}
			q.order = append(q.order, col+" "+dir+nulls)
		}
	case "$group":
		if v.Kind() != tableop.Array || len(v.Elems()) == 0 {
			return stmtErrorf("$group must be a non-empty array of columns")
		}
		for _, g := range v.Elems() {
			if g.Kind() != tableop.String {
				return stmtErrorf("$group must be an array of column names")
			}
			col, err := columnKey(g.Str())
			if err != nil {
				return err
			}
			q.group = append(q.group, col)
		}
	case "$having":
		if v.Kind() != tableop.Object {
			return stmtErrorf("$having must be a condition object")
		}
		q.having = &v
	case "$join":
		return stmtErrorf("$join is not supported: r_get reads one table")
	}
	return nil
}

// orderDir reads an $order direction: 1 or "asc", -1 or "desc".
func orderDir(v tableop.Value) (string, error) {
	if n, ok := v.Int(); ok && (n == 1 || n == -1) {
		if n == 1 {
			return "ASC", nil
		}
		return "DESC", nil
	}
	if v.Kind() == tableop.String && (strings.EqualFold(v.Str(), "asc") || strings.EqualFold(v.Str(), "desc")) {
		return strings.ToUpper(v.Str()), nil
	}
	return "", stmtErrorf("$order direction must be 1, -1, \"asc\" or \"desc\", not %s", v.Text())
}

// write renders the query against table (its quoted SQL name), with at
// most limit rows.
func (q *selectQuery) write(b *sqlBuf, table string, limit int64) error {
	b.WriteString("SELECT ")
	if len(q.columns) == 0 {
		b.WriteString("*")
	} else {
		b.WriteString(strings.Join(q.columns, ", "))
	}
	b.WriteString(" FROM " + table)
	if err := writeWhere(b, q.where); err != nil {
		return err
	}
	if len(q.group) > 0 {
		b.WriteString(" GROUP BY " + strings.Join(q.group, ", "))
	}
	if q.having != nil {
		if len(q.group) == 0 {
			return stmtErrorf("$having needs $group")
		}
		b.WriteString(" HAVING ")
		if err := writeObject(b, *q.having, havingKey, 0); err != nil {
			return err
		}
	}
	if len(q.order) > 0 {
		b.WriteString(" ORDER BY " + strings.Join(q.order, ", "))
	}
	total := limit
	if q.total >= 0 && q.total < total {
		total = q.total
	}
	b.WriteString(" LIMIT ")
	b.arg(total)
	b.WriteString(" OFFSET ")
	b.arg(q.offset)
	return nil
}
