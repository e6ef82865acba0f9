// Package compat runs the published ChainSQL JavaScript client (npm
// chainsql 0.6.70, installed with --ignore-scripts), unmodified, against
// a real node on a loopback port.
package compat

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/projections"
)

// installClient installs the client from package-lock.json when
// node_modules is missing (CI installs it first; this covers a plain
// `go test ./...` on a machine with Node.js and npm).
func installClient(t *testing.T) {
	t.Helper()
	if _, err := os.Stat("node_modules/chainsql/package.json"); err == nil {
		return
	}
	out, err := exec.Command("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund").CombinedOutput()
	if err != nil {
		t.Fatalf("npm ci (Node.js and npm are needed for the client tests): %v\n%s", err, out)
	}
}

// startNode runs a node in-process with a short ledger interval.
func startNode(t *testing.T) string {
	t.Helper()
	return startNodeWith(t, projections.Options{})
}

// startNodeWith is startNode with the SQL store's options.
func startNodeWith(t *testing.T, opts projections.Options) string {
	t.Helper()
	url, _, _ := startNodeIn(t, opts)
	return url
}

// startNodeIn is startNodeWith that also returns the data directory
// (its event log in eventlog/) and a stop that closes the node before
// the test ends, so that the test may open the log itself.
func startNodeIn(t *testing.T, opts projections.Options) (url, dir string, stop func()) {
	t.Helper()
	dir = t.TempDir()
	log, err := eventlog.Open(filepath.Join(dir, "eventlog"), eventlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	proj, err := projections.Open(filepath.Join(dir, "sql"), opts)
	if err != nil {
		t.Fatal(err)
	}
	cfg := actors.DefaultConfig()
	cfg.LedgerInterval = 200 * time.Millisecond
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.Projection = proj
	cfg.GMDir = filepath.Join(dir, "gm")
	node, err := actors.Start(log, cfg)
	if err != nil {
		t.Fatal(err)
	}
	gw := gateway.New(gateway.Config{Listen: []string{"127.0.0.1:0"}, Logger: cfg.Logger}, node)
	node.SetSessionCounter(gw.Sessions)
	if err := gw.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			gw.Shutdown(ctx)
			node.Stop()
			proj.Close()
			log.Close()
		})
	}
	t.Cleanup(stop)
	return "ws://" + gw.Addrs()[0].String(), dir, stop
}

// runScript runs a client script with the node's URL and args, and
// returns its steps by name.
func runScript(t *testing.T, script, url string, args ...string) map[string]json.RawMessage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", append([]string{script, url}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	steps := map[string]json.RawMessage{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var s struct {
			Step   string          `json:"step"`
			Result json.RawMessage `json:"result"`
		}
		if json.Unmarshal(sc.Bytes(), &s) == nil && s.Step != "" {
			steps[s.Step] = s.Result
		}
	}
	if err != nil {
		t.Fatalf("node %s: %v\nstdout:\n%s\nstderr:\n%s", script, err, out, stderr.String())
	}
	return steps
}

