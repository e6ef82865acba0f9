package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
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

// TestPaymentsNetworkSmoke runs payments on a 4-validator network: the
// sessions spread over the nodes and each node's CPU and memory are in
// the report.
func TestPaymentsNetworkSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("runs four node processes")
	}
	rep := smoke(t, "payments", "--network", "4", "--limits=false", "--sessions", "4", "--accounts", "8", "--count", "200",
		"--window", "20", "--ledger-interval", "200ms", "--duration", "20s")
	checkPayments(t, rep, 200)
	checkNetworkReport(t, rep, 4)
	// --standalone is the default: the same run on one node follows.
	solo, ok := rep["standalone"].(map[string]any)
	if !ok {
		t.Fatalf("no standalone run in the report: %v", rep["standalone"])
	}
	checkPayments(t, solo, 200)
	if got := solo["node"].(map[string]any)["source"]; got != "subprocess" {
		t.Errorf("standalone node source %v, want subprocess", got)
	}
	if _, ok := solo["node"].(map[string]any)["validators"]; ok {
		t.Errorf("standalone node has validators: %v", solo["node"])
	}
}

// TestInsertsNetworkSmoke runs inserts on a 4-validator network.
func TestInsertsNetworkSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("runs four node processes")
	}
	rep := smoke(t, "inserts", "--network", "4", "--limits=false", "--sessions", "4", "--accounts", "8", "--tables", "2", "--count", "80",
		"--rows-per-tx", "2", "--window", "10", "--ledger-interval", "200ms", "--duration", "20s", "--standalone=false")
	if got := num(t, rep, "result", "totals", "db", "db_success"); got != 80 {
		t.Errorf("db_success %v, want 80 (failures: %v)", got, rep["result"].(map[string]any)["totals"].(map[string]any)["failures"])
	}
	if got := num(t, rep, "result", "stored_rows"); got != 160 {
		t.Errorf("stored rows %v, want 160", got)
	}
	checkNetworkReport(t, rep, 4)
	if rep["standalone"] != nil {
		t.Errorf("--standalone=false, but the report has a standalone run")
	}
}

