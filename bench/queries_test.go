package main

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/sqledger/sqledger/protocol/keys"
)

// TestRGetBody checks a signed r_get against the published client's
// shape (chainsql-client-wire.md): signingData is tx_json's text with the
// keys Account, Owner, Tables, Raw, LedgerIndex in that order, TableName
// plain, Raw a JSON string; the signature verifies as the node checks it.
func TestRGetBody(t *testing.T) {
	gk, err := genesisKey()
	if err != nil {
		t.Fatal(err)
	}
	txj := queryTxJSON{Account: genesisAddress, Owner: genesisAddress, Raw: `[[],{"age":{"$gt":20}}]`, LedgerIndex: 9}
	txj.Tables = make([]queryTable, 1)
	txj.Tables[0].Table.TableName = "acc_e_5igtgu"
	body, err := rGetBody(gk, txj)
	if err != nil {
		t.Fatal(err)
	}
	var req struct {
		Command, PublicKey, Signature, SigningData string
		TxJSON                                     json.RawMessage `json:"tx_json"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		t.Fatal(err)
	}
	want := `{"Account":"` + genesisAddress + `","Owner":"` + genesisAddress +
		`","Tables":[{"Table":{"TableName":"acc_e_5igtgu"}}],"Raw":"[[],{\"age\":{\"$gt\":20}}]","LedgerIndex":9}`
	if req.Command != "r_get" || req.SigningData != want || string(req.TxJSON) != want {
		t.Fatalf("r_get %s\nsigningData %s\nwant        %s", body, req.SigningData, want)
	}
	pub, _ := hex.DecodeString(req.PublicKey)
	sig, _ := hex.DecodeString(req.Signature)
	if err := keys.Verify(pub, []byte(req.SigningData), sig, false); err != nil {
		t.Errorf("signature: %v", err)
	}
	if got := string(withID(42, []byte(`{"command":"x"}`))); got != `{"id":42,"command":"x"}` {
		t.Errorf("withID: %s", got)
	}
	admin, err := adminBody("SELECT 1")
	if err != nil || string(admin) != `{"command":"r_get_sql_admin","sql":"SELECT 1"}` {
		t.Errorf("adminBody: %s, %v", admin, err)
	}
}

func TestQueryKinds(t *testing.T) {
	const table = "t_AB"
	for _, tc := range []struct {
		kind  string
		i, n  int
		query string
		want  expectation
	}{
		{"point", 0, 10_000, `[[],{"id":13}]`, expectation{lines: 1, field: "id", value: 13}},
		{"point", 1, 10_000, `[[],{"id":7932}]`, expectation{lines: 1, field: "id", value: 7932}},
		{"range", 0, 10_000, `[["id","amount"],{"id":{"$gt":12,"$lt":63}}]`, expectation{lines: 50}},
		{"range", 0, 30, `[["id","amount"],{"id":{"$gt":-1,"$lt":50}}]`, expectation{lines: 30}},
		{"page", 2, 100, `[[],{"$order":[{"id":-1}],"$limit":{"index":56,"total":20}}]`, expectation{lines: 20}},
		{"page", 2, 5, `[[],{"$order":[{"id":-1}],"$limit":{"index":0,"total":20}}]`, expectation{lines: 5}},
		{"count", 5, 10_000, `[["count(*) as n"]]`, expectation{lines: 1, field: "n", value: 10_000}},
		{"admin", 0, 10_000, "SELECT id, amount FROM t_AB WHERE id >= 13 AND id < 23", expectation{lines: 10}},
	} {
		k, ok := findKind(tc.kind)
		if !ok {
			t.Fatalf("no kind %s", tc.kind)
		}
		q, want := k.build(tc.i, tc.n, table)
		if q != tc.query || want != tc.want {
			t.Errorf("%s %d of %d: %s %+v, want %s %+v", tc.kind, tc.i, tc.n, q, want, tc.query, tc.want)
		}
	}
	seen := map[int]bool{}
	for i := range 1000 {
		seen[spread(i, 1000)] = true
	}
	if len(seen) != 1000 {
		t.Errorf("spread touches %d of 1000 keys", len(seen))
	}
}

func TestExpectationCheck(t *testing.T) {
	lines := func(s string) []json.RawMessage {
		var out []json.RawMessage
		if err := json.Unmarshal([]byte(s), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tc := range []struct {
		want  expectation
		lines string
		why   string
	}{
		{expectation{lines: 1, field: "id", value: 7}, `[{"id":7,"memo":"payment"}]`, ""},
		{expectation{lines: 1, field: "id", value: 7}, `[{"id":8}]`, "wrong answer: id"},
		{expectation{lines: 1, field: "n", value: 3}, `[{"n":"3"}]`, "wrong answer: n"},
		{expectation{lines: 2}, `[{"id":1},{"id":2}]`, ""},
		{expectation{lines: 2}, `[{"id":1}]`, "wrong answer: number of lines"},
		{expectation{lines: 1, field: "id"}, `[7]`, "wrong answer: first line is not an object"},
	} {
		if got := tc.want.check(lines(tc.lines)); got != tc.why {
			t.Errorf("%+v on %s: %q, want %q", tc.want, tc.lines, got, tc.why)
		}
	}
}

func TestParseKinds(t *testing.T) {
	ks, err := parseKinds(kindNames())
	if err != nil || len(ks) != len(queryKinds) || !ks[4].admin || ks[0].admin {
		t.Fatalf("all kinds: %v, %v", ks, err)
	}
	ks, err = parseKinds(" count, point")
	if err != nil || len(ks) != 2 || ks[0].name != "count" || ks[1].name != "point" {
		t.Fatalf("two kinds: %v, %v", ks, err)
	}
	for _, bad := range []string{"", "point,", "point,point", "join"} {
		if _, err := parseKinds(bad); !errors.Is(err, errBadOption) {
			t.Errorf("--kinds %q: %v", bad, err)
		}
	}
}

func TestQueryTotals(t *testing.T) {
	kinds, err := parseKinds("point,admin")
	if err != nil {
		t.Fatal(err)
	}
	e := newQueryEngine(queryEngineConfig{kinds: kinds, window: 2}, nil)
	ms := func(n int) int64 { return int64(n) * int64(time.Millisecond) }
	e.sessions = []*querySession{
		{issued: 3, pending: make([]pendingQuery, 2), records: []queryRecord{
			{kind: 0, sent: ms(1000), done: ms(1002)},
			{kind: 1, sent: ms(1002), done: ms(1003), diff: 4},
			{kind: 0, sent: ms(1003), done: ms(1010), failure: "point wrong answer: id"},
		}},
		{issued: 2, pending: []pendingQuery{{id: 9, kind: 1, sent: ms(1500)}, {}}, records: []queryRecord{
			{kind: 0, sent: ms(1100), done: ms(2000)},
		}},
	}
	got := e.totals()
	if got.Issued != 5 || got.Answered != 3 || got.Failed != 1 || got.Unanswered != 1 {
		t.Errorf("counts %+v", got)
	}
	// Correct answers from 1.000 s (the first send) to 2.000 s.
	if got.Span != Duration(time.Second) || got.QPS != 3 || got.Latency.Max != Duration(900*time.Millisecond) {
		t.Errorf("span %s, qps %v, latency %+v", got.Span, got.QPS, got.Latency)
	}
	p, a := got.Kinds[0], got.Kinds[1]
	if p.Issued != 3 || p.Answered != 2 || p.Failed != 1 || p.QPS != 2 || p.Latency.P50 != Duration(2*time.Millisecond) {
		t.Errorf("point %+v", p)
	}
	if a.Issued != 2 || a.Answered != 1 || a.QPS != 1 || a.Latency.Max != Duration(time.Millisecond) {
		t.Errorf("admin %+v", a)
	}
	if got.Diff != (diffSeen{Max: 4, NonZero: 1}) || got.Failures["point wrong answer: id"] != 1 {
		t.Errorf("diff %+v, failures %v", got.Diff, got.Failures)
	}
}
