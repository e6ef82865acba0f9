package actors

import (
	"time"

	"github.com/asynkron/protoactor-go/actor"
	"github.com/panjf2000/ants/v2"
)

// mailboxThroughput is how many messages a mailbox run handles before it
// yields, protoactor's default.
const mailboxThroughput = 300

// workerIdle is how long a pool goroutine waits for another mailbox run
// before it ends.
const workerIdle = 10 * time.Second

// poolDispatcher runs the actors' mailboxes on a pool of long-lived
// goroutines (ants) instead of protoactor's default of a new goroutine
// for every run of a mailbox. A session's request goes through JSON
// decoding, a signature check and the SQL store: a fresh goroutine's
// stack grew, and was copied, several times on every request (12.6 % of
// the node's CPU in a point r_get profile). A pool goroutine keeps the
// stack it grew. The pool has no size limit, so Schedule never waits:
// a mailbox is never held up behind another actor that blocks.
type poolDispatcher struct {
	pool *ants.Pool
}

var _ actor.Dispatcher = poolDispatcher{}

// newPoolDispatcher starts a pool; release ends its idle goroutines.
func newPoolDispatcher() (poolDispatcher, error) {
	p, err := ants.NewPool(-1, ants.WithExpiryDuration(workerIdle))
	if err != nil {
		return poolDispatcher{}, err
	}
	return poolDispatcher{pool: p}, nil
}

// Schedule runs fn on an idle pool goroutine, or a new one. Once the pool
// is released (the node stopping), fn runs on a goroutine of its own, so
// that a late message is still handled.
func (d poolDispatcher) Schedule(fn func()) {
	if err := d.pool.Submit(fn); err != nil {
		go fn()
	}
}

// Throughput is how many messages a mailbox run handles before yielding.
func (d poolDispatcher) Throughput() int { return mailboxThroughput }

// release ends the pool's goroutines as they become idle.
func (d poolDispatcher) release() { d.pool.Release() }

// props is actor.PropsFromProducer on dispatcher d.
func props(d actor.Dispatcher, p actor.Producer) *actor.Props {
	return actor.PropsFromProducer(p, actor.WithDispatcher(d))
}
