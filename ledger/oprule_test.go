package ledger_test

import (
	"encoding/json"
	"testing"

	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// ruleColumns are the columns of the rule tables of these tests.
const ruleColumns = `[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":20},` +
	`{"field":"account","type":"varchar","length":40},{"field":"txid","type":"varchar","length":64},{"field":"age","type":"int"}]`

// fullRule has every part: inserts fill account and txid and count at
// most two rows per account, updates may set only age and name of the
// updater's rows, deletes only the deleter's rows, queries see id >= 2.
const fullRule = `{"Insert":{"Condition":{"account":"$account","txid":"$tx_hash"},"Count":{"AccountField":"account","CountLimit":2}},` +
	`"Update":{"Condition":{"account":"$account"},"Fields":["age","name"]},` +
	`"Delete":{"Condition":{"account":"$account"}},` +
	`"Get":{"Condition":{"id":{"$ge":2}}}}`

func TestOperationRuleCreate(t *testing.T) {
	for _, tc := range []struct {
		name, rule string
		want       ter.Code
	}{
		{"every part", fullRule, ter.TesSUCCESS},
		{"only a query rule", `{"Get":{"Condition":{"age":{"$gt":18}}}}`, ter.TesSUCCESS},
		{"an update rule without Fields", `{"Update":{"Condition":{"$or":[{"age":1},{"name":"x"}]}}}`, ter.TesSUCCESS},
		{"an insert rule naming an address", `{"Insert":{"Condition":{"account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"}}}`, ter.TesSUCCESS},
		{"not JSON", `{"Insert":`, ter.TemBAD_OPERATIONRULE},
		{"an array", `[{"Insert":{}}]`, ter.TemBAD_OPERATIONRULE},
		{"no operation", `{"Select":{"Condition":{"id":1}}}`, ter.TemBAD_OPERATIONRULE},
		{"an insert condition on a missing column", `{"Insert":{"Condition":{"owner":"$account"}}}`, ter.TemBAD_OPERATIONRULE},
		{"an insert rule with another key", `{"Insert":{"Condition":{"account":"$account"},"Limit":3}}`, ter.TemBAD_OPERATIONRULE},
		{"an insert condition that is an object", `{"Insert":{"Condition":{"age":{"$gt":1}}}}`, ter.TemBAD_OPERATIONRULE},
		{"a Count without CountLimit", `{"Insert":{"Count":{"AccountField":"account"}},"Update":{"Fields":["age"]},"Delete":{"Condition":{"account":"$account"}}}`, ter.TemBAD_OPERATIONRULE},
		{"a Count of zero", `{"Insert":{"Count":{"AccountField":"account","CountLimit":0}},"Update":{"Fields":["age"]},"Delete":{"Condition":{"account":"$account"}}}`, ter.TemBAD_OPERATIONRULE},
		{"a Count that is not an integer", `{"Insert":{"Count":{"AccountField":"account","CountLimit":"2"}},"Update":{"Fields":["age"]},"Delete":{"Condition":{"account":"$account"}}}`, ter.TemBAD_OPERATIONRULE},
		{"a Count on a missing column", `{"Insert":{"Count":{"AccountField":"who","CountLimit":2}},"Update":{"Fields":["age"]},"Delete":{"Condition":{"who":"$account"}}}`, ter.TemBAD_OPERATIONRULE},
		{"the AccountField fixed to something else", `{"Insert":{"Condition":{"account":"nobody"},"Count":{"AccountField":"account","CountLimit":2}},"Update":{"Fields":["age"]},"Delete":{"Condition":{"account":"nobody"}}}`, ter.TemBAD_OPERATIONRULE},
		{"a Count without an update rule", `{"Insert":{"Count":{"AccountField":"account","CountLimit":2}},"Delete":{"Condition":{"account":"$account"}}}`, ter.TemBAD_UPDATERULE},
		{"a Count with an update rule without Fields", `{"Insert":{"Count":{"AccountField":"account","CountLimit":2}},"Update":{"Condition":{"id":1}},"Delete":{"Condition":{"account":"$account"}}}`, ter.TemBAD_UPDATERULE},
		{"a Count with empty Fields", `{"Insert":{"Count":{"AccountField":"account","CountLimit":2}},"Update":{"Fields":[]},"Delete":{"Condition":{"account":"$account"}}}`, ter.TemBAD_UPDATERULE},
		{"a Count whose AccountField may be updated", `{"Insert":{"Count":{"AccountField":"account","CountLimit":2}},"Update":{"Fields":["account"]},"Delete":{"Condition":{"account":"$account"}}}`, ter.TemBAD_OPERATIONRULE},
		{"Fields naming a missing column", `{"Update":{"Fields":["height"]}}`, ter.TemBAD_OPERATIONRULE},
		{"an update rule with another key", `{"Update":{"Fields":["age"],"Set":1}}`, ter.TemBAD_OPERATIONRULE},
		{"a Count without a delete rule", `{"Insert":{"Count":{"AccountField":"account","CountLimit":2}},"Update":{"Fields":["age"]}}`, ter.TemBAD_DELETERULE},
		{"a Count with a delete rule for anyone's rows", `{"Insert":{"Count":{"AccountField":"account","CountLimit":2}},"Update":{"Fields":["age"]},"Delete":{"Condition":{"id":{"$gt":0}}}}`, ter.TemBAD_DELETERULE},
		{"a Count with a delete rule under $or", `{"Insert":{"Count":{"AccountField":"account","CountLimit":2}},"Update":{"Fields":["age"]},"Delete":{"Condition":{"$or":[{"account":"$account"},{"id":1}]}}}`, ter.TemBAD_DELETERULE},
		{"a Count with a delete rule in $and", `{"Insert":{"Count":{"AccountField":"account","CountLimit":2}},"Update":{"Fields":["age"]},"Delete":{"Condition":{"$and":[{"id":{"$gt":0}},{"account":"$account"}]}}}`, ter.TesSUCCESS},
		{"a delete rule with another key", `{"Delete":{"Condition":{"id":1},"Limit":1}}`, ter.TemBAD_DELETERULE},
		{"a delete rule whose condition is a string", `{"Delete":{"Condition":"id = 1"}}`, ter.TemBAD_DELETERULE},
		{"a delete condition on a missing column", `{"Delete":{"Condition":{"owner":"$account"}}}`, ter.TemBAD_OPERATIONRULE},
		{"a query rule without a condition", `{"Get":{}}`, ter.TemBAD_OPERATIONRULE},
		{"a query rule with $in", `{"Get":{"Condition":{"id":{"$in":[1,2]}}}}`, ter.TemBAD_OPERATIONRULE},
		{"a query condition on a missing column", `{"Get":{"Condition":{"$or":[{"id":1},{"height":2}]}}}`, ter.TemBAD_OPERATIONRULE},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTableChain(t)
			create := c.list(t, c.alice, tx.OpCreate, "r", ruleColumns, map[string]any{"OperationRule": hexOf(tc.rule)})
			closed := c.close(t, create)
			code, claimed := outcome(closed, create.Hash)
			if code != tc.want || claimed != (tc.want == ter.TesSUCCESS) {
				t.Fatalf("create: %s (recorded %v), want %s", code.Token(), claimed, tc.want.Token())
			}
			tbl := c.table("r")
			if tc.want != ter.TesSUCCESS {
				if tbl != nil {
					t.Fatal("a refused create made the table")
				}
				return
			}
			if tbl.Rule() == nil || string(tbl.OperationRule) != tc.rule {
				t.Fatalf("the table keeps rule %q (parsed %v)", tbl.OperationRule, tbl.Rule() != nil)
			}
		})
	}
}

