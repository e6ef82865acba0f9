package tableop_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
)

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func compareAll(t *testing.T, raw []byte) {
	t.Helper()
	gotV, gotErr := tableop.ParseJSON(raw)
	wantText, wantErr := oParseJSON(raw)
	if errText(gotErr) != errText(wantErr) || gotErr == nil && gotV.Text() != wantText {
		t.Fatalf("ParseJSON %q: %q %v, want %q %v", raw, gotV.Text(), gotErr, wantText, wantErr)
	}
	if gotErr == nil {
		checkInts(t, gotV)
	}
	ops := []tx.OpType{tx.OpCreate, tx.OpDeleteFields, tx.OpCreateIndex, tx.OpDeleteIndex, tx.OpGrant, tx.OpInsert, tx.OpUpdate, tx.OpDelete, tx.OpAssert, tx.OpDrop}
	for _, op := range ops {
		r := tableop.ParseRaw(op, raw)
		var want error
		var same bool
		switch op {
		case tx.OpCreate:
			cols, err := oParseColumns(raw)
			want, same = err, err != nil || bytes.Equal(tableop.MarshalColumns(r.Columns()), oMustMarshal(cols))
		case tx.OpDeleteFields:
			names, err := oParseFieldNames(raw)
			want, same = err, err != nil || slices.Equal(names, r.Fields())
		case tx.OpCreateIndex, tx.OpDeleteIndex:
			name, fields, err := oParseIndex(raw, op == tx.OpCreateIndex)
			want, same = err, err != nil || name == r.Index() && slices.Equal(fields, r.Fields())
		case tx.OpGrant:
			set, clear, err := oParseGrant(raw)
			gs, gc := r.Grant()
			want, same = err, err != nil || set == gs && clear == gc
		default:
			want, same = oCheckStatementRaw(op, raw), true
		}
		if errText(r.Err()) != errText(want) || !same {
			t.Fatalf("op %d, Raw %q: %v, want %v (same results: %v)", op, raw, r.Err(), want, same)
		}
	}
}

// checkInts compares Int with the old reading of every number.
func checkInts(t *testing.T, v tableop.Value) {
	switch v.Kind() {
	case tableop.Number:
		n, ok := v.Int()
		wn, wok := oInt(v.Num())
		if n != wn || ok != wok {
			t.Fatalf("Int(%s) = %d %v, want %d %v", v.Num(), n, ok, wn, wok)
		}
	case tableop.Array:
		for _, el := range v.Elems() {
			checkInts(t, el)
		}
	case tableop.Object:
		for _, m := range v.Members() {
			checkInts(t, m.Value)
		}
	}
}

// gen writes random JSON aimed at the grammar's edges.
type gen struct {
	r *rand.Rand
	b strings.Builder
}

var keyPool = []string{
	"field", "type", "length", "accuracy", "PK", "NN", "UQ", "index", "default", "FK", "REFERENCES",
	"AI", "pk", "Field", "table", "TABLE", "select", "insert", "update", "delete", "execute", "Select",
	"id", "name", "ID", "$and", "$or", "$eq", "$gt", "$IsExisted", "$RowCount", "bad name", "9x", "x\"y", "é", "",
}

var strPool = []string{
	"id", "name", "int", "INT", "Varchar", "decimal", "money", "text", "bad name", "", "x<y>&", "é", "\u2028",
	"a_very_long_identifier_that_is_longer_than_sixty_four_characters_for_sure_xxxxx", "t1", "9a",
}

func (g *gen) space() {
	if g.r.IntN(4) == 0 {
		g.b.WriteString([]string{" ", "\n", "\t ", "\r\n"}[g.r.IntN(4)])
	}
}

func (g *gen) str(s string) {
	switch g.r.IntN(6) {
	case 0:
		g.b.WriteString(`"`)
		for _, c := range s {
			fmt.Fprintf(&g.b, `\u%04x`, c)
		}
		g.b.WriteString(`"`)
		return
	case 1:
		g.b.WriteString(`"` + strings.ReplaceAll(s, "a", `\u0061`) + `"`)
		return
	case 2:
		if g.r.IntN(4) == 0 {
			g.b.WriteString("\"\xff" + s + `"`)
			return
		}
	}
	q := fmt.Sprintf("%q", s)
	g.b.WriteString(q)
}

func (g *gen) value(depth int) {
	g.space()
	n := g.r.IntN(12)
	if depth > 4 {
		n %= 7
	}
	switch n {
	case 0:
		g.b.WriteString("null")
	case 1:
		g.b.WriteString([]string{"true", "false"}[g.r.IntN(2)])
	case 2, 3:
		g.b.WriteString([]string{"1", "0", "-1", "11", "1.0", "1e2", "2000000", "1.5", "-0", "99999999999999999999", "1E400", "3.0e0"}[g.r.IntN(12)])
	case 4, 5, 6:
		g.str(strPool[g.r.IntN(len(strPool))])
	case 7, 8:
		g.b.WriteString("[")
		for i, k := 0, g.r.IntN(4); i < k; i++ {
			if i > 0 {
				g.b.WriteString(",")
			}
			g.value(depth + 1)
		}
		g.space()
		g.b.WriteString("]")
	default:
		g.object(depth)
	}
	g.space()
}

