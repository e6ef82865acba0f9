package httpapi_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/httpapi"
	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/node"
	"github.com/sqledger/sqledger/protocol/keys"
)

const (
	genesisSecret  = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
	genesisAccount = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"
	// alice is the account of the passphrase "alice".
	alicePass = "alice"
)

// fixedClock makes two nodes started with it build the same chain from
// the same requests: the same genesis, the same close times.
func fixedClock() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }

// startNode starts a node on loopback ports with WebSocket and JSON-RPC
// listeners, no timed ledger closes, and the fixed clock.
func startNode(t testing.TB, tune func(*node.Config)) *node.Node {
	t.Helper()
	cfg := node.Config{
		DataDir: t.TempDir(), LedgerInterval: time.Hour, Listen: []string{"127.0.0.1:0"},
		HTTP:   httpapi.Config{Listen: []string{"127.0.0.1:0"}},
		Clock:  fixedClock,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if tune != nil {
		tune(&cfg)
	}
	n, err := node.Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := n.Close(); err != nil {
			t.Error(err)
		}
	})
	return n
}

// transport sends a ChainSQL request ({"command":…,…}) and returns its
// answer as one object: the result's members and "status" for a
// success, the error's members ("error", "error_code",
// "error_message", "request", "status") for an error.
type transport func(t *testing.T, req map[string]any) map[string]any

