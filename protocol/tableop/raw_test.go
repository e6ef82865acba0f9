package tableop_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
)

// TestRawErrors pins the grammar's refusals in ChainSQL's words (the
// detail of temBAD_RAW and temMALFORMED the clients get) and what it
// reads from Raws it accepts.
func TestRawErrors(t *testing.T) {
	for _, tc := range []struct {
		op   tx.OpType
		raw  string
		want string // the refusal, or what was read
		name string // the illegal name a refusal carries
	}{
		{tx.OpCreate, ``, `Raw is not a JSON array: unexpected end of JSON input`, ""},
		{tx.OpCreate, `{}`, `Raw is not a JSON array: json: cannot unmarshal object into Go value of type []json.RawMessage`, ""},
		{tx.OpCreate, `[1] x`, `Raw is not a JSON array: invalid character 'x' after top-level value`, ""},
		{tx.OpCreate, `[1]`, `Raw element 0 is not a JSON object`, ""},
		{tx.OpCreate, `[]`, `Raw has no column`, ""},
		{tx.OpCreate, `null`, `Raw has no column`, ""},
		{tx.OpCreate, `[{"field":"a","type":"int","AI":1}]`, `key word : AI is not support`, ""},
		{tx.OpCreate, `[{"field":"a","type":"money"}]`, `type : money is not support`, ""},
		{tx.OpCreate, `[{"field":"a b","type":"int"}]`, `field name "a b" is invalid`, "a b"},
		{tx.OpCreate, `[{"field":"a","type":"int"},{"field":"A","type":"text"}]`, `field A is defined twice`, ""},
		{tx.OpCreate, `[{"field":"a","type":"int","length":0}]`, `field a: length and accuracy must be positive`, ""},
		{tx.OpCreate, `[{"field":"a","type":"int","FK":1,"REFERENCES":{"table":"","field":"id"}}]`, `field a: bad REFERENCES`, ""},
		{tx.OpCreate, `[{"field":"a","type":"int","length":"3"}]`, `column 0: json: cannot unmarshal string into Go struct field Column.length of type int64`, ""},
		{tx.OpCreate, `[{"field":"a","type":"int","REFERENCES":{"table":"t","field":"id","x":1}}]`, `column 0: json: unknown field "x"`, ""},
		{tx.OpRecreate, `[{"type":"INT", "field":"id","PK":1,"default":"a<b"},{"field":"d","type":"decimal"}]`,
			`[{"field":"id","type":"INT","PK":1,"default":"a\u003cb"},{"field":"d","type":"decimal"}]`, ""},
		{tx.OpDeleteFields, `[]`, `Raw has no field`, ""},
		{tx.OpDeleteFields, `[{"field":"a","x":1}]`, `element 0 must be {"field":name}`, ""},
		{tx.OpDeleteFields, `[{"field":null}]`, `element 0 must be {"field":name}`, ""},
		{tx.OpDeleteFields, `[{"field":"a"},{"field":"a b"}]`, `element 1 must be {"field":name}`, "a b"},
		{tx.OpDeleteFields, `[{"field":"a"},{"field":"b"}]`, `[a b]`, ""},
		{tx.OpCreateIndex, `[{"index":"ix"}]`, `an index needs at least one field`, ""},
		{tx.OpCreateIndex, `[{"field":"a"}]`, `the first element must be {"index":name}`, ""},
		{tx.OpCreateIndex, `[{"index":"i x"},{"field":"a"}]`, `the first element must be {"index":name}`, "i x"},
		{tx.OpCreateIndex, `[{"index":"ix"},{"field":"a"},{"field":1}]`, `element 1 must be {"field":name}`, ""},
		{tx.OpCreateIndex, `[{"index":"ix"},{"field":"a"},{"field":"b"}]`, `ix [a b]`, ""},
		{tx.OpDeleteIndex, `[{"index":"ix"},{"field":"a"}]`, `drop index takes only {"index":name}`, ""},
		{tx.OpDeleteIndex, `[{"index":"ix"}]`, `ix []`, ""},
		{tx.OpGrant, `x`, `grant Raw must be [{"select":true,…}]`, ""},
		{tx.OpGrant, `[]`, `grant Raw must be [{"select":true,…}]`, ""},
		{tx.OpGrant, `[{"selec":true}]`, `grant key selec is not support`, ""},
		{tx.OpGrant, `[{"select":1}]`, `grant key select is not support`, ""},
		{tx.OpGrant, `[{"select":true,"insert":false},{"update":null,"insert":true}]`, `set 30000 clear 40000`, ""},
		{tx.OpInsert, `[]`, `insert needs at least one row`, ""},
		{tx.OpInsert, `[{"a":1},{}]`, `row 1 is empty`, ""},
		{tx.OpInsert, `[{"a b":1,"c d":2}]`, `field name "a b" is invalid`, "a b"},
		{tx.OpUpdate, `[{}]`, `update needs the values to set`, ""},
		{tx.OpUpdate, `[{"x y":1},{"id":1}]`, `field name "x y" is invalid`, "x y"},
		{tx.OpUpdate, `[{"x":1},{"bad key":1}]`, `ok`, ""},
		{tx.OpAssert, `[]`, `assert needs a condition`, ""},
		{tx.OpDelete, `[]`, `ok`, ""},
		{tx.OpDelete, `null`, `ok`, ""},
	} {
		t.Run(fmt.Sprintf("%d %s", tc.op, tc.raw), func(t *testing.T) {
			r := tableop.ParseRaw(tc.op, []byte(tc.raw))
			got := "ok"
			if err := r.Err(); err != nil {
				got = err.Error()
				var e *tableop.Error
				if !errors.As(err, &e) || e.Name != tc.name {
					t.Errorf("name %q, want %q", e.Name, tc.name)
				}
			} else {
				switch tc.op {
				case tx.OpCreate, tx.OpRecreate:
					got = string(tableop.MarshalColumns(r.Columns()))
				case tx.OpDeleteFields:
					got = fmt.Sprint(r.Fields())
				case tx.OpCreateIndex, tx.OpDeleteIndex:
					got = fmt.Sprint(r.Index(), " ", r.Fields())
				case tx.OpGrant:
					set, clear := r.Grant()
					got = fmt.Sprintf("set %x clear %x", set, clear)
				}
			}
			if got != tc.want {
				t.Errorf("got %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestColumnReading reads columns as the SQL layer does.
func TestColumnReading(t *testing.T) {
	r := tableop.ParseRaw(tx.OpCreate, []byte(`[{"field":"p","type":"DECIMAL"},{"field":"q","type":"decimal","length":10,"accuracy":0},`+
		`{"field":"n","type":"Int","length":11,"accuracy":3,"PK":1,"NN":0,"UQ":2,"index":1,"FK":1}]`))
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	var got []string
	for _, c := range r.Columns() {
		length, accuracy := c.Size()
		got = append(got, fmt.Sprintf("%s %d %d %t %t %t %t %t", c.Kind(), length, accuracy, c.IsPK(), c.IsNN(), c.IsUQ(), c.IsIndexed(), c.IsFK()))
	}
	want := "[decimal 32 2 false false false false false decimal 10 0 false false false false false int 11 0 true false false true true]"
	if fmt.Sprint(got) != want {
		t.Errorf("got %v\nwant %s", got, want)
	}
}
