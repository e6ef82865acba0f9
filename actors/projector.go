package actors

import (
	"context"
	"errors"
	"time"

	"github.com/sqledger/sqledger/projections"
)

// dbOutcome carries a ledger's SQL results from the projection to the
// hub, which sends db_success / db_error.
type dbOutcome struct{ out projections.Outcome }

// runProjection keeps the SQL projection caught up with the event log
// in its own goroutine: the sequencer only wakes it (a non-blocking send)
// after each append, so a projection that is behind never slows the
// ledger, and queries keep working while it catches up. A failure (the
// SQL store's disk, say) is logged and retried after a pause: the log is
// the source of truth and the projection resumes from its checkpoint.
func (n *Node) runProjection(ctx context.Context) {
	defer close(n.projDone)
	notify := func(out projections.Outcome) {
		if len(out.Results) > 0 {
			n.system.Root.Send(n.hub, &dbOutcome{out: out})
		}
	}
	for {
		err := n.cfg.Projection.Follow(ctx, n.log, n.projWake, notify)
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

// wakeProjection tells the projection a ledger was appended.
func (n *Node) wakeProjection() {
	if n.projWake == nil {
		return
	}
	select {
	case n.projWake <- struct{}{}:
	default:
	}
}

// projectionDiff is how many ledgers the SQL store is behind the last
// closed ledger: the exact number, not chainsqld's (which reports 0 up to
// 3 behind), so that a reader can tell when a write is visible.
func (n *Node) projectionDiff() uint32 {
	h, _ := n.view.Closed()
	seq, _, ok := n.cfg.Projection.Checkpoint()
	if !ok || seq >= h.Seq {
		if !ok {
			return h.Seq
		}
		return 0
	}
	return h.Seq - seq
}