// ruleChain is a tableChain where alice owns table "r" with fullRule and
// has granted bob everything on it.
func ruleChain(t *testing.T) *tableChain {
	c := newTableChain(t)
	cr := c.list(t, c.alice, tx.OpCreate, "r", ruleColumns, map[string]any{"OperationRule": hexOf(fullRule)})
	gr := c.list(t, c.alice, tx.OpGrant, "r", `[{"select":true,"insert":true,"update":true,"delete":true}]`, map[string]any{"User": c.bob.id().String()})
	closed := c.close(t, cr, gr)
	for _, a := range closed.Txs {
		if a.Meta.Result != ter.TesSUCCESS {
			t.Fatalf("setup: %s", a.Meta.Result.Token())
		}
	}
	return c
}

func TestOperationRuleStatements(t *testing.T) {
	c := ruleChain(t)
	alice, bob := c.alice.id(), c.bob.id()
	step := func(name string, txn *tx.Tx, want ter.Code) {
		t.Helper()
		closed := c.close(t, txn)
		code, claimed := outcome(closed, txn.Hash)
		if code != want || !claimed {
			t.Fatalf("%s: %s (recorded %v), want %s recorded", name, code.Token(), claimed, want.Token())
		}
		if err := c.st.CheckInvariants(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	counts := func(name string, wantAlice, wantBob uint32) {
		t.Helper()
		tbl := c.table("r")
		if a, b := tbl.Inserted(alice), tbl.Inserted(bob); a != wantAlice || b != wantBob {
			t.Fatalf("%s: counts alice %d bob %d, want %d %d", name, a, b, wantAlice, wantBob)
		}
	}
	counts("before any insert", 0, 0)
	step("bob inserts a row", c.stmt(t, c.bob, tx.OpInsert, "r", `[{"id":1,"name":"b1"}]`, nil), ter.TesSUCCESS)
	counts("after bob's row", 0, 1)
	step("bob inserts a row as alice", c.stmt(t, c.bob, tx.OpInsert, "r", `[{"id":2,"account":"`+alice.String()+`"}]`, nil), ter.TefTABLE_RULEDISSATISFIED)
	step("bob inserts a row with another tx hash", c.stmt(t, c.bob, tx.OpInsert, "r", `[{"id":2,"txid":"AB"}]`, nil), ter.TefTABLE_RULEDISSATISFIED)
	counts("after refused rows", 0, 1)
	step("bob inserts two rows past his limit", c.stmt(t, c.bob, tx.OpInsert, "r", `[{"id":2},{"id":3}]`, nil), ter.TemBAD_INSERTLIMIT)
	counts("after the refused pair", 0, 1)
	step("bob inserts a row naming himself", c.stmt(t, c.bob, tx.OpInsert, "r", `[{"id":2,"account":"`+bob.String()+`"}]`, nil), ter.TesSUCCESS)
	counts("at bob's limit", 0, 2)
	step("bob inserts a third row", c.stmt(t, c.bob, tx.OpInsert, "r", `[{"id":4}]`, nil), ter.TemBAD_INSERTLIMIT)
	step("alice inserts two rows", c.stmt(t, c.alice, tx.OpInsert, "r", `[{"id":5},{"id":6}]`, nil), ter.TesSUCCESS)
	counts("both at their limit", 2, 2)
	step("bob updates the age", c.stmt(t, c.bob, tx.OpUpdate, "r", `[{"age":30},{"id":1}]`, nil), ter.TesSUCCESS)
	step("bob updates the age and the name", c.stmt(t, c.bob, tx.OpUpdate, "r", `[{"age":31,"name":"x"}]`, nil), ter.TesSUCCESS)
	step("bob updates the account", c.stmt(t, c.bob, tx.OpUpdate, "r", `[{"account":"x"},{"id":1}]`, nil), ter.TefTABLE_RULEDISSATISFIED)
	step("bob deletes", c.stmt(t, c.bob, tx.OpDelete, "r", `[{"id":1}]`, nil), ter.TesSUCCESS)
	counts("deletes do not give rows back", 2, 2)

	// A SQLTransaction touching the rule table must verify.
	noVerify := func(stmts []any) *tx.Tx {
		b, err := json.Marshal(stmts)
		if err != nil {
			t.Fatal(err)
		}
		return signTx(t, c.alice, "SQLTransaction", c.next(c.alice), map[string]any{"Fee": tableFee, "NeedVerify": 0, "Statements": hexOf(string(b))})
	}
	step("a transaction inserting without NeedVerify", noVerify([]any{stmtJSON(alice, tx.OpInsert, "r", `[{"id":7}]`)}), ter.TemBAD_NEEDVERIFY_OPERRULE)
	step("a transaction asserting without NeedVerify", noVerify([]any{stmtJSON(alice, tx.OpAssert, "r", `[{"$IsExisted":1}]`)}), ter.TesSUCCESS)
	step("a verified transaction past the limit", c.sqlTx(t, c.alice, []any{stmtJSON(alice, tx.OpInsert, "r", `[{"id":7}]`)}), ter.TemBAD_INSERTLIMIT)
	step("a verified transaction updating a column not in Fields", c.sqlTx(t, c.alice, []any{stmtJSON(alice, tx.OpUpdate, "r", `[{"txid":"x"}]`)}), ter.TefTABLE_RULEDISSATISFIED)
	step("a verified transaction updating the age", c.sqlTx(t, c.alice, []any{stmtJSON(alice, tx.OpUpdate, "r", `[{"age":1}]`)}), ter.TesSUCCESS)
}
