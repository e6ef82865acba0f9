package gateway_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

func TestNKNReply(t *testing.T) {
	tests := []struct {
		name   string
		action string
		id     json.RawMessage
		code   int
		result any
		want   string
	}{
		// The NKN document's examples, keys sorted as NKN's map
		// marshalling writes them.
		{"getlatestblockheight", "getlatestblockheight", nil, 0, 660,
			`{"Action":"getlatestblockheight","Desc":"SUCCESS","Error":0,"Result":660,"Version":"1.0.0"}`},
		{"heartbeat", "heartbeat", nil, 0, "5a232d0c-79ea-11e8-a7f5-6a00030e74b0",
			`{"Action":"heartbeat","Desc":"SUCCESS","Error":0,"Result":"5a232d0c-79ea-11e8-a7f5-6a00030e74b0","Version":"1.0.0"}`},
		{"handler error has null Result", "getblock", nil, 44004, nil,
			`{"Action":"getblock","Desc":"UNKNOWN HASH","Error":44004,"Result":null,"Version":"1.0.0"}`},
		{"push", "updateSigChainBlockHash", nil, 0, "fe5731ccaa605877306f4fde82c8b2d39f78fa22ff33f87bb818ffddbad7dd64",
			`{"Action":"updateSigChainBlockHash","Desc":"SUCCESS","Error":0,"Result":"fe5731ccaa605877306f4fde82c8b2d39f78fa22ff33f87bb818ffddbad7dd64","Version":"1.0.0"}`},
		// Errors raised before dispatch (nkn-protocol.md §1.3).
		{"illegal data format", "", nil, 41003, "",
			`{"Action":"","Desc":"ILLEGAL DATAFORMAT","Error":41003,"Result":"","Version":"1.0.0"}`},
		{"session expired", "", nil, 41001, "",
			`{"Action":"","Desc":"SESSION EXPIRED","Error":41001,"Result":"","Version":"1.0.0"}`},
		{"service ceiling", "", nil, 41002, "",
			`{"Action":"","Desc":"SERVICE CEILING","Error":41002,"Result":"","Version":"1.0.0"}`},
		{"invalid method", "", nil, 42001, "",
			`{"Action":"","Desc":"INVALID METHOD","Error":42001,"Result":"","Version":"1.0.0"}`},
		{"Ontology Id echo", "getblock", json.RawMessage(`7`), 42002, nil,
			`{"Action":"getblock","Desc":"INVALID PARAMS","Error":42002,"Id":7,"Result":null,"Version":"1.0.0"}`},
		{"every table entry", "gettransaction", nil, 44001, nil,
			`{"Action":"gettransaction","Desc":"UNKNOWN TRANSACTION","Error":44001,"Result":null,"Version":"1.0.0"}`},
		{"code outside the table", "x", nil, 49999, nil,
			`{"Action":"x","Desc":"","Error":49999,"Result":null,"Version":"1.0.0"}`},
		{"object result is not HTML-escaped", "getblock", nil, 0, map[string]string{"a": "<&>"},
			`{"Action":"getblock","Desc":"SUCCESS","Error":0,"Result":{"a":"<&>"},"Version":"1.0.0"}`},
		{"unencodable result", "getblock", nil, 0, func() {},
			`{"Action":"getblock","Desc":"INTERNAL ERROR","Error":45001,"Result":null,"Version":"1.0.0"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(gateway.NKNReply(tt.action, tt.id, tt.code, tt.result)); got != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestChainSQLResult(t *testing.T) {
	tests := []struct {
		name   string
		id     json.RawMessage
		result any
		want   string
	}{
		{"integer id", json.RawMessage(`1`), map[string]any{"ledger_index": 5},
			`{"id":1,"result":{"ledger_index":5},"status":"success","type":"response"}`},
		{"no id", nil, map[string]any{},
			`{"result":{},"status":"success","type":"response"}`},
		{"raw result kept", json.RawMessage(`"x"`), json.RawMessage(`{"b":1,"a":2}`),
			`{"id":"x","result":{"b":1,"a":2},"status":"success","type":"response"}`},
		{"unencodable result", json.RawMessage(`9`), make(chan int),
			`{"error":"internal","error_code":73,"error_message":"Internal error.","id":9,"status":"error","type":"response"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(gateway.ChainSQLResult(tt.id, tt.result)); got != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestChainSQLError(t *testing.T) {
	req := &gateway.Request{
		Dialect: gateway.ChainSQL,
		ID:      json.RawMessage(`3`),
		Method:  "t_create",
		Body:    []byte(`{"id":3,"command":"t_create","secret":"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb","tx_json":{"Account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"}}`),
	}
	token, code, message := rpcerr.New(rpcerr.TabNotExist).Fields()
	got := string(gateway.ChainSQLError(req, token, code, message))
	want := `{"error":"tabNotExist","error_code":106,"error_message":"Table does not exist.","id":3,` +
		`"request":{"command":"t_create","id":3,"secret":"<masked>","tx_json":{"Account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"}},` +
		`"status":"error","type":"response"}`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if got := string(gateway.ChainSQLError(nil, "unknownCmd", 32, "Unknown method.")); got != `{"error":"unknownCmd","error_code":32,"error_message":"Unknown method.","status":"error","type":"response"}` {
		t.Fatalf("without request: %s", got)
	}
}

func ExampleChainSQLResult() {
	fmt.Println(string(gateway.ChainSQLResult(json.RawMessage(`1`), map[string]any{"ledger_index": 2})))
	// Output: {"id":1,"result":{"ledger_index":2},"status":"success","type":"response"}
}

func ExampleChainSQLError() {
	req := &gateway.Request{
		Dialect: gateway.ChainSQL,
		ID:      json.RawMessage(`5`),
		Method:  "submit",
		Body:    []byte(`{"command":"submit","id":5,"secret":"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb","tx_json":{}}`),
	}
	token, code, message := rpcerr.New(rpcerr.InvalidParams).Fields()
	fmt.Println(string(gateway.ChainSQLError(req, token, code, message)))
	// Output: {"error":"invalidParams","error_code":31,"error_message":"Invalid parameters.","id":5,"request":{"command":"submit","id":5,"secret":"<masked>","tx_json":{}},"status":"error","type":"response"}
}

func ExampleNKNReply() {
	fmt.Println(string(gateway.NKNReply("getlatestblockheight", nil, 0, 660)))
	// Output: {"Action":"getlatestblockheight","Desc":"SUCCESS","Error":0,"Result":660,"Version":"1.0.0"}
}
