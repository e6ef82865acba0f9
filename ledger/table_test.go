package ledger_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

const tableFee = "2000000" // enough for any Raw in these tests

var testColumns = `[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":20}]`

func hexOf(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }

func nameInDB(owner address.AccountID, name string) string {
	n := ledger.NewNameInDB(1, owner, []byte(name))
	return strings.ToUpper(hex.EncodeToString(n[:]))
}

// tableFields builds a table operation's fields.
func tableFields(owner address.AccountID, op tx.OpType, name, raw string, extra map[string]any) map[string]any {
	m := map[string]any{
		"OpType": int(op), "Fee": tableFee,
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexOf(name), "NameInDB": nameInDB(owner, name)}}},
	}
	if raw != "" {
		m["Raw"] = hexOf(raw)
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// tableChain is a chain where alice and bob hold 1,000 ZXC each and
// alice owns table "t".
type tableChain struct {
	st            *ledger.State
	g, alice, bob *wallet
	seq           map[*wallet]uint32
	time          uint32
}

func newTableChain(t testing.TB) *tableChain {
	st, g := genesisState(t)
	c := &tableChain{st: st, g: g, alice: newWallet(t, "alice"), bob: newWallet(t, "bob"), seq: map[*wallet]uint32{}, time: genesisTime}
	c.close(t, c.pay(t, c.alice, 1000), c.pay(t, c.bob, 1000))
	r := c.close(t, c.list(t, c.alice, tx.OpCreate, "t", testColumns, nil))
	if r.Txs[0].Meta.Result != ter.TesSUCCESS {
		t.Fatalf("setup create: %s", r.Txs[0].Meta.Result.Token())
	}
	return c
}

func (c *tableChain) next(w *wallet) uint32 {
	if c.seq[w] == 0 {
		c.seq[w] = 1
		if a, ok := c.st.Account(w.id()); ok {
			c.seq[w] = a.Sequence
		}
	}
	c.seq[w]++
	return c.seq[w] - 1
}

func (c *tableChain) pay(t testing.TB, to *wallet, zxc uint64) *tx.Tx {
	return payment(t, c.g, to.id(), zxc*ledger.DropsPerZXC, c.next(c.g))
}

func (c *tableChain) list(t testing.TB, w *wallet, op tx.OpType, name, raw string, extra map[string]any) *tx.Tx {
	return signTx(t, w, "TableListSet", c.next(w), tableFields(w.id(), op, name, raw, extra))
}

func (c *tableChain) stmt(t testing.TB, w *wallet, op tx.OpType, name, raw string, extra map[string]any) *tx.Tx {
	f := tableFields(c.alice.id(), op, name, raw, extra)
	if _, ok := f["Owner"]; !ok {
		f["Owner"] = c.alice.id().String()
	}
	return signTx(t, w, "SQLStatement", c.next(w), f)
}

func (c *tableChain) close(t testing.TB, txs ...*tx.Tx) *ledger.Closed {
	c.time += 10
	return c.st.Close(txs, c.time)
}

func (c *tableChain) table(name string) *ledger.Table {
	tbl, _ := c.st.Table(c.alice.id(), []byte(name))
	return tbl
}

// outcome is a transaction's result and whether the ledger recorded it.
func outcome(closed *ledger.Closed, h hash.Hash256) (ter.Code, bool) {
	for _, ap := range closed.Txs {
		if ap.Tx.Hash == h {
			return ap.Meta.Result, true
		}
	}
	for _, r := range closed.Rejected {
		if r.Tx.Hash == h {
			return r.Code, false
		}
	}
	return 0, false
}

func TestTableOperations(t *testing.T) {
	for _, tc := range []struct {
		name    string
		build   func(t *testing.T, c *tableChain) *tx.Tx
		want    ter.Code
		claimed bool
		check   func(t *testing.T, c *tableChain)
	}{
		{"create", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpCreate, "u", testColumns, nil)
		}, ter.TesSUCCESS, true,
			func(t *testing.T, c *tableChain) {
				u := c.table("u")
				if u == nil || u.CheckHash != hash.SHA512Half([]byte(testColumns)) || u.Permissions(c.alice.id()) != ledger.PermAll {
					t.Fatalf("created table %+v", u)
				}
				if a, _ := c.st.Account(c.alice.id()); a.OwnerCount != 4 {
					t.Fatalf("owner count %d", a.OwnerCount)
				}
			}},
		{"create existing", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpCreate, "t", testColumns, nil)
		}, ter.TefTABLE_EXISTANDNOTDEL, true, nil},
		{"create without NameInDB", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpCreate, "u", testColumns, map[string]any{"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexOf("u")}}}})
		}, ter.TemINVALID, false, nil},
		{"create with AI", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpCreate, "u", `[{"field":"id","type":"int","AI":1}]`, nil)
		}, ter.TemBAD_RAW, false, nil},
		{"create with a bad type", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpCreate, "u", `[{"field":"id","type":"money"}]`, nil)
		}, ter.TemBAD_RAW, false, nil},
		{"create with a 65-byte name", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpCreate, strings.Repeat("n", 65), testColumns, nil)
		}, ter.TemINVALID, false, nil},
		{"unknown OpType", func(t *testing.T, c *tableChain) *tx.Tx { return c.list(t, c.alice, 19, "t", testColumns, nil) }, ter.TemBAD_OPTYPE, false, nil},
		{"insert OpType in TableListSet", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpInsert, "t", `[{"id":1}]`, nil)
		}, ter.TemBAD_OPTYPE, false, nil},
		{"create with a bad OperationRule", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpCreate, "u", testColumns, map[string]any{"OperationRule": hexOf(`{"Select":{}}`)})
		}, ter.TemBAD_OPERATIONRULE, false, nil},
		{"drop", func(t *testing.T, c *tableChain) *tx.Tx { return c.list(t, c.alice, tx.OpDrop, "t", "", nil) }, ter.TesSUCCESS, true,
			func(t *testing.T, c *tableChain) {
				if c.table("t") != nil {
					t.Fatal("table still there")
				}
				if a, _ := c.st.Account(c.alice.id()); a.OwnerCount != 0 {
					t.Fatalf("owner count %d", a.OwnerCount)
				}
			}},
		{"drop missing", func(t *testing.T, c *tableChain) *tx.Tx { return c.list(t, c.alice, tx.OpDrop, "nope", "", nil) }, ter.TefTABLE_NOTEXIST, true, nil},
		{"drop by another account", func(t *testing.T, c *tableChain) *tx.Tx { return c.list(t, c.bob, tx.OpDrop, "t", "", nil) }, ter.TefTABLE_NOTEXIST, true, nil},
		{"drop with another NameInDB", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpDrop, "t", "", map[string]any{"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexOf("t"), "NameInDB": strings.Repeat("AB", 20)}}}})
		}, ter.TefBAD_DBNAME, true, nil},
		{"rename", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpRename, "t", "", map[string]any{"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexOf("t"), "TableNewName": hexOf("t2")}}}})
		}, ter.TesSUCCESS, true, func(t *testing.T, c *tableChain) {
			if c.table("t") != nil || c.table("t2") == nil || c.table("t2").NameInDB != ledger.NewNameInDB(1, c.alice.id(), []byte("t")) {
				t.Fatal("rename did not move the table")
			}
		}},
		{"rename to the same name", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpRename, "t", "", map[string]any{"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexOf("t"), "TableNewName": hexOf("t")}}}})
		}, ter.TefTABLE_SAMENAME, true, nil},
		{"rename onto a table", func(t *testing.T, c *tableChain) *tx.Tx {
			c.close(t, c.list(t, c.alice, tx.OpCreate, "u", testColumns, nil))
			return c.list(t, c.alice, tx.OpRename, "t", "", map[string]any{"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexOf("t"), "TableNewName": hexOf("u")}}}})
		}, ter.TefTABLE_EXISTANDNOTDEL, true, nil},
		{"rename without a new name", func(t *testing.T, c *tableChain) *tx.Tx { return c.list(t, c.alice, tx.OpRename, "t", "", nil) }, ter.TemINVALID, false, nil},
		{"grant", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpGrant, "t", `[{"insert":true,"select":true}]`, map[string]any{"User": c.bob.id().String()})
		}, ter.TesSUCCESS, true, func(t *testing.T, c *tableChain) {
			if p := c.table("t").Permissions(c.bob.id()); p != ledger.PermInsert|ledger.PermSelect {
				t.Fatalf("bob's permissions %x", p)
			}
		}},
		{"grant to everyone", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpGrant, "t", `[{"select":true}]`, map[string]any{"User": address.NoAccount.String()})
		}, ter.TesSUCCESS, true, func(t *testing.T, c *tableChain) {
			if p := c.table("t").Permissions(newWallet(t, "anyone").id()); p != ledger.PermSelect {
				t.Fatalf("everyone's permissions %x", p)
			}
		}},
		{"grant to a missing user", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpGrant, "t", `[{"select":true}]`, map[string]any{"User": newWallet(t, "nobody").id().String()})
		}, ter.TefBAD_USER, true, nil},
		{"grant without Raw", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpGrant, "t", "", map[string]any{"User": c.bob.id().String()})
		}, ter.TemBAD_RAW, false, nil},
		{"grant with a bad Raw", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpGrant, "t", `[{"fly":true}]`, map[string]any{"User": c.bob.id().String()})
		}, ter.TemMALFORMED, false, nil},
		{"recreate", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpRecreate, "t", testColumns, nil)
		}, ter.TesSUCCESS, true, nil},
		{"add a field", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpAddFields, "t", `[{"field":"age","type":"int"}]`, nil)
		}, ter.TesSUCCESS, true, func(t *testing.T, c *tableChain) {
			if !strings.Contains(string(c.table("t").Columns), `"age"`) {
				t.Fatalf("columns %s", c.table("t").Columns)
			}
		}},
		{"add an existing field", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpAddFields, "t", `[{"field":"name","type":"int"}]`, nil)
		}, ter.TefBAD_STATEMENT, true, nil},
		{"delete a field", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpDeleteFields, "t", `[{"field":"name"}]`, nil)
		}, ter.TesSUCCESS, true, nil},
		{"delete a missing field", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpDeleteFields, "t", `[{"field":"zip"}]`, nil)
		}, ter.TefBAD_STATEMENT, true, nil},
		{"modify a field", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpModifyFields, "t", `[{"field":"name","type":"varchar","length":99}]`, nil)
		}, ter.TesSUCCESS, true, nil},
		{"create an index", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpCreateIndex, "t", `[{"index":"ix"},{"field":"name"}]`, nil)
		}, ter.TesSUCCESS, true, nil},
		{"index a missing field", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpCreateIndex, "t", `[{"index":"ix"},{"field":"zip"}]`, nil)
		}, ter.TefBAD_STATEMENT, true, nil},
		{"drop an index", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.list(t, c.alice, tx.OpDeleteIndex, "t", `[{"index":"ix"}]`, nil)
		}, ter.TesSUCCESS, true, nil},
		{"insert", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.stmt(t, c.alice, tx.OpInsert, "t", `[{"id":1,"name":"a"}]`, nil)
		}, ter.TesSUCCESS, true,
			func(t *testing.T, c *tableChain) {
				want := hash.SHA512Half([]byte(`[{"id":1,"name":"a"}]`), func() []byte { h := hash.SHA512Half([]byte(testColumns)); return h[:] }())
				if c.table("t").CheckHash != want {
					t.Fatal("the strict-mode chain did not advance")
				}
			}},
		{"insert with the right TxCheckHash", func(t *testing.T, c *tableChain) *tx.Tx {
			h0 := hash.SHA512Half([]byte(testColumns))
			next := hash.SHA512Half([]byte(`[{"id":1}]`), h0[:])
			return c.stmt(t, c.alice, tx.OpInsert, "t", `[{"id":1}]`, map[string]any{"TxCheckHash": strings.ToUpper(hex.EncodeToString(next[:]))})
		}, ter.TesSUCCESS, true, nil},
		{"insert with a wrong TxCheckHash", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.stmt(t, c.alice, tx.OpInsert, "t", `[{"id":1}]`, map[string]any{"TxCheckHash": strings.Repeat("11", 32)})
		}, ter.TemBAD_BASETX, true, nil},
		{"update", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.stmt(t, c.alice, tx.OpUpdate, "t", `[{"name":"b"},{"id":1}]`, nil)
		}, ter.TesSUCCESS, true, nil},
		{"delete", func(t *testing.T, c *tableChain) *tx.Tx { return c.stmt(t, c.alice, tx.OpDelete, "t", `[]`, nil) }, ter.TesSUCCESS, true, nil},
		{"insert with a zero Owner", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.stmt(t, c.alice, tx.OpInsert, "t", `[{"id":1}]`, map[string]any{"Owner": address.ZeroAccount.String()})
		}, ter.TemBAD_OWNER, false, nil},
		{"insert into two tables", func(t *testing.T, c *tableChain) *tx.Tx {
			tbl := map[string]any{"Table": map[string]any{"TableName": hexOf("t")}}
			return c.stmt(t, c.alice, tx.OpInsert, "t", `[{"id":1}]`, map[string]any{"Tables": []any{tbl, tbl}})
		}, ter.TemBAD_TABLES, false, nil},
		{"insert without rows", func(t *testing.T, c *tableChain) *tx.Tx { return c.stmt(t, c.alice, tx.OpInsert, "t", `[]`, nil) }, ter.TemBAD_RAW, false, nil},
		{"insert that is not JSON", func(t *testing.T, c *tableChain) *tx.Tx { return c.stmt(t, c.alice, tx.OpInsert, "t", `[{`, nil) }, ter.TemBAD_RAW, false, nil},
		{"drop OpType in SQLStatement", func(t *testing.T, c *tableChain) *tx.Tx { return c.stmt(t, c.alice, tx.OpDrop, "t", `[{"id":1}]`, nil) }, ter.TemBAD_OPTYPE, false, nil},
		{"insert into a missing table", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.stmt(t, c.alice, tx.OpInsert, "nope", `[{"id":1}]`, nil)
		}, ter.TecNO_TARGET, true, nil},
		{"insert for a missing owner", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.stmt(t, c.alice, tx.OpInsert, "t", `[{"id":1}]`, map[string]any{"Owner": newWallet(t, "ghost").id().String()})
		}, ter.TecNO_DST, true, nil},
		{"insert without a grant", func(t *testing.T, c *tableChain) *tx.Tx { return c.stmt(t, c.bob, tx.OpInsert, "t", `[{"id":1}]`, nil) }, ter.TefBAD_AUTH_NO, true, nil},
		{"update with only an insert grant", func(t *testing.T, c *tableChain) *tx.Tx {
			c.close(t, c.list(t, c.alice, tx.OpGrant, "t", `[{"insert":true}]`, map[string]any{"User": c.bob.id().String()}))
			return c.stmt(t, c.bob, tx.OpUpdate, "t", `[{"name":"x"}]`, nil)
		}, ter.TefBAD_AUTH_NO, true, nil},
		{"insert with a table fee short of the Raw's bytes", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.stmt(t, c.alice, tx.OpInsert, "t", `[{"id":1}]`, map[string]any{"Fee": "1010"})
		}, ter.TelINSUF_FEE_P, false, nil},
		{"create beyond the reserve", func(t *testing.T, c *tableChain) *tx.Tx {
			carol := newWallet(t, "carol")
			c.close(t, payment(t, c.g, carol.id(), 6*ledger.DropsPerZXC+500000, c.next(c.g)))
			return c.list(t, carol, tx.OpCreate, "c", testColumns, nil)
		}, ter.TefINSU_RESERVE_TABLE, true, nil},
		{"SQLTransaction", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.sqlTx(t, c.alice, []any{
				stmtJSON(c.alice.id(), tx.OpInsert, "t", `[{"id":5}]`),
				stmtJSON(c.alice.id(), tx.OpAssert, "t", `[{"$IsExisted":1}]`),
				stmtJSON(c.alice.id(), tx.OpUpdate, "t", `[{"name":"z"},{"id":5}]`),
			})
		}, ter.TesSUCCESS, true, nil},
		{"SQLTransaction with a create", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.sqlTx(t, c.alice, []any{stmtJSON(c.alice.id(), tx.OpCreate, "v", testColumns)})
		}, ter.TemBAD_OPTYPE_IN_TRANSACTION, false, nil},
		{"SQLTransaction that is not JSON", func(t *testing.T, c *tableChain) *tx.Tx {
			return signTx(t, c.alice, "SQLTransaction", c.next(c.alice), map[string]any{"Fee": tableFee, "NeedVerify": 1, "Statements": hexOf("[{")})
		}, ter.TemBAD_STATEMENTS, false, nil},
		{"SQLTransaction, all or nothing", func(t *testing.T, c *tableChain) *tx.Tx {
			return c.sqlTx(t, c.alice, []any{
				stmtJSON(c.alice.id(), tx.OpInsert, "t", `[{"id":6}]`),
				stmtJSON(c.alice.id(), tx.OpInsert, "nope", `[{"id":7}]`),
			})
		}, ter.TecNO_TARGET, true, func(t *testing.T, c *tableChain) {
			if c.table("t").CheckHash != hash.SHA512Half([]byte(testColumns)) {
				t.Fatal("the failed transaction's first statement changed the table")
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTableChain(t)
			txn := tc.build(t, c)
			before, _ := c.st.Account(c.alice.id())
			closed := c.close(t, txn)
			code, claimed := outcome(closed, txn.Hash)
			if code != tc.want || claimed != tc.claimed {
				t.Fatalf("result %s (recorded %v), want %s (recorded %v)", code.Token(), claimed, tc.want.Token(), tc.claimed)
			}
			if err := c.st.CheckInvariants(); err != nil {
				t.Fatal(err)
			}
			if claimed && code != ter.TesSUCCESS && txn.Account == c.alice.id() {
				after, _ := c.st.Account(c.alice.id())
				if after.Balance != before.Balance-txn.Fee || after.OwnerCount != before.OwnerCount {
					t.Fatalf("a failed table transaction must cost its fee only: %d → %d", before.Balance, after.Balance)
				}
			}
			if tc.check != nil {
				tc.check(t, c)
			}
		})
	}
}

