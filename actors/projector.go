package actors

import (
	"context"
	"errors"
	"time"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/projections"
	"github.com/sqledger/sqledger/protocol/ter"
)

// dbOutcome carries a ledger's SQL results from the projection to the
// hub, which sends db_success / db_error.
type dbOutcome struct{ out projections.Outcome }

// runProjection keeps the SQL projection caught up with the event log
// in its own goroutine: the sequencer only feeds it each ledger after
// its append (projections.Feed.Push never blocks), so a projection that
// is behind never slows the ledger, and queries keep working while it
// catches up. A fed ledger's table transactions are the sequencer's own
// *tx.Tx values, parsed at admission: the projection decodes and parses
// nothing again; what the feed does not hold, it reads from the log. A failure (the
// SQL store's disk, say) is logged and retried after a pause: the log is
// the source of truth and the projection resumes from its checkpoint.
func (n *Node) runProjection(ctx context.Context) {
	defer close(n.projDone)
	notify := func(out projections.Outcome) {
		statuses := make([]string, len(out.Results))
		for i, r := range out.Results {
			statuses[i] = string(r.Status)
		}
		n.cfg.Observer.Projected(out.Seq, statuses, out.Took)
		if len(out.Results) > 0 {
			n.system.Root.Send(n.hub, &dbOutcome{out: out})
		}
	}
	for {
		err := n.cfg.Projection.Follow(ctx, n.log, n.projFeed, notify)
		if ctx.Err() != nil {
			return
		}
		n.logger.Error("SQL projection stopped; retrying", "err", err)
		if errors.Is(err, projections.ErrClosed) {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// feedProjection hands the projection a ledger that was appended.
func (n *Node) feedProjection(c *ledger.Closed) {
	if n.projFeed == nil {
		return
	}
	closed := projections.Closed{Seq: c.Header.Seq, Hash: c.Hash, CloseTime: ledgerlog.CloseTime(c.Header)}
	for _, ap := range c.Txs {
		if ap.Tx.Type.IsTable() && ap.Meta.Result == ter.TesSUCCESS {
			closed.Txs = append(closed.Txs, ap.Tx)
		}
	}
	n.projFeed.Push(closed)
}

// projectionDiff is how many ledgers the SQL store is behind the last
// closed ledger: the exact number, not chainsqld's (which reports 0 up to
// 3 behind), so that a reader can tell when a write is visible.
func (n *Node) projectionDiff() uint32 {
	h := n.view.Snapshot().Header()
	seq, _, ok := n.cfg.Projection.Checkpoint()
	if !ok || seq >= h.Seq {
		if !ok {
			return h.Seq
		}
		return 0
	}
	return h.Seq - seq
}
