package actors_test

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/gateway"
)

func TestServerCommands(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	if r := c.ok(map[string]any{"command": "ping"}); len(r) != 0 {
		t.Fatalf("ping: %v", r)
	}
	st := c.ok(map[string]any{"command": "server_state"})["state"].(map[string]any)
	vl := st["validated_ledger"].(map[string]any)
	if vl["base_fee"].(float64) != 10 || vl["reserve_base"].(float64) != 5_000_000 || vl["reserve_inc"].(float64) != 1_000_000 || st["complete_ledgers"] != "1" {
		t.Fatalf("server_state: %v", st)
	}
	fee := c.ok(map[string]any{"command": "fee"})
	if fee["drops"].(map[string]any)["base_fee"] != "10" || fee["ledger_current_index"].(float64) != 2 {
		t.Fatalf("fee: %v", fee)
	}
	if r := c.ok(map[string]any{"command": "ledger_current"}); r["ledger_current_index"].(float64) != 2 {
		t.Fatalf("ledger_current: %v", r)
	}
	closed := c.ok(map[string]any{"command": "ledger_closed"})
	if closed["ledger_index"].(float64) != 1 || len(closed["ledger_hash"].(string)) != 64 {
		t.Fatalf("ledger_closed: %v", closed)
	}
	info := c.ok(map[string]any{"command": "server_info"})["info"].(map[string]any)
	if info["validated_ledger"].(map[string]any)["hash"] != closed["ledger_hash"] {
		t.Fatalf("server_info hash %v, ledger_closed %v", info["validated_ledger"], closed)
	}
}

func TestLedgerCommand(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	w := c.ok(map[string]any{"command": "wallet_propose", "passphrase": "alice"})
	res := c.pay(genesisSecret, genesisAccount, w["account_id"].(string), 10_000_000)
	hash := res["tx_json"].(map[string]any)["hash"].(string)
	c.accept()

	byIndex := c.ok(map[string]any{"command": "ledger", "ledger_index": 2, "transactions": true})
	led := byIndex["ledger"].(map[string]any)
	if led["ledger_index"] != "2" || led["closed"] != true || byIndex["validated"] != true {
		t.Fatalf("ledger 2: %v", byIndex)
	}
	if txs := led["transactions"].([]any); len(txs) != 1 || txs[0] != hash {
		t.Fatalf("ledger 2 transactions: %v", led["transactions"])
	}
	if led["total_coins"] != "99999999999999990" {
		t.Fatalf("total_coins %v: the fee must be destroyed", led["total_coins"])
	}
	byHash := c.ok(map[string]any{"command": "ledger", "ledger_hash": byIndex["ledger_hash"], "transactions": true, "expand": true})
	exp := byHash["ledger"].(map[string]any)["transactions"].([]any)[0].(map[string]any)
	if exp["hash"] != hash || exp["metaData"].(map[string]any)["TransactionResult"] != "tesSUCCESS" {
		t.Fatalf("expanded transaction: %v", exp)
	}
	for _, sel := range []any{"validated", "closed"} {
		r := c.ok(map[string]any{"command": "ledger", "ledger_index": sel})
		if r["ledger_index"].(float64) != 2 {
			t.Fatalf("ledger %v: %v", sel, r)
		}
	}
	cur := c.ok(map[string]any{"command": "ledger", "ledger_index": "current"})
	if cur["ledger"].(map[string]any)["closed"] != false || cur["ledger_current_index"].(float64) != 3 {
		t.Fatalf("current ledger: %v", cur)
	}
	c.fails(map[string]any{"command": "ledger", "ledger_index": 99}, "lgrNotFound")
	c.fails(map[string]any{"command": "ledger", "ledger_index": "bogus"}, "lgrIdxMalformed")
	c.fails(map[string]any{"command": "ledger", "ledger_hash": "XYZ"}, "lgrIdxMalformed")
	c.fails(map[string]any{"command": "ledger", "ledger_hash": strings.Repeat("AB", 32)}, "lgrNotFound")
	c.fails(map[string]any{"command": "ledger", "ledger_index": 2, "transactions": "yes"}, "invalidParams")
}