func stmtJSON(owner address.AccountID, op tx.OpType, name, raw string) map[string]any {
	return map[string]any{"OpType": int(op), "Owner": owner.String(), "Raw": hexOf(raw),
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexOf(name)}}}}
}

func (c *tableChain) sqlTx(t testing.TB, w *wallet, stmts []any) *tx.Tx {
	b, err := json.Marshal(stmts)
	if err != nil {
		t.Fatal(err)
	}
	return signTx(t, w, "SQLTransaction", c.next(w), map[string]any{"Fee": tableFee, "NeedVerify": 1, "Statements": strings.ToUpper(hex.EncodeToString(b))})
}

// TestTableLimits: 256 grants and 100 tables at most.
func TestTableLimits(t *testing.T) {
	c := newTableChain(t)
	var pays, grants []*tx.Tx
	users := make([]*wallet, ledger.MaxGrants+1)
	for i := range users {
		users[i] = newWallet(t, fmt.Sprint("user-", i))
		pays = append(pays, c.pay(t, users[i], 10))
	}
	c.close(t, pays...)
	for _, u := range users {
		grants = append(grants, c.list(t, c.alice, tx.OpGrant, "t", `[{"select":true}]`, map[string]any{"User": u.id().String()}))
	}
	closed := c.close(t, grants...)
	for i, g := range grants {
		code, _ := outcome(closed, g.Hash)
		want := ter.TesSUCCESS
		if i == ledger.MaxGrants {
			want = ter.TefTABLE_GRANTFULL
		}
		if code != want {
			t.Fatalf("grant %d: %s, want %s", i, code.Token(), want.Token())
		}
	}
	c.close(t, c.pay(t, c.alice, 1000))
	var creates []*tx.Tx
	for i := 1; i <= ledger.MaxTablesPerAccount; i++ {
		creates = append(creates, c.list(t, c.alice, tx.OpCreate, fmt.Sprint("t", i), testColumns, nil))
	}
	closed = c.close(t, creates...)
	for i, cr := range creates {
		code, _ := outcome(closed, cr.Hash)
		want := ter.TesSUCCESS
		if i == len(creates)-1 {
			want = ter.TefTABLE_COUNTFULL
		}
		if code != want {
			t.Fatalf("create %d: %s, want %s", i+1, code.Token(), want.Token())
		}
	}
}
