package main

import (
	"encoding/json"
	"strconv"

	gojson "github.com/goccy/go-json"
)

// Outbound frames. They are appended to a buffer by hand rather than
// marshalled, so that the payments workload can build every frame
// before its timed phase and the client spends no time on them.

// submitFrame is a ChainSQL submit of a signed blob in upper-case hex.
func submitFrame(id int64, blobHex string) []byte {
	b := make([]byte, 0, len(blobHex)+48)
	b = append(b, `{"command":"submit","id":`...)
	b = strconv.AppendInt(b, id, 10)
	b = append(b, `,"tx_blob":"`...)
	b = append(b, blobHex...)
	return append(b, `"}`...)
}

// subscribeTxFrame subscribes to one transaction's validation, as the
// ChainSQL client does before each submit.
func subscribeTxFrame(id int64, hashHex string) []byte {
	b := make([]byte, 0, len(hashHex)+56)
	b = append(b, `{"command":"subscribe","id":`...)
	b = strconv.AppendInt(b, id, 10)
	b = append(b, `,"transaction":"`...)
	b = append(b, hashHex...)
	return append(b, `"}`...)
}

// commandFrame is a ChainSQL request without parameters.
func commandFrame(command string, id int64) []byte {
	b := append([]byte(`{"command":"`), command...)
	b = append(b, `","id":`...)
	b = strconv.AppendInt(b, id, 10)
	return append(b, '}')
}

// subscribeLedgerFrame subscribes to the ledger stream.
func subscribeLedgerFrame(id int64) []byte {
	b := append([]byte(`{"command":"subscribe","id":`), strconv.AppendInt(nil, id, 10)...)
	return append(b, `,"streams":["ledger"]}`...)
}

// nknFrame is an NKN request without parameters.
func nknFrame(action string) []byte {
	return append(append([]byte(`{"Action":"`), action...), `"}`...)
}

// inbound is what bench reads of a frame from the node, in either
// dialect. encoding/json matches names without regard to case but
// prefers an exact match, so the ChainSQL members ("result", "error")
// and the NKN ones ("Result", "Error") each land in their own field.
type inbound struct {
	// ChainSQL responses.
	ID     *int64 `json:"id"`
	Type   string `json:"type"`
	Status string `json:"status"`
	Error  string `json:"error"`
	// ErrorMessage explains an error, or a db_error.
	ErrorMessage string `json:"error_message"`
	Result       struct {
		EngineResult string `json:"engine_result"`
	} `json:"result"`

	// ChainSQL notifications: singleTransaction and ledgerClosed.
	Transaction struct {
		Hash string `json:"hash"`
	} `json:"transaction"`
	LedgerIndex uint32 `json:"ledger_index"`
	LedgerHash  string `json:"ledger_hash"`
	TxnCount    int    `json:"txn_count"`

	// NKN replies and pushes.
	Action    string          `json:"Action"`
	NKNError  int             `json:"Error"`
	NKNResult json.RawMessage `json:"Result"`
}

// parseInbound decodes a frame; a frame that is not a JSON object is an
// error. It parses with github.com/goccy/go-json, as the node parses its
// request frames (the same fields, exact names preferred, as
// TestParseInboundLikeStd checks), so that the client, which shares the
// node's cores, reads every notification in a third of encoding/json's
// time.
func parseInbound(frame []byte) (inbound, error) {
	var in inbound
	err := parseInboundInto(frame, &in)
	return in, err
}

// parseInboundInto is parseInbound into a frame the caller reuses,
// NKNResult's buffer included (a frame without a Result leaves it
// empty, not nil).
func parseInboundInto(frame []byte, in *inbound) error {
	*in = inbound{NKNResult: in.NKNResult[:0]}
	return gojson.Unmarshal(frame, in)
}

// isResponse reports whether the frame answers a ChainSQL request.
func (in *inbound) isResponse() bool { return in.Type == "response" && in.ID != nil }
