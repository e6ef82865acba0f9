package tableop_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
)

// decodeRef is the reference the reader must agree with: encoding/json's
// Decoder (numbers as json.Number), data after the value refused, the
// value rendered as Value.Text renders it (members sorted by key).
func decodeRef(data []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return "", errors.New("unexpected data after the JSON value")
	}
	var b strings.Builder
	if err := writeRef(&b, v, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeRef(b *strings.Builder, v any, depth int) error {
	if depth > tableop.MaxDepth {
		return fmt.Errorf("JSON nested deeper than %d levels", tableop.MaxDepth)
	}
	switch t := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		fmt.Fprint(b, t)
	case json.Number:
		b.WriteString(t.String())
	case string:
		s, _ := json.Marshal(t)
		b.Write(s)
	case []any:
		b.WriteByte('[')
		for i, el := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeRef(b, el, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			s, _ := json.Marshal(k)
			b.Write(s)
			b.WriteByte(':')
			if err := writeRef(b, t[k], depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	}
	return nil
}

// compare checks ParseJSON against decodeRef, and Raw.JSON and the
// ledger's reading of every OpType against ParseJSON: a Raw that is not
// a JSON array of objects is refused in encoding/json's Unmarshal words.
func compare(t *testing.T, raw []byte) {
	t.Helper()
	v, err := tableop.ParseJSON(raw)
	want, wantErr := decodeRef(raw)
	if fmt.Sprint(err) != fmt.Sprint(wantErr) || err == nil && v.Text() != want {
		t.Fatalf("ParseJSON %q: %q %v, want %q %v", raw, v.Text(), err, want, wantErr)
	}
	var arr []json.RawMessage
	arrayErr := json.Unmarshal(raw, &arr)
	for _, op := range []tx.OpType{tx.OpCreate, tx.OpDeleteFields, tx.OpCreateIndex, tx.OpInsert, tx.OpDelete} {
		r := tableop.ParseRaw(op, raw)
		rv, rerr := r.JSON()
		if fmt.Sprint(rerr) != fmt.Sprint(err) || rerr == nil && rv.Text() != v.Text() {
			t.Fatalf("Raw.JSON %q: %v, ParseJSON %v", raw, rerr, err)
		}
		if arrayErr != nil && (r.Err() == nil || r.Err().Error() != "Raw is not a JSON array: "+arrayErr.Error()) {
			t.Fatalf("op %d, Raw %q: %v, want the words of %v", op, raw, r.Err(), arrayErr)
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

// TestReader checks the reader against encoding/json on random
// documents aimed at its edges: escapes, invalid UTF-8, repeated keys,
// numbers beyond int64 and float64, deep nesting, truncation and data
// after the value.
func TestReader(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	g := &gen{r: rand.New(rand.NewPCG(7, 11))}
	for i := 0; i < n; i++ {
		compare(t, g.raw())
	}
	deep := strings.Repeat("[", 40) + strings.Repeat("]", 40)
	for _, raw := range []string{"", " ", "null", "[]", "[null]", "{}", `"x"`, deep, "[" + deep + "]", `[{"a":1}]  `, "\ufeff[]", `[{"a":1,"a":2}]`} {
		compare(t, []byte(raw))
	}
}

func FuzzReader(f *testing.F) {
	g := &gen{r: rand.New(rand.NewPCG(3, 5))}
	for i := 0; i < 50; i++ {
		f.Add(g.raw())
	}
	f.Fuzz(func(t *testing.T, raw []byte) { compare(t, raw) })
}
