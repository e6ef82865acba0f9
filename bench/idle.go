package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// idleSession is one of the sessions workload's sessions: it heartbeats
// when told to and records when each push reached it.
type idleSession struct {
	pool *idlePool
	c    *conn
	// arrivals are written by the session's read goroutine only, and read
	// once it has ended.
	arrivals []arrival
	// in is the frame the read goroutine last parsed, reused: one parse
	// allocates no frame of its own.
	in inbound
}

type arrival struct {
	key string
	at  time.Time
}

// idlePool is every idle session, with the counters they share.
type idlePool struct {
	mode pushMode
	// expect is how many pushes each session expects (its arrivals'
	// capacity).
	expect   int
	sessions []*idleSession
	start    time.Time

	ready    atomic.Int64 // setup answered
	ceiling  atomic.Int64 // refused at the node's session ceiling
	answered atomic.Int64 // heartbeats answered
	sent     atomic.Int64 // heartbeats sent
	nextID   atomic.Int64

	// pushes counts each push's deliveries (key → *atomic.Int64): one
	// lookup and one atomic add a delivery, so that 19,000 readers taking
	// one push do not queue on a lock. When each session got it is in
	// its own arrivals.
	pushes sync.Map
	mu     sync.Mutex
	order  []string // push keys in order of first arrival
}

func (s *idleSession) onFrame(frame []byte, at time.Time) {
	in := &s.in
	if err := parseInboundInto(frame, in); err != nil {
		return
	}
	p := s.pool
	if key, ok := p.mode.push(in); ok {
		s.arrivals = append(s.arrivals, arrival{key: key, at: at})
		p.delivered(key)
		return
	}
	switch {
	case in.Action == "" && in.NKNError == nknServiceCeiling && string(in.NKNResult) != `"slowDown"`:
		// The upgrade completed, then the node's ceiling
		// (max_sessions) refused the session: it never answers.
		p.ceiling.Add(1)
	case p.mode.setupDone(in):
		p.ready.Add(1)
	case p.mode.answered(in):
		p.answered.Add(1)
	}
}

// nknServiceCeiling is NKN's 41002 SERVICE CEILING, the frame a
// session refused at the node's ceiling receives (with no Result; a
// rate-limited request's carries "slowDown").
const nknServiceCeiling = 41002

// sourceIP is the loopback address session i dials from: perAddr
// sessions per address, from 127.0.0.1 up, so that no address runs out
// of ephemeral ports.
func sourceIP(i, perAddr int) string {
	n := i / perAddr
	return fmt.Sprintf("127.0.%d.%d", (n+1)/256, (n+1)%256)
}

// connect opens n sessions, dialing from several goroutines, and sends
// each its setup frame. It returns how many dials failed, with the first
// error.
func (p *idlePool) connect(ctx context.Context, url string, n, perAddr int, progress func()) (failed int, first error) {
	const dialers = 32
	p.sessions = make([]*idleSession, n)
	var (
		next atomic.Int64
		mu   sync.Mutex
		wg   sync.WaitGroup
	)
	for range dialers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				s := &idleSession{pool: p, arrivals: make([]arrival, 0, p.expect)}
				c, err := dialConn(ctx, url, sourceIP(i, perAddr), s.onFrame)
				if err == nil && p.mode.setup != nil {
					if err = c.send(p.mode.setup); err != nil {
						c.close()
					}
				}
				if err != nil {
					mu.Lock()
					failed++
					if first == nil {
						first = err
					}
					mu.Unlock()
					continue
				}
				s.c = c
				p.sessions[i] = s
				progress()
			}
		}()
	}
	wg.Wait()
	return failed, first
}

// heartbeat sends every open session a heartbeat once per interval,
// spread evenly over it, until ctx ends.
func (p *idlePool) heartbeat(ctx context.Context, interval time.Duration) {
	const tick = 10 * time.Millisecond
	t := time.NewTicker(tick)
	defer t.Stop()
	n := len(p.sessions)
	perTick := max(1, int(int64(n)*int64(tick)/int64(interval)))
	i := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		for range perTick {
			s := p.sessions[i%n]
			i++
			if s == nil || s.c.closed() {
				continue
			}
			if s.c.send(p.mode.heartbeat(p.nextID.Add(1)+1)) == nil {
				p.sent.Add(1)
			}
		}
	}
}

// open counts the sessions still open.
func (p *idlePool) open() int {
	n := 0
	for _, s := range p.sessions {
		if s != nil && !s.c.closed() {
			n++
		}
	}
	return n
}

// closeAll closes every session from several goroutines.
func (p *idlePool) closeAll() {
	var wg sync.WaitGroup
	work := make(chan *idleSession)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				s.c.close()
			}
		}()
	}
	for _, s := range p.sessions {
		if s != nil {
			work <- s
		}
	}
	close(work)
	wg.Wait()
}

// delivered counts a delivery of the push with key.
func (p *idlePool) delivered(key string) {
	v, ok := p.pushes.Load(key)
	if !ok {
		p.mu.Lock()
		if v, ok = p.pushes.Load(key); !ok {
			v = new(atomic.Int64)
			p.pushes.Store(key, v)
			p.order = append(p.order, key)
		}
		p.mu.Unlock()
	}
	v.(*atomic.Int64).Add(1)
}

// seen returns how many sessions have had the push with key, and the
// number of distinct pushes seen so far.
func (p *idlePool) seen(key string) (count, pushes int) {
	if v, ok := p.pushes.Load(key); ok {
		count = int(v.(*atomic.Int64).Load())
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return count, len(p.order)
}

// lastKey is the most recent push's key, "" before any.
func (p *idlePool) lastKey() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.order) == 0 {
		return ""
	}
	return p.order[len(p.order)-1]
}
