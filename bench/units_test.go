package main

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestPercentiles(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = ms(100 - i) // unsorted: summarize sorts
	}
	for _, tc := range []struct {
		name    string
		samples []time.Duration
		want    Latency
	}{
		{"empty", nil, Latency{}},
		{"one", []time.Duration{ms(7)}, Latency{Count: 1, Mean: Duration(ms(7)), P50: Duration(ms(7)), P90: Duration(ms(7)), P99: Duration(ms(7)), Max: Duration(ms(7))}},
		{"1..100 ms", hundred, Latency{Count: 100, Mean: Duration(50500 * time.Microsecond), P50: Duration(ms(50)), P90: Duration(ms(90)), P99: Duration(ms(99)), Max: Duration(ms(100))}},
		{"four", []time.Duration{ms(4), ms(1), ms(3), ms(2)}, Latency{Count: 4, Mean: Duration(2500 * time.Microsecond), P50: Duration(ms(2)), P90: Duration(ms(4)), P99: Duration(ms(4)), Max: Duration(ms(4))}},
	} {
		if got := summarize(tc.samples); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestSeries(t *testing.T) {
	evs := []event{
		{at: 100 * time.Millisecond, latency: time.Second},
		{at: 900 * time.Millisecond, latency: 3 * time.Second},
		{at: 1500 * time.Millisecond, latency: 2 * time.Second},
		{at: 5 * time.Second}, // past the span: left out
	}
	r := rateSeries("r", evs, time.Second, 2*time.Second)
	if len(r.Y) != 2 || r.Y[0] != 2 || r.Y[1] != 1 || r.X[1] != 1 {
		t.Errorf("rate series %+v", r)
	}
	r = rateSeries("r", evs, 500*time.Millisecond, time.Second)
	if len(r.Y) != 2 || r.Y[0] != 2 || r.Y[1] != 2 {
		t.Errorf("rate series per 500 ms %+v", r)
	}
	q := quantileSeries("q", evs, 1, time.Second, 2*time.Second)
	if len(q.Y) != 2 || q.Y[0] != 3 || q.Y[1] != 2 {
		t.Errorf("max series %+v", q)
	}
	if b := bucketFor(10*time.Minute, time.Second); b != 4*time.Second {
		t.Errorf("bucket for 10 min: %s", b)
	}
	if b := bucketFor(30*time.Second, time.Second); b != time.Second {
		t.Errorf("bucket for 30 s: %s", b)
	}
}

func TestEngineTotals(t *testing.T) {
	e := newEngine(engineConfig{}, []*lane{{txs: make([]plannedTx, 3)}, {txs: make([]plannedTx, 2)}})
	set := func(l, i int, sent, done time.Duration, out uint32) {
		r := &e.records[l][i]
		r.sent.Store(int64(sent))
		if out == outValidated {
			r.validated.Store(int64(done))
		}
		r.done.Store(int64(done))
		r.outcome.Store(out)
	}
	set(0, 0, time.Second, 2*time.Second, outValidated)
	set(0, 1, 2*time.Second, 5*time.Second, outValidated)
	set(0, 2, 3*time.Second, 0, outPending)
	set(1, 0, 4*time.Second, 4*time.Second, outFailed)
	// (1, 1) was never sent.
	e.failures["submit tefPAST_SEQ"] = 1
	got := e.totals()
	if got.Submitted != 4 || got.Validated != 2 || got.Failed != 1 || got.Unresolved != 1 || got.DB != nil {
		t.Errorf("counts %+v", got)
	}
	if got.Span != Duration(4*time.Second) || got.TPS != 0.5 {
		t.Errorf("span %s, tps %v; want 4 s and 0.5", got.Span, got.TPS)
	}
	if got.Latency.P50 != Duration(time.Second) || got.Latency.Max != Duration(3*time.Second) {
		t.Errorf("latency %+v", got.Latency)
	}
	if r := got.failureReasons(); len(r) != 1 || r[0] != "submit tefPAST_SEQ" {
		t.Errorf("failure reasons %v", r)
	}
}

// TestEngineTotalsDB is TestEngineTotals for table transactions, which
// resolve on db_success or db_error after their validation.
func TestEngineTotalsDB(t *testing.T) {
	e := newEngine(engineConfig{waitDB: true}, []*lane{{txs: make([]plannedTx, 5)}})
	set := func(i int, sent, valid, done time.Duration, out uint32) {
		r := &e.records[0][i]
		r.sent.Store(int64(sent))
		r.validated.Store(int64(valid))
		r.done.Store(int64(done))
		r.outcome.Store(out)
	}
	set(0, time.Second, 2*time.Second, 3*time.Second, outDBSuccess)
	set(1, time.Second, 3*time.Second, 5*time.Second, outDBSuccess)
	set(2, 2*time.Second, 3*time.Second, 4*time.Second, outDBError)
	set(3, 2*time.Second, 6*time.Second, 0, outPending) // validated, no db_* yet
	set(4, 3*time.Second, 0, 3*time.Second, outFailed)
	got := e.totals()
	if got.Submitted != 5 || got.Validated != 4 || got.Failed != 1 || got.Unresolved != 1 {
		t.Errorf("counts %+v", got)
	}
	if db := got.DB; db == nil || db.Success != 2 || db.Error != 1 {
		t.Fatalf("db %+v", got.DB)
	}
	// Validations: latencies 1, 2, 1 and 4 s, the last at 6 s; db_success:
	// 2 and 4 s, the last at 5 s, 4 s after the first submit.
	if got.Span != Duration(5*time.Second) || got.TPS != 0.8 || got.Latency.Max != Duration(4*time.Second) {
		t.Errorf("validated span %s, tps %v, latency %+v", got.Span, got.TPS, got.Latency)
	}
	if db := got.DB; db.Span != Duration(4*time.Second) || db.PerSecond != 0.5 || db.Latency.P50 != Duration(2*time.Second) || db.Latency.Max != Duration(4*time.Second) {
		t.Errorf("db span %s, per second %v, latency %+v", db.Span, db.PerSecond, db.Latency)
	}
}

func TestFrames(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{string(submitFrame(4, "12AB")), `{"command":"submit","id":4,"tx_blob":"12AB"}`},
		{string(subscribeTxFrame(3, "FF00")), `{"command":"subscribe","id":3,"transaction":"FF00"}`},
		{string(commandFrame("ping", 12)), `{"command":"ping","id":12}`},
		{string(subscribeLedgerFrame(1)), `{"command":"subscribe","id":1,"streams":["ledger"]}`},
		{string(nknFrame("heartbeat")), `{"Action":"heartbeat"}`},
	} {
		if tc.got != tc.want {
			t.Errorf("frame %s, want %s", tc.got, tc.want)
		}
	}
}