func TestBadRequests(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	r := c.fails(map[string]any{"command": "no_such_command"}, "unknownCmd")
	if r["error_code"].(float64) != 32 || r["type"] != "response" || r["request"].(map[string]any)["command"] != "no_such_command" {
		t.Fatalf("unknown command envelope: %v", r)
	}
	c.fails(map[string]any{"command": "account_info"}, "invalidParams")
	c.fails(map[string]any{"command": "account_info", "account": 7}, "invalidParams")
	c.fails(map[string]any{"command": "account_info", "account": "zNotAnAddress"}, "actMalformed")
	c.fails(map[string]any{"command": "account_info", "account": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "ledger_index": "validated"}, "actNotFound")
	c.fails(map[string]any{"command": "account_info", "account": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx"}, "actNotFound")
	c.fails(map[string]any{"command": "tx"}, "invalidParams")
	c.fails(map[string]any{"command": "tx", "transaction": "nothex"}, "invalidParams")
	c.fails(map[string]any{"command": "tx", "transaction": strings.Repeat("00", 32)}, "txnNotFound")
	c.fails(map[string]any{"command": "submit"}, "invalidParams")
	c.fails(map[string]any{"command": "submit", "tx_blob": "ZZ"}, "invalidParams")
	c.fails(map[string]any{"command": "submit", "tx_blob": "1200"}, "invalidTransaction")
	c.fails(map[string]any{"command": "submit", "tx_blob": strings.Repeat("00", 500*1024+1)}, "txnBiggerThanMaxsize")
	c.fails(map[string]any{"command": "sign", "secret": genesisSecret, "offline": true, "tx_json": map[string]any{
		"TransactionType": "Payment", "Account": genesisAccount, "Destination": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "Amount": "1000", "Sequence": 1, "Fee": "12",
		"Memos": []any{map[string]any{"Memo": map[string]any{"MemoData": strings.Repeat("AB", 500*1024+1)}}}}}, "txnBiggerThanMaxsize")
	c.fails(map[string]any{"command": "subscribe", "streams": []string{"nonsense"}}, "malformedStream")
	c.fails(map[string]any{"command": "subscribe", "accounts": []string{"bad"}}, "actMalformed")
	c.fails(map[string]any{"command": "subscribe", "transaction": "1234"}, "invalidParams")
	c.fails(map[string]any{"command": "wallet_propose", "key_type": "rsa"}, "badKeyType")

	// A wrong secret: the error echoes the request with the secret masked.
	r = c.fails(map[string]any{
		"command": "submit", "secret": "xNotARealSecretAtAll",
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "Amount": "1000"},
	}, "badSecret")
	b, _ := json.Marshal(r)
	if strings.Contains(string(b), "xNotARealSecretAtAll") {
		t.Fatalf("the error echoes the secret: %s", b)
	}
	// A secret for another account, and one that is no secret at all.
	c.fails(map[string]any{
		"command": "submit", "passphrase": "alice",
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "Amount": "1000"},
	}, "badSecret")
	c.fails(map[string]any{
		"command": "submit", "secret": 12,
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "Amount": "1000"},
	}, "invalidParams")
	c.fails(map[string]any{
		"command": "submit", "secret": genesisSecret,
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "Amount": "1000", "Bogus": 1},
	}, "invalidParams")
	c.fails(map[string]any{
		"command": "submit", "secret": genesisSecret,
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "Amount": "ten"},
	}, "invalidParams")

	// Malformed frames are answered by the gateway and the session lives on.
	if err := c.c.Send([]byte("{not json")); err != nil {
		t.Fatal(err)
	}
	bad := c.next(func(map[string]any) bool { return true })
	if bad["error"] != "jsonInvalid" {
		t.Fatalf("bad JSON answer: %v", bad)
	}
	c.ok(map[string]any{"command": "ping"})

	// Nothing above changed the ledger.
	closed := c.ok(map[string]any{"command": "ledger_closed"})
	if closed["ledger_index"].(float64) != 1 {
		t.Fatalf("bad requests changed the ledger: %v", closed)
	}
}

func TestAdminOnly(t *testing.T) {
	n := startNodeWith(t, "", 0, func(_ *actors.Config, g *gateway.Config) {
		g.AdminNets = []netip.Prefix{netip.MustParsePrefix("10.9.9.9/32")}
	})
	c := n.client()
	c.fails(map[string]any{"command": "ledger_accept"}, "noPermission")
}