func (g *gen) object(depth int) {
	g.b.WriteString("{")
	for i, k := 0, g.r.IntN(5); i < k; i++ {
		if i > 0 {
			g.b.WriteString(",")
		}
		g.space()
		g.str(keyPool[g.r.IntN(len(keyPool))])
		g.space()
		g.b.WriteString(":")
		g.value(depth + 1)
	}
	g.b.WriteString("}")
}

// pick returns good most of the time, else one of bad.
func (g *gen) pick(good string, bad ...string) string {
	if g.r.IntN(6) > 0 || len(bad) == 0 {
		return good
	}
	return bad[g.r.IntN(len(bad))]
}

// column writes a column definition that is likely to be good.
func (g *gen) column(i int) {
	g.b.WriteString(`{"field":`)
	g.b.WriteString(g.pick(fmt.Sprintf(`"c%d"`, i), `"id"`, `"Name"`, `"bad name"`, `5`, `null`, `"\u0063x"`))
	g.b.WriteString(`,"type":`)
	g.b.WriteString(g.pick([]string{`"int"`, `"VARCHAR"`, `"decimal"`, `"text"`}[g.r.IntN(4)], `"money"`, `1`))
	for _, k := range []string{"length", "accuracy", "PK", "NN", "UQ", "index", "FK", "default", "REFERENCES"} {
		if g.r.IntN(3) != 0 {
			continue
		}
		g.b.WriteString(`,"` + k + `":`)
		switch k {
		case "REFERENCES":
			g.b.WriteString(g.pick(`{"table":"t","field":"id"}`, `{"field":"id","table":"t"}`, `{"TABLE":"t","Field":"id"}`, `{"table":"","field":"id"}`, `{"table":"t","field":"id","x":1}`, `null`, `{"table":"t); --","field":"id"}`))
		case "default":
			g.b.WriteString([]string{`"a<b"`, `"\u00e9"`, `{"b":1,"a":2}`, `1.50`, `null`, `true`, `"x"`, `[1, 2]`}[g.r.IntN(8)])
		case "length", "accuracy":
			g.b.WriteString(g.pick([]string{"1", "11", "64", "2000000"}[g.r.IntN(4)], "0", "-1", "1.5", `"3"`, "1e2"))
		default:
			g.b.WriteString(g.pick([]string{"1", "0", "2"}[g.r.IntN(3)], "true", "1.0", "null", `"1"`))
		}
	}
	if g.r.IntN(10) == 0 {
		g.b.WriteString(`,"AI":1`)
	}
	g.b.WriteString("}")
}

func (g *gen) list(n int, elem func(i int)) {
	g.b.WriteString("[")
	for i := 0; i < n; i++ {
		if i > 0 {
			g.b.WriteString(",")
		}
		g.space()
		elem(i)
	}
	g.b.WriteString("]")
}

func (g *gen) named(key string, i int) {
	g.b.WriteString(`{"` + key + `":`)
	g.b.WriteString(g.pick(fmt.Sprintf(`"c%d"`, i), `"bad name"`, `null`, `1`))
	if g.r.IntN(10) == 0 {
		g.b.WriteString(`,"x":1`)
	}
	g.b.WriteString("}")
}

func (g *gen) raw() []byte {
	g.b.Reset()
	switch g.r.IntN(10) {
	case 0:
		g.value(0)
	case 1, 2, 3:
		g.list(g.r.IntN(4), g.column)
	case 4:
		g.list(g.r.IntN(3), func(i int) { g.named("field", i) })
	case 5:
		g.list(g.r.IntN(4), func(i int) {
			if i == 0 {
				g.named("index", i)
			} else {
				g.named("field", i)
			}
		})
	default:
		g.list(g.r.IntN(4), func(int) {
			if g.r.IntN(8) == 0 {
				g.value(1)
			} else {
				g.object(1)
			}
		})
	}
	b := []byte(g.b.String())
	switch g.r.IntN(20) {
	case 0:
		b = b[:g.r.IntN(len(b)+1)]
	case 1:
		b = append(b, " x"...)
	case 2:
		b = append(b, " [1]"...)
	}
	return b
}

// TestMatchesOracle checks that tableop reads random Raws, aimed at the
// grammar's edges, as the parsers it replaced did: the same JSON values,
// the same refusals in the same words, the same columns (byte for byte in
// the ledger's canonical form), names, indexes and grants.
func TestMatchesOracle(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	g := &gen{r: rand.New(rand.NewPCG(7, 11))}
	for i := 0; i < n; i++ {
		compareAll(t, g.raw())
	}
	deep := strings.Repeat("[", 40) + strings.Repeat("]", 40)
	for _, raw := range []string{"", " ", "null", "[]", "[null]", "{}", `"x"`, deep, "[" + deep + "]", `[{"a":1}]  `, "\ufeff[]"} {
		compareAll(t, []byte(raw))
	}
}

func FuzzMatchesOracle(f *testing.F) {
	g := &gen{r: rand.New(rand.NewPCG(3, 5))}
	for i := 0; i < 50; i++ {
		f.Add(g.raw())
	}
	f.Fuzz(func(t *testing.T, raw []byte) { compareAll(t, raw) })
}
