package consensus

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/tx"
)

// SoloConfig configures the standalone engine.
type SoloConfig struct {
	// Interval is how often a ledger closes when transactions wait.
	Interval time.Duration
	// MaxTxs closes a ledger early when that many wait, and is the most
	// one ledger holds.
	MaxTxs int
	// Clock gives close times; nil is time.Now.
	Clock func() time.Time
}

// Solo is the standalone orderer: it queues admitted transactions in
// the order they arrive and closes a ledger of them every Interval (when
// any wait), as soon as MaxTxs wait, or on Accept.
type Solo struct {
	cfg SoloConfig
	mu  sync.Mutex
	// queue holds the admitted transactions; accepts the callers of
	// Accept waiting for their ledger.
	queue   []*tx.Tx
	accepts []func(uint32, error)
	// kick wakes Run when the queue is full or a ledger is asked for.
	kick chan struct{}
}

// NewSolo returns a standalone orderer.
func NewSolo(cfg SoloConfig) (*Solo, error) {
	if cfg.Interval <= 0 {
		return nil, fmt.Errorf("consensus: ledger interval must be positive, got %s", cfg.Interval)
	}
	if cfg.MaxTxs <= 0 {
		return nil, fmt.Errorf("consensus: transactions per ledger must be positive, got %d", cfg.MaxTxs)
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	return &Solo{cfg: cfg, kick: make(chan struct{}, 1)}, nil
}

// Submit queues t for the next ledger.
func (s *Solo) Submit(t *tx.Tx) {
	s.mu.Lock()
	s.queue = append(s.queue, t)
	n := len(s.queue)
	s.mu.Unlock()
	if n >= s.cfg.MaxTxs {
		s.wake()
	}
}

func (s *Solo) wake() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Pending is the number of queued transactions.
func (s *Solo) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// Accept closes a ledger now. done is called on Run's goroutine, with
// ErrStopped if Run ends first.
func (s *Solo) Accept(done func(next uint32, err error)) {
	s.mu.Lock()
	s.accepts = append(s.accepts, done)
	s.mu.Unlock()
	s.wake()
}

// ErrStopped is the error of an Accept that Run ended before answering.
var ErrStopped = errors.New("consensus: the orderer stopped")

// Run closes ledgers until ctx is done or app fails.
func (s *Solo) Run(ctx context.Context, app Application) (err error) {
	t := time.NewTicker(s.cfg.Interval)
	defer t.Stop()
	defer func() {
		for _, done := range s.takeAccepts() {
			done(0, ErrStopped)
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			if s.Pending() > 0 {
				err = s.close(app, s.take())
			}
			if err == nil {
				err = s.closeFull(app)
			}
		case <-s.kick:
			err = s.closeFull(app)
			for _, done := range s.takeAccepts() {
				if err == nil {
					err = s.close(app, s.take())
				}
				done(app.Info().Height+1, err)
			}
		}
		if err != nil {
			return err
		}
	}
}

func (s *Solo) takeAccepts() []func(uint32, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.accepts
	s.accepts = nil
	return a
}

// closeFull closes full ledgers while MaxTxs transactions wait.
func (s *Solo) closeFull(app Application) error {
	for s.Pending() >= s.cfg.MaxTxs {
		if err := s.close(app, s.take()); err != nil {
			return err
		}
	}
	return nil
}

// take removes up to MaxTxs queued transactions, oldest first.
func (s *Solo) take() []*tx.Tx {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := min(len(s.queue), s.cfg.MaxTxs)
	txs := s.queue[:n:n]
	s.queue = append([]*tx.Tx(nil), s.queue[n:]...)
	return txs
}

// close finalizes and commits one block of txs.
func (s *Solo) close(app Application, txs []*tx.Tx) error {
	b := Block{Height: app.Info().Height + 1, Time: RippleTime(s.cfg.Clock()), Txs: txs}
	if _, err := app.FinalizeBlock(b); err != nil {
		return fmt.Errorf("finalize ledger %d: %w", b.Height, err)
	}
	if err := app.Commit(); err != nil {
		return fmt.Errorf("commit ledger %d: %w", b.Height, err)
	}
	return nil
}

// RippleTime converts a wall-clock time to Ripple epoch seconds (zero
// before the epoch).
func RippleTime(t time.Time) uint32 {
	s := t.Unix() - ledger.RippleEpoch
	if s < 0 {
		return 0
	}
	return uint32(s)
}
