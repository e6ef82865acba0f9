package rpc

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// TestSubmitAnswerBytes: the submit answer, written member by member,
// is byte for byte the frame encoding/json writes for rippled's map of
// it, for payments and table transactions, queued or refused, with and
// without a detail, under ids of every shape.
func TestSubmitAnswerBytes(t *testing.T) {
	kp, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	sign := func(fields map[string]any) *tx.Tx {
		o, err := codec.FromMap(fields)
		if err != nil {
			t.Fatal(err)
		}
		signed, err := tx.Sign(o, kp)
		if err != nil {
			t.Fatal(err)
		}
		return signed
	}
	payment := sign(map[string]any{"TransactionType": "Payment", "Account": kp.AccountID().String(),
		"Destination": "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh", "Amount": "1000", "Fee": "10", "Sequence": 7,
		"Flags": uint32(tx.FlagFullyCanonicalSig)})
	insert := sign(map[string]any{"TransactionType": "SQLStatement", "Account": kp.AccountID().String(),
		"Owner": kp.AccountID().String(), "OpType": 6, "Fee": "60000", "Sequence": 9, "Flags": uint32(tx.FlagFullyCanonicalSig),
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": "7461626C65", "NameInDB": strings.Repeat("AB", 20)}}},
		"Raw":    "5B7B226964223A317D5D"})
	verdicts := []Verdict{
		{Tx: payment, Code: ter.TesSUCCESS, Queued: true},
		{Tx: payment, Code: ter.TerPRE_SEQ},
		{Tx: payment, Code: ter.TecUNFUNDED_PAYMENT, Detail: `reverted: "out of gas" <&>`},
		{Tx: insert, Code: ter.TesSUCCESS, Queued: true},
		{Tx: insert, Code: ter.TefTABLE_NOTEXIST, Detail: "table \u00e9 missing\n"},
	}
	for _, id := range []string{"", "1", `"abc"`, ` 7 `, `{"a": [1, 2]}`, `not json`} {
		for i, v := range verdicts {
			m := engineResult(map[string]any{
				"tx_json": TxJSON(v.Tx), "accepted": v.Queued, "applied": v.Queued,
				"kept": v.Queued || v.Code == ter.TerPRE_SEQ, "queued": false, "broadcast": v.Queued,
			}, v.Code)
			if !v.Tx.Type.IsTable() {
				m["tx_blob"] = blobHex(v.Tx)
			}
			if v.Detail != "" {
				m["engine_result_message_detail"] = v.Detail
				if v.Tx.Type.IsTable() {
					m["engine_result_message"] = v.Detail
				}
			}
			want := gateway.ChainSQLResult([]byte(id), m)
			got := gateway.ChainSQLResultJSON([]byte(id), submitAnswer(v))
			if !bytes.Equal(got, want) {
				t.Errorf("id %q, verdict %d:\n got %s\nwant %s", id, i, got, want)
			}
		}
	}
}
