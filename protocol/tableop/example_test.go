package tableop_test

import (
	"encoding/hex"
	"fmt"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Example reads a signed SQLStatement insert: the first Of parses it,
// every later one returns the same value.
func Example() {
	kp, _ := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	o, _ := codec.FromMap(map[string]any{
		"TransactionType": "SQLStatement", "Account": kp.AccountID().String(), "Owner": kp.AccountID().String(),
		"OpType": 6, "Fee": "60000", "Sequence": 1,
		"Tables":        []any{map[string]any{"Table": map[string]any{"TableName": hex.EncodeToString([]byte("people"))}}},
		"Raw":           hex.EncodeToString([]byte(`[{"id":1,"name":"ann"}]`)),
		"AutoFillField": hex.EncodeToString([]byte("txid")),
	})
	t, _ := tx.Sign(o, kp)

	op := &tableop.Of(t).Ops[0]
	fmt.Println(op.Code.Token(), op.Type == tx.OpInsert, string(op.Name), op.Fill.AutoFill)
	rows, _ := op.Raw.JSON()
	for _, m := range rows.Elems()[0].Members() {
		fmt.Println(m.Key, m.Value.Text())
	}
	fmt.Println(op.Raw.Err(), tableop.Of(t) == tableop.Of(t))
	// Output:
	// tesSUCCESS true people txid
	// id 1
	// name "ann"
	// <nil> true
}
