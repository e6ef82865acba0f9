package main

import (
	"encoding/json"
	"fmt"
	"strings"

	gojson "github.com/goccy/go-json"
)

// queryKind is one kind of query the queries workload issues: how to
// write query i of its pool over a table of n rows (ids 0 … n-1), and
// what the answer must be.
type queryKind struct {
	name  string // as --kinds names it
	title string // as the report names it
	// admin kinds are r_get_sql_admin (raw SQL, unsigned); the others are
	// signed r_get queries in the JSON query language.
	admin bool
	build func(i, n int, sqlTable string) (query string, want expectation)
}

// expectation is what a correct answer holds: a number of lines and,
// when field is set, the value of that field in the first line.
type expectation struct {
	lines int
	field string
	value int64
}

// The page and range sizes. All are below the node's default
// select_limit (200), which would cut longer answers short.
const (
	rangeRows = 50
	pageRows  = 20
	adminRows = 10
)

// queryKinds are the kinds, in the order reports list them.
var queryKinds = []queryKind{
	{name: "point", title: "point lookup by primary key", build: func(i, n int, _ string) (string, expectation) {
		k := spread(i, n)
		return fmt.Sprintf(`[[],{"id":%d}]`, k), expectation{lines: 1, field: "id", value: int64(k)}
	}},
	{name: "range", title: fmt.Sprintf("range of %d ids ($gt, $lt)", rangeRows), build: func(i, n int, _ string) (string, expectation) {
		a := spread(i, max(n-rangeRows+1, 1))
		return fmt.Sprintf(`[["id","amount"],{"id":{"$gt":%d,"$lt":%d}}]`, a-1, a+rangeRows), expectation{lines: min(rangeRows, n-a)}
	}},
	{name: "page", title: fmt.Sprintf("page of %d ($order by id desc, $limit)", pageRows), build: func(i, n int, _ string) (string, expectation) {
		at := spread(i, max(n-pageRows+1, 1))
		return fmt.Sprintf(`[[],{"$order":[{"id":-1}],"$limit":{"index":%d,"total":%d}}]`, at, pageRows), expectation{lines: min(pageRows, n-at)}
	}},
	{name: "count", title: "count(*) of the table", build: func(_, n int, _ string) (string, expectation) {
		return `[["count(*) as n"]]`, expectation{lines: 1, field: "n", value: int64(n)}
	}},
	{name: "admin", title: fmt.Sprintf("r_get_sql_admin: SELECT of %d ids", adminRows), admin: true, build: func(i, n int, table string) (string, expectation) {
		a := spread(i, max(n-adminRows+1, 1))
		return fmt.Sprintf("SELECT id, amount FROM %s WHERE id >= %d AND id < %d", table, a, a+adminRows), expectation{lines: min(adminRows, n-a)}
	}},
}

// spread maps pool index i to a key in [0, n): a stride by a prime, so
// that consecutive queries touch keys far apart and the first n indexes
// touch n different keys.
func spread(i, n int) int { return (i*7919 + 13) % n }

// parseKinds reads --kinds: names from queryKinds, comma-separated.
func parseKinds(s string) ([]queryKind, error) {
	var out []queryKind
	seen := map[string]bool{}
	for name := range strings.SplitSeq(s, ",") {
		name = strings.TrimSpace(name)
		k, ok := findKind(name)
		if !ok {
			return nil, fmt.Errorf("%w: --kinds: unknown kind %q (known: %s)", errBadOption, name, kindNames())
		}
		if seen[name] {
			return nil, fmt.Errorf("%w: --kinds names %q twice", errBadOption, name)
		}
		seen[name] = true
		out = append(out, k)
	}
	return out, nil
}

func findKind(name string) (queryKind, bool) {
	for _, k := range queryKinds {
		if k.name == name {
			return k, true
		}
	}
	return queryKind{}, false
}

func kindNames() string {
	names := make([]string, len(queryKinds))
	for i, k := range queryKinds {
		names[i] = k.name
	}
	return strings.Join(names, ",")
}

// check compares an answer's lines with what was expected and returns
// what is wrong ("" when nothing is), in words that do not depend on the
// query, so that reports count wrong answers by kind of error.
func (w expectation) check(lines []json.RawMessage) string {
	if len(lines) != w.lines {
		return "wrong answer: number of lines"
	}
	if w.field == "" {
		return ""
	}
	var first map[string]any
	if err := gojson.Unmarshal(lines[0], &first); err != nil {
		return "wrong answer: first line is not an object"
	}
	if v, ok := first[w.field].(float64); !ok || int64(v) != w.value {
		return "wrong answer: " + w.field
	}
	return ""
}
