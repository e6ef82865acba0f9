package tableop

import (
	"encoding/json"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
)

// parseStatements reads a SQLTransaction's Statements: a JSON array of
// statement objects whose binary fields are hex, as the client's
// t_prepare returns them. A statement's table owner defaults to the
// sender.
func parseStatements(f *codec.Object, sender address.AccountID) ([]Op, *Error) {
	text, _ := f.Blob("Statements")
	var arr []map[string]any
	if err := json.Unmarshal(text, &arr); err != nil {
		return nil, errorf("Statements is not a JSON array of statements: %v", err)
	}
	if len(arr) == 0 {
		return nil, errorf("Statements is empty")
	}
	ops := make([]Op, len(arr))
	for i, m := range arr {
		if m == nil {
			return nil, errorf("statement %d is not an object", i)
		}
		s, err := codec.FromMap(m)
		if err != nil {
			return nil, errorf("statement %d: %v", i, err)
		}
		parseOp(&ops[i], s, sender)
	}
	return ops, nil
}
