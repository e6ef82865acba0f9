// Package workpool runs short tasks on long-lived goroutines.
//
// The node starts a goroutine for every run of an actor's mailbox and
// every SQL query: hundreds of thousands a second under load. A fresh
// goroutine starts with a small stack, and one that decodes JSON, checks
// a signature or queries SQLite grows it, and copies it, several times
// on every run. A Pool hands tasks to goroutines that already ran some, whose stacks
// have grown (github.com/panjf2000/ants). It has no size limit, so Go
// never waits for another task to finish: a task that blocks holds up
// nobody but itself, as with the go statement.
//
// The gateway's session writers do not use it: a push to 19,000
// sessions hands out 19,000 writers at once from one goroutine, and
// through the pool's lock the deliveries' p99 was 457–502 ms against
// 406–421 ms with a goroutine each (bench sessions, side by side).
package workpool

import (
	"time"

	"github.com/panjf2000/ants/v2"
)

// idle is how long a pool goroutine waits for another task before it
// ends.
const idle = 10 * time.Second

// Pool runs tasks on long-lived goroutines. The zero Pool, and a
// released one, run each task on a goroutine of its own.
type Pool struct {
	p *ants.Pool
}

// New returns a pool with no goroutines yet.
func New() *Pool {
	// ants refuses only options out of range; these are in range, and
	// a pool it refused would still run every task, unpooled.
	p, _ := ants.NewPool(-1, ants.WithExpiryDuration(idle))
	return &Pool{p: p}
}

// Go runs fn on an idle pool goroutine, or on a new one. It never
// blocks.
func (p *Pool) Go(fn func()) {
	if p == nil || p.p == nil || p.p.Submit(fn) != nil {
		go fn()
	}
}

// Release ends the pool's goroutines as they become idle; tasks given to
// Go afterwards run unpooled.
func (p *Pool) Release() {
	if p != nil && p.p != nil {
		p.p.Release()
	}
}
