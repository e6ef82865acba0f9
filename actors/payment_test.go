package actors_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/gateway"
)

// wallet returns the account and secret of a passphrase.
func (c *client) wallet(passphrase string) (account, secret string) {
	c.t.Helper()
	w := c.ok(map[string]any{"command": "wallet_propose", "passphrase": passphrase})
	return w["account_id"].(string), w["master_seed"].(string)
}

func (c *client) balance(account string) string {
	c.t.Helper()
	r := c.call(map[string]any{"command": "account_info", "account": account, "ledger_index": "validated"})
	if r["status"] != "success" {
		return "none"
	}
	return r["result"].(map[string]any)["account_data"].(map[string]any)["Balance"].(string)
}

func (c *client) txResult(hash string) string {
	c.t.Helper()
	r := c.call(map[string]any{"command": "tx", "transaction": hash})
	if r["status"] != "success" {
		return r["error"].(string)
	}
	return r["result"].(map[string]any)["meta"].(map[string]any)["TransactionResult"].(string)
}

func hashOf(res map[string]any) string { return res["tx_json"].(map[string]any)["hash"].(string) }

func TestPaymentRules(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	alice, aliceSecret := c.wallet("alice")
	bob, _ := c.wallet("bob")

	// Too little to create the destination: recorded as a tec, the fee is
	// charged and the sequence consumed.
	small := c.pay(genesisSecret, genesisAccount, alice, 4_999_999)
	if small["engine_result"] != "tecNO_DST_INSUF_ZXC" || small["engine_result_code"].(float64) != 125 {
		t.Fatalf("small payment: %v", small)
	}
	create := c.pay(genesisSecret, genesisAccount, alice, 5_000_000)
	if create["engine_result"] != "tesSUCCESS" {
		t.Fatalf("create: %v", create)
	}
	if seq := create["tx_json"].(map[string]any)["Sequence"].(float64); seq != 2 {
		t.Fatalf("the second payment got sequence %v: the queued one must count", seq)
	}
	c.accept()
	if got := c.txResult(hashOf(small)); got != "tecNO_DST_INSUF_ZXC" {
		t.Fatalf("small payment recorded as %s", got)
	}
	if got := c.balance(alice); got != "5000000" {
		t.Fatalf("alice %s", got)
	}
	if got := c.balance(genesisAccount); got != fmt.Sprint(100_000_000_000_000_000-5_000_000-20) {
		t.Fatalf("genesis %s: fees of both payments must be destroyed", got)
	}

	// Alice holds exactly the reserve: she cannot pay it away.
	unfunded := c.pay(aliceSecret, alice, bob, 5_000_000)
	if unfunded["engine_result"] != "tecUNFUNDED_PAYMENT" {
		t.Fatalf("unfunded: %v", unfunded)
	}
	c.accept()
	if got := c.balance(alice); got != "4999990" {
		t.Fatalf("alice after a tec pays only the fee: %s", got)
	}
	if got := c.balance(bob); got != "none" {
		t.Fatalf("bob exists: %s", got)
	}

	// Paying oneself, or a zero amount, is malformed and changes nothing.
	for _, tc := range []struct {
		to, amount, want string
	}{{alice, "1000", "temREDUNDANT"}, {bob, "0", "temBAD_AMOUNT"}} {
		r := c.ok(map[string]any{"command": "submit", "secret": aliceSecret,
			"tx_json": map[string]any{"TransactionType": "Payment", "Account": alice, "Destination": tc.to, "Amount": tc.amount}})
		if r["engine_result"] != tc.want {
			t.Fatalf("pay %s to %s: %v", tc.amount, tc.to, r)
		}
	}
	// An expired LastLedgerSequence and a past sequence are refused.
	for _, tc := range []struct {
		extra map[string]any
		want  string
	}{
		{map[string]any{"LastLedgerSequence": 2}, "tefMAX_LEDGER"},
		{map[string]any{"Sequence": 1}, "tefPAST_SEQ"},
		{map[string]any{"Fee": "9"}, "telINSUF_FEE_P"},
		{map[string]any{"Flags": 0x00020000}, "temBAD_SEND_ZXC_PARTIAL"},
	} {
		tj := map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": alice, "Amount": "1000"}
		for k, v := range tc.extra {
			tj[k] = v
		}
		r := c.ok(map[string]any{"command": "submit", "secret": genesisSecret, "tx_json": tj})
		if r["engine_result"] != tc.want {
			t.Fatalf("%v: %v", tc.extra, r)
		}
	}
	c.accept()
	if got := c.balance(alice); got != "4999990" {
		t.Fatalf("refused transactions changed alice: %s", got)
	}
}

