package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// nodeBin is ./cmd/node, built once for the smoke tests.
var nodeBin string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "sqledger-bench-test-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		root, err := moduleRoot(ctx)
		if err == nil {
			nodeBin, err = buildNode(ctx, root, dir)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return m.Run()
	}())
}

// smoke runs bench with args (plus the built node, --quiet and --out)
// and returns the JSON report.
func smoke(t *testing.T, args ...string) map[string]any {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.json")
	full := append(args, "--quiet", "--out", out)
	if args[0] != "limits" {
		full = append(full, "--node", nodeBin)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	if code := run(ctx, full, &stdout, &stderr); code != 0 {
		t.Fatalf("bench %s: exit %d\n%s\n%s", strings.Join(full, " "), code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "## "+args[0]) {
		t.Fatalf("no report table:\n%s", stdout.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep map[string]any
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, b)
	}
	for _, k := range []string{"machine", "commit", "command", "started"} {
		if rep[k] == nil {
			t.Errorf("report has no %q", k)
		}
	}
	return rep
}

// num reads a number at a path of object keys.
func num(t *testing.T, m map[string]any, path ...string) float64 {
	t.Helper()
	var v any = m
	for _, k := range path {
		o, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s: not an object at %q", strings.Join(path, "."), k)
		}
		v = o[k]
	}
	f, ok := v.(float64)
	if !ok {
		t.Fatalf("%s = %v, not a number", strings.Join(path, "."), v)
	}
	return f
}

func TestLimitsSmoke(t *testing.T) {
	rep := smoke(t, "limits", "--limit-time", "50ms")
	for _, k := range []string{"verify_one_core", "verify_all_cores", "synced_appends", "appended_txs", "sqlite_inserts", "ws_round_trips", "payment_path"} {
		if v := num(t, rep, "limits", k); v <= 0 {
			t.Errorf("limits.%s = %v", k, v)
		}
	}
}

func TestPaymentsSmoke(t *testing.T) {
	plot := filepath.Join(t.TempDir(), "payments.svg")
	rep := smoke(t, "payments", "--limit-time", "30ms", "--sessions", "4", "--accounts", "8", "--count", "200",
		"--window", "20", "--ledger-interval", "200ms", "--duration", "20s", "--plot", plot)
	checkPayments(t, rep, 200)
	ratios, _ := rep["ratios"].([]any)
	if len(ratios) != 3 {
		t.Fatalf("ratios: %v", rep["ratios"])
	}
	for _, r := range ratios {
		q := r.(map[string]any)
		if got, want := q["ratio"].(float64), q["value"].(float64)/q["of"].(float64); got <= 0 || got != want {
			t.Errorf("ratio %v: %v, want value/of = %v", q["limit"], got, want)
		}
	}
	svg, err := os.ReadFile(plot)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("validated")) {
		t.Errorf("plot is not an SVG with the validated series: %.200s", svg)
	}
}

func TestPaymentsOpenLoopSmoke(t *testing.T) {
	rep := smoke(t, "payments", "--limits=false", "--sessions", "2", "--accounts", "2", "--count", "100",
		"--rate", "200", "--ledger-interval", "200ms", "--duration", "20s")
	checkPayments(t, rep, 100)
	// At 200/s the last of 100 payments is submitted 0.495 s after the
	// first, and validated after that.
	if span := num(t, rep, "result", "totals", "span"); span < 0.495 {
		t.Errorf("span %v s: the open loop did not pace the payments", span)
	}
}

func checkPayments(t *testing.T, rep map[string]any, n float64) {
	t.Helper()
	for k, want := range map[string]float64{"submitted": n, "validated": n, "failed": 0, "unresolved": 0} {
		if got := num(t, rep, "result", "totals", k); got != want {
			t.Errorf("%s = %v, want %v (failures: %v)", k, got, want, rep["result"].(map[string]any)["totals"].(map[string]any)["failures"])
		}
	}
	p50, p99, mx := num(t, rep, "result", "totals", "latency", "p50"), num(t, rep, "result", "totals", "latency", "p99"), num(t, rep, "result", "totals", "latency", "max")
	if !(0 < p50 && p50 <= p99 && p99 <= mx && mx < 20) {
		t.Errorf("latency p50 %v, p99 %v, max %v", p50, p99, mx)
	}
	if tps := num(t, rep, "result", "totals", "validated_per_second"); tps <= 0 {
		t.Errorf("validated per second %v", tps)
	}
	if n := num(t, rep, "result", "ledgers", "count"); n < 1 {
		t.Errorf("no ledger closed during the run")
	}
}

func TestSessionsSmoke(t *testing.T) {
	rep := smoke(t, "sessions", "--limits=false", "--sessions", "60", "--per-addr", "25", "--ledgers", "2",
		"--ledger-interval", "200ms", "--heartbeat", "200ms")
	for k, want := range map[string]float64{"held_before": 60, "held": 60, "dial_failed": 0, "pushes": 2, "deliveries": 120, "expected_deliveries": 120} {
		if got := num(t, rep, "result", k); got != want {
			t.Errorf("%s = %v, want %v", k, got, want)
		}
	}
	if n := num(t, rep, "result", "node_rss_held_bytes"); n <= 0 {
		t.Errorf("node memory %v", n)
	}
	if n := num(t, rep, "result", "heartbeats_answered"); n <= 0 {
		t.Errorf("no heartbeat answered")
	}
	if mx, p50 := num(t, rep, "result", "delivery", "max"), num(t, rep, "result", "delivery", "p50"); mx < p50 || mx > 10 {
		t.Errorf("delivery p50 %v, max %v", p50, mx)
	}
}

func TestReplaySmoke(t *testing.T) {
	rep := smoke(t, "replay", "--limits=false", "--txs", "600", "--per-ledger", "200", "--accounts", "10")
	// Genesis, the funding ledger and three ledgers of 200 payments.
	for k, want := range map[string]float64{"written": 610, "transactions": 610, "ledgers": 5, "mismatches": 0} {
		if got := num(t, rep, "result", k); got != want {
			t.Errorf("%s = %v, want %v", k, got, want)
		}
	}
	if tps := num(t, rep, "result", "transactions_per_second"); tps <= 0 {
		t.Errorf("replay tx/s %v", tps)
	}
}

func TestUsageAndErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "workloads:"},
		{[]string{"--help"}, 0, "payments"},
		{[]string{"nosuch"}, 2, `unknown workload "nosuch"`},
		{[]string{"payments", "--url", "ws://10.1.2.3:6006/"}, 2, "loopback"},
		{[]string{"payments", "--accounts", "3", "--sessions", "4"}, 2, "must be at least --sessions"},
		{[]string{"sessions", "--push", "carrier-pigeon"}, 2, "--push must be ledger or nkn"},
		{[]string{"replay", "--plot", "x.gif"}, 2, ".svg or .png"},
		{[]string{"limits", "extra"}, 2, "unexpected argument"},
		{[]string{"limits", "--plot", "x.svg"}, 2, "no time series"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("bench %v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr.String(), tc.code, tc.want)
		}
	}
}
