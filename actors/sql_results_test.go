package actors

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/sqledger/sqledger/projections"
	"github.com/sqledger/sqledger/protocol/hash"
)

func txHash(b byte) hash.Hash256 { return hash.Hash256{b} }

// TestSQLResultsResolve: a result ends the wait for it and is
// remembered, whether or not anything waited.
func TestSQLResultsResolve(t *testing.T) {
	r := newSQLResults(10)
	t0 := time.Unix(1000, 0)
	w := &dbWait{txj: json.RawMessage(`"a"`)}
	r.await(txHash(1), w, t0)
	if !r.waiting(txHash(1)) || r.waiting(txHash(2)) {
		t.Fatal("waiting: want only the awaited transaction")
	}
	got, ok := r.resolve(projections.Result{TxHash: txHash(1), Status: projections.DBSuccess})
	if !ok || got != w || r.waiting(txHash(1)) {
		t.Fatalf("resolve: %v %v, still waiting %v", got, ok, r.waiting(txHash(1)))
	}
	if _, ok := r.resolve(projections.Result{TxHash: txHash(2), Status: projections.DBError, Error: "no"}); ok {
		t.Fatal("resolve of a transaction nothing waited for")
	}
	if res, ok := r.result(txHash(2)); !ok || res.Error != "no" {
		t.Fatalf("a result nothing waited for is remembered: %v %v", res, ok)
	}
	if _, ok := r.result(txHash(1)); !ok {
		t.Fatal("a result something waited for is remembered")
	}
	if exp := r.expire(t0.Add(time.Hour)); len(exp) != 0 {
		t.Fatalf("expire after the result: %v", exp)
	}
}

// TestSQLResultsExpire: deadlines expire in order, only for those still
// waiting, once.
func TestSQLResultsExpire(t *testing.T) {
	r := newSQLResults(10)
	t0 := time.Unix(1000, 0)
	for i := byte(1); i <= 3; i++ {
		r.await(txHash(i), &dbWait{}, t0.Add(time.Duration(i)*time.Second))
	}
	r.resolve(projections.Result{TxHash: txHash(2)})
	if exp := r.expire(t0); len(exp) != 0 {
		t.Fatalf("expired before any deadline: %v", exp)
	}
	if exp := r.expire(t0.Add(2 * time.Second)); len(exp) != 1 || exp[0] != txHash(1) {
		t.Fatalf("expire at 2 s: %v, want only the first (the second has its result)", exp)
	}
	if r.waiting(txHash(1)) || !r.waiting(txHash(3)) {
		t.Fatal("an expired transaction waits no longer; a later one still does")
	}
	if exp := r.expire(t0.Add(time.Minute)); len(exp) != 1 || exp[0] != txHash(3) {
		t.Fatalf("expire at 1 min: %v", exp)
	}
	if exp := r.expire(t0.Add(time.Hour)); len(exp) != 0 || len(r.deadlines) != 0 {
		t.Fatalf("expired twice: %v, %d deadlines left", exp, len(r.deadlines))
	}
}

// TestSQLResultsCapacity: past its capacity the oldest results are
// forgotten.
func TestSQLResultsCapacity(t *testing.T) {
	r := newSQLResults(3)
	for i := byte(1); i <= 5; i++ {
		r.resolve(projections.Result{TxHash: txHash(i)})
	}
	for i := byte(1); i <= 5; i++ {
		if _, ok := r.result(txHash(i)); ok != (i > 2) {
			t.Fatalf("result %d remembered: %v", i, ok)
		}
	}
	if len(r.recent) != 3 || len(r.order) != 3 {
		t.Fatalf("%d results, %d in order; want 3", len(r.recent), len(r.order))
	}
}