// TestManyInARow submits a run of payments from one account without
// waiting, with one sequence submitted ahead of its turn.
func TestManyInARow(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	dest, _ := c.wallet("carol")
	var hashes []string
	for i := 0; i < 20; i++ {
		r := c.pay(genesisSecret, genesisAccount, dest, 10_000_000)
		if r["engine_result"] != "tesSUCCESS" {
			t.Fatalf("payment %d: %v", i, r)
		}
		hashes = append(hashes, hashOf(r))
	}
	// Sequence 23 before 22: held (terPRE_SEQ), then queued when 22 comes.
	ahead := c.ok(map[string]any{"command": "submit", "secret": genesisSecret,
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": dest, "Amount": "1000000", "Sequence": 22}})
	if ahead["engine_result"] != "terPRE_SEQ" {
		t.Fatalf("ahead: %v", ahead)
	}
	next := c.ok(map[string]any{"command": "submit", "secret": genesisSecret,
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": dest, "Amount": "1000000", "Sequence": 21}})
	if next["engine_result"] != "tesSUCCESS" {
		t.Fatalf("next: %v", next)
	}
	c.accept()
	for i, h := range append(hashes, hashOf(ahead), hashOf(next)) {
		if got := c.txResult(h); got != "tesSUCCESS" {
			t.Fatalf("payment %d (%s): %s", i, h, got)
		}
	}
	if got := c.balance(dest); got != "202000000" {
		t.Fatalf("carol %s", got)
	}
	led := c.ok(map[string]any{"command": "ledger", "ledger_index": 2, "transactions": true})
	if txs := led["ledger"].(map[string]any)["transactions"].([]any); len(txs) != 22 {
		t.Fatalf("ledger 2 holds %d transactions", len(txs))
	}
}

func TestSubscriptions(t *testing.T) {
	n := startNodeWith(t, "", 0, func(c *actors.Config, _ *gateway.Config) { c.TxTimeout = 300 * time.Millisecond })
	c := n.client()
	watcher := n.client()
	dest, _ := c.wallet("dave")

	sub := watcher.ok(map[string]any{"command": "subscribe", "streams": []string{"ledger", "transactions"}})
	if sub["ledger_index"].(float64) != 1 || sub["validated_ledgers"] != "1" || sub["fee_base"].(float64) != 10 {
		t.Fatalf("subscribe ledger: %v", sub)
	}
	acctWatcher := n.client()
	acctWatcher.ok(map[string]any{"command": "subscribe", "accounts": []string{dest}})

	res := c.pay(genesisSecret, genesisAccount, dest, 50_000_000)
	hash := hashOf(res)
	c.ok(map[string]any{"command": "subscribe", "transaction": hash})
	c.accept()

	lc := watcher.next(func(m map[string]any) bool { return m["type"] == "ledgerClosed" })
	if lc["ledger_index"].(float64) != 2 || lc["txn_count"].(float64) != 1 || lc["validated_ledgers"] != "1-2" {
		t.Fatalf("ledgerClosed: %v", lc)
	}
	for _, w := range []*client{watcher, acctWatcher} {
		tx := w.next(func(m map[string]any) bool { return m["type"] == "transaction" })
		if tx["engine_result"] != "tesSUCCESS" || tx["validated"] != true || tx["transaction"].(map[string]any)["hash"] != hash || tx["meta"] == nil {
			t.Fatalf("transaction stream: %v", tx)
		}
	}
	single := c.next(func(m map[string]any) bool { return m["type"] == "singleTransaction" })
	if single["status"] != "validate_success" {
		t.Fatalf("singleTransaction: %v", single)
	}

	// Subscribing to a transaction already validated reports it at once.
	late := n.client()
	late.ok(map[string]any{"command": "subscribe", "transaction": hash})
	if m := late.next(func(m map[string]any) bool { return m["type"] == "singleTransaction" }); m["status"] != "validate_success" {
		t.Fatalf("late subscription: %v", m)
	}

	// A hash that never comes times out, with only the hash in the body.
	never := "0000000000000000000000000000000000000000000000000000000000000001"
	c.ok(map[string]any{"command": "subscribe", "transaction": never})
	to := c.next(func(m map[string]any) bool { return m["type"] == "singleTransaction" })
	if to["status"] != "validate_timeout" || to["transaction"].(map[string]any)["hash"] != never {
		t.Fatalf("timeout: %v", to)
	}

	// A rejected transaction (its LastLedgerSequence passes before the
	// ledger closes is impossible here; use a held one that is dropped)
	// and unsubscribe: after unsubscribing, the ledger stream is quiet.
	watcher.ok(map[string]any{"command": "unsubscribe", "streams": []string{"ledger", "transactions"}})
	c.accept()
	ctx, cancel := contextTimeout(300 * time.Millisecond)
	defer cancel()
	if m, err := watcher.c.NextJSON(ctx); err == nil {
		t.Fatalf("unsubscribed session got %v", m)
	}
}

func TestAccountTx(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	erin, _ := c.wallet("erin")
	var hashes []string
	for i := 0; i < 5; i++ {
		hashes = append(hashes, hashOf(c.pay(genesisSecret, genesisAccount, erin, 6_000_000)))
		c.accept()
	}
	all := c.ok(map[string]any{"command": "account_tx", "account": erin})
	txs := all["transactions"].([]any)
	if len(txs) != 5 || all["ledger_index_min"].(float64) != 1 || all["ledger_index_max"].(float64) != 6 {
		t.Fatalf("account_tx: %v", all)
	}
	// Newest first by default.
	if h := txs[0].(map[string]any)["tx"].(map[string]any)["hash"]; h != hashes[4] {
		t.Fatalf("first is %v, want the newest %s", h, hashes[4])
	}
	// Paging forward two at a time visits every transaction once.
	var seen []string
	var marker any
	for page := 0; page < 5; page++ {
		req := map[string]any{"command": "account_tx", "account": erin, "limit": 2, "forward": true}
		if marker != nil {
			req["marker"] = marker
		}
		r := c.ok(req)
		for _, e := range r["transactions"].([]any) {
			seen = append(seen, e.(map[string]any)["tx"].(map[string]any)["hash"].(string))
		}
		marker = r["marker"]
		if marker == nil {
			break
		}
	}
	if fmt.Sprint(seen) != fmt.Sprint(hashes) {
		t.Fatalf("paged %v, want %v", seen, hashes)
	}
	bounded := c.ok(map[string]any{"command": "account_tx", "account": erin, "ledger_index_min": 3, "ledger_index_max": 4})
	if got := len(bounded["transactions"].([]any)); got != 2 {
		t.Fatalf("ledgers 3-4 hold %d of erin's transactions", got)
	}
	bin := c.ok(map[string]any{"command": "account_tx", "account": erin, "limit": 1, "binary": true})
	// Binary entries are uppercase hex, byte for byte what binary tx answers.
	e := bin["transactions"].([]any)[0].(map[string]any)
	one := c.ok(map[string]any{"command": "tx", "transaction": hashes[4], "binary": true})
	blob, meta := e["tx_blob"].(string), e["meta"].(string)
	if blob != one["tx"] || meta != one["meta"] || blob == "" || meta == "" {
		t.Fatalf("binary account_tx %v, binary tx %v", e, one)
	}
	if blob != strings.ToUpper(blob) || meta != strings.ToUpper(meta) {
		t.Fatalf("binary account_tx is not uppercase: %v", e)
	}
	c.fails(map[string]any{"command": "account_tx", "account": erin, "ledger_index_min": 5, "ledger_index_max": 2}, "lgrIdxsInvalid")
	c.fails(map[string]any{"command": "account_tx", "account": erin, "marker": "x"}, "invalidParams")
}
