package gateway

import (
	"runtime"
	"sync"
)

// writerPool is a few goroutines that write for the sessions without
// ever waiting on a socket. A session's writer was a goroutine of its
// own for every run (Conn.drain), and pushing one frame to 19,000
// sessions started 19,000 goroutines, each of which grew its stack to
// reach the write system call. Now a session with something to write is
// handed to the pool first: a pool writer gathers what it took (up to
// corkFlush bytes) corked and sends it with one write that does not
// wait (corkConn.tryFlush). Whenever something would wait (a send
// buffer that is full, more than one buffer's worth, the close
// handshake) the session gets a goroutine of its own for the rest, so a
// peer that stops reading still holds only its own writer. A pool that
// is full or closed hands sessions straight to their own goroutines.
type writerPool struct {
	mu     sync.RWMutex
	closed bool
	ch     chan *Conn
}

// writerBacklog is how many sessions may wait for a pool writer: one
// push to every session the node can hold.
const writerBacklog = 1 << 15

// startWriters starts a writer for each processor.
func startWriters() *writerPool {
	p := &writerPool{ch: make(chan *Conn, writerBacklog)}
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for c := range p.ch {
				c.drainFast()
			}
		}()
	}
	return p
}

// run has c's writing done: by the pool, or by a goroutine of c's own.
func (p *writerPool) run(c *Conn) {
	if p != nil {
		p.mu.RLock()
		if !p.closed {
			select {
			case p.ch <- c:
				p.mu.RUnlock()
				return
			default:
			}
		}
		p.mu.RUnlock()
	}
	go c.drain()
}

// close ends the pool once it has written for the sessions it holds;
// later sessions get goroutines of their own.
func (p *writerPool) close() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed {
		p.closed = true
		close(p.ch)
	}
}
