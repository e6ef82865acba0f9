package gateway

import (
	"net"
	"net/netip"
	"sync"
	"time"
)

// banList keeps out, for a while, the remote addresses whose sessions
// keep being closed for abuse, as rippled's resource manager refuses an
// endpoint whose charges went over its drop threshold until they decay.
// A session closed with one of the abuse reasons (abusive) is a strike
// against its address; BanStrikes strikes within BanTime ban the address
// for BanTime. A banned address's connections are closed as they are
// accepted, before any HTTP is read, so a client that reconnects in a
// loop costs the node an accept and a close, not an upgrade.
type banList struct {
	strikes int
	d       time.Duration

	mu      sync.Mutex
	entries map[netip.Addr]*banEntry
}

// banEntry is one address's strikes since the start of its window, and
// the end of its ban.
type banEntry struct {
	strikes int
	since   time.Time
	until   time.Time
}

func newBanList(strikes int, d time.Duration) *banList {
	return &banList{strikes: strikes, d: d, entries: make(map[netip.Addr]*banEntry)}
}

// abusive reports whether a session closed for reason counts against its
// address: it flooded, sent a frame over the bound, or would not read.
func abusive(reason CloseReason) bool {
	switch reason {
	case Flooding, FrameTooLarge, SlowConsumer:
		return true
	}
	return false
}

// strike counts one abuse of addr at now and reports whether it started
// a ban.
func (b *banList) strike(addr netip.Addr, now time.Time) bool {
	if b.strikes < 0 {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	e, ok := b.entries[addr]
	if !ok {
		e = &banEntry{}
		b.entries[addr] = e
	}
	if now.Sub(e.since) >= b.d {
		e.strikes, e.since = 0, now
	}
	e.strikes++
	if e.strikes < b.strikes {
		return false
	}
	e.strikes, e.since, e.until = 0, now, now.Add(b.d)
	return true
}

// banned reports whether addr is banned at now.
func (b *banList) banned(addr netip.Addr, now time.Time) bool {
	if b.strikes < 0 {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	e, ok := b.entries[addr]
	return ok && now.Before(e.until)
}

// prune forgets the addresses neither banned nor with strikes in their
// window at now.
func (b *banList) prune(now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for addr, e := range b.entries {
		if !now.Before(e.until) && now.Sub(e.since) >= b.d {
			delete(b.entries, addr)
		}
	}
}

// banListener closes the connections of banned addresses as it accepts
// them; the HTTP server sees only the others.
type banListener struct {
	net.Listener
	s *Server
}

func (l banListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.s.refuseBanned(c) {
			continue
		}
		if tcp, ok := c.(*net.TCPConn); ok {
			return newCorkConn(tcp), nil
		}
		return c, nil
	}
}

// refuseBanned closes c, with a reset rather than a FIN so that no
// TIME_WAIT is left on the node's side, if its address is banned and not
// an admin one.
func (s *Server) refuseBanned(c net.Conn) bool {
	tcp, ok := c.(*net.TCPConn)
	if !ok {
		return false
	}
	addr := tcp.RemoteAddr().(*net.TCPAddr).AddrPort().Addr().Unmap()
	if s.isAdmin(addr) || !s.bans.banned(addr, s.now()) {
		return false
	}
	s.stats.banned.Add(1)
	_ = tcp.SetLinger(0)
	_ = tcp.Close()
	return true
}
