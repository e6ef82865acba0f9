package gateway

import (
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lxzan/gws"
)

// Conn is one WebSocket session. Its methods are safe for concurrent use
// and never block: the Handler, session actors and fan-out may call them
// from any goroutine.
type Conn struct {
	id      uint64
	sid     string
	remote  netip.AddrPort
	admin   bool
	srv     *Server
	ws      *gws.Conn
	handler Handler
	limits  *frameLimits // inbound frame rate limits; nil for admins

	// mu guards the outbound state below; the writer goroutine drains it.
	mu       sync.Mutex
	queue    outQueue
	closing  bool   // no frame is accepted any more
	stopped  bool   // the reader has ended: the writer must exit
	pingDue  bool   // the sweeper asked for a ping
	pongDue  bool   // the peer pinged: answer with pong
	pongData []byte // the payload to echo in that pong
	// writing is true while a writer goroutine runs (drain); writerGone
	// once the last one has ended the session's writing for good.
	writing, writerGone bool
	wbuf                [][]byte      // the writer's frame list, reused
	writerOK            chan struct{} // closed when the writer has ended for good
	// behindSince is when the session last went over its unsent budget
	// (Config.SlowBytes) or dropped a notification, zero while within it;
	// slowTimer then checks it after Config.SlowGrace.
	behindSince time.Time
	slowTimer   *time.Timer

	reason      atomic.Uint32 // the first CloseReason recorded, 0 while open
	lastRequest atomic.Int64  // Clock time (ns) of the last well-formed request
	lastHeard   atomic.Int64  // Clock time (ns) of the last frame of any kind
	lastPing    atomic.Int64  // Clock time (ns) of the last ping queued
	commanded   atomic.Bool   // a ChainSQL command was received: no idle expiry
	spokeNKN    atomic.Bool   // an NKN request was received: NKN error frames
	dialect     atomic.Uint32 // the Dialect of the first request, 0 before it
	// writeSince is the writeClock time at which the writer's current
	// write began, 0 while it writes nothing (writewatch.go).
	writeSince atomic.Int64
}

// ID is the session's number, unique within the Server's lifetime.
func (c *Conn) ID() uint64 { return c.id }

// SessionID is the session's identifier for NKN heartbeat: a random
// (version 4) UUID from crypto/rand.
func (c *Conn) SessionID() string { return c.sid }

// RemoteAddr is the peer's address; IPv4-mapped IPv6 addresses are
// unmapped.
func (c *Conn) RemoteAddr() netip.AddrPort { return c.remote }

// IsAdmin reports whether the peer's address is within Config.AdminNets.
func (c *Conn) IsAdmin() bool { return c.admin }

// Reply queues a response frame. It never blocks. Queued notifications are
// dropped, oldest first, to make room; if the reply still does not fit in
// the session's queue (Config.QueueFrames, Config.QueueBytes) the session
// is closed with SlowConsumer. After close it does nothing. The frame must
// not be modified afterwards.
func (c *Conn) Reply(frame []byte) {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		return
	}
	dropped, ok := c.queue.pushReply(frame)
	if ok {
		c.trackBacklogLocked(dropped > 0)
	}
	c.mu.Unlock()
	c.srv.stats.dropped.Add(uint64(dropped))
	if !ok {
		c.shut(SlowConsumer, nil)
		return
	}
	c.signal()
}

// Notify queues a notification frame. It never blocks. If the queue is
// full, the oldest queued notification is dropped (counted in
// Stats.Dropped); replies are never dropped for it. A session that stays
// over Config.SlowBytes, or keeps dropping, for Config.SlowGrace is closed
// with SlowConsumer. After close it does nothing. The frame may be shared between sessions and must not be
// modified afterwards.
func (c *Conn) Notify(frame []byte) {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		return
	}
	dropped := c.queue.pushNote(frame)
	c.trackBacklogLocked(dropped > 0)
	c.mu.Unlock()
	c.srv.stats.dropped.Add(uint64(dropped))
	c.signal()
}

// Close closes the session with reason. Frames already queued are flushed
// (within Config.WriteTimeout each) before the close frame, except for the
// hard reasons (ReadError, WriteError, WriteTimeout, PingTimeout,
// SlowConsumer), which drop the socket at once. It never blocks; the
// Handler's Closed follows once the socket is gone. Only the first reason
// recorded counts.
func (c *Conn) Close(reason CloseReason) { c.shut(reason, nil) }

// shut records reason, queues final (if any) as the last frame, and starts
// closing. It does nothing if the session is already closing.
func (c *Conn) shut(reason CloseReason, final []byte) {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		return
	}
	c.closing = true
	c.reason.CompareAndSwap(0, uint32(reason))
	if reason.hard() {
		c.queue.reset()
	} else if final != nil {
		c.queue.add(&c.queue.replies, final)
	}
	c.mu.Unlock()
	if reason.hard() {
		// Unblocks a writer stuck on a peer that does not read, and the
		// reader; the reader then reports the close.
		_ = c.ws.NetConn().Close()
	}
	c.signal()
}

// signal starts the writer unless one runs (or the writing has ended).
// It never blocks.
func (c *Conn) signal() {
	c.mu.Lock()
	start := !c.writing && !c.writerGone
	c.writing = c.writing || start
	c.mu.Unlock()
	if start {
		c.srv.writers.run(c)
	}
}

// closeReason is the reason recorded so far, zero while open.
func (c *Conn) closeReason() CloseReason { return CloseReason(c.reason.Load()) }
