package rpc_test

import (
	"testing"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/rpc"
)

// fakeNetwork is a validator network of fixed facts (rpc.Network).
type fakeNetwork struct{ key string }

func (f fakeNetwork) Peers() int           { return 3 }
func (f fakeNetwork) ServerState() string  { return "proposing" }
func (f fakeNetwork) Quorum() int          { return 3 }
func (f fakeNetwork) Validators() []string { return []string{"n9A", "n9B", "n9C", "n9D"} }
func (f fakeNetwork) ValidatorKey() string { return f.key }

// TestNetworkFacts: server_info, server_state, unl_list and NKN
// getconnectioncount report the network; standalone answers as alone.
func TestNetworkFacts(t *testing.T) {
	ch := newChain(t)
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer(), Network: fakeNetwork{key: "n9B"}}, true)
	for cmd, field := range map[string]string{"server_info": "info", "server_state": "state"} {
		info := h.call(cmd, nil)["result"].(map[string]any)[field].(map[string]any)
		if info["peers"] != 3.0 || info["server_state"] != "proposing" || info["validation_quorum"] != 3.0 || info["pubkey_validator"] != "n9B" {
			t.Fatalf("%s in a network: %v", cmd, info)
		}
	}
	unl := h.call("unl_list", nil)["result"].(map[string]any)["unl"].([]any)
	if len(unl) != 4 || unl[1].(map[string]any)["pubkey_validator"] != "n9B" || unl[1].(map[string]any)["trusted"] != true {
		t.Fatalf("unl_list: %v", unl)
	}
	if got := decode(t, h.send(gateway.NKN, "getconnectioncount", nil)[0])["Result"]; got != 3.0 {
		t.Fatalf("getconnectioncount: %v; want 3", got)
	}
	h = newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer(), Network: fakeNetwork{}}, true)
	if got := h.call("server_info", nil)["result"].(map[string]any)["info"].(map[string]any)["pubkey_validator"]; got != "none" {
		t.Fatalf("pubkey_validator of a node that is no validator: %v; want none", got)
	}

	h = newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, true)
	if got := string(h.send(gateway.ChainSQL, "unl_list", nil)[0]); got != `{"id":1,"result":{"unl":[]},"status":"success","type":"response"}` {
		t.Fatalf("standalone unl_list: %s", got)
	}
	if got := decode(t, h.send(gateway.NKN, "getconnectioncount", nil)[0])["Result"]; got != 0.0 {
		t.Fatalf("standalone getconnectioncount: %v; want 0", got)
	}
	if _, ok := h.call("server_info", nil)["result"].(map[string]any)["info"].(map[string]any)["pubkey_validator"]; ok {
		t.Fatal("standalone server_info has pubkey_validator")
	}
	h = newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, false)
	if r := h.call("unl_list", nil); r["error"] != "noPermission" {
		t.Fatalf("unl_list from a non-admin address: %v; want noPermission, as rippled", r)
	}
}
