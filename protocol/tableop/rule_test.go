package tableop

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/ter"
)

var ruleColumns = []string{"id", "name", "account", "txid", "age"}

const (
	ruleAlice = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"
	ruleHash  = "84BB614D150EFE3D6EEF6402EB8525ED8C528CC2929118C85D60EDABA4B60614"
)

func mustRule(t *testing.T, text string) *Rule {
	t.Helper()
	r, code := ParseRule([]byte(text), ruleColumns, address.AccountID{})
	if code != ter.TesSUCCESS {
		t.Fatalf("ParseRule(%s): %s", text, code.Token())
	}
	return r
}

func mustJSON(t *testing.T, text string) Value {
	t.Helper()
	v, err := ParseJSON([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func texts(vs []Value) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = v.Text()
	}
	return strings.Join(s, ",")
}

// TestRuleRewrites: what a rule does to rows and conditions, as
// chainsqld's STTx::buildRaw writes it.
func TestRuleRewrites(t *testing.T) {
	r := mustRule(t, `{"Insert":{"Condition":{"account":"$account","txid":"$tx_hash","age":7}},`+
		`"Update":{"Condition":{"account":"$account"},"Fields":["age"]},"Delete":{"Condition":{"name":{"$regex":"/$account/"}}},"Get":{"Condition":{"id":{"$ge":2}}}}`)
	for _, tc := range []struct{ row, want string }{
		{`{"id":1}`, `{"account":"` + ruleAlice + `","age":7,"id":1,"txid":"` + ruleHash + `"}`},
		{`{"id":1,"age":8,"txid":"x"}`, `{"account":"` + ruleAlice + `","age":8,"id":1,"txid":"x"}`},
	} {
		if got := r.Insert.Fill(mustJSON(t, tc.row), ruleAlice, ruleHash).Text(); got != tc.want {
			t.Errorf("Fill(%s) = %s, want %s", tc.row, got, tc.want)
		}
	}
	for _, tc := range []struct {
		row  string
		want bool
	}{
		{`{"id":1}`, true},
		{`{"id":1,"account":"` + ruleAlice + `","txid":"` + ruleHash + `","age":7}`, true},
		{`{"id":1,"account":"zzzzzzzzzzzzzzzzzzzzBZbvji"}`, false},
		{`{"id":1,"txid":"AB"}`, false},
		{`{"id":1,"age":8}`, false},
		{`{"id":1,"age":{"$gt":1}}`, false},
	} {
		if got := r.Insert.Admits(mustJSON(t, tc.row), ruleAlice, ruleHash); got != tc.want {
			t.Errorf("Admits(%s) = %v", tc.row, got)
		}
	}
	if !r.Update.Admits(mustJSON(t, `{"age":1}`)) || r.Update.Admits(mustJSON(t, `{"age":1,"name":"x"}`)) {
		t.Error("update Fields not enforced")
	}
	upd := For(r.Update.Condition, ruleAlice)
	for _, tc := range []struct{ conds, want string }{
		{`[]`, `{"account":"` + ruleAlice + `"}`},
		{`[{}]`, `{"account":"` + ruleAlice + `"}`},
		{`[{"id":1}]`, `{"$and":[{"id":1},{"account":"` + ruleAlice + `"}]}`},
		{`[{"id":1},{"id":2}]`, `{"$and":[{"$or":[{"id":1},{"id":2}]},{"account":"` + ruleAlice + `"}]}`},
	} {
		if got := texts(And(mustJSON(t, tc.conds).Elems(), upd)); got != tc.want {
			t.Errorf("And(%s) = %s, want %s", tc.conds, got, tc.want)
		}
	}
	if got := For(r.Delete.Condition, ruleAlice).Text(); got != `{"name":{"$regex":"/`+ruleAlice+`/"}}` {
		t.Errorf("For replaces $account inside strings: %s", got)
	}
	if got := texts(And(mustJSON(t, `[{"id":1}]`).Elems(), Value{})); got != `{"id":1}` {
		t.Errorf("And with no rule: %s", got)
	}
	if For(mustJSON(t, `{}`), ruleAlice).Kind() != Null {
		t.Error("an empty rule condition must read as none")
	}
	if read, err := ReadRule([]byte(`{"Get":{"Condition":{"gone":1}}}`)); err != nil || read.Get == nil {
		t.Fatalf("ReadRule of an accepted rule: %v", err)
	}
	if _, err := ReadRule([]byte(`{"Get":{}}`)); err == nil {
		t.Fatal("ReadRule accepted a rule no ledger accepts")
	}
}

// FuzzRule: any OperationRule parses without panicking, and one that is
// accepted holds to what the ledger and the SQL store rely on: every
// column it names is a column of the table, a Count has a positive
// limit, an update rule with Fields not naming its AccountField and a
// delete rule restricting deleters to their own rows, ReadRule reads
// it alike, and its rewrites give objects the condition grammar reads.
// The seeds and testdata/fuzz/FuzzRule run with every go test.
func FuzzRule(f *testing.F) {
	for _, s := range ruleSeeds {
		f.Add([]byte(s))
	}
	g := rand.New(rand.NewPCG(7, 11))
	for range 40 {
		f.Add([]byte(randomRule(g)))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		r, code := ParseRule(text, ruleColumns, address.AccountID{})
		if code != ter.TesSUCCESS {
			if r != nil || !slices.Contains([]ter.Code{ter.TemBAD_OPERATIONRULE, ter.TemBAD_UPDATERULE, ter.TemBAD_DELETERULE}, code) {
				t.Fatalf("refused with %s, rule %v", code.Token(), r)
			}
			return
		}
		if r.Insert == nil && r.Update == nil && r.Delete == nil && r.Get == nil {
			t.Fatal("accepted a rule with no part")
		}
		if _, err := ReadRule(text); err != nil {
			t.Fatalf("ReadRule refuses what ParseRule accepts: %v", err)
		}
		if ins := r.Insert; ins != nil {
			for _, m := range ins.Condition {
				if !slices.Contains(ruleColumns, m.Key) {
					t.Fatalf("insert condition names %q", m.Key)
				}
			}
			row := ins.Fill(mustJSON(t, `{}`), ruleAlice, ruleHash)
			if row.Kind() != Object || len(row.Members()) != len(ins.Condition) {
				t.Fatalf("filled row %s", row.Text())
			}
			if ParseJSONText(t, row) != row.Text() {
				t.Fatal("a filled row does not read back")
			}
			if c := ins.Count; c != nil {
				if c.Limit <= 0 || !slices.Contains(ruleColumns, c.AccountField) {
					t.Fatalf("Count %+v", c)
				}
				if r.Update == nil || len(r.Update.Fields) == 0 || slices.Contains(r.Update.Fields, c.AccountField) || r.Delete == nil {
					t.Fatal("a Count without an update rule of Fields and a delete rule")
				}
			}
			admitted := ins.Count == nil
			if c := ins.Count; c != nil {
				v, ok := row.Get(c.AccountField)
				admitted = ok && v.Str() == ruleAlice
			}
			if admitted && !ins.Admits(row, ruleAlice, ruleHash) {
				t.Fatalf("the row the rule fills breaks the rule: %s", row.Text())
			}
		}
		for _, cond := range []Value{condOf(r.Delete), condOf(r.Get), updateCond(r.Update)} {
			w := And([]Value{mustJSON(t, `{"id":1}`)}, For(cond, ruleAlice))
			if len(w) != 1 || w[0].Kind() != Object || ParseJSONText(t, w[0]) != w[0].Text() {
				t.Fatalf("conditions %s", texts(w))
			}
		}
	})
}