func TestParseInbound(t *testing.T) {
	for _, tc := range []struct {
		frame string
		check func(in inbound) bool
	}{
		{`{"id":4,"result":{"engine_result":"tesSUCCESS","tx_json":{"Account":"z"}},"status":"success","type":"response"}`,
			func(in inbound) bool { return in.isResponse() && *in.ID == 4 && in.Result.EngineResult == "tesSUCCESS" }},
		{`{"error":"invalidTransaction","id":2,"status":"error","type":"response"}`,
			func(in inbound) bool {
				return in.isResponse() && in.Error == "invalidTransaction" && in.Status == "error"
			}},
		{`{"status":"validate_success","transaction":{"Account":"z","hash":"ABCD"},"type":"singleTransaction"}`,
			func(in inbound) bool {
				return in.Type == "singleTransaction" && in.Transaction.Hash == "ABCD" && !in.isResponse()
			}},
		{`{"fee_base":10,"ledger_hash":"AA","ledger_index":7,"txn_count":3,"type":"ledgerClosed"}`,
			func(in inbound) bool { return in.LedgerIndex == 7 && in.TxnCount == 3 && in.LedgerHash == "AA" }},
		// NKN: "Error" and "Result" must not land in the ChainSQL fields.
		{`{"Action":"updateSigChainBlockHash","Desc":"SUCCESS","Error":0,"Result":"fe57","Version":"1.0.0"}`,
			func(in inbound) bool {
				return in.Action == "updateSigChainBlockHash" && string(in.NKNResult) == `"fe57"` && in.Error == "" && in.NKNError == 0
			}},
		{`{"Action":"heartbeat","Desc":"SUCCESS","Error":0,"Result":"5a232d0c","Version":"1.0.0"}`,
			func(in inbound) bool { return pushModes["nkn"].answered(&in) && !pushModes["ledger"].answered(&in) }},
	} {
		in, err := parseInbound([]byte(tc.frame))
		if err != nil || !tc.check(in) {
			t.Errorf("%s: %+v, %v", tc.frame, in, err)
		}
	}
	if _, err := parseInbound([]byte("not json")); err == nil {
		t.Error("a frame that is not JSON parsed")
	}
}

