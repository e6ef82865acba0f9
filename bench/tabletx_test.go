package main

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/tx"
)

func TestInsertRaw(t *testing.T) {
	got := string(insertRaw("zA", 7, 2))
	want := `[{"id":7,"account":"zA","destination":"` + rowDestination + `","amount":7,"memo":"payment"},` +
		`{"id":8,"account":"zA","destination":"` + rowDestination + `","amount":8,"memo":"payment"}]`
	if got != want {
		t.Fatalf("insertRaw:\n%s\nwant\n%s", got, want)
	}
	var rows []map[string]any
	if err := json.Unmarshal(insertRaw(genesisAddress, 0, 100), &rows); err != nil || len(rows) != 100 || rows[99]["id"].(float64) != 99 {
		t.Fatalf("100 rows: %d rows, %v", len(rows), err)
	}
	var cols []map[string]any
	if err := json.Unmarshal([]byte(benchColumns), &cols); err != nil || len(cols) != 5 || cols[0]["PK"].(float64) != 1 {
		t.Fatalf("benchColumns: %v, %v", cols, err)
	}
}

func TestTableFee(t *testing.T) {
	// The client's fee with a 10-drop base fee, load factor 1 and
	// drops_per_byte 976 (chainsql-client-wire.md): a 130-byte create
	// Raw costs 12 + 1000 + 130 × 976 = 127,892 drops.
	f := feeSchedule{base: 12, perByte: 976}
	if got := f.fee(130); got != 127_892 {
		t.Errorf("fee of 130 bytes: %d, want 127892", got)
	}
	if got := f.fee(0); got != 1012 {
		t.Errorf("fee without Raw: %d, want 1012", got)
	}
}

// TestTableTxSign signs the published library's SQLStatement insert
// (shared vectors, chainsql-lib-signed.json: the genesis account inserts
// two rows into its table "Orders") and finds its encoding of Tables,
// Raw and Owner in the blob.
func TestTableTxSign(t *testing.T) {
	gk, err := genesisKey()
	if err != nil {
		t.Fatal(err)
	}
	nameInDB, _ := hex.DecodeString("43ACD1FF143986210A44AB8B609371B392F45A86")
	tbl := &benchTable{owner: &account{kp: gk}, name: "Orders", nameInDB: [20]byte(nameInDB)}
	raw, _ := hex.DecodeString("5B7B226964223A372C226974656D223A22E4B9A6222C227072696365223A332E357D2C7B226964223A382C226974656D223A2270656E222C227072696365223A6E756C6C7D5D")
	ins := tableTx{from: gk, seq: 15, fee: 20000, op: tx.OpInsert, table: tbl, raw: raw}
	signed, err := ins.sign()
	if err != nil {
		t.Fatal(err)
	}
	if err := signed.Verify(); err != nil {
		t.Fatalf("signature: %v", err)
	}
	blob := hexUpper(signed.Blob)
	for what, part := range map[string]string{
		"type, OpType, Flags, Sequence": "120016" + "10320006" + "2280000000" + "240000000F",
		"Fee":                           "684000000000004E20",
		"Raw":                           "703446" + hexUpper(raw),
		"Owner":                         "8214B5F762798A53D543A014CAF8B297CFF8F2F937E8",
		"Tables":                        "F033E0327033064F726465727300113243ACD1FF143986210A44AB8B609371B392F45A86E1F1",
	} {
		if !strings.Contains(blob, part) {
			t.Errorf("%s: %s not in the blob %s", what, part, blob)
		}
	}
	if !strings.HasPrefix(blob, "120016") {
		t.Errorf("blob %s does not start with TransactionType SQLStatement", blob)
	}

	user, _ := address.ParseAccountID(rowDestination)
	grant := tableTx{from: gk, seq: 16, fee: 1012, op: tx.OpGrant, table: tbl, raw: []byte(grantRaw), user: user}
	g, err := grant.sign()
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := tx.Decode(g.Blob)
	if err != nil {
		t.Fatal(err)
	}
	j := decoded.JSON()
	if j["TransactionType"] != "TableListSet" || j["User"] != rowDestination || j["Owner"] != nil {
		t.Errorf("grant: %v", j)
	}
	if r, _ := decoded.Fields.Blob("Raw"); string(r) != grantRaw {
		t.Errorf("grant Raw %q", r)
	}
}
