package metrics_test

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"

	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/metrics"
	"github.com/sqledger/sqledger/node"
)

const (
	genesisSecret  = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
	genesisAccount = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"
)

// startNode starts a node on loopback ports with a metrics listener and
// no timed ledger closes.
func startNode(t *testing.T, tune func(*node.Config)) *node.Node {
	t.Helper()
	cfg := node.Config{
		DataDir: t.TempDir(), LedgerInterval: time.Hour, Listen: []string{"127.0.0.1:0"},
		Metrics: metrics.Config{Listen: "127.0.0.1:0"},
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
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

func dial(t *testing.T, n *node.Node) *wsclient.Client {
	t.Helper()
	c, err := wsclient.Dial(n.URLs()[0], wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// ok sends a ChainSQL request and returns its result.
func ok(t *testing.T, c *wsclient.Client, req map[string]any) map[string]any {
	t.Helper()
	ctx, cancel := wsclient.Timeout(30 * time.Second)
	defer cancel()
	resp, err := c.Call(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if resp["status"] != "success" {
		t.Fatalf("%v: %v", req["command"], resp)
	}
	return resp["result"].(map[string]any)
}

func submit(t *testing.T, c *wsclient.Client, secret string, txj map[string]any) {
	t.Helper()
	if r := ok(t, c, map[string]any{"command": "submit", "secret": secret, "tx_json": txj}); r["engine_result"] != "tesSUCCESS" {
		t.Fatalf("submit: %v", r)
	}
}

func get(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
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

// scrape reads /metrics into families by name.
func scrape(t *testing.T, n *node.Node) map[string]*dto.MetricFamily {
	t.Helper()
	status, body := get(t, "http://"+n.MetricsServer.Addr().String()+"/metrics")
	if status != http.StatusOK {
		t.Fatalf("/metrics: HTTP %d: %s", status, body)
	}
	var p expfmt.TextParser
	fams, err := p.TextToMetricFamilies(strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	return fams
}

// value is the value of the family's sample whose labels include
// labels ("k=v" pairs): a counter's or gauge's value, a histogram's
// count. A sample that is not there is -1.
func value(fams map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	f, ok := fams[name]
	if !ok {
		return -1
	}
next:
	for _, m := range f.Metric {
		for _, want := range labels {
			k, v, _ := strings.Cut(want, "=")
			found := false
			for _, l := range m.Label {
				found = found || (l.GetName() == k && l.GetValue() == v)
			}
			if !found {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return -1
}

func hexs(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }

// TestMetricsAfterAWorkload: after N payments, a table created and M
// inserts over WebSocket, in three ledgers, /metrics counts exactly
// that: the ledgers, N+1+M tesSUCCESS transactions and as many
// submit→validated latencies, 1+M SQL results and validated→db
// latencies, no lag, no queue, and the open sessions by dialect.
func TestMetricsAfterAWorkload(t *testing.T) {
	const payments, inserts = 3, 2
	n := startNode(t, nil)
	c := dial(t, n)
	alice := ok(t, c, map[string]any{"command": "wallet_propose", "passphrase": "alice"})
	aliceID, aliceSecret := alice["account_id"].(string), alice["master_seed"].(string)
	for range payments {
		submit(t, c, genesisSecret, map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": aliceID, "Amount": "1000000000"})
	}
	ok(t, c, map[string]any{"command": "ledger_accept"})
	tables := []any{map[string]any{"Table": map[string]any{"TableName": hexs("people")}}}
	create := ok(t, c, map[string]any{"command": "t_prepare", "tx_json": map[string]any{"TransactionType": "TableListSet", "Account": aliceID,
		"OpType": 1, "Tables": tables, "Raw": hexs(`[{"field":"id","type":"int","PK":1}]`)}})["tx_json"].(map[string]any)
	submit(t, c, aliceSecret, create)
	ok(t, c, map[string]any{"command": "ledger_accept"})
	for i := range inserts {
		ins := ok(t, c, map[string]any{"command": "t_prepare", "tx_json": map[string]any{"TransactionType": "SQLStatement", "Account": aliceID,
			"Owner": aliceID, "OpType": 6, "Tables": tables, "Raw": hexs(`[{"id":` + string(rune('1'+i)) + `}]`)}})["tx_json"].(map[string]any)
		submit(t, c, aliceSecret, ins)
	}
	ok(t, c, map[string]any{"command": "ledger_accept"})

	// Sessions: c and another ChainSQL one, an NKN one, one silent.
	ok(t, dial(t, n), map[string]any{"command": "ping"})
	nkn := dial(t, n)
	ctx, cancel := wsclient.Timeout(30 * time.Second)
	defer cancel()
	if err := nkn.Send([]byte(`{"Action":"getlatestblockheight"}`)); err != nil {
		t.Fatal(err)
	}
	if resp, err := nkn.NextJSON(ctx); err != nil || resp["Error"] != float64(0) {
		t.Fatalf("NKN: %v %v", resp, err)
	}
	dial(t, n)

	// The SQL store applies in the background: scrape until it is done.
	var fams map[string]*dto.MetricFamily
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		fams = scrape(t, n)
		if value(fams, "sqledger_sql_results_total", "status=db_success") == 1+inserts && value(fams, "sqledger_projection_lag_ledgers") == 0 &&
			value(fams, "sqledger_sessions", "dialect=none") == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the SQL store did not catch up: results %v, lag %v", value(fams, "sqledger_sql_results_total", "status=db_success"),
				value(fams, "sqledger_projection_lag_ledgers"))
		}
	}
	txs := float64(payments + 1 + inserts)
	for _, want := range []struct {
		name   string
		labels []string
		value  float64
	}{
		{"sqledger_ledgers_closed_total", nil, 3},
		{"sqledger_ledger_index", nil, 4},
		{"sqledger_eventlog_append_seconds", nil, 3},
		{"sqledger_transactions_total", []string{"result=tesSUCCESS"}, txs},
		{"sqledger_submit_to_validated_seconds", nil, txs},
		{"sqledger_sql_results_total", []string{"status=db_success"}, 1 + inserts},
		{"sqledger_sql_results_total", []string{"status=db_error"}, 0},
		{"sqledger_validated_to_db_seconds", nil, 1 + inserts},
		{"sqledger_projection_lag_ledgers", nil, 0},
		{"sqledger_open_transactions", nil, 0},
		{"sqledger_rpc_http_requests_in_flight", nil, 0},
		{"sqledger_sessions", []string{"dialect=chainsql"}, 2},
		{"sqledger_sessions", []string{"dialect=nkn"}, 1},
		{"sqledger_sessions", []string{"dialect=none"}, 1},
		{"sqledger_ws_notifications_dropped_total", nil, 0},
	} {
		if got := value(fams, want.name, want.labels...); got != want.value {
			t.Errorf("%s%v = %v, want %v", want.name, want.labels, got, want.value)
		}
	}
	if got := len(fams["sqledger_transactions_total"].GetMetric()); got != 1 {
		t.Errorf("sqledger_transactions_total has %d results, want tesSUCCESS only", got)
	}
	// Every ledger since genesis, the ones replayed at start included.
	if got := value(fams, "sqledger_sql_apply_seconds"); got < 3 {
		t.Errorf("sqledger_sql_apply_seconds count %v, want at least the 3 ledgers closed", got)
	}
	if value(fams, "go_goroutines") <= 0 || value(fams, "process_open_fds") <= 0 {
		t.Error("the Go and process collectors are missing")
	}

	status, body := get(t, "http://"+n.MetricsServer.Addr().String()+"/health")
	var h metrics.Health
	if err := json.Unmarshal(body, &h); err != nil || status != http.StatusOK || h.Status != "ok" || h.LedgerIndex != 4 || h.OpenTransactions != 0 {
		t.Fatalf("/health: HTTP %d %s", status, body)
	}
}

// TestMetricsAdminOnly: /metrics is for admin addresses; /health
// answers anyone.
func TestMetricsAdminOnly(t *testing.T) {
	n := startNode(t, func(c *node.Config) { c.AdminNets = []netip.Prefix{} })
	base := "http://" + n.MetricsServer.Addr().String()
	if status, body := get(t, base+"/metrics"); status != http.StatusForbidden || !strings.Contains(string(body), "Forbidden") {
		t.Fatalf("/metrics from a non-admin address: HTTP %d %s", status, body)
	}
	if status, body := get(t, base+"/health"); status != http.StatusOK || !strings.Contains(string(body), `"status":"ok"`) {
		t.Fatalf("/health: HTTP %d %s", status, body)
	}
}
