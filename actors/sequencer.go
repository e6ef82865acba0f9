package actors

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
)

// sequencer is the consensus.Application of the node: it applies each
// ordered block handed to it with ledger.State.Close, appends the closed
// ledger to the event log in one synced batch when the orderer commits
// it, and only then updates the view and publishes it. The orderer's
// goroutine is the only one that calls it, so it has no locks.
type sequencer struct {
	st     *ledger.State
	log    *eventlog.Log
	view   *View
	root   *actor.RootContext
	logger *slog.Logger
	// fanout receives every published ledger (the account and table
	// routers and the hub).
	fanout []*actor.PID
	// appended is called with each ledger after its durable append
	// (it feeds the SQL projection); it must not block.
	appended func(*ledger.Closed)
	// observer is told of each durable ledger.
	observer Observer

	// finalized is the block FinalizeBlock closed, waiting for Commit;
	// took is how long its Close took.
	finalized *ledger.Closed
	took      time.Duration
	// failed is set by a failed append: nothing is applied after it.
	failed bool
}

// errSequencerStopped refuses blocks after a failed append.
var errSequencerStopped = errors.New("the sequencer stopped after a failed append")

// Info returns the last durable ledger.
func (s *sequencer) Info() consensus.Info {
	return consensus.Info{Height: s.st.Header().Seq, Hash: s.st.Hash()}
}

// FinalizeBlock closes b as the next ledger.
func (s *sequencer) FinalizeBlock(b consensus.Block) (*ledger.Closed, error) {
	switch {
	case s.failed:
		return nil, errSequencerStopped
	case s.finalized != nil:
		return nil, fmt.Errorf("ledger %d is finalized and not committed", s.finalized.Header.Seq)
	case b.Height != s.st.Header().Seq+1:
		return nil, fmt.Errorf("block %d does not follow ledger %d", b.Height, s.st.Header().Seq)
	}
	start := time.Now()
	s.finalized = s.st.Close(b.Txs, b.Time)
	s.took = time.Since(start)
	return s.finalized, nil
}

// Commit appends the finalized ledger and publishes it. A failed append
// stops the sequencer for good: the ledger it built is not durable, so
// it is never published.
func (s *sequencer) Commit() error {
	closed := s.finalized
	if closed == nil {
		return errors.New("no finalized ledger to commit")
	}
	s.finalized = nil
	start := time.Now()
	if err := s.log.Append(ledgerlog.Record(closed)); err != nil {
		s.failed = true
		return fmt.Errorf("append ledger %d: %w", closed.Header.Seq, err)
	}
	s.observe(closed, time.Since(start))
	s.view.apply(closed)
	msg := &published{closed: closed}
	for _, pid := range s.fanout {
		s.root.Send(pid, msg)
	}
	// After the hub has its copy: validate_* always precede db_*.
	s.appended(closed)
	s.logger.Info("ledger closed",
		"seq", closed.Header.Seq,
		"hash", fmt.Sprintf("%X", closed.Hash[:]),
		"txs", len(closed.Txs),
		"rejected", len(closed.Rejected),
		"took", (s.took + time.Since(start)).Round(time.Microsecond))
	return nil
}

// observe tells the observer of a durable ledger and its transactions'
// results.
func (s *sequencer) observe(closed *ledger.Closed, appendTook time.Duration) {
	if _, none := s.observer.(noObserver); none {
		return
	}
	hashes := make([]hash.Hash256, len(closed.Txs))
	results := make([]ter.Code, len(closed.Txs))
	for i, ap := range closed.Txs {
		hashes[i], results[i] = ap.Tx.Hash, ap.Meta.Result
	}
	s.observer.LedgerClosed(closed.Header.Seq, hashes, results, appendTook)
}