func call(t *testing.T, c *wsclient.Client, req map[string]any) map[string]any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := c.Call(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestClientTables: the client creates, grants, renames and drops a
// table, and the node's own commands agree with what it did.
func TestClientTables(t *testing.T) {
	installClient(t)
	checkTables(t, startNode(t))
}

// checkTables runs tables.js against the node at url and checks what it
// did with the node's own commands; the account must hold no table
// before.
func checkTables(t *testing.T, url string) {
	t.Helper()
	steps := runScript(t, "tables.js", url)
	for k, v := range steps {
		t.Logf("%s: %s", k, v)
	}
	for _, name := range []string{"pay", "create", "grant", "rename", "drop"} {
		var r struct {
			Status string `json:"status"`
			TxHash string `json:"tx_hash"`
		}
		if err := json.Unmarshal(steps[name], &r); err != nil || r.Status != "validate_success" || len(r.TxHash) != 64 {
			t.Fatalf("%s: %s", name, steps[name])
		}
	}
	c, err := wsclient.Dial(url, wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var create struct {
		TxHash string `json:"tx_hash"`
	}
	json.Unmarshal(steps["create"], &create)
	tx := call(t, c, map[string]any{"command": "tx", "transaction": create.TxHash})
	res := tx["result"].(map[string]any)
	if res["TransactionType"] != "TableListSet" || res["meta"].(map[string]any)["TransactionResult"] != "tesSUCCESS" {
		t.Fatalf("the client's create: %v", tx)
	}
	tables := call(t, c, map[string]any{"command": "g_accountTables", "account": "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"})
	if got := tables["result"].(map[string]any)["tables"].([]any); len(got) != 0 {
		t.Fatalf("tables left after the client's drop: %v", got)
	}
}

// TestClientSQL: the client writes rows and reads them back with its
// own query calls, waiting for db_success at every step.
func TestClientSQL(t *testing.T) {
	installClient(t)
	checkSQL(t, startNode(t))
}

// checkSQL runs sql.js against the node at url and checks its steps.
func checkSQL(t *testing.T, url string) {
	t.Helper()
	steps := runScript(t, "sql.js", url)
	for _, name := range []string{"create", "insert", "update", "delete", "commit"} {
		var r struct {
			Status string `json:"status"`
		}
		if err := json.Unmarshal(steps[name], &r); err != nil || r.Status != "db_success" {
			t.Fatalf("%s: %s", name, steps[name])
		}
	}
	var get struct {
		Lines []map[string]any `json:"lines"`
		Diff  *int             `json:"diff"`
	}
	if err := json.Unmarshal(steps["get"], &get); err != nil || get.Diff == nil {
		t.Fatalf("get: %s", steps["get"])
	}
	if b, _ := json.Marshal(get.Lines); string(b) != `[{"age":31,"id":1,"name":"ann"},{"age":18,"id":2,"name":"bo"}]` {
		t.Fatalf("get lines: %s", b)
	}
	if err := json.Unmarshal(steps["getLimit"], &get); err != nil || len(get.Lines) != 1 || get.Lines[0]["name"] != "ann" {
		t.Fatalf("getLimit: %s", steps["getLimit"])
	}
	if err := json.Unmarshal(steps["after"], &get); err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(get.Lines); string(b) != `[{"age":31,"id":1,"name":"anne"},{"age":18,"id":2,"name":"bo"},{"age":50,"id":4,"name":"dee"}]` {
		t.Fatalf("rows after the transaction: %s", b)
	}
}

// TestClientContract: the client deploys the document's contract, finds
// its address in the deploy's metadata, calls setName and reads getName.
func TestClientContract(t *testing.T) {
	installClient(t)
	checkContract(t, startNode(t))
}

// checkContract runs contract.js against the node at url and checks its
// steps.
func checkContract(t *testing.T, url string) {
	t.Helper()
	steps := runScript(t, "contract.js", url)
	var dep struct {
		Status          string `json:"status"`
		ContractAddress string `json:"contractAddress"`
	}
	if err := json.Unmarshal(steps["deploy"], &dep); err != nil || dep.Status != "validate_success" || len(dep.ContractAddress) < 25 || dep.ContractAddress[0] != 'z' {
		t.Fatalf("deploy: %s", steps["deploy"])
	}
	var set struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(steps["setName"], &set); err != nil || set.Status != "validate_success" {
		t.Fatalf("setName: %s", steps["setName"])
	}
	if string(steps["getName"]) != `"wawa"` {
		t.Fatalf("getName: %s", steps["getName"])
	}
}

// TestClientHistory: account_tx with binary:true answers uppercase hex
// the client's own codec decodes: each tx_blob decodes to the payment
// the client sent, with its hash. The client's codec cannot decode the
// metadata (it lacks chainsqld 3.x's TransactionResult, UInt16 nth 4;
// see README.md), and the test pins that difference.
func TestClientHistory(t *testing.T) {
	installClient(t)
	url := startNode(t)
	steps := runScript(t, "history.js", url)
	var user string
	json.Unmarshal(steps["user"], &user)
	var pays [2]struct {
		TxHash string `json:"tx_hash"`
	}
	json.Unmarshal(steps["pay1"], &pays[0])
	json.Unmarshal(steps["pay2"], &pays[1])
	var got []struct {
		Hash        string  `json:"hash"`
		Type        string  `json:"type"`
		Account     string  `json:"account"`
		Destination string  `json:"destination"`
		Amount      string  `json:"amount"`
		Ledger      float64 `json:"ledger"`
		MetaError   string  `json:"metaError"`
	}
	if err := json.Unmarshal(steps["binary"], &got); err != nil || len(got) != 2 {
		t.Fatalf("binary: %s", steps["binary"])
	}
	c, err := wsclient.Dial(url, wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// Newest first: the 25 ZXC payment, then the 100 ZXC one.
	for i, want := range []struct{ hash, drops string }{{pays[1].TxHash, "25000000"}, {pays[0].TxHash, "100000000"}} {
		g := got[i]
		if g.Hash != want.hash || g.Type != "Payment" || g.Account != "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh" ||
			g.Destination != user || g.Amount != want.drops {
			t.Fatalf("decoded %d: %+v, want %s of %s drops", i, g, want.hash, want.drops)
		}
		if g.MetaError != "65540 is not a valid name or ordinal for Field" {
			t.Fatalf("decoded %d: the metadata's error is %q", i, g.MetaError)
		}
		tx := call(t, c, map[string]any{"command": "tx", "transaction": want.hash})["result"].(map[string]any)
		if tx["ledger_index"].(float64) != g.Ledger {
			t.Fatalf("decoded %d in ledger %v, tx says %v", i, g.Ledger, tx["ledger_index"])
		}
	}
}

// TestClientContractRevert: a contract call that reverts, submitted by
// the client with expect:'validate_success', is rejected with the
// revert reason (the submit answer's engine_result_message_detail), and
// the ledger records it with the same reason and charges its fee.
func TestClientContractRevert(t *testing.T) {
	installClient(t)
	url := startNode(t)
	steps := runScript(t, "revert.js", url)
	var fail struct {
		ResultCode          string `json:"resultCode"`
		ResultMessage       string `json:"resultMessage"`
		ResultMessageDetail string `json:"resultMessageDetail"`
	}
	if err := json.Unmarshal(steps["fail"], &fail); err != nil || fail.ResultCode != "tefCONTRACT_REVERT_INSTRUCTION" ||
		fail.ResultMessageDetail != "nope" || fail.ResultMessage == "" || fail.ResultMessage == "nope" {
		t.Fatalf("fail: %s", steps["fail"])
	}
	var before struct {
		Sequence uint32 `json:"sequence"`
	}
	if err := json.Unmarshal(steps["before"], &before); err != nil || before.Sequence == 0 {
		t.Fatalf("before: %s", steps["before"])
	}
	c, err := wsclient.Dial(url, wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The call was queued: a ledger holds it, with the reason.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		r := call(t, c, map[string]any{"command": "account_tx", "account": "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh", "limit": 1})
		txs := r["result"].(map[string]any)["transactions"].([]any)
		if len(txs) == 1 {
			e := txs[0].(map[string]any)
			tx, meta := e["tx"].(map[string]any), e["meta"].(map[string]any)
			if uint32(tx["Sequence"].(float64)) == before.Sequence {
				if tx["TransactionType"] != "Contract" || meta["TransactionResult"] != "tefCONTRACT_REVERT_INSTRUCTION" ||
					meta["ContractDetailMsg"] != strings.ToUpper(hex.EncodeToString([]byte("nope"))) {
					t.Fatalf("the reverted call in the ledger: %v", e)
				}
				break
			}
		}
		if ctx.Err() != nil {
			t.Fatalf("no ledger holds the reverted call: %v", r)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestClientLedgerTxs: getLedgerTxs counts a ledger's successes and
// failures and lists each with its result; createRandom answers {} (an
// admin on loopback; the node writes its random files in the
// background); generatCryptData sends alg_type where chainsqld reads
// gm_alg_type, so it is chainsqld's invalidParams "field gm_alg_type".
func TestClientLedgerTxs(t *testing.T) {
	installClient(t)
	url := startNode(t)
	steps := runScript(t, "ledgertxs.js", url)
	var ok struct {
		TxHash string `json:"tx_hash"`
	}
	json.Unmarshal(steps["ok"], &ok)
	var failed struct{ ResultCode string }
	if err := json.Unmarshal(steps["failed"], &failed); err != nil || failed.ResultCode != "tecNO_DST_INSUF_ZXC" {
		t.Fatalf("failed: %s", steps["failed"])
	}
	var last struct {
		ID     string `json:"id"`
		Result string `json:"result"`
		Ledger uint32 `json:"ledger"`
	}
	if err := json.Unmarshal(steps["last"], &last); err != nil || last.Result != "tecNO_DST_INSUF_ZXC" || last.ID == ok.TxHash {
		t.Fatalf("last: %s", steps["last"])
	}
	var okLedger uint32
	json.Unmarshal(steps["okLedger"], &okLedger)
	item := func(hash, result string) string {
		return `{"hash":"` + hash + `","transaction_result":"` + result + `"}`
	}
	want := map[string]string{
		"okTxs": `{"ledger_index":` + fmt.Sprint(okLedger) + `,"txn_failure":0,"txn_failure_detail":[],"txn_success":1,"txn_success_detail":[` +
			item(ok.TxHash, "tesSUCCESS") + `]}`,
		"failedTxs": `{"ledger_index":` + fmt.Sprint(last.Ledger) + `,"txn_failure":1,"txn_failure_detail":[` +
			item(last.ID, "tecNO_DST_INSUF_ZXC") + `],"txn_success":0,"txn_success_detail":[]}`,
		"failedCounts": `{"ledger_index":` + fmt.Sprint(last.Ledger) + `,"txn_failure":1,"txn_success":0}`,
	}
	for name, w := range want {
		var got map[string]any
		if err := json.Unmarshal(steps[name], &got); err != nil {
			t.Fatalf("%s: %s", name, steps[name])
		}
		if b, _ := json.Marshal(got); string(b) != w {
			t.Fatalf("%s: %s, want %s", name, b, w)
		}
	}
	if string(steps["random"]) != "{}" {
		t.Fatalf("random: %s", steps["random"])
	}
	var e struct{ Name, Message string }
	if err := json.Unmarshal(steps["cryptData"], &e); err != nil || e.Name != "invalidParams" || e.Message != "field gm_alg_type" {
		t.Fatalf("cryptData: %s", steps["cryptData"])
	}
}

// TestClientTransferSettings: accountSet's rate and fee bounds are
// stored on the account root and read back by getAccountInfo and
// getSettings; a mismatch is refused (temBAD_FEE_MISMATCH_TRANSFER_RATE)
// and changes nothing, not even the fee; rate 1.0 with zero bounds
// clears them. Each validated AccountSet costs the fee the client sets,
// 12 drops.
func TestClientTransferSettings(t *testing.T) {
	installClient(t)
	steps := runScript(t, "settings.js", startNode(t))
	hexs := func(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }
	want := map[string]string{
		"before":        `{"info":{"sequence":1,"zxcBalance":"1000"},"settings":{}}`,
		"afterRate":     `{"info":{"sequence":2,"transferRate":1.5,"zxcBalance":"999.999988"},"settings":{"transferRate":1.5}}`,
		"afterBounds":   `{"info":{"sequence":3,"transferFeeMax":"` + hexs("2") + `","transferFeeMin":"` + hexs("0.5") + `","transferRate":1.002,"zxcBalance":"999.999976"},"settings":{"transferFeeMax":"2","transferFeeMin":"0.5","transferRate":1.002}}`,
		"afterMismatch": `{"info":{"sequence":3,"transferFeeMax":"` + hexs("2") + `","transferFeeMin":"` + hexs("0.5") + `","transferRate":1.002,"zxcBalance":"999.999976"},"settings":{"transferFeeMax":"2","transferFeeMin":"0.5","transferRate":1.002}}`,
		"afterClear":    `{"info":{"sequence":4,"zxcBalance":"999.999964"},"settings":{}}`,
	}
	for name, w := range want {
		var got map[string]any
		if err := json.Unmarshal(steps[name], &got); err != nil {
			t.Fatalf("%s: %s", name, steps[name])
		}
		if b, _ := json.Marshal(got); string(b) != w {
			t.Errorf("%s: %s\n want %s", name, b, w)
		}
	}
	var mismatch struct {
		Name    string `json:"name"`
		Message struct {
			ResultCode string `json:"resultCode"`
		} `json:"message"`
	}
	if err := json.Unmarshal(steps["mismatch"], &mismatch); err != nil || mismatch.Name != "Submit failed" || mismatch.Message.ResultCode != "temBAD_FEE_MISMATCH_TRANSFER_RATE" {
		t.Fatalf("mismatch: %s", steps["mismatch"])
	}
}

// TestClientEscrow: escrowCreate, escrowExecute and escrowCancel with
// the published client. The owner escrows 50 ZXC (finish after 3 s) and
// 20 ZXC (finish after 4 s, cancel after 5 s); executing or cancelling
// too early is tecNO_PERMISSION and costs the fee; after the finish time
// the 50 reach the destination, after the cancel time executing is
// refused and cancelling returns the 20 to the owner. Every balance is
// checked to the drop: each transaction costs the 12 drops the client
// sets as its fee.
func TestClientEscrow(t *testing.T) {
	installClient(t)
	steps := runScript(t, "escrow.js", startNode(t))
	var seqs [2]int
	if err := json.Unmarshal(steps["seqs"], &seqs); err != nil {
		t.Fatalf("seqs: %s", steps["seqs"])
	}
	var dest string
	json.Unmarshal(steps["dest"], &dest)
	type escrow struct {
		Amount      string `json:"amount"`
		Destination string `json:"destination"`
		FinishAfter int64  `json:"finishAfter"`
		CancelAfter int64  `json:"cancelAfter"`
	}
	type read struct {
		Owner         string   `json:"owner"`
		OwnerSequence int      `json:"ownerSequence"`
		Dest          string   `json:"dest"`
		Escrows       []escrow `json:"escrows"`
	}
	get := func(name string) read {
		var r read
		if err := json.Unmarshal(steps[name], &r); err != nil {
			t.Fatalf("%s: %s", name, steps[name])
		}
		return r
	}
	created := get("created")
	if created.Owner != "929.999976" || created.Dest != "100" || created.OwnerSequence != seqs[1]+1 || len(created.Escrows) != 2 {
		t.Fatalf("created: %s", steps["created"])
	}
	amounts := map[string]bool{}
	for _, e := range created.Escrows {
		if e.Destination != dest || e.FinishAfter == 0 {
			t.Fatalf("created: escrow %+v", e)
		}
		amounts[e.Amount] = true
	}
	if !amounts["50000000"] || !amounts["20000000"] {
		t.Fatalf("created: escrowed %v", amounts)
	}
	for _, name := range []string{"early1", "early2", "late2"} {
		var e struct {
			ResultCode string `json:"resultCode"`
		}
		if err := json.Unmarshal(steps[name], &e); err != nil || e.ResultCode != "tecNO_PERMISSION" {
			t.Fatalf("%s: %s", name, steps[name])
		}
	}
	if r := get("afterEarly"); r.Owner != "929.999952" || r.Dest != "100" || len(r.Escrows) != 2 {
		t.Fatalf("afterEarly: %s", steps["afterEarly"])
	}
	if r := get("executed"); r.Owner != "929.99994" || r.Dest != "150" || len(r.Escrows) != 1 || r.Escrows[0].Amount != "20000000" {
		t.Fatalf("executed: %s", steps["executed"])
	}
	// The destination pays for its late execute and its cancel.
	if r := get("cancelled"); r.Owner != "949.99994" || r.Dest != "149.999976" || len(r.Escrows) != 0 {
		t.Fatalf("cancelled: %s", steps["cancelled"])
	}
}
