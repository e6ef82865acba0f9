package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sqledger/sqledger/protocol/tx"
)

// The engine submits signed transactions over many sessions as the
// ChainSQL client does (subscribe to the hash, then submit the blob, then
// wait for validate_success and, for table transactions, db_success) and
// records when each was submitted, validated and applied to the SQL
// store. Every frame is built before the timed phase.

// plannedTx is a signed transaction ready to send.
type plannedTx struct {
	hash      string // upper-case hex, as the node's notifications carry it
	subscribe []byte
	submit    []byte
}

// lane is one session's transactions, sent in order: an account's
// transactions all go through one lane, so they reach its account actor
// in sequence order.
type lane struct {
	txs    []plannedTx
	byHash map[string]int32
}

// newLane builds the frames of txs. Request ids are 2i+1 (subscribe) and
// 2i+2 (submit) for the i-th transaction.
func newLane(txs []*tx.Tx) *lane {
	l := &lane{txs: make([]plannedTx, len(txs)), byHash: make(map[string]int32, len(txs))}
	for i, t := range txs {
		h := hexUpper(t.Hash[:])
		l.txs[i] = plannedTx{
			hash:      h,
			subscribe: subscribeTxFrame(int64(2*i+1), h),
			submit:    submitFrame(int64(2*i+2), hexUpper(t.Blob)),
		}
		l.byHash[h] = int32(i)
	}
	return l
}

// Outcomes of a transaction. A payment ends validated; a table
// transaction, whose client waits for the SQL store, ends with db_success
// or db_error after its validation.
const (
	outPending uint32 = iota
	outValidated
	outDBSuccess
	outDBError
	outFailed
)

// txRecord is what happened to one transaction, in nanoseconds from the
// start of the phase. The sender writes sent; the session's reader
// writes validated, done and outcome.
type txRecord struct {
	sent      atomic.Int64 // 0: not sent
	validated atomic.Int64 // 0: no validate_success (yet)
	done      atomic.Int64
	outcome   atomic.Uint32
}

// engineConfig says how to drive the lanes.
type engineConfig struct {
	url string
	// urls, when set, replace url: lane i's session dials urls[i%len].
	urls []string
	// localIP is the loopback address the sessions dial from; "" is the
	// system's choice (127.0.0.1).
	localIP string
	// rate is the total offered rate in transactions per second (open
	// loop); 0 is closed loop with window transactions in flight per lane.
	rate   float64
	window int
	// duration bounds the sending; drain bounds the wait for transactions
	// in flight after it.
	duration time.Duration
	drain    time.Duration
	// waitDB resolves each transaction on its db_success or db_error
	// rather than on validate_success, as the ChainSQL client does with
	// expect "db_success".
	waitDB bool
	// onDone is called after each transaction is resolved.
	onDone func()
}

// engine runs lanes and keeps their records.
type engine struct {
	cfg     engineConfig
	lanes   []*lane
	records [][]txRecord
	start   time.Time

	remaining atomic.Int64 // sent and not yet resolved, plus not yet sent
	finished  chan struct{}
	closing   atomic.Bool // the engine is closing the sessions

	mu       sync.Mutex
	failures map[string]int
}

func newEngine(cfg engineConfig, lanes []*lane) *engine {
	e := &engine{cfg: cfg, lanes: lanes, records: make([][]txRecord, len(lanes)), finished: make(chan struct{}), failures: make(map[string]int)}
	total := 0
	for i, l := range lanes {
		e.records[i] = make([]txRecord, len(l.txs))
		total += len(l.txs)
	}
	e.remaining.Store(int64(total))
	if total == 0 {
		close(e.finished)
	}
	return e
}

// run connects one session per lane, sends every lane's transactions and
// waits until all are resolved, or the duration and drain time have
// passed, or ctx ends. It returns an error only when it could not start.
func (e *engine) run(ctx context.Context) error {
	sessions := make([]*laneSession, len(e.lanes))
	for i, l := range e.lanes {
		s := &laneSession{e: e, lane: l, recs: e.records[i], slots: make(chan struct{}, max(e.cfg.window, 1))}
		url := e.cfg.url
		if len(e.cfg.urls) > 0 {
			url = e.cfg.urls[i%len(e.cfg.urls)]
		}
		c, err := dialConn(ctx, url, e.cfg.localIP, s.onFrame)
		if err != nil {
			e.closing.Store(true)
			for _, s := range sessions[:i] {
				s.c.close()
			}
			return fmt.Errorf("session %d: %w", i, err)
		}
		s.c = c
		sessions[i] = s
		go s.watch()
	}
	e.start = time.Now()
	sendCtx, stopSending := context.WithTimeout(ctx, e.cfg.duration)
	defer stopSending()
	var wg sync.WaitGroup
	for i, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.send(sendCtx, i, len(sessions))
		}()
	}
	wg.Wait()
	drain := time.NewTimer(e.cfg.drain)
	defer drain.Stop()
	select {
	case <-e.finished:
	case <-drain.C:
	case <-ctx.Done():
	}
	e.closing.Store(true)
	for _, s := range sessions {
		s.c.close()
	}
	return nil
}

// since is the time from the start of the phase, never 0 (0 means "not
// yet" in a record).
func (e *engine) since(t time.Time) int64 { return max(int64(t.Sub(e.start)), 1) }

// resolve records a transaction's outcome once and reports whether this
// call was the one that did.
func (e *engine) resolve(r *txRecord, outcome uint32, at time.Time, reason string) bool {
	if !r.outcome.CompareAndSwap(outPending, outcome) {
		return false
	}
	r.done.Store(e.since(at))
	if outcome == outFailed || outcome == outDBError {
		e.mu.Lock()
		e.failures[reason]++
		e.mu.Unlock()
	}
	if e.cfg.onDone != nil {
		e.cfg.onDone()
	}
	if e.remaining.Add(-1) == 0 {
		close(e.finished)
	}
	return true
}

// validate records a transaction's validate_success, once.
func (e *engine) validate(r *txRecord, at time.Time) {
	r.validated.CompareAndSwap(0, e.since(at))
}

// skip accounts for transactions that will never be sent.
func (e *engine) skip(n int) {
	if n > 0 && e.remaining.Add(-int64(n)) == 0 {
		close(e.finished)
	}
}
