package actors_test

import (
	"strconv"
	"testing"
)

func formatUint(n uint64) string { return strconv.FormatUint(n, 10) }

// TestFirstSession is the README's first session: a new wallet, a
// payment from the genesis account, tx and account_info.
func TestFirstSession(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()

	info := c.ok(map[string]any{"command": "server_info"})["info"].(map[string]any)
	vl := info["validated_ledger"].(map[string]any)
	if vl["seq"].(float64) != 1 || vl["base_fee_zxc"].(float64) != 0.00001 || vl["reserve_base_zxc"].(float64) != 5 || info["load_factor"].(float64) != 1 {
		t.Fatalf("server_info: %v", info)
	}

	w := c.ok(map[string]any{"command": "wallet_propose"})
	dest := w["account_id"].(string)
	if dest[0] != 'z' || w["master_seed"].(string)[0] != 'x' {
		t.Fatalf("wallet_propose: %v", w)
	}

	res := c.pay(genesisSecret, genesisAccount, dest, 100_000_000)
	if res["engine_result"] != "tesSUCCESS" || res["engine_result_code"].(float64) != 0 {
		t.Fatalf("submit: %v", res)
	}
	hash := res["tx_json"].(map[string]any)["hash"].(string)
	c.ok(map[string]any{"command": "subscribe", "transaction": hash})
	if got := c.accept(); got != 3 {
		t.Fatalf("ledger_accept: current %v, want 3", got)
	}
	note := c.next(func(m map[string]any) bool { return m["type"] == "singleTransaction" })
	if note["status"] != "validate_success" || note["transaction"].(map[string]any)["hash"] != hash {
		t.Fatalf("notification: %v", note)
	}

	tx := c.ok(map[string]any{"command": "tx", "transaction": hash})
	meta := tx["meta"].(map[string]any)
	if tx["validated"] != true || tx["ledger_index"].(float64) != 2 || meta["TransactionResult"] != "tesSUCCESS" || meta["delivered_amount"] != "100000000" {
		t.Fatalf("tx: %v", tx)
	}
	acct := c.ok(map[string]any{"command": "account_info", "account": dest, "ledger_index": "validated"})
	data := acct["account_data"].(map[string]any)
	if data["Balance"] != "100000000" || data["Sequence"].(float64) != 1 {
		t.Fatalf("account_info: %v", acct)
	}
	gen := c.ok(map[string]any{"command": "account_info", "account": genesisAccount, "ledger_index": "validated"})["account_data"].(map[string]any)
	if gen["Balance"] != "99999999899999990" || gen["Sequence"].(float64) != 2 {
		t.Fatalf("genesis account_info: %v", gen)
	}
}
