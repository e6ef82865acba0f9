package consensus_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tx"
)

// recorder is an Application that records the blocks it is given.
type recorder struct {
	mu        sync.Mutex
	height    uint32
	finalized *consensus.Block
	blocks    []consensus.Block
	commitErr error
	closed    chan consensus.Block
	// during, if set, runs inside the first FinalizeBlock.
	during func()
}

func newRecorder() *recorder { return &recorder{height: 1, closed: make(chan consensus.Block, 100)} }

func (r *recorder) Info() consensus.Info {
	r.mu.Lock()
	defer r.mu.Unlock()
	return consensus.Info{Height: r.height, Hash: hash.Hash256{byte(r.height)}}
}

func (r *recorder) FinalizeBlock(b consensus.Block) (*ledger.Closed, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b.Height != r.height+1 {
		return nil, fmt.Errorf("block %d after %d", b.Height, r.height)
	}
	r.finalized = &b
	if r.during != nil {
		r.during()
		r.during = nil
	}
	return &ledger.Closed{Header: ledger.Header{Seq: b.Height, CloseTime: b.Time}}, nil
}

func (r *recorder) Commit() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.commitErr != nil {
		return r.commitErr
	}
	b := *r.finalized
	r.height = b.Height
	r.blocks = append(r.blocks, b)
	r.closed <- b
	return nil
}

func (r *recorder) next(t *testing.T) consensus.Block {
	t.Helper()
	select {
	case b := <-r.closed:
		return b
	case <-time.After(10 * time.Second):
		t.Fatal("no ledger closed")
		return consensus.Block{}
	}
}

// txs are distinct transactions, told apart by their hash.
func txs(n, from int) []*tx.Tx {
	out := make([]*tx.Tx, n)
	for i := range out {
		out[i] = &tx.Tx{Hash: hash.Hash256{byte(from + i), byte((from + i) >> 8)}}
	}
	return out
}

// run starts a Solo on app until the test ends; the channel it returns
// delivers Run's error.
func run(t *testing.T, cfg consensus.SoloConfig, app consensus.Application) (*consensus.Solo, <-chan error) {
	t.Helper()
	solo, err := consensus.NewSolo(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done, stopped := make(chan error, 1), make(chan struct{})
	go func() {
		defer close(stopped)
		done <- solo.Run(ctx, app)
	}()
	t.Cleanup(func() { cancel(); <-stopped })
	return solo, done
}

func TestSoloClosesWhenFull(t *testing.T) {
	app := newRecorder()
	at := time.Unix(ledger.RippleEpoch+1000, 0)
	solo, _ := run(t, consensus.SoloConfig{Interval: time.Hour, MaxTxs: 3, Clock: func() time.Time { return at }}, app)
	in := txs(7, 0)
	for _, x := range in {
		solo.Submit(x)
	}
	for i, want := range [][]*tx.Tx{in[0:3], in[3:6]} {
		b := app.next(t)
		if b.Height != uint32(2+i) || b.Time != 1000 || len(b.Txs) != 3 {
			t.Fatalf("block %d: height %d, time %d, %d txs", i, b.Height, b.Time, len(b.Txs))
		}
		for j := range want {
			if b.Txs[j] != want[j] {
				t.Fatalf("block %d: tx %d out of order", i, j)
			}
		}
	}
	if n := solo.Pending(); n != 1 {
		t.Fatalf("%d pending, want the seventh", n)
	}
}

func TestSoloClosesOnTheInterval(t *testing.T) {
	app := newRecorder()
	solo, _ := run(t, consensus.SoloConfig{Interval: 5 * time.Millisecond, MaxTxs: 100}, app)
	time.Sleep(30 * time.Millisecond)
	if n := len(app.closed); n != 0 {
		t.Fatalf("%d empty ledgers closed on the timer", n)
	}
	solo.Submit(txs(1, 0)[0])
	if b := app.next(t); b.Height != 2 || len(b.Txs) != 1 {
		t.Fatalf("height %d, %d txs", b.Height, len(b.Txs))
	}
}

// TestSoloOneLedgerPerTick: what arrives while a ledger closes waits
// for the next tick instead of closing a second ledger at once.
func TestSoloOneLedgerPerTick(t *testing.T) {
	const interval = 50 * time.Millisecond
	app := newRecorder()
	in := txs(2, 0)
	var solo *consensus.Solo
	app.during = func() { solo.Submit(in[1]) }
	solo, _ = run(t, consensus.SoloConfig{Interval: interval, MaxTxs: 100}, app)
	solo.Submit(in[0])
	first := app.next(t)
	at := time.Now()
	second := app.next(t)
	if gap := time.Since(at); gap < interval/2 {
		t.Fatalf("the second ledger closed %v after the first, before the next tick", gap)
	}
	if len(first.Txs) != 1 || first.Txs[0] != in[0] || len(second.Txs) != 1 || second.Txs[0] != in[1] {
		t.Fatalf("blocks of %d and %d txs", len(first.Txs), len(second.Txs))
	}
}

func TestSoloAccept(t *testing.T) {
	app := newRecorder()
	solo, _ := run(t, consensus.SoloConfig{Interval: time.Hour, MaxTxs: 100}, app)
	answers := make(chan uint32, 2)
	solo.Accept(func(next uint32, err error) {
		if err != nil {
			t.Error(err)
		}
		answers <- next
	})
	if b := app.next(t); b.Height != 2 || len(b.Txs) != 0 {
		t.Fatalf("accept closed height %d with %d txs", b.Height, len(b.Txs))
	}
	if next := <-answers; next != 3 {
		t.Fatalf("next ledger %d, want 3", next)
	}
	solo.Submit(txs(1, 0)[0])
	solo.Accept(func(next uint32, err error) { answers <- next })
	if b := app.next(t); b.Height != 3 || len(b.Txs) != 1 {
		t.Fatalf("second accept: height %d, %d txs", b.Height, len(b.Txs))
	}
	if next := <-answers; next != 4 {
		t.Fatalf("next ledger %d, want 4", next)
	}
}

func TestSoloStopsOnAFailedCommit(t *testing.T) {
	app := newRecorder()
	app.commitErr = errors.New("disk full")
	solo, done := run(t, consensus.SoloConfig{Interval: time.Hour, MaxTxs: 100}, app)
	answered := make(chan error, 1)
	solo.Accept(func(_ uint32, err error) { answered <- err })
	if err := <-answered; !errors.Is(err, app.commitErr) {
		t.Fatalf("accept answered %v", err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, app.commitErr) {
			t.Fatalf("Run returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run went on after a failed commit")
	}
	late := make(chan error, 1)
	solo.Accept(func(_ uint32, err error) { late <- err })
	if len(late) != 0 {
		t.Fatal("an accept after Run ended was answered as if closed")
	}
}

func TestNewSoloRefusesBadConfig(t *testing.T) {
	for _, cfg := range []consensus.SoloConfig{{Interval: 0, MaxTxs: 1}, {Interval: time.Second, MaxTxs: 0}} {
		if _, err := consensus.NewSolo(cfg); err == nil {
			t.Errorf("NewSolo(%+v) accepted", cfg)
		}
	}
}
