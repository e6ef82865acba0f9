package gateway

import (
	"net/http"
	"net/netip"
	"time"

	"github.com/lxzan/gws"
)

// serveUpgrade turns one HTTP request, on any path, into a session: rate
// limit, ceiling, WebSocket upgrade, Backend.Open, then the reader and
// writer goroutines.
func (s *Server) serveUpgrade(w http.ResponseWriter, r *http.Request) {
	if !s.enter() {
		http.Error(w, "server shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.servingWG.Done()

	remote := remoteAddr(r)
	admin := s.isAdmin(remote.Addr())
	if !admin && !s.limiter.Allow(remote.Addr(), s.now()) {
		s.stats.rateLimited.Add(1)
		s.log.Debug("gateway: upgrade rate limited", "remote", remote.String())
		http.Error(w, http.StatusText(http.StatusTooManyRequests), http.StatusTooManyRequests)
		return
	}
	reserved := s.reserve()
	ws, err := s.upgrader.Upgrade(w, r)
	if err != nil {
		if reserved {
			s.slots.Add(-1)
		}
		s.log.Debug("gateway: upgrade failed", "remote", remote.String(), "error", err)
		return
	}
	if !reserved {
		s.refuse(ws, remote)
		return
	}
	s.setSendBuffer(ws, remote)

	c := &Conn{
		id:       s.nextID.Add(1),
		sid:      newSessionID(),
		remote:   remote,
		admin:    admin,
		srv:      s,
		ws:       ws,
		queue:    newOutQueue(s.cfg.QueueFrames, s.cfg.QueueBytes),
		writerOK: make(chan struct{}),
	}
	c.limits = s.newFrameLimits(remote.Addr(), admin)
	now := s.now().UnixNano()
	c.lastRequest.Store(now)
	c.lastHeard.Store(now)
	c.lastPing.Store(now)
	ws.Session().Store(connKey, c)

	if !s.register(c) {
		s.slots.Add(-1)
		s.releaseFrameLimits(c)
		s.closeUnopened(ws, Shutdown, nil)
		return
	}
	h := s.backend.Open(c)
	if h == nil {
		s.unregister(c)
		s.releaseFrameLimits(c)
		s.refuse(ws, remote)
		return
	}
	c.handler = h
	s.stats.accepted.Add(1)
	s.log.Debug("gateway: session opened", "session", c.id, "remote", remote.String(), "admin", admin)
	go ws.ReadLoop()
}

// enter counts an upgrade in progress unless the server is closed.
func (s *Server) enter() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return false
	}
	s.servingWG.Add(1)
	return true
}

// reserve takes a session slot if the ceiling allows.
func (s *Server) reserve() bool {
	for {
		n := s.slots.Load()
		if n >= int64(s.cfg.MaxSessions) {
			return false
		}
		if s.slots.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// register adds c to the session table unless the server is closed.
func (s *Server) register(c *Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.conns[c.id] = c
	s.sessionsWG.Add(1)
	return true
}

// unregister takes back a session the Backend declined.
func (s *Server) unregister(c *Conn) {
	s.mu.Lock()
	delete(s.conns, c.id)
	s.mu.Unlock()
	s.slots.Add(-1)
	s.sessionsWG.Done()
}

// refuse answers a session past the ceiling with 41002 SERVICE CEILING and
// closes it (code 1013); it never reaches the Backend.
func (s *Server) refuse(ws *gws.Conn, remote netip.AddrPort) {
	s.log.Debug("gateway: session refused at ceiling", "remote", remote.String())
	s.closeUnopened(ws, ServiceCeiling, nknServiceCeilingFrame)
}

// closeUnopened writes final (if any) and a close frame to a socket that
// has no reader or writer, within the write timeout, and counts reason.
func (s *Server) closeUnopened(ws *gws.Conn, reason CloseReason, final []byte) {
	s.stats.closed[reason].Add(1)
	if err := ws.SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout)); err != nil {
		return
	}
	if final != nil {
		if err := ws.WriteMessage(gws.OpcodeText, final); err != nil {
			return
		}
		s.stats.framesOut.Add(1)
	}
	_ = ws.WriteClose(reason.closeCode(), []byte(reason.String()))
}

// isAdmin reports whether addr is within Config.AdminNets.
func (s *Server) isAdmin(addr netip.Addr) bool {
	for _, p := range s.cfg.AdminNets {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// remoteAddr parses the peer address net/http reports, unmapping
// IPv4-mapped IPv6 so that 127.0.0.0/8 matches either way.
func remoteAddr(r *http.Request) netip.AddrPort {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.AddrPort{}
	}
	return netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
}
