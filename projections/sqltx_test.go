package projections

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	"github.com/sqledger/sqledger/protocol/tx"
)

// TestSQLTransactionVector applies the SQLTransaction chainsql-lib signed
// ($IsExisted, then an insert), after the create and insert of the same
// vectors, all decoded from the published library's blobs.
func TestSQLTransactionVector(t *testing.T) {
	data, err := os.ReadFile("../../shared/vectors/chainsql-lib-signed.json")
	if err != nil {
		t.Fatalf("the shared vectors must be beside the repository: %v", err)
	}
	var vectors struct {
		Cases []struct {
			Name   string `json:"name"`
			TxBlob string `json:"tx_blob"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &vectors); err != nil {
		t.Fatal(err)
	}
	blobs := map[string]*tx.Tx{}
	for _, c := range vectors.Cases {
		b, err := hex.DecodeString(c.TxBlob)
		if err != nil {
			t.Fatal(err)
		}
		if blobs[c.Name], err = tx.Decode(b); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
	}
	p := openTest(t, Options{})
	c := newChain(t)
	// The vector's insert fills AutoFillField "txid", a column its create
	// lacks: chainsqld answers db_error, and so does the projection.
	res := mustApply(t, p, c.ledger(blobs["TableListSet create"], blobs["SQLStatement insert"], blobs["SQLTransaction"]))
	wantResults(t, res, "", "no column named txid", "")
	if got := render(rows(t, p, tableA, "id")); got != "at=<nil> id=9 item=<nil> price=<nil>\n" {
		t.Errorf("rows %q", got)
	}
}

func TestSQLTransaction(t *testing.T) {
	const create = `[{"field":"id","type":"int","PK":1},{"field":"v","type":"varchar"}]`
	cases := []struct {
		name  string
		stmts []map[string]any
		want  string // "" for db_success, else part of the error
		rows  string
	}{
		{"asserts and inserts", []map[string]any{
			stmt(tx.OpAssert, tableA, `[{"$IsExisted":1}]`),
			stmt(tx.OpInsert, tableA, `[{"id":2,"v":"b"}]`),
			stmt(tx.OpAssert, tableA, `[{"$RowCount":2}]`),
			stmt(tx.OpAssert, tableA, `[{"$RowCount":1},{"v":"b"}]`),
			stmt(tx.OpUpdate, tableA, `[{"v":"B"},{"id":2}]`),
		}, "", "id=1 v=a\nid=2 v=B\n"},
		{"a failed row count rolls everything back", []map[string]any{
			stmt(tx.OpInsert, tableA, `[{"id":2,"v":"b"}]`),
			stmt(tx.OpAssert, tableA, `[{"$RowCount":5}]`),
		}, "statement 1: assert false: $RowCount is 2, expected 5", "id=1 v=a\n"},
		{"a missing table fails $IsExisted", []map[string]any{
			stmt(tx.OpInsert, tableA, `[{"id":2,"v":"b"}]`),
			stmt(tx.OpAssert, tableB, `[{"$IsExisted":1}]`),
		}, "assert false", "id=1 v=a\n"},
		{"$IsExisted 0 holds for a missing table", []map[string]any{
			stmt(tx.OpAssert, tableB, `[{"$IsExisted":0}]`),
			stmt(tx.OpDelete, tableA, `[]`),
		}, "", ""},
		{"a duplicate key rolls everything back", []map[string]any{
			stmt(tx.OpDelete, tableA, `[{"id":1}]`),
			stmt(tx.OpInsert, tableA, `[{"id":3},{"id":3}]`),
		}, "UNIQUE constraint failed", "id=1 v=a\n"},
		{"a malformed assert", []map[string]any{
			stmt(tx.OpAssert, tableA, `[{"$Count":1}]`),
		}, "Assert statement may be malformed", "id=1 v=a\n"},
		{"a statement without NameInDB", []map[string]any{
			{"OpType": 6, "Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexOf("x")}}}, "Raw": hexOf(`[{"id":5}]`)},
		}, "NameInDB must be 40 hex digits", "id=1 v=a\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eachStore(t, func(t *testing.T, s testStore) {
				p := s.open(t, Options{})
				c := newChain(t)
				mustApply(t, p, c.ledger(c.tableTx(tx.OpCreate, tableA, create), c.tableTx(tx.OpInsert, tableA, `[{"id":1,"v":"a"}]`)))
				after := c.tableTx(tx.OpInsert, tableA, `[{"id":10,"v":"after"}]`)
				res := mustApply(t, p, c.ledger(c.sqlTx(tc.stmts...), after))
				wantResults(t, res, s.words(tc.want), "")
				want := tc.rows + "id=10 v=after\n"
				if got := render(rows(t, p, tableA, "id")); got != want {
					t.Errorf("rows:\n%s\nwant:\n%s", got, want)
				}
			})
		})
	}
}
