package rpcerr_test

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// A handler returns an *Error; the gateway lays its fields into the
// ChainSQL envelope.
func Example() {
	handler := func() error {
		return fmt.Errorf("r_get users: %w", rpcerr.New(rpcerr.TabNotExist))
	}
	token, code, message := rpcerr.From(handler()).Fields()
	out, _ := json.Marshal(map[string]any{
		"error":         token,
		"error_code":    code,
		"error_message": message,
		"status":        "error",
		"type":          "response",
	})
	fmt.Println(string(out))
	// Output:
	// {"error":"tabNotExist","error_code":106,"error_message":"Table does not exist.","status":"error","type":"response"}
}

func ExampleMissingField() {
	fmt.Println(rpcerr.MissingField("tx_json"))
	// Output:
	// invalidParams: Missing field 'tx_json'.
}

// Node faults become Internal: the client sees no detail.
func ExampleFrom() {
	fmt.Println(rpcerr.From(fmt.Errorf("append ledger 9: %w", io.ErrShortWrite)))
	// Output:
	// internal: Internal error.
}
