package eventlog

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
)

// modelAccountTx is AccountTx computed from the appended ledgers by brute
// force: the reference the index-based implementation is checked against.
func modelAccountTx(ledgers []*Ledger, q AccountTxQuery) (recs []TxRecord, next *Marker) {
	var all []TxRecord
	for _, led := range ledgers {
		if (q.MinSeq != 0 && led.Seq < q.MinSeq) || (q.MaxSeq != 0 && led.Seq > q.MaxSeq) {
			continue
		}
		for i, tx := range led.Txs {
			if slices.Contains(tx.Accounts, q.Account) {
				all = append(all, TxRecord{LedgerSeq: led.Seq, Index: uint32(i), Tx: storedTx(tx)})
			}
		}
	}
	if !q.Forward {
		slices.Reverse(all)
	}
	for _, r := range all {
		if q.Marker != nil {
			before := r.LedgerSeq < q.Marker.LedgerSeq || (r.LedgerSeq == q.Marker.LedgerSeq && r.Index < q.Marker.Index)
			after := r.LedgerSeq > q.Marker.LedgerSeq || (r.LedgerSeq == q.Marker.LedgerSeq && r.Index > q.Marker.Index)
			if (q.Forward && before) || (!q.Forward && after) {
				continue
			}
		}
		if q.Limit > 0 && len(recs) == q.Limit {
			return recs, &Marker{LedgerSeq: r.LedgerSeq, Index: r.Index}
		}
		recs = append(recs, r)
	}
	return recs, nil
}

func TestAccountTxAgainstModel(t *testing.T) {
	l := openLog(t, memFS(), "log")
	defer closeLog(t, l)
	ledgers := appendRange(t, l, 3, 60)

	for acct := uint32(0); acct < 8; acct++ { // 5 and 6 only receive; 7 never appears
		for _, bounds := range [][2]uint32{{0, 0}, {10, 0}, {0, 20}, {15, 40}, {3, 3}, {40, 15}, {61, 0}, {0, 1000}} {
			for _, forward := range []bool{true, false} {
				for _, limit := range []int{0, 1, 3, 1000} {
					q := AccountTxQuery{Account: testAccount(acct), MinSeq: bounds[0], MaxSeq: bounds[1], Forward: forward, Limit: limit}
					name := fmt.Sprintf("acct%d/%d-%d/fwd=%v/limit=%d", acct, bounds[0], bounds[1], forward, limit)
					pageThrough(t, l, ledgers, q, name)
				}
			}
		}
	}
}

// pageThrough follows markers page by page, checking each page against the
// model and that the pages together are the unlimited listing.
func pageThrough(t *testing.T, l *Log, ledgers []*Ledger, q AccountTxQuery, name string) {
	t.Helper()
	full := q
	full.Limit = 0
	wantAll, _ := modelAccountTx(ledgers, full)
	var gotAll []TxRecord
	for page := 0; ; page++ {
		got, next, err := l.AccountTx(q)
		if err != nil {
			t.Fatalf("%s page %d: %v", name, page, err)
		}
		want, wantNext := modelAccountTx(ledgers, q)
		if !recordsEqual(got, want) || !markersEqual(next, wantNext) {
			t.Fatalf("%s page %d: got %d records, next %v; want %d, next %v", name, page, len(got), next, len(want), wantNext)
		}
		gotAll = append(gotAll, got...)
		if next == nil {
			break
		}
		q.Marker = next
	}
	if !recordsEqual(gotAll, wantAll) {
		t.Fatalf("%s: pages hold %d records, the full listing %d", name, len(gotAll), len(wantAll))
	}
}

