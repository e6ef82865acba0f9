package main

import (
	"bytes"
	"encoding/json"
	"github.com/sqledger/sqledger/httpapi"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/node"
)

// The embedded ledger interval and ledger size are the node's own
// defaults (what a zero node.Config means), so that the binary and the
// package say the same.
func TestEmbeddedOrdererDefaults(t *testing.T) {
	cfg, _, err := loadConfig("run", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.LedgerInterval.Duration != node.DefaultLedgerInterval || cfg.MaxTxsPerLedger != node.DefaultMaxTxsPerLedger {
		t.Fatalf("embedded ledger_interval %s, max_txs_per_ledger %d; the node's %s, %d",
			cfg.LedgerInterval.Duration, cfg.MaxTxsPerLedger, node.DefaultLedgerInterval, node.DefaultMaxTxsPerLedger)
	}
}

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
	if cfg.MaxEchoBytes != 64<<10 || cfg.QueryTimeout.Duration != 10*time.Second || cfg.MaxQueries != 8 || cfg.MaxSessionQueries != 2 {
		t.Fatalf("embedded reply and query bounds: %+v", cfg)
	}
	if l := cfg.rpcHTTPListen(); len(l) != 1 || l[0] != "127.0.0.1:5005" || cfg.RPCHTTPMaxBodyBytes != 4<<20 || cfg.RPCHTTPTimeout.Duration != 30*time.Second ||
		cfg.RPCHTTPMaxInFlight != 256 || cfg.RPCHTTPWriteTimeout.Duration != time.Minute || cfg.Metrics != "" || cfg.HealthMaxLedgerAge.Duration != time.Minute ||
		cfg.RPCHTTPRate != httpapi.DefaultAddrRate || cfg.RPCHTTPBurst != httpapi.DefaultAddrBurst {
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
		{"--max-echo-bytes", "100"},
		{"--query-timeout", "0s"},
		{"--max-queries", "0"},
		{"--max-session-queries", "-1"},
		{"--sql-store", "mysql"},
		{"--sql-store", "postgres"},
		{"--sql-dsn", "host=/tmp"},
	} {
		if _, _, err := loadConfig("run", bad); err == nil {
			t.Errorf("%v: accepted", bad)
		}
	}
	for _, text := range []string{
		"rpc_http_timeout = \"90s\"\n", // past the write timeout
		"rpc_http_max_body_bytes = -1\n",
		"rpc_http_rate = 0\n",
		"rpc_http_burst = 0\n",
		"health_max_ledger_age = \"-1s\"\n",
		"[sql]\nstore = \"postgres\"\n",
	} {
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := loadConfig("run", []string{"--config", file}); err == nil {
			t.Errorf("%q: accepted", text)
		}
	}
	if got := cfg.sql(); got != (node.SQLConfig{Store: node.SQLite}) {
		t.Errorf("embedded SQL store: %+v", got)
	}
	if err := os.WriteFile(file, []byte("[sql]\nstore = \"postgres\"\ndsn = \"host=/run/postgresql dbname=x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if cfg, _, err := loadConfig("run", []string{"--config", file}); err != nil || cfg.sql() != (node.SQLConfig{Store: node.Postgres, DSN: "host=/run/postgresql dbname=x"}) {
		t.Errorf("[sql] postgres: %v %+v", err, cfg)
	}
	if err := os.WriteFile(file, []byte("unknown_key = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := loadConfig("run", []string{"--config", file}); err == nil {
		t.Error("a config file with an unknown key was accepted")
	}
}

// The WebSocket limits: the embedded defaults are the gateway's, a file
// and flags override them, and values that would silently mean "default"
// are refused.
func TestConfigGatewayLimits(t *testing.T) {
	cfg, _, err := loadConfig("run", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := node.Config{
		SendBuffer:     gateway.DefaultSendBuffer,
		SlowBytes:      gateway.DefaultSlowBytes,
		SlowGrace:      gateway.DefaultSlowGrace,
		FrameRate:      gateway.DefaultFrameRate,
		FrameBurst:     gateway.DefaultFrameBurst,
		AddrFrameRate:  gateway.DefaultAddrFrameRate,
		AddrFrameBurst: gateway.DefaultAddrFrameBurst,
		FrameCostBytes: gateway.DefaultFrameCostBytes,
		FrameStrikes:   gateway.DefaultFrameStrikes,
		ThrottlePause:  gateway.DefaultThrottlePause,
	}
	if got := cfg.withGatewayLimits(node.Config{}); !sameLimits(got, want) {
		t.Fatalf("embedded defaults %+v, the gateway's %+v", got, want)
	}

	file := filepath.Join(t.TempDir(), "node.toml")
	body := "send_buffer = -1\nslow_bytes = 2048\nslow_grace = \"5s\"\nframe_rate = -1.0\naddr_frame_rate = 50.5\nframe_strikes = 3\nthrottle_pause = \"-1s\"\n"
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, _, err = loadConfig("run", []string{"--config", file, "--frame-burst", "7", "--slow-grace", "250ms", "--frame-cost-bytes", "100"})
	if err != nil {
		t.Fatal(err)
	}
	want.SendBuffer, want.SlowBytes, want.SlowGrace = -1, 2048, 250*time.Millisecond
	want.FrameRate, want.FrameBurst, want.AddrFrameRate, want.FrameStrikes, want.FrameCostBytes = -1, 7, 50.5, 3, 100
	want.ThrottlePause = -time.Second
	if got := cfg.withGatewayLimits(node.Config{}); !sameLimits(got, want) {
		t.Fatalf("file then flags %+v, want %+v", got, want)
	}

	for _, tt := range []struct {
		args []string
		key  string
	}{
		{[]string{"--send-buffer", "0"}, "send_buffer"},
		{[]string{"--slow-bytes", "0"}, "slow_bytes"},
		{[]string{"--slow-grace", "0s"}, "slow_grace"},
		{[]string{"--frame-rate", "0"}, "frame_rate"},
		{[]string{"--frame-burst", "-1"}, "frame_burst"},
		{[]string{"--addr-frame-rate", "0"}, "addr_frame_rate"},
		{[]string{"--addr-frame-burst", "0"}, "addr_frame_burst"},
		{[]string{"--frame-cost-bytes", "0"}, "frame_cost_bytes"},
		{[]string{"--frame-strikes", "0"}, "frame_strikes"},
		{[]string{"--throttle-pause", "0s"}, "throttle_pause"},
	} {
		_, _, err := loadConfig("run", tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.key) {
			t.Errorf("%v: error %v, want one naming %s", tt.args, err, tt.key)
		}
	}
}

func sameLimits(a, b node.Config) bool {
	return a.SendBuffer == b.SendBuffer && a.SlowBytes == b.SlowBytes && a.SlowGrace == b.SlowGrace &&
		a.FrameRate == b.FrameRate && a.FrameBurst == b.FrameBurst && a.AddrFrameRate == b.AddrFrameRate &&
		a.AddrFrameBurst == b.AddrFrameBurst && a.FrameCostBytes == b.FrameCostBytes && a.FrameStrikes == b.FrameStrikes &&
		a.ThrottlePause == b.ThrottlePause
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
