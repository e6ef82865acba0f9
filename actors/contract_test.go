package actors_test

import (
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
)

// initFor wraps runtime code (at most 255 bytes) in init code that
// returns it: PUSH1 len DUP1 PUSH1 11 PUSH1 0 CODECOPY PUSH1 0 RETURN.
func initFor(runtime string) string {
	n := len(runtime) / 2
	return fmt.Sprintf("60%02x80600b6000396000f3", n) + runtime
}

// Hand-assembled runtimes for the tests below.
const (
	// eventTopic is what the event contract logs under.
	eventTopic = "1111111111111111111111111111111111111111111111111111111111111111"
	// eventRuntime: MSTORE(0, CALLDATALOAD(0)); LOG1(0, 32, eventTopic); STOP.
	eventRuntime = "600035600052" + "7f" + eventTopic + "60206000a100"
	// payableRuntime: STOP (accepts any value).
	payableRuntime = "00"
)

// revertRuntime reverts with Error("nope").
func revertRuntime() string {
	data := "08c379a0" + fmt.Sprintf("%064x", 0x20) + fmt.Sprintf("%064x", 4) + hex.EncodeToString([]byte("nope")) + strings.Repeat("00", 28)
	var b strings.Builder
	for off := 0; off < len(data)/2; off += 32 {
		chunk := data[off*2 : min(len(data), off*2+64)]
		chunk += strings.Repeat("0", 64-len(chunk))
		fmt.Fprintf(&b, "7f%s60%02x52", chunk, off)
	}
	fmt.Fprintf(&b, "60%02x6000fd", len(data)/2)
	return b.String()
}

// callerRuntime calls target with no data and no value, then stops.
func callerRuntime(target []byte) string {
	return "60006000600060006000" + "73" + hex.EncodeToString(target) + "5af15000"
}

func (c *client) contractTx(secret, account string, fields map[string]any) map[string]any {
	c.t.Helper()
	txj := map[string]any{"TransactionType": "Contract", "Account": account, "Gas": 3_000_000}
	for k, v := range fields {
		txj[k] = v
	}
	return c.submitJSON(secret, txj)
}

func (c *client) singleResult(hash string) map[string]any {
	c.t.Helper()
	c.ok(map[string]any{"command": "subscribe", "transaction": hash})
	c.accept()
	return c.next(func(m map[string]any) bool {
		return m["type"] == "singleTransaction" && m["transaction"].(map[string]any)["hash"] == hash
	})
}

