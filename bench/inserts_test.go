package main

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"
)

func TestPlanInserts(t *testing.T) {
	senders, err := benchAccounts(context.Background(), 6)
	if err != nil {
		t.Fatal(err)
	}
	p := insertOptions{Sessions: 2, Accounts: 6, Tables: 4, Count: 10, RowsPerTx: 3}
	plan := planInserts(p, senders, feeSchedule{base: 12, perByte: 1})
	// Session 0 owns accounts 0, 2, 4 and sends inserts 0, 2, 4, 6, 8
	// from them in turn; insert k holds rows 3k … 3k+2.
	if got := plan.account[0]; len(got) != 5 || got[0] != 0 || got[1] != 2 || got[2] != 4 || got[3] != 0 {
		t.Fatalf("session 0's senders %v", got)
	}
	if got := plan.account[1]; len(got) != 5 || got[0] != 1 || got[1] != 3 || got[2] != 5 {
		t.Fatalf("session 1's senders %v", got)
	}
	var rows []map[string]any
	if err := json.Unmarshal(plan.perLane[1][2].raw, &rows); err != nil || len(rows) != 3 || rows[0]["id"].(float64) != 15 {
		t.Fatalf("insert 5: %v, %v", rows, err)
	}
	// Each fee is the client's for its Raw; a sender pays the sum of its
	// inserts' fees, and maxFees is the largest sum.
	paid := make([]int64, len(senders))
	for l := range plan.perLane {
		for i, in := range plan.perLane[l] {
			if in.fee != 12+1000+int64(len(in.raw)) {
				t.Errorf("lane %d insert %d: fee %d for %d bytes", l, i, in.fee, len(in.raw))
			}
			paid[plan.account[l][i]] += in.fee
		}
	}
	if paid[4] != plan.perLane[0][2].fee || paid[0] != plan.perLane[0][0].fee+plan.perLane[0][3].fee {
		t.Errorf("fees paid %v", paid)
	}
	if plan.maxFees != slices.Max(paid) {
		t.Errorf("max fees %d, want %d", plan.maxFees, slices.Max(paid))
	}
}

func TestInsertsTarget(t *testing.T) {
	for _, tc := range []struct {
		name      string
		perSecond float64
		rowsPerTx int
		p99       time.Duration
		success   int
		met       bool
	}{
		{"fast enough", 10_000, 1, 2900 * time.Millisecond, 100, true},
		{"rows make the rate", 2_500, 4, time.Second, 100, true},
		{"too slow", 9_999, 1, time.Second, 100, false},
		{"p99 of three intervals", 20_000, 1, 3 * time.Second, 100, false},
		{"one insert missing", 20_000, 1, time.Second, 99, false},
	} {
		r := &insertsResult{RowsPerTx: tc.rowsPerTx, Totals: engineTotals{Submitted: 100,
			DB: &dbTotals{Success: tc.success, PerSecond: tc.perSecond, Latency: Latency{Count: tc.success, P99: Duration(tc.p99)}}}}
		r.finish(time.Second)
		if r.RowsPerSecond != tc.perSecond*float64(tc.rowsPerTx) || r.Target.Met != tc.met || r.Target.P99Bound != Duration(3*time.Second) {
			t.Errorf("%s: rows/s %v, target %+v; want met %v", tc.name, r.RowsPerSecond, r.Target, tc.met)
		}
	}
}