// checkNetworkReport checks a network run's node description and
// per-node usage.
func checkNetworkReport(t *testing.T, rep map[string]any, n int) {
	t.Helper()
	if got := num(t, rep, "node", "validators"); got != float64(n) {
		t.Errorf("node.validators = %v, want %d", got, n)
	}
	if urls, _ := rep["node"].(map[string]any)["urls"].([]any); len(urls) != n {
		t.Errorf("node.urls = %v, want %d", urls, n)
	}
	nodes, _ := rep["result"].(map[string]any)["usage"].(map[string]any)["nodes"].([]any)
	if len(nodes) != n {
		t.Fatalf("usage.nodes = %v, want %d", nodes, n)
	}
	for i, v := range nodes {
		u := v.(map[string]any)
		if u["name"] != fmt.Sprintf("node%d", i) || u["cpu_seconds"].(float64) <= 0 || u["rss_bytes"].(float64) <= 0 {
			t.Errorf("usage.nodes[%d] = %v", i, u)
		}
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

func TestInsertsSmoke(t *testing.T) {
	plot := filepath.Join(t.TempDir(), "inserts.svg")
	rep := smoke(t, "inserts", "--limit-time", "30ms", "--sessions", "4", "--accounts", "8", "--tables", "3", "--count", "120",
		"--rows-per-tx", "3", "--window", "10", "--ledger-interval", "200ms", "--duration", "20s", "--plot", plot)
	for k, want := range map[string]float64{"submitted": 120, "validated": 120, "failed": 0, "unresolved": 0} {
		if got := num(t, rep, "result", "totals", k); got != want {
			t.Errorf("%s = %v, want %v (failures: %v)", k, got, want, rep["result"].(map[string]any)["totals"].(map[string]any)["failures"])
		}
	}
	for k, want := range map[string]float64{"db_success": 120, "db_error": 0} {
		if got := num(t, rep, "result", "totals", "db", k); got != want {
			t.Errorf("db.%s = %v, want %v", k, got, want)
		}
	}
	// Every row of every insert is in the store, counted by the node.
	if got := num(t, rep, "result", "stored_rows"); got != 360 {
		t.Errorf("stored rows %v, want 360", got)
	}
	v50, v99 := num(t, rep, "result", "totals", "latency", "p50"), num(t, rep, "result", "totals", "latency", "p99")
	d50, d99, dmax := num(t, rep, "result", "totals", "db", "latency", "p50"), num(t, rep, "result", "totals", "db", "latency", "p99"), num(t, rep, "result", "totals", "db", "latency", "max")
	if !(0 < v50 && v50 <= v99 && v50 <= d50 && d50 <= d99 && d99 <= dmax && dmax < 20) {
		t.Errorf("latency to validate_success p50 %v, p99 %v; to db_success p50 %v, p99 %v, max %v", v50, v99, d50, d99, dmax)
	}
	perTx := num(t, rep, "result", "totals", "db", "db_success_per_second")
	if rows := num(t, rep, "result", "rows_per_second"); rows <= 0 || rows != 3*perTx {
		t.Errorf("rows per second %v, want 3 × %v", rows, perTx)
	}
	ratios, _ := rep["ratios"].([]any)
	if len(ratios) != 3 || ratios[0].(map[string]any)["limit"] != "SQLite inserts, one transaction" {
		t.Fatalf("ratios: %v", rep["ratios"])
	}
	svg, err := os.ReadFile(plot)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("db_success")) {
		t.Errorf("plot is not an SVG with the db_success series: %.200s", svg)
	}
}

// TestInsertsPostgresSmoke runs the inserts on a node whose SQL store is
// a throwaway PostgreSQL server, then on SQLite in the same run: both
// store every row, and the report holds both.
func TestInsertsPostgresSmoke(t *testing.T) {
	rep := smoke(t, "inserts", "--store", "postgres", "--limits=false", "--sessions", "2", "--accounts", "4", "--tables", "2",
		"--count", "60", "--rows-per-tx", "2", "--window", "10", "--ledger-interval", "200ms", "--duration", "20s")
	if got := rep["node"].(map[string]any)["sql_store"]; got != "postgres" {
		t.Errorf("node's store %v", got)
	}
	lite, ok := rep["sqlite"].(map[string]any)
	if !ok {
		t.Fatalf("no SQLite run in the report: %v", rep)
	}
	if got := lite["node"].(map[string]any)["sql_store"]; got != "sqlite" {
		t.Errorf("the second run's store %v", got)
	}
	for name, r := range map[string]map[string]any{"postgres": rep, "sqlite": lite} {
		if got := num(t, r, "result", "totals", "db", "db_success"); got != 60 {
			t.Errorf("%s: db_success %v, want 60", name, got)
		}
		if got := num(t, r, "result", "stored_rows"); got != 120 {
			t.Errorf("%s: stored rows %v, want 120", name, got)
		}
		if p99 := num(t, r, "result", "totals", "db", "latency", "p99"); p99 <= 0 {
			t.Errorf("%s: p99 to db_success %v", name, p99)
		}
	}
}

func TestInsertsOpenLoopSmoke(t *testing.T) {
	rep := smoke(t, "inserts", "--limits=false", "--sessions", "2", "--accounts", "2", "--tables", "1", "--count", "60",
		"--rate", "150", "--ledger-interval", "200ms", "--duration", "20s")
	if got := num(t, rep, "result", "totals", "db", "db_success"); got != 60 {
		t.Errorf("db_success %v, want 60", got)
	}
	// At 150/s the last of 60 inserts is submitted 0.393 s after the
	// first, and reaches the store after that.
	if span := num(t, rep, "result", "totals", "db", "span"); span < 0.393 {
		t.Errorf("span %v s: the open loop did not pace the inserts", span)
	}
}

func TestQueriesSmoke(t *testing.T) {
	rep := smoke(t, "queries", "--limit-time", "30ms", "--sessions", "5", "--window", "2", "--rows", "300",
		"--count", "400", "--duration", "20s", "--ledger-interval", "200ms")
	for k, want := range map[string]float64{"issued": 400, "answered": 400, "failed": 0, "unanswered": 0} {
		if got := num(t, rep, "result", "totals", k); got != want {
			t.Errorf("%s = %v, want %v (failures: %v)", k, got, want, rep["result"].(map[string]any)["totals"].(map[string]any)["failures"])
		}
	}
	kinds, _ := rep["result"].(map[string]any)["totals"].(map[string]any)["kinds"].([]any)
	if len(kinds) != 5 {
		t.Fatalf("kinds %v", kinds)
	}
	sum := 0.0
	for i, k := range kinds {
		m := k.(map[string]any)
		sum += m["answered"].(float64)
		if m["kind"] != queryKinds[i].name || m["answered"].(float64) < 1 {
			t.Errorf("kind %d: %v, want %s answered", i, m, queryKinds[i].name)
		}
		l := m["latency"].(map[string]any)
		if p50, p99 := l["p50"].(float64), l["p99"].(float64); !(0 < p50 && p50 <= p99 && p99 < 10) {
			t.Errorf("kind %s latency %v", m["kind"], l)
		}
	}
	if sum != 400 {
		t.Errorf("answers by kind add up to %v, want 400", sum)
	}
	if qps := num(t, rep, "result", "totals", "queries_per_second"); qps <= 0 {
		t.Errorf("queries per second %v", qps)
	}
	if d := num(t, rep, "result", "totals", "diff", "max"); d != 0 {
		t.Errorf("diff %v on an idle node", d)
	}
	if ratios, _ := rep["ratios"].([]any); len(ratios) != 2 {
		t.Errorf("ratios: %v", rep["ratios"])
	}
}

// TestQueryPoolResigns closes ledgers while a pool keeper runs: it signs
// the queries again for a newer LedgerIndex, which the node answers,
// while a query of the first pool is refused once six ledgers closed.
func TestQueryPoolResigns(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tg, err := startSubprocess(ctx, nodeBin, filepath.Join(t.TempDir(), "data"), nodeConfig{LedgerInterval: 100 * time.Millisecond, MaxTxsPerLedger: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := tg.stop(); err != nil {
			t.Error(err)
		}
	}()
	o := defaultOptions()
	e := &env{opts: &o, stderr: io.Discard, progress: newProgress(io.Discard, true)}
	tbl, err := filledTable(ctx, e, tg, 30)
	if err != nil {
		t.Fatal(err)
	}
	first, err := lastClosed(ctx, tg.url)
	if err != nil {
		t.Fatal(err)
	}
	kinds, _ := parseKinds("point")
	keeper, err := startPoolKeeper(ctx, tg.url, kinds, tbl, 30, first)
	if err != nil {
		t.Fatal(err)
	}
	old := keeper.cur.Load()
	const ledgers = 6
	d, err := newLedgerDriver(ctx, tg.url, ledgers)
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	for i, blob := range d.blobs {
		res, err := d.r.call(ctx, map[string]any{"command": "submit", "tx_blob": blob})
		if err != nil || res["engine_result"] != "tesSUCCESS" {
			t.Fatalf("payment %d: %v %v", i, res, err)
		}
		for {
			seq, err := lastClosed(ctx, tg.url)
			if err != nil {
				t.Fatal(err)
			}
			if seq > first+uint32(i) {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for keeper.cur.Load().ledger < first+ledgers-refreshAfter && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if err := keeper.stop(); err != nil {
		t.Fatal(err)
	}
	cur := keeper.cur.Load()
	if cur.ledger < first+ledgers-refreshAfter || keeper.refreshes.Load() < 1 {
		t.Fatalf("pool for ledger %d after %d ledgers from %d (%d refreshes)", cur.ledger, ledgers, first, keeper.refreshes.Load())
	}
	ask := func(body []byte) (map[string]any, error) {
		var req map[string]any
		if err := json.Unmarshal(body, &req); err != nil {
			t.Fatal(err)
		}
		return d.r.call(ctx, req)
	}
	res, err := ask(cur.bodies[0][0])
	if err != nil {
		t.Fatalf("a query of the new pool: %v", err)
	}
	if lines, _ := res["lines"].([]any); len(lines) != 1 {
		t.Errorf("a query of the new pool: %v", res)
	}
	if _, err := ask(old.bodies[0][0]); err == nil || !strings.Contains(err.Error(), "invalidParams") {
		t.Errorf("a query of the first pool, %d ledgers old: %v", ledgers, err)
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

// TestHostileSmoke runs the hostile workload with a few attackers: the
// honest client's every transaction and server_info is counted in both
// phases, every attacker connected, every session it opened is counted
// once when it ended, and the node bench started kept 127.0.0.1 alone
// as its admin network.
func TestHostileSmoke(t *testing.T) {
	const slow, garbage = 20, 10
	rep := smoke(t, "hostile", "--limits=false", "--slow-readers", fmt.Sprint(slow), "--garbage-senders", fmt.Sprint(garbage),
		"--slow-per-addr", "7", "--garbage-per-addr", "3", "--garbage-bytes", "65536", "--phase", "2s",
		"--honest-rate", "20", "--info-rate", "20", "--ledger-interval", "200ms")
	for _, phase := range []string{"before", "during"} {
		// 20 tx/s for 2 s: 20 payments and 20 inserts.
		if got := num(t, rep, "result", phase, "transactions", "submitted"); got != 40 {
			t.Errorf("%s: %v transactions submitted, want 40", phase, got)
		}
		issued := num(t, rep, "result", phase, "server_info", "issued")
		answered, unanswered := num(t, rep, "result", phase, "server_info", "answered"), num(t, rep, "result", phase, "server_info", "unanswered")
		if issued < 20 || answered+unanswered != issued {
			t.Errorf("%s: server_info issued %v, answered %v, unanswered %v", phase, issued, answered, unanswered)
		}
	}
	if got := num(t, rep, "result", "before", "transactions", "validated"); got != 40 {
		t.Errorf("before the attack %v of 40 honest transactions validated", got)
	}
	res := rep["result"].(map[string]any)
	if res["ramp_error"] != nil {
		t.Errorf("attackers did not all connect: %v", res["ramp_error"])
	}
	opened := res["sessions_opened"].([]any)
	ended := res["sessions_ended"].(map[string]any)
	for i, kind := range attackerKinds {
		n := 0.0
		for _, v := range ended[kind].(map[string]any) {
			n += v.(float64)
		}
		if want := []float64{slow, garbage}[i]; opened[i].(float64) < want || n < opened[i].(float64) {
			t.Errorf("%s: %v sessions opened, %v counted as ended; want at least %v opened, each counted", kind, opened[i], n, want)
		}
	}
	if n := num(t, res, "node_peak_rss_bytes"); n <= 0 {
		t.Errorf("node peak memory %v", n)
	}
	if targets := res["targets"].([]any); len(targets) != 4 {
		t.Errorf("targets: %v", targets)
	}
	if admin := rep["node"].(map[string]any)["admin"].([]any); len(admin) != 1 || admin[0] != hostileAdmin {
		t.Errorf("node admin networks %v, want [%s]", admin, hostileAdmin)
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
		{[]string{"inserts", "--accounts", "600", "--tables", "2"}, 2, "more than the 256 grants a table holds"},
		{[]string{"inserts", "--rows-per-tx", "0"}, 2, "--rows-per-tx must be within 1 to 1000"},
		{[]string{"queries", "--kinds", "point,nosuch"}, 2, `unknown kind "nosuch"`},
		{[]string{"queries", "--kinds", "count,count"}, 2, `names "count" twice`},
		{[]string{"limits", "extra"}, 2, "unexpected argument"},
		{[]string{"limits", "--plot", "x.svg"}, 2, "no time series"},
		{[]string{"queries", "--network", "4"}, 2, "payments and inserts only"},
		{[]string{"payments", "--network", "4", "--url", "ws://127.0.0.1:6006/"}, 2, "--network excludes --url"},
		{[]string{"payments", "--network", "-1"}, 2, "--network must not be negative"},
		{[]string{"hostile", "--slow-readers", "15000", "--garbage-senders", "5000"}, 2, "open-file limit"},
		{[]string{"hostile", "--phase", "0s"}, 2, "--phase"},
		{[]string{"hostile", "--network", "2"}, 2, "payments and inserts only"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("bench %v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr.String(), tc.code, tc.want)
		}
	}
}
