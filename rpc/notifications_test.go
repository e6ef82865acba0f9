package rpc_test

import (
	"encoding/json"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/rpc"
)

// TestNotificationFrames pins the bytes of every notification frame the
// hub sends.
func TestNotificationFrames(t *testing.T) {
	ch := newChain(t)
	txj := json.RawMessage(`{"hash":"AB"}`)
	var h hash.Hash256
	for i := range h {
		h[i] = 0x11
	}
	owner, err := address.ParseAccountID(genesisAccount)
	if err != nil {
		t.Fatal(err)
	}
	ref := ledger.TableRef{Owner: owner, Name: []byte("people")}
	tr, err := rpc.TransactionFrame(ch.closed, &ch.closed.Txs[0], txj)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		frame []byte
		want  string
	}{
		{"validate_success", rpc.ValidatedFrame(txj, ter.TesSUCCESS, "reason"),
			`{"status":"validate_success","transaction":{"hash":"AB"},"type":"singleTransaction"}`},
		{"validate_error", rpc.ValidatedFrame(txj, ter.TecUNFUNDED_PAYMENT, ""),
			`{"error":"tecUNFUNDED_PAYMENT","error_message":"Insufficient ZXC balance to send.","status":"validate_error","transaction":{"hash":"AB"},"type":"singleTransaction"}`},
		{"validate_error with detail", rpc.ValidatedFrame(txj, ter.TecUNFUNDED_PAYMENT, "reverted: nope"),
			`{"error":"tecUNFUNDED_PAYMENT","error_message":"reverted: nope","status":"validate_error","transaction":{"hash":"AB"},"type":"singleTransaction"}`},
		{"validate_timeout", rpc.ValidateTimeoutFrame(h),
			`{"status":"validate_timeout","transaction":{"hash":"1111111111111111111111111111111111111111111111111111111111111111"},"type":"singleTransaction"}`},
		{"db_timeout", rpc.DBTimeoutFrame(h),
			`{"status":"db_timeout","transaction":{"hash":"1111111111111111111111111111111111111111111111111111111111111111"},"type":"singleTransaction"}`},
		{"db_success", rpc.DBFrame(txj, "db_success", ""),
			`{"status":"db_success","transaction":{"hash":"AB"},"type":"singleTransaction"}`},
		{"db_error", rpc.DBFrame(txj, "db_error", "UNIQUE constraint failed"),
			`{"error_message":"UNIQUE constraint failed","status":"db_error","transaction":{"hash":"AB"},"type":"singleTransaction"}`},
		{"table", rpc.TableFrame(ref, txj, ter.TesSUCCESS),
			`{"owner":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","status":"validate_success","tablename":"people","transaction":{"hash":"AB"},"type":"table"}`},
		{"table error", rpc.TableFrame(ref, txj, ter.TecNO_TARGET),
			`{"error":"tecNO_TARGET","error_message":"Target account does not exist.","owner":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","status":"validate_error","tablename":"people","transaction":{"hash":"AB"},"type":"table"}`},
		{"table db_error", rpc.TableDBFrame(ref, txj, "db_error", "no"),
			`{"error_message":"no","owner":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","status":"db_error","tablename":"people","transaction":{"hash":"AB"},"type":"table"}`},
		{"contract_event", rpc.ContractEventFrame(ledger.ContractLog{Address: owner, Topics: [][32]byte{h}, Data: []byte{1, 0xab}}),
			`{"ContractAddress":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","ContractEventInfo":"01AB","ContractEventTopics":["1111111111111111111111111111111111111111111111111111111111111111"],"type":"contract_event"}`},
		{"ledgerClosed", rpc.LedgerClosedFrame(ch.closed, ledger.DefaultParams(), 1, 2),
			`{"fee_base":10,"fee_ref":10,"ledger_hash":"56219576E8B8052133324A66C39C13DB56F8ACFBB499926670055F8636556E05","ledger_index":2,"ledger_time":825915968,"reserve_base":5000000,"reserve_inc":1000000,"txn_count":1,"type":"ledgerClosed","validated_ledgers":"1-2"}`},
		{"transaction", tr,
			`{"engine_result":"tesSUCCESS","engine_result_code":0,"engine_result_message":"The transaction was applied. Only final in a validated ledger.","ledger_hash":"56219576E8B8052133324A66C39C13DB56F8ACFBB499926670055F8636556E05","ledger_index":2,"meta":{"AffectedNodes":[{"ModifiedNode":{"FinalFields":{"Account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","Balance":"99999998999999990","Flags":0,"OwnerCount":0,"Sequence":2},"LedgerEntryType":"AccountRoot","LedgerIndex":"2B6AC232AA4C4BE41BF49D2459FA4A0347E1B543A4C92FCEE0821C0201E2E9A8","PreviousFields":{"Balance":"100000000000000000","Sequence":1}}},{"CreatedNode":{"LedgerEntryType":"AccountRoot","LedgerIndex":"5B826AEDFC56EE8D85F6BDD69BF9CC4601561AB844FBCA45FE0D9F388E6E6728","NewFields":{"Account":"z3j3rBUwufWbeari4sA7ePsw2jwpDQA4Rt","Balance":"1000000000","Sequence":1}}}],"DeliveredAmount":"1000000000","TransactionIndex":0,"TransactionResult":"tesSUCCESS","delivered_amount":"1000000000"},"status":"closed","transaction":{"hash":"AB"},"type":"transaction","validated":true}`},
		{"NKN push", rpc.NKNPushFrame(h),
			`{"Action":"updateSigChainBlockHash","Desc":"SUCCESS","Error":0,"Result":"1111111111111111111111111111111111111111111111111111111111111111","Version":"1.0.0"}`},
	} {
		if string(c.frame) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, c.frame, c.want)
		}
	}
}