// overWS is the WebSocket answer without the envelope's id and type,
// and without the id the client gave the request.
func overWS(t *testing.T, n *node.Node) transport {
	c, err := wsclient.Dial(n.URLs()[0], wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return func(t *testing.T, req map[string]any) map[string]any {
		t.Helper()
		ctx, cancel := wsclient.Timeout(30 * time.Second)
		defer cancel()
		resp, err := c.Call(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if resp["type"] != "response" {
			t.Fatalf("%v: not a response: %v", req["command"], resp)
		}
		delete(resp, "id")
		delete(resp, "type")
		if resp["status"] != "success" {
			// The client numbered the request; the echo says so.
			delete(resp["request"].(map[string]any), "id")
			return resp
		}
		out := resp["result"].(map[string]any)
		out["status"] = "success"
		return out
	}
}

// overHTTP is the JSON-RPC answer's result: the command becomes the
// method, the other members params[0].
func overHTTP(t *testing.T, n *node.Node) transport {
	url := n.HTTPURLs()[0]
	return func(t *testing.T, req map[string]any) map[string]any {
		t.Helper()
		params := maps.Clone(req)
		delete(params, "command")
		body, err := json.Marshal(map[string]any{"method": req["command"], "params": []any{params}})
		if err != nil {
			t.Fatal(err)
		}
		status, resp := post(t, url, body)
		if status != http.StatusOK {
			t.Fatalf("%v: HTTP %d: %s", req["command"], status, resp)
		}
		var out map[string]any
		if err := json.Unmarshal(resp, &out); err != nil {
			t.Fatalf("%v: %v: %s", req["command"], err, resp)
		}
		if len(out) != 1 {
			t.Fatalf("%v: members beside result: %s", req["command"], resp)
		}
		return out["result"].(map[string]any)
	}
}

func post(t *testing.T, url string, body []byte) (int, []byte) {
	t.Helper()
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// signedQuery builds an r_get request as the ChainSQL client does:
// tx_json, its JSON text as signingData, and a signature of it.
func signedQuery(t *testing.T, passphrase string, txj map[string]any) map[string]any {
	t.Helper()
	kp, err := keys.SeedFromPassphrase(passphrase).KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	signing, err := json.Marshal(txj)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := kp.Sign(signing)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{"command": "r_get", "tx_json": txj, "signingData": string(signing),
		"publicKey": hex.EncodeToString(kp.PublicKey()), "signature": hex.EncodeToString(sig)}
}

func hexs(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }

// TestHTTPAnswersAsWebSocket: two nodes with the same clock get the
// same requests, one over WebSocket and one over JSON-RPC; every answer
// is the same, member for member, but pubkey_node (each node's own
// random key). The requests: server_info, wallet_propose, submit with a
// secret, sign then submit of the blob, ledger_accept, tx,
// account_info, a table created and filled, then r_get.
func TestHTTPAnswersAsWebSocket(t *testing.T) {
	ws := overWS(t, startNode(t, nil))
	rpc := overHTTP(t, startNode(t, nil))
	both := func(req map[string]any) map[string]any {
		t.Helper()
		a, b := ws(t, req), rpc(t, req)
		if info, ok := a["info"].(map[string]any); ok {
			delete(info, "pubkey_node")
			delete(b["info"].(map[string]any), "pubkey_node")
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%v:\nWebSocket: %v\nJSON-RPC:  %v", req["command"], a, b)
		}
		return a
	}
	ok := func(req map[string]any) map[string]any {
		t.Helper()
		r := both(req)
		if r["status"] != "success" {
			t.Fatalf("%v: %v", req["command"], r)
		}
		return r
	}

	if info := ok(map[string]any{"command": "server_info"})["info"].(map[string]any); info["server_state"] != "full" {
		t.Fatalf("server_info: %v", info)
	}
	alice := ok(map[string]any{"command": "wallet_propose", "passphrase": alicePass})
	aliceID, aliceSecret := alice["account_id"].(string), alice["master_seed"].(string)
	pay := ok(map[string]any{"command": "submit", "secret": genesisSecret,
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": aliceID, "Amount": "1000000000"}})
	if pay["engine_result"] != "tesSUCCESS" {
		t.Fatalf("submit with a secret: %v", pay)
	}
	signed := ok(map[string]any{"command": "sign", "secret": genesisSecret,
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": aliceID, "Amount": "5000000"}})
	if r := ok(map[string]any{"command": "submit", "tx_blob": signed["tx_blob"]}); r["engine_result"] != "tesSUCCESS" {
		t.Fatalf("submit of a blob: %v", r)
	}
	// An error answer is the same too, request echo (secret masked) included.
	if r := both(map[string]any{"command": "submit", "secret": "xBadSecret", "tx_json": map[string]any{"TransactionType": "Payment"}}); r["status"] != "error" ||
		r["request"].(map[string]any)["secret"] != "<masked>" {
		t.Fatalf("bad submit: %v", r)
	}
	ok(map[string]any{"command": "ledger_accept"})
	hash := pay["tx_json"].(map[string]any)["hash"]
	if r := ok(map[string]any{"command": "tx", "transaction": hash}); r["validated"] != true {
		t.Fatalf("tx: %v", r)
	}
	if r := ok(map[string]any{"command": "account_info", "account": aliceID, "ledger_index": "validated"}); r["account_data"].(map[string]any)["Balance"] != "1005000000" {
		t.Fatalf("account_info: %v", r)
	}

	tables := []any{map[string]any{"Table": map[string]any{"TableName": hexs("people")}}}
	create := ok(map[string]any{"command": "t_prepare", "tx_json": map[string]any{"TransactionType": "TableListSet", "Account": aliceID, "OpType": 1,
		"Tables": tables, "Raw": hexs(`[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":32}]`)}})["tx_json"]
	ok(map[string]any{"command": "submit", "secret": aliceSecret, "tx_json": create})
	ok(map[string]any{"command": "ledger_accept"})
	insert := ok(map[string]any{"command": "t_prepare", "tx_json": map[string]any{"TransactionType": "SQLStatement", "Account": aliceID, "Owner": aliceID,
		"OpType": 6, "Tables": tables, "Raw": hexs(`[{"id":1,"name":"ann"},{"id":2,"name":"bo"}]`)}})["tx_json"]
	ok(map[string]any{"command": "submit", "secret": aliceSecret, "tx_json": insert})
	ok(map[string]any{"command": "ledger_accept"})
	cur := ok(map[string]any{"command": "ledger_current"})["ledger_current_index"].(float64)
	get := signedQuery(t, alicePass, map[string]any{"Account": aliceID, "Owner": aliceID,
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": "people"}}}, "Raw": `[["id","name"]]`, "LedgerIndex": cur - 1})
	// Each store applies the ledger in the background: ask until both
	// are caught up (diff 0), then once more over both.
	deadline := time.Now().Add(30 * time.Second)
	for _, call := range []transport{ws, rpc} {
		for r := call(t, get); r["status"] != "success" || r["diff"] != float64(0); r = call(t, get) {
			if time.Now().After(deadline) {
				t.Fatalf("r_get: the SQL store did not catch up: %v", r)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if r := ok(get); len(r["lines"].([]any)) != 2 {
		t.Fatalf("r_get: %v", r)
	}
}

// TestHTTPRippledClientRequest: a request exactly as rippled's
// documentation sends it with curl, and as xrpl-py's JSON-RPC client
// does (an id in params), gets rippled's answer shape.
func TestHTTPRippledClientRequest(t *testing.T) {
	url := startNode(t, nil).HTTPURLs()[0]
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(`{"method":"server_info","params":[{}]}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Result struct {
			Info   map[string]any `json:"info"`
			Status string         `json:"status"`
		} `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" ||
		got.Result.Status != "success" || got.Result.Info["complete_ledgers"] != "1" {
		t.Fatalf("server_info: HTTP %d %s: %+v", resp.StatusCode, resp.Header.Get("Content-Type"), got)
	}

	status, body := post(t, url, []byte(`{"method": "account_info", "params": [{"account": "`+genesisAccount+`", "ledger_index": "validated", "id": 7}]}`))
	var info map[string]any
	if err := json.Unmarshal(body, &info); err != nil || status != http.StatusOK {
		t.Fatalf("account_info: HTTP %d %s", status, body)
	}
	res := info["result"].(map[string]any)
	if info["id"] != float64(7) || res["status"] != "success" || res["account_data"].(map[string]any)["Account"] != genesisAccount {
		t.Fatalf("account_info: %s", body)
	}
}

// TestHTTPRefusals: what the JSON-RPC listener refuses, and how.
func TestHTTPRefusals(t *testing.T) {
	n := startNode(t, func(c *node.Config) {
		c.AdminNets = []netip.Prefix{} // no admin at all
		c.HTTP.MaxBodyBytes = 1024
	})
	url := n.HTTPURLs()[0]
	cases := []struct {
		name   string
		body   string
		status int
		// want is the plain-text reason (status not 200), or the
		// result's error token (200).
		want string
	}{
		{"not JSON", `{"method":`, http.StatusBadRequest, "Unable to parse request: "},
		{"not an object", `[1]`, http.StatusBadRequest, "Unable to parse request: "},
		{"no method", `{"params":[{}]}`, http.StatusBadRequest, "Null method"},
		{"method not a string", `{"method":5}`, http.StatusBadRequest, "method is not string"},
		{"empty method", `{"method":""}`, http.StatusBadRequest, "method is empty"},
		{"params not an array", `{"method":"ping","params":{}}`, http.StatusBadRequest, "params unparseable"},
		{"two params", `{"method":"ping","params":[{},{}]}`, http.StatusBadRequest, "params unparseable"},
		{"params[0] not an object", `{"method":"ping","params":[3]}`, http.StatusBadRequest, "params unparseable"},
		{"oversized body", `{"method":"ping","params":[{"pad":"` + strings.Repeat("x", 2048) + `"}]}`,
			http.StatusRequestEntityTooLarge, "Request too large: the body exceeds 1024 bytes"},
		{"admin command from a non-admin address", `{"method":"ledger_accept","params":[{}]}`, http.StatusOK, "noPermission"},
		{"admin query from a non-admin address", `{"method":"r_get_sql_admin","params":[{"sql":"select 1"}]}`, http.StatusOK, "noPermission"},
		{"subscribe", `{"method":"subscribe","params":[{"streams":["ledger"]}]}`, http.StatusOK, "invalidParams"},
		{"subscribe to a URL, non-admin", `{"method":"subscribe","params":[{"url":"http://127.0.0.1:1/","streams":["ledger"]}]}`, http.StatusOK, "noPermission"},
		{"unsubscribe", `{"method":"unsubscribe","params":[{"streams":["ledger"]}]}`, http.StatusOK, "invalidParams"},
		{"unknown command", `{"method":"no_such_command"}`, http.StatusOK, "unknownCmd"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := post(t, url, []byte(tc.body))
			if status != tc.status {
				t.Fatalf("HTTP %d, want %d: %s", status, tc.status, body)
			}
			if status != http.StatusOK {
				if !strings.HasPrefix(string(body), tc.want) {
					t.Fatalf("%q, want %q…", body, tc.want)
				}
				return
			}
			var got struct {
				Result map[string]any `json:"result"`
			}
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			r := got.Result
			if r["error"] != tc.want || r["status"] != "error" || r["error_code"] == nil || r["error_message"] == "" {
				t.Fatalf("%s, want error %s", body, tc.want)
			}
			if _, ok := r["request"].(map[string]any)["command"]; !ok {
				t.Fatalf("the echoed request names no command: %s", body)
			}
		})
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != http.MethodPost {
		t.Fatalf("GET: HTTP %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	// Nothing refused changed the ledger.
	status, body := post(t, url, []byte(`{"method":"ledger_closed"}`))
	if status != http.StatusOK || !strings.Contains(string(body), `"ledger_index":1`) {
		t.Fatalf("ledger_closed: HTTP %d %s", status, body)
	}
}