func TestSignAndSubmitBlob(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	dest := c.ok(map[string]any{"command": "wallet_propose", "passphrase": "bob"})["account_id"].(string)
	signed := c.ok(map[string]any{
		"command": "sign", "secret": genesisSecret, "offline": true,
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": dest, "Amount": "20000000", "Sequence": 1, "Fee": "12"},
	})
	blob := signed["tx_blob"].(string)
	tj := signed["tx_json"].(map[string]any)
	if tj["Flags"].(float64) != 2147483648 || tj["SigningPubKey"] != "0330E7FC9D56BB25D6893BA3F317AE5BCF33B3291BD63DB32654A313222F7FD020" {
		t.Fatalf("sign filled %v", tj)
	}
	c.fails(map[string]any{"command": "sign", "secret": genesisSecret, "offline": true,
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": dest, "Amount": "1", "Fee": "12"}}, "invalidParams")

	// A tampered signature is refused before it reaches the ledger.
	tampered := []byte(blob)
	i := strings.Index(blob, "7447") + 20
	if tampered[i] == 'A' {
		tampered[i] = 'B'
	} else {
		tampered[i] = 'A'
	}
	c.fails(map[string]any{"command": "submit", "tx_blob": string(tampered)}, "invalidTransaction")

	res := c.ok(map[string]any{"command": "submit", "tx_blob": blob})
	if res["engine_result"] != "tesSUCCESS" || res["tx_blob"] != blob || res["tx_json"].(map[string]any)["hash"] != tj["hash"] {
		t.Fatalf("submit blob: %v", res)
	}
	// The same blob again is a duplicate, before and after it validates.
	if r := c.ok(map[string]any{"command": "submit", "tx_blob": blob}); r["engine_result"] != "tefALREADY" {
		t.Fatalf("duplicate in the open ledger: %v", r)
	}
	c.accept()
	if r := c.ok(map[string]any{"command": "submit", "tx_blob": blob}); r["engine_result"] != "tefALREADY" {
		t.Fatalf("duplicate of a validated transaction: %v", r)
	}
	bal := c.ok(map[string]any{"command": "account_info", "account": dest, "ledger_index": "validated"})["account_data"].(map[string]any)["Balance"]
	if bal != "20000000" {
		t.Fatalf("balance %v", bal)
	}
	_ = time.Second
}

func TestLedgerTxs(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	w := c.ok(map[string]any{"command": "wallet_propose", "passphrase": "alice"})
	ok := hashOf(c.pay(genesisSecret, genesisAccount, w["account_id"].(string), 10_000_000))
	// Below the reserve to an account that does not exist: recorded as
	// tecNO_DST_INSUF_ZXC.
	bob := c.ok(map[string]any{"command": "wallet_propose", "passphrase": "bob"})
	failed := hashOf(c.pay(genesisSecret, genesisAccount, bob["account_id"].(string), 1_000_000))
	c.accept()

	all := c.ok(map[string]any{"command": "ledger_txs", "ledger_index": 2, "include_success": true, "include_failure": true})
	if all["ledger_index"].(float64) != 2 || all["txn_success"].(float64) != 1 || all["txn_failure"].(float64) != 1 {
		t.Fatalf("ledger_txs 2: %v", all)
	}
	succ := all["txn_success_detail"].([]any)
	fail := all["txn_failure_detail"].([]any)
	if len(succ) != 1 || succ[0].(map[string]any)["hash"] != ok || succ[0].(map[string]any)["transaction_result"] != "tesSUCCESS" {
		t.Fatalf("successes: %v", succ)
	}
	if len(fail) != 1 || fail[0].(map[string]any)["hash"] != failed || fail[0].(map[string]any)["transaction_result"] != "tecNO_DST_INSUF_ZXC" {
		t.Fatalf("failures: %v", fail)
	}
	// By hash, by the older name "ledger", and without details.
	hash := c.ok(map[string]any{"command": "ledger", "ledger_index": 2})["ledger_hash"]
	for _, sel := range []map[string]any{{"ledger_hash": hash}, {"ledger": 2}, {"ledger_index": "validated"}} {
		req := map[string]any{"command": "ledger_txs"}
		for k, v := range sel {
			req[k] = v
		}
		r := c.ok(req)
		if r["ledger_index"].(float64) != 2 || r["txn_success"].(float64) != 1 || r["txn_failure"].(float64) != 1 ||
			r["txn_success_detail"] != nil || r["txn_failure_detail"] != nil {
			t.Fatalf("ledger_txs %v: %v", sel, r)
		}
	}
	genesis := c.ok(map[string]any{"command": "ledger_txs", "ledger_index": 1})
	if genesis["txn_success"].(float64) != 0 || genesis["txn_failure"].(float64) != 0 {
		t.Fatalf("genesis ledger_txs: %v", genesis)
	}
	if r := c.fails(map[string]any{"command": "ledger_txs"}, "invalidParams"); r["error_message"] != "Missing field 'ledger'." {
		t.Fatalf("no ledger: %v", r)
	}
	c.fails(map[string]any{"command": "ledger_txs", "ledger_index": 99}, "lgrNotFound")
	c.fails(map[string]any{"command": "ledger_txs", "ledger_index": "current"}, "lgrNotFound")
	c.fails(map[string]any{"command": "ledger_txs", "ledger_index": "bogus"}, "lgrIdxMalformed")
	c.fails(map[string]any{"command": "ledger_txs", "ledger_index": 2, "include_success": "yes"}, "invalidParams")
}
