package actors_test

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/gateway"
)

// guestNode starts a node whose admins are elsewhere, so that its
// loopback test clients are not admin.
func guestNode(t *testing.T) *testNode {
	t.Helper()
	return startNodeWith(t, "", 0, func(_ *actors.Config, g *gateway.Config) {
		g.AdminNets = []netip.Prefix{netip.MustParsePrefix("10.9.9.9/32")}
	})
}

// TestAdminBoundary: rippled's admin-only forms refuse other sessions
// and serve admins.
func TestAdminBoundary(t *testing.T) {
	hook := map[string]any{"command": "subscribe", "url": "http://127.0.0.1:9/hook", "url_username": "u", "url_password": "hunter2", "streams": []string{"ledger"}}
	unhook := map[string]any{"command": "unsubscribe", "url": "http://127.0.0.1:9/hook", "streams": []string{"ledger"}}

	guest := guestNode(t).client()
	r := guest.fails(hook, "noPermission")
	if b, _ := json.Marshal(r); strings.Contains(string(b), "hunter2") {
		t.Fatalf("the webhook password was echoed: %s", b)
	}
	guest.fails(unhook, "noPermission")
	guest.fails(map[string]any{"command": "wallet_propose"}, "noPermission")
	guest.fails(map[string]any{"command": "wallet_propose", "passphrase": "alice"}, "noPermission")
	// What a guest may do is unchanged.
	if r := guest.ok(map[string]any{"command": "subscribe", "streams": []string{"ledger"}}); r["ledger_index"].(float64) != 1 {
		t.Fatalf("subscribe: %v", r)
	}

	admin := startNode(t, "", 0).client()
	if r := admin.fails(hook, "notImpl"); !strings.Contains(r["error_message"].(string), "Webhook") {
		t.Fatalf("webhook for an admin: %v", r)
	}
	admin.fails(unhook, "notImpl")
	if w := admin.ok(map[string]any{"command": "wallet_propose"}); len(w["master_seed"].(string)) != 29 {
		t.Fatalf("wallet_propose: %v", w)
	}
}

// TestSecretErrors: a mistyped seed, or a token that is no seed, is
// badSeed and says so; a good seed of another account is badSecret.
func TestSecretErrors(t *testing.T) {
	c := startNode(t, "", 0).client()
	_, aliceSeed := c.wallet("alice")
	pay := func(secret string) map[string]any {
		return map[string]any{"command": "submit", "secret": secret,
			"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "Amount": "1000"}}
	}
	typo := []byte(genesisSecret)
	typo[10] = map[bool]byte{true: 'p', false: 'z'}[typo[10] == 'z']
	tests := []struct {
		name, secret, error, says string
	}{
		{"a seed with a typo", string(typo), "badSeed", "malformed"},
		{"a seed cut short", genesisSecret[:28], "badSeed", "malformed"},
		{"an account ID", genesisAccount, "badSeed", "Disallowed seed."},
		{"another account's seed", aliceSeed, "badSecret", "Secret does not match account."},
		{"a passphrase of another account", "not the genesis passphrase", "badSecret", "Secret does not match account."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.call(pay(tt.secret))
			if msg, _ := r["error_message"].(string); r["error"] != tt.error || !strings.Contains(msg, tt.says) {
				t.Fatalf("got %v %q, want %s saying %q", r["error"], msg, tt.error, tt.says)
			}
			if req, _ := r["request"].(map[string]any); req["secret"] != "<masked>" {
				t.Fatalf("the secret was echoed: %v", r["request"])
			}
		})
	}
	// The node still signs with the right one.
	if r := c.pay(genesisSecret, genesisAccount, "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", 100_000_000); r["engine_result"] != "tesSUCCESS" {
		t.Fatalf("submit: %v", r)
	}
}
