package actors

import (
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/tx"
)

// ledgerActor is the sequencer: it holds the open ledger, closes it on a
// timer (or when full, or on ledger_accept), applies its transactions
// through ledger.State.Close, appends the closed ledger to the event log
// in one synced batch, and only then updates the view and publishes it.
type ledgerActor struct {
	st       *ledger.State
	log      *eventlog.Log
	view     *View
	clock    func() time.Time
	interval time.Duration
	maxTxs   int
	logger   *slog.Logger
	// fanout receives every published ledger (the account router and the
	// hub).
	fanout []*actor.PID
	// fatal stops the node: the ledger cannot be made durable.
	fatal func(error)
	// appended is called after each durable append (wakes the SQL
	// projection); it must not block.
	appended func()

	open   []*tx.Tx
	count  *atomic.Int64 // len(open), for the fee command
	failed bool
	stop   chan struct{}
}

func (a *ledgerActor) Receive(ctx actor.Context) {
	switch m := ctx.Message().(type) {
	case *actor.Started:
		a.stop = make(chan struct{})
		go tick(ctx.ActorSystem().Root, ctx.Self(), a.interval, a.stop)
	case *actor.Stopping:
		close(a.stop)
	case *openTx:
		if a.failed {
			return
		}
		a.open = append(a.open, m.tx)
		a.count.Store(int64(len(a.open)))
		if len(a.open) >= a.maxTxs {
			a.close(ctx)
		}
	case closeTick:
		if len(a.open) > 0 {
			a.close(ctx)
		}
	case *acceptLedger:
		err := a.close(ctx)
		ctx.Send(m.replyTo, &acceptedLedger{token: m.token, current: a.st.Header().Seq + 1, err: err})
	}
}

// tick sends closeTick every interval until stop is closed.
func tick(root *actor.RootContext, pid *actor.PID, interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			root.Send(pid, closeTick{})
		}
	}
}

// close closes the open ledger. A failed append stops the sequencer for
// good: the ledger it built is not durable, so it is never published,
// and the node is told to stop.
func (a *ledgerActor) close(ctx actor.Context) error {
	if a.failed {
		return fmt.Errorf("ledger: sequencer stopped after a failed append")
	}
	start := time.Now()
	closed := a.st.Close(a.open, rippleTime(a.clock()))
	a.open = a.open[:0:0]
	a.count.Store(0)
	if err := a.log.Append(ledgerlog.Record(closed)); err != nil {
		a.failed = true
		err = fmt.Errorf("append ledger %d: %w", closed.Header.Seq, err)
		a.fatal(err)
		return err
	}
	a.view.apply(closed)
	msg := &published{closed: closed}
	for _, pid := range a.fanout {
		ctx.Send(pid, msg)
	}
	// After the hub has its copy: validate_* always precede db_*.
	a.appended()
	a.logger.Info("ledger closed",
		"seq", closed.Header.Seq,
		"hash", fmt.Sprintf("%X", closed.Hash[:]),
		"txs", len(closed.Txs),
		"rejected", len(closed.Rejected),
		"took", time.Since(start).Round(time.Microsecond))
	return nil
}

// rippleTime converts a wall-clock time to Ripple epoch seconds.
func rippleTime(t time.Time) uint32 {
	s := t.Unix() - ledger.RippleEpoch
	if s < 0 {
		return 0
	}
	return uint32(s)
}