func TestContracts(t *testing.T) {
	dir := t.TempDir()
	n := startNode(t, dir, 0)
	c := n.client()
	genesisID := mustAccount(t, genesisAccount)
	seq := func() uint32 {
		r := c.ok(map[string]any{"command": "account_info", "account": genesisAccount})
		return uint32(r["account_data"].(map[string]any)["Sequence"].(float64))
	}

	// The document's contract: deploy, setName("wawa"), getName().
	code, err := os.ReadFile("../vmhost/testdata/name_contract.hex")
	if err != nil {
		t.Fatal(err)
	}
	nameAddr := ledger.ContractAddress(genesisID, seq()).String()
	dep := c.contractTx(genesisSecret, genesisAccount, map[string]any{"ContractOpType": 1, "ContractData": strings.TrimSpace(string(code)), "ContractValue": "0"})
	expect(t, "deploy", dep, "tesSUCCESS")
	if s := c.singleResult(hashOf(dep)); s["status"] != "validate_success" {
		t.Fatalf("deploy: %v", s)
	}
	txr := c.ok(map[string]any{"command": "tx", "transaction": hashOf(dep)})
	created := false
	for _, node := range txr["meta"].(map[string]any)["AffectedNodes"].([]any) {
		if cn, ok := node.(map[string]any)["CreatedNode"].(map[string]any); ok {
			nf := cn["NewFields"].(map[string]any)
			created = created || (nf["Account"] == nameAddr && nf["ContractCode"] != nil)
		}
	}
	if !created || txr["validated"] != true || txr["date"] == nil {
		t.Fatalf("deploy metadata lacks the contract's CreatedNode: %v", txr)
	}
	set := c.contractTx(genesisSecret, genesisAccount, map[string]any{"ContractOpType": 2, "ContractAddress": nameAddr,
		"ContractData": "C47F0027" + fmt.Sprintf("%064x%064x", 0x20, 4) + hex.EncodeToString([]byte("wawa")) + strings.Repeat("00", 28)})
	if s := c.singleResult(hashOf(set)); s["status"] != "validate_success" {
		t.Fatalf("setName: %v", s)
	}
	wantWawa := "0x" + fmt.Sprintf("%064x%064x", 0x20, 4) + hex.EncodeToString([]byte("wawa")) + strings.Repeat("00", 28)
	got := c.ok(map[string]any{"command": "contract_call", "account": genesisAccount, "contract_address": nameAddr, "contract_data": "17D7DE7C"})
	if got["contract_call_result"] != wantWawa {
		t.Fatalf("getName: %v, want %s", got, wantWawa)
	}

	// Out of gas: setName with too little gas keeps only the fee and
	// the gas.
	before := c.balance(genesisAccount)
	oog := c.contractTx(genesisSecret, genesisAccount, map[string]any{"ContractOpType": 2, "ContractAddress": nameAddr, "Gas": 25000,
		"ContractData": "C47F0027" + fmt.Sprintf("%064x%064x", 0x20, 4) + hex.EncodeToString([]byte("zzzz")) + strings.Repeat("00", 28)})
	if s := c.singleResult(hashOf(oog)); s["status"] != "validate_error" || s["error"] != "tefGAS_INSUFFICIENT" {
		t.Fatalf("out of gas: %v", s)
	}
	if after := c.balance(genesisAccount); before == after {
		t.Fatal("an out-of-gas call cost nothing")
	}
	if got := c.ok(map[string]any{"command": "contract_call", "account": genesisAccount, "contract_address": nameAddr, "contract_data": "17D7DE7C"}); got["contract_call_result"] != wantWawa {
		t.Fatalf("a failed call changed storage: %v", got)
	}

	// Revert with a reason: the reason is the notification's
	// error_message, and contract_call reports it as contractEVMcallError.
	revAddr := ledger.ContractAddress(genesisID, seq()).String()
	c.singleResult(hashOf(c.contractTx(genesisSecret, genesisAccount, map[string]any{"ContractOpType": 1, "ContractData": initFor(revertRuntime())})))
	rev := c.contractTx(genesisSecret, genesisAccount, map[string]any{"ContractOpType": 2, "ContractAddress": revAddr, "ContractData": "00"})
	// The submit answer carries the reason too, as chainsqld's does; the
	// call is queued: the ledger records it and charges its fee and gas.
	if rev["engine_result"] != "tefCONTRACT_REVERT_INSTRUCTION" || rev["engine_result_message_detail"] != "nope" ||
		rev["engine_result_message"] == "nope" || rev["accepted"] != true {
		t.Fatalf("submit of a revert: %v", rev)
	}
	if s := c.singleResult(hashOf(rev)); s["error"] != "tefCONTRACT_REVERT_INSTRUCTION" || s["error_message"] != "nope" {
		t.Fatalf("revert: %v", s)
	}
	if r := c.fails(map[string]any{"command": "contract_call", "account": genesisAccount, "contract_address": revAddr, "contract_data": "00"}, "contractEVMcallError"); r["error_message"] != "nope" {
		t.Fatalf("contract_call of a revert: %v", r)
	}
	missing := c.contractTx(genesisSecret, genesisAccount, map[string]any{"ContractOpType": 2, "ContractAddress": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "ContractData": "00"})
	if s := c.singleResult(hashOf(missing)); s["error"] != "tefCONTRACT_NOT_EXIST" {
		t.Fatalf("call of an account without code: %v", s)
	}

	// Value into a payable contract.
	payAddr := ledger.ContractAddress(genesisID, seq()).String()
	c.singleResult(hashOf(c.contractTx(genesisSecret, genesisAccount, map[string]any{"ContractOpType": 1, "ContractData": initFor(payableRuntime)})))
	val := c.contractTx(genesisSecret, genesisAccount, map[string]any{"ContractOpType": 2, "ContractAddress": payAddr, "ContractData": "00", "ContractValue": "7000000"})
	if s := c.singleResult(hashOf(val)); s["status"] != "validate_success" {
		t.Fatalf("value transfer: %v", s)
	}
	if b := c.balance(payAddr); b != "7000000" {
		t.Fatalf("payable contract holds %s", b)
	}

	// Events, from a contract called by another, to a subscriber.
	evAddr := ledger.ContractAddress(genesisID, seq())
	c.singleResult(hashOf(c.contractTx(genesisSecret, genesisAccount, map[string]any{"ContractOpType": 1, "ContractData": initFor(eventRuntime)})))
	callerAddr := ledger.ContractAddress(genesisID, seq()).String()
	c.singleResult(hashOf(c.contractTx(genesisSecret, genesisAccount, map[string]any{"ContractOpType": 1, "ContractData": initFor(callerRuntime(evAddr[:]))})))
	watcher := n.client()
	watcher.ok(map[string]any{"command": "subscribe", "accounts_contract": []string{evAddr.String()}})
	call := c.contractTx(genesisSecret, genesisAccount, map[string]any{"ContractOpType": 2, "ContractAddress": callerAddr, "ContractData": "00"})
	if s := c.singleResult(hashOf(call)); s["status"] != "validate_success" {
		t.Fatalf("nested call: %v", s)
	}
	ev := watcher.next(func(m map[string]any) bool { return m["type"] == "contract_event" })
	if ev["ContractAddress"] != evAddr.String() || ev["ContractEventTopics"].([]any)[0] != strings.ToUpper(eventTopic) {
		t.Fatalf("contract event: %v", ev)
	}

	// Replay reproduces every result, hash and storage slot; a restarted
	// node answers getName the same.
	n.stop()
	log, err := eventlog.Open(dir, eventlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, rep, err := ledgerlog.Rebuild(log, nil)
	log.Close()
	if err != nil || len(rep.Mismatches) != 0 {
		t.Fatalf("rebuild: %v %+v", err, rep)
	}
	if len(st.SlotList()) == 0 {
		t.Fatal("no contract storage after replay")
	}
	n2 := startNode(t, dir, 0)
	c2 := n2.client()
	if got := c2.ok(map[string]any{"command": "contract_call", "account": genesisAccount, "contract_address": nameAddr, "contract_data": "17D7DE7C"}); got["contract_call_result"] != wantWawa {
		t.Fatalf("getName after restart: %v", got)
	}
}