// ParseJSONText parses v's text again and returns the text it reads as.
func ParseJSONText(t *testing.T, v Value) string {
	t.Helper()
	return mustJSON(t, v.Text()).Text()
}

func condOf(r *CondRule) Value {
	if r == nil {
		return Value{}
	}
	return r.Condition
}

func updateCond(r *UpdateRule) Value {
	if r == nil {
		return Value{}
	}
	return r.Condition
}

var ruleSeeds = []string{
	`{"Insert":{"Condition":{"account":"$account","txid":"$tx_hash"},"Count":{"AccountField":"account","CountLimit":5}},` +
		`"Update":{"Condition":{"account":"$account"},"Fields":["age"]},"Delete":{"Condition":{"account":"$account"}},"Get":{"Condition":{"id":{"$ge":3}}}}`,
	`{"Get":{"Condition":{"$or":[{"id":1},{"age":{"$lt":3}}]}}}`,
	`{"Delete":{"Condition":{"$and":[{"account":"$account"},{"id":{"$gt":0}}]}}}`,
	`{"Update":{"Fields":[]}}`,
	`{"Insert":{"Count":{"AccountField":"account","CountLimit":1e0}}}`,
	`{"Insert":{"Condition":{"account":"` + ruleAlice + `"}}}`,
	`[]`, `null`, `{}`, `{"Get":{"Condition":[]}}`,
}

// randomRule writes a rule from the grammar's parts, right and wrong.
func randomRule(g *rand.Rand) string {
	pick := func(s ...string) string { return s[g.IntN(len(s))] }
	field := func() string { return pick("id", "name", "account", "txid", "age", "gone", "$or", "") }
	cond := func() string {
		return pick(`{}`, `{"`+field()+`":"$account"}`, `{"`+field()+`":{"$ge":2}}`, `{"$and":[{"`+field()+`":1},{"account":"$account"}]}`,
			`{"$or":[{"id":1}]}`, `"x"`, `{"id":{"$in":[1]}}`)
	}
	var parts []string
	if g.IntN(2) == 0 {
		p := `"Condition":{"account":"` + pick("$account", ruleAlice, "x") + `","` + field() + `":"$tx_hash"}`
		if g.IntN(2) == 0 {
			p += `,"Count":{"AccountField":"` + field() + `","CountLimit":` + pick("0", "1", "2", "-1", `"3"`, "2.5") + `}`
		}
		parts = append(parts, `"Insert":{`+p+`}`)
	}
	if g.IntN(2) == 0 {
		parts = append(parts, `"Update":{"Condition":`+cond()+`,"Fields":[`+pick(``, `"age"`, `"account"`, `"age","name"`, `1`)+`]}`)
	}
	if g.IntN(2) == 0 {
		parts = append(parts, `"Delete":{"Condition":`+cond()+pick(``, `,"x":1`)+`}`)
	}
	if g.IntN(2) == 0 {
		parts = append(parts, `"Get":{"Condition":`+cond()+`}`)
	}
	return "{" + strings.Join(parts, ",") + "}"
}