func TestAccountTxMarkers(t *testing.T) {
	l := openLog(t, memFS(), "log")
	defer closeLog(t, l)
	a, b := testAccount(1), testAccount(2)
	// Ledger 1: a at 0, 2; ledger 2: a at 1; ledger 3: b only.
	leds := []*Ledger{
		{Seq: 1, Hash: testHash("l", 1), Txs: []Tx{{Hash: testHash("t", 10), Accounts: [][20]byte{a}}, {Hash: testHash("t", 11), Accounts: [][20]byte{b}}, {Hash: testHash("t", 12), Accounts: [][20]byte{a, b}}}},
		{Seq: 2, Hash: testHash("l", 2), Txs: []Tx{{Hash: testHash("t", 20), Accounts: [][20]byte{b}}, {Hash: testHash("t", 21), Accounts: [][20]byte{a}}}},
		{Seq: 3, Hash: testHash("l", 3), Txs: []Tx{{Hash: testHash("t", 30), Accounts: [][20]byte{b}}}},
	}
	for _, led := range leds {
		if err := l.Append(led); err != nil {
			t.Fatal(err)
		}
	}
	pos := func(recs []TxRecord) []Marker {
		var out []Marker
		for _, r := range recs {
			out = append(out, Marker{r.LedgerSeq, r.Index})
		}
		return out
	}
	cases := []struct {
		name     string
		q        AccountTxQuery
		want     []Marker
		wantNext *Marker
	}{
		{"forward all", AccountTxQuery{Account: a, Forward: true}, []Marker{{1, 0}, {1, 2}, {2, 1}}, nil},
		{"backward all", AccountTxQuery{Account: a}, []Marker{{2, 1}, {1, 2}, {1, 0}}, nil},
		{"forward limit 2", AccountTxQuery{Account: a, Forward: true, Limit: 2}, []Marker{{1, 0}, {1, 2}}, &Marker{2, 1}},
		{"backward limit 1", AccountTxQuery{Account: a, Limit: 1}, []Marker{{2, 1}}, &Marker{1, 2}},
		{"limit equals count", AccountTxQuery{Account: a, Limit: 3}, []Marker{{2, 1}, {1, 2}, {1, 0}}, nil},
		{"forward from marker", AccountTxQuery{Account: a, Forward: true, Marker: &Marker{1, 2}}, []Marker{{1, 2}, {2, 1}}, nil},
		{"backward from marker", AccountTxQuery{Account: a, Marker: &Marker{1, 2}}, []Marker{{1, 2}, {1, 0}}, nil},
		{"forward marker between entries", AccountTxQuery{Account: a, Forward: true, Marker: &Marker{1, 1}}, []Marker{{1, 2}, {2, 1}}, nil},
		{"backward marker between entries", AccountTxQuery{Account: a, Marker: &Marker{2, 0}}, []Marker{{1, 2}, {1, 0}}, nil},
		{"backward marker past head", AccountTxQuery{Account: a, Marker: &Marker{4294967295, 4294967295}}, []Marker{{2, 1}, {1, 2}, {1, 0}}, nil},
		{"min bound", AccountTxQuery{Account: a, MinSeq: 2, Forward: true}, []Marker{{2, 1}}, nil},
		{"max bound", AccountTxQuery{Account: a, MaxSeq: 1}, []Marker{{1, 2}, {1, 0}}, nil},
		{"marker outside bounds", AccountTxQuery{Account: a, MaxSeq: 1, Marker: &Marker{2, 1}}, []Marker{{1, 2}, {1, 0}}, nil},
		{"no entries in range", AccountTxQuery{Account: a, MinSeq: 3}, nil, nil},
		{"other account", AccountTxQuery{Account: b, MinSeq: 2, Forward: true}, []Marker{{2, 0}, {3, 0}}, nil},
	}
	for _, c := range cases {
		got, next, err := l.AccountTx(c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !slices.Equal(pos(got), c.want) || !markersEqual(next, c.wantNext) {
			t.Errorf("%s: got %v next %v, want %v next %v", c.name, pos(got), next, c.want, c.wantNext)
		}
	}
	if _, _, err := l.AccountTx(AccountTxQuery{Account: a, Limit: -1}); !errors.Is(err, ErrInvalid) {
		t.Errorf("negative limit = %v, want ErrInvalid", err)
	}
}

func TestMarkerJSON(t *testing.T) {
	m := Marker{LedgerSeq: 12345, Index: 7}
	b, err := json.Marshal(m)
	if err != nil || string(b) != `{"ledger":12345,"seq":7}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back Marker
	if err := json.Unmarshal([]byte(`{"ledger":9,"seq":2}`), &back); err != nil || back != (Marker{9, 2}) {
		t.Fatalf("Unmarshal = %+v, %v", back, err)
	}
}

func recordsEqual(a, b []TxRecord) bool {
	return slices.EqualFunc(a, b, txRecordEqual)
}

func markersEqual(a, b *Marker) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}
