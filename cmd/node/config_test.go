package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestConfigLayers(t *testing.T) {
	cfg, _, err := loadConfig("run", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DataDir != "./data" || len(cfg.WS) != 2 || cfg.WS[0] != "127.0.0.1:6006" || cfg.WS[1] != "127.0.0.1:30002" ||
		cfg.LedgerInterval.Duration != time.Second || cfg.BaseFee != 10 || cfg.ReserveBase != 5_000_000 || cfg.ReserveInc != 1_000_000 ||
		cfg.MaxPendingTxs != 10000 || cfg.MaxPendingBytes != 64<<20 {
		t.Fatalf("embedded defaults: %+v", cfg)
	}
	if l := cfg.rpcHTTPListen(); len(l) != 1 || l[0] != "127.0.0.1:5005" || cfg.RPCHTTPMaxBodyBytes != 4<<20 || cfg.RPCHTTPTimeout.Duration != 30*time.Second ||
		cfg.RPCHTTPMaxInFlight != 256 || cfg.RPCHTTPWriteTimeout.Duration != time.Minute || cfg.Metrics != "" || cfg.HealthMaxLedgerAge.Duration != time.Minute {
		t.Fatalf("embedded JSON-RPC and metrics defaults: %+v", cfg)
	}
	if cfg, _, err := loadConfig("run", []string{"--rpc-http", "", "--metrics", "127.0.0.1:9090"}); err != nil || len(cfg.rpcHTTPListen()) != 0 || cfg.Metrics != "127.0.0.1:9090" {
		t.Fatalf("--rpc-http \"\" --metrics: %v %+v", err, cfg)
	}
	file := filepath.Join(t.TempDir(), "node.toml")
	if err := os.WriteFile(file, []byte("data_dir = \"/srv/ledger\"\nledger_interval = \"3s\"\nws = [\"127.0.0.1:7000\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, _, err = loadConfig("run", []string{"--config", file, "--ws", "127.0.0.1:7001", "--ws", "127.0.0.1:7002", "--ledger-interval", "250ms"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DataDir != "/srv/ledger" || cfg.LedgerInterval.Duration != 250*time.Millisecond || len(cfg.WS) != 2 || cfg.WS[0] != "127.0.0.1:7001" {
		t.Fatalf("file then flags: %+v", cfg)
	}
	for _, bad := range [][]string{
		{"--ledger-interval", "0s"},
		{"--max-pending-txs", "0"},
		{"--max-pending-bytes", "-1"},
		{"--admin", "not-a-cidr"},
		{"--log-level", "loud"},
		{"--no-such-flag"},
	} {
		if _, _, err := loadConfig("run", bad); err == nil {
			t.Errorf("%v: accepted", bad)
		}
	}
	for _, text := range []string{
		"rpc_http_timeout = \"90s\"\n", // past the write timeout
		"rpc_http_max_body_bytes = -1\n",
		"health_max_ledger_age = \"-1s\"\n",
	} {
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := loadConfig("run", []string{"--config", file}); err == nil {
			t.Errorf("%q: accepted", text)
		}
	}
	if err := os.WriteFile(file, []byte("unknown_key = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := loadConfig("run", []string{"--config", file}); err == nil {
		t.Error("a config file with an unknown key was accepted")
	}
}

func TestWallet(t *testing.T) {
	var out bytes.Buffer
	if err := runWallet([]string{"--passphrase", "masterpassphrase"}, &out); err != nil {
		t.Fatal(err)
	}
	var w map[string]string
	if err := json.Unmarshal(out.Bytes(), &w); err != nil {
		t.Fatal(err)
	}
	if w["account_id"] != "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh" || w["master_seed"] != "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb" || w["key_type"] != "secp256k1" {
		t.Fatalf("wallet: %v", w)
	}
	out.Reset()
	if err := runWallet([]string{"--ed25519"}, &out); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out.Bytes(), &w); err != nil {
		t.Fatal(err)
	}
	if w["key_type"] != "ed25519" || w["public_key_hex"][:2] != "ED" || w["account_id"][0] != 'z' {
		t.Fatalf("ed25519 wallet: %v", w)
	}
}
