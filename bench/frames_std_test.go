package main

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestParseInboundLikeStd checks that parseInbound, which parses with
// go-json, reads what encoding/json reads from frames of both dialects,
// members that differ only in case included.
func TestParseInboundLikeStd(t *testing.T) {
	for _, f := range []string{
		`{"id":3,"type":"response","status":"success","result":{"engine_result":"tesSUCCESS","tx_json":{"Account":"z"}}}`,
		`{"type":"singleTransaction","status":"validate_success","transaction":{"hash":"AB"},"ledger_index":7,"meta":{"AffectedNodes":[]}}`,
		`{"type":"ledgerClosed","ledger_index":9,"ledger_hash":"CD","txn_count":5000}`,
		`{"Action":"updateSigChainBlockHash","Error":0,"Result":"ABCD","Version":"1"}`,
		`{"result":{"engine_result":"x"},"Result":"y","error":"e","Error":5,"id":3}`,
		`{"Result":"y","result":{"engine_result":"x"},"Error":5,"error":"e"}`,
		`{"RESULT":{"engine_result":"q"},"ID":4,"Type":"response"}`,
		`{"id":"x"}`, `[]`, `{"id":1`,
	} {
		var want inbound
		werr := json.Unmarshal([]byte(f), &want)
		got, err := parseInbound([]byte(f))
		if (err == nil) != (werr == nil) || (err == nil && !reflect.DeepEqual(got, want)) {
			t.Errorf("%s: parseInbound %+v, %v; encoding/json %+v, %v", f, got, err, want, werr)
		}
	}
}
