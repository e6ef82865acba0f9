package projections

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/sqledger/sqledger/protocol/tx"
)

// Closed is a ledger as the node closed it, before anyone reads it back
// from the log: its sequence, hash and close time, and its table
// transactions that succeeded, in ledger order, already decoded and
// parsed (each keeps its tableop parse). Applying it costs no decoding.
type Closed struct {
	Seq       uint32
	Hash      [32]byte
	CloseTime time.Time
	Txs       []*tx.Tx
}

// MaxFeed is how many closed ledgers a Feed holds for a follower that is
// behind; past it, the follower reads them from the log instead.
const MaxFeed = 256

// Feed hands a follower the ledgers the node closes, in memory. Push
// never blocks: when the follower is MaxFeed ledgers behind, the feed
// forgets what it holds and the follower catches up from the log, which
// has every ledger.
type Feed struct {
	mu     sync.Mutex
	queue  []Closed
	gapped bool
	wake   chan struct{}
}

// NewFeed returns an empty feed.
func NewFeed() *Feed { return &Feed{wake: make(chan struct{}, 1)} }

// Push hands over a ledger that is durable in the log.
func (f *Feed) Push(c Closed) {
	f.mu.Lock()
	if len(f.queue) >= MaxFeed {
		f.queue, f.gapped = nil, true
	}
	f.queue = append(f.queue, c)
	f.mu.Unlock()
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// take returns what the feed holds, and whether it forgot any ledger
// since the last take.
func (f *Feed) take() ([]Closed, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	q, gapped := f.queue, f.gapped
	f.queue, f.gapped = nil, false
	return q, gapped
}

// ApplyClosed applies c, the ledger after the checkpoint, as Apply
// applies its record.
func (p *Projection) ApplyClosed(ctx context.Context, c Closed) (Outcome, error) {
	if err := p.enter("apply"); err != nil {
		return Outcome{}, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if cp := p.cp.Load(); cp != nil && c.Seq != cp.Seq+1 {
		return Outcome{}, fmt.Errorf("projections: apply ledger %d: %w: the checkpoint is ledger %d", c.Seq, ErrOutOfOrder, cp.Seq)
	}
	out, err := p.applyTxs(ctx, c.Seq, c.Hash, c.CloseTime, c.Txs)
	if err != nil {
		return Outcome{}, fmt.Errorf("projections: apply ledger %d: %w", c.Seq, err)
	}
	return out, nil
}

// Follow keeps the projection caught up with the node: it catches up
// from the log, then applies each ledger the feed brings, from memory,
// and reads the log again whenever the feed skips one (it forgot some,
// or the node closed ledgers before Follow began), until ctx is done (it
// then returns ctx's error) or applying a ledger fails. Run it in its own
// goroutine: the ledger never waits for it, and queries keep working
// while it is behind.
func (p *Projection) Follow(ctx context.Context, log Log, feed *Feed, notify func(Outcome)) error {
	for {
		if err := p.CatchUp(ctx, log, notify); err != nil {
			return err
		}
	follow:
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-feed.wake:
			}
			ledgers, gapped := feed.take()
			if gapped {
				break follow
			}
			for _, c := range ledgers {
				cp, _, ok := p.Checkpoint()
				if ok && c.Seq <= cp {
					continue // the log had it first
				}
				if (!ok && c.Seq != 1) || (ok && c.Seq != cp+1) {
					break follow
				}
				out, err := p.ApplyClosed(ctx, c)
				if err != nil {
					return err
				}
				if notify != nil {
					notify(out)
				}
			}
		}
	}
}