func TestPushModes(t *testing.T) {
	parse := func(s string) *inbound {
		in, err := parseInbound([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return &in
	}
	ledger, nkn := pushModes["ledger"], pushModes["nkn"]
	closed := parse(`{"type":"ledgerClosed","ledger_index":12}`)
	if k, ok := ledger.push(closed); !ok || k != "12" {
		t.Errorf("ledger push key %q %v", k, ok)
	}
	if _, ok := nkn.push(closed); ok {
		t.Error("nkn mode took a ledgerClosed frame for its push")
	}
	push := parse(`{"Action":"updateSigChainBlockHash","Error":0,"Result":"fe57"}`)
	if k, ok := nkn.push(push); !ok || k != `"fe57"` {
		t.Errorf("nkn push key %q %v", k, ok)
	}
	if !ledger.setupDone(parse(`{"id":1,"result":{"ledger_index":3},"status":"success","type":"response"}`)) {
		t.Error("subscribe answer not recognised")
	}
	if !ledger.answered(parse(`{"id":9,"result":{},"status":"success","type":"response"}`)) {
		t.Error("ping answer not recognised")
	}
	if _, ok := pushModes[defaultPush]; !ok {
		t.Errorf("default push %q is not a mode", defaultPush)
	}
}

func TestSourceIP(t *testing.T) {
	for _, tc := range []struct {
		i, per int
		want   string
	}{
		{0, 5000, "127.0.0.1"},
		{4999, 5000, "127.0.0.1"},
		{5000, 5000, "127.0.0.2"},
		{9999, 5000, "127.0.0.2"},
		{254, 1, "127.0.0.255"},
		{255, 1, "127.0.1.0"},
		{300, 1, "127.0.1.45"},
	} {
		if got := sourceIP(tc.i, tc.per); got != tc.want {
			t.Errorf("sourceIP(%d, %d) = %s, want %s", tc.i, tc.per, got, tc.want)
		}
	}
}

func TestProcParsing(t *testing.T) {
	status := []byte("Name:\tnode\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\nThreads:\t7\n")
	if n, err := procKiB(status, "VmRSS:"); err != nil || n != 123456*1024 {
		t.Errorf("VmRSS %d, %v", n, err)
	}
	if _, err := procKiB(status, "VmSwap:"); err == nil {
		t.Error("a missing line parsed")
	}
	if _, err := procKiB([]byte("VmRSS: 12 MB\n"), "VmRSS:"); err == nil {
		t.Error("a line not in kB parsed")
	}
	// Field 2 holds spaces and parentheses; utime 250 and stime 50 ticks.
	stat := []byte("4242 (node (x) y) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 50 0 0 20 0 9 0 100 0 0")
	if s, err := parseStatCPU(stat); err != nil || s != 3 {
		t.Errorf("stat CPU %v, %v; want 3 s", s, err)
	}
	if _, err := parseStatCPU([]byte("4242 (node) S 1")); err == nil {
		t.Error("a short stat line parsed")
	}
	meminfo := []byte("MemTotal:       24680000 kB\nMemFree:         1000 kB\n")
	if n, err := memTotal(meminfo); err != nil || n != 24680000*1024 {
		t.Errorf("MemTotal %d, %v", n, err)
	}
	if m := cpuModel([]byte("processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n")); m != "AMD EPYC 7B13" {
		t.Errorf("CPU model %q", m)
	}
}

func TestReplayOutput(t *testing.T) {
	out := []byte("ledgers:      102\ntransactions: 1001000\nseconds:      8.250\ntx/s:         121333\nmismatches:   0\n")
	s, err := parseReplaySummary(out)
	if err != nil || s != (replaySummary{ledgers: 102, txs: 1001000, seconds: 8.25}) {
		t.Errorf("summary %+v, %v", s, err)
	}
	mis := []byte("ledgers:      3\ntransactions: 10\nseconds:      0.1\nmismatches:   1\n  ledger 3: ledger hash: recorded AA, recomputed BB\n")
	if s, err := parseReplaySummary(mis); err != nil || s.mismatches != 1 || s.ledgers != 3 {
		t.Errorf("summary with a mismatch %+v, %v", s, err)
	}
	if _, err := parseReplaySummary([]byte("ledgers: 3\n")); err == nil {
		t.Error("a summary without transactions parsed")
	}
	bar := "\r                    \rreplaying ledgers  10% |███      | (10/100, 20 ledgers/s) [0s:4s]\rreplaying ledgers  55% |█████    | (55/100, 30 ledgers/s) [1s:1s]\r"
	pts := readProgress(strings.NewReader(bar), time.Now())
	if len(pts) != 2 || pts[0].ledger != 10 || pts[1].ledger != 55 {
		t.Errorf("progress %+v", pts)
	}
}

func TestFormats(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{formatCount(0), "0"},
		{formatCount(999), "999"},
		{formatCount(1000), "1,000"},
		{formatCount(1234567), "1,234,567"},
		{formatCount(-1234), "-1,234"},
		{formatRate(12345.6), "12,346"},
		{formatRate(123.4), "123"},
		{formatRate(12.34), "12.3"},
		{formatRate(1.234), "1.23"},
		{formatDuration(1500 * time.Nanosecond), "1.5 µs"},
		{formatDuration(12340 * time.Microsecond), "12.3 ms"},
		{formatDuration(2346 * time.Millisecond), "2.35 s"},
		{formatBytes(1536), "1.5 KiB"},
		{formatBytes(3 << 20), "3 MiB"},
		{formatBytes(5 << 30), "5 GiB"},
		{formatRatio(0.4567), "45.7 %"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
	b, err := Duration(1500 * time.Millisecond).MarshalJSON()
	if err != nil || string(b) != "1.5" {
		t.Errorf("Duration JSON %s, %v", b, err)
	}
}

func TestLoopbackURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want error
	}{
		{"ws://127.0.0.1:6006/", nil},
		{"ws://127.9.8.7:1/", nil},
		{"ws://localhost:6006/", nil},
		{"ws://[::1]:6006/", nil},
		{"ws://10.0.0.1:6006/", errNotLoopback},
		{"ws://example.com:6006/", errNotLoopback},
		{"http://127.0.0.1:6006/", errBadOption},
	} {
		if err := checkLoopbackURL(tc.url); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.url, err, tc.want)
		}
	}
}
