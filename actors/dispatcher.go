package actors

import (
	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/internal/workpool"
)

// mailboxThroughput is how many messages a mailbox run handles before it
// yields, protoactor's default.
const mailboxThroughput = 300

// poolDispatcher runs the actors' mailboxes on a workpool instead of
// protoactor's default of a new goroutine for every run of a mailbox. A
// session's request goes through JSON decoding, a signature check and
// the SQL store: a fresh goroutine's stack grew, and was copied, several
// times on every request (12.6 % of the node's CPU in a point r_get
// profile, 1.4 % on the pool).
type poolDispatcher struct {
	pool *workpool.Pool
}

var _ actor.Dispatcher = poolDispatcher{}

// Schedule runs fn on the pool; it never waits.
func (d poolDispatcher) Schedule(fn func()) { d.pool.Go(fn) }

// Throughput is how many messages a mailbox run handles before yielding.
func (d poolDispatcher) Throughput() int { return mailboxThroughput }

// props is actor.PropsFromProducer on dispatcher d.
func props(d actor.Dispatcher, p actor.Producer) *actor.Props {
	return actor.PropsFromProducer(p, actor.WithDispatcher(d))
}
