package gateway

import (
	"time"
)

// every runs fn every period until Shutdown: the sweep and the write
// watch, one goroutine each for all sessions, no timer per session.
func (s *Server) every(period time.Duration, fn func()) {
	defer s.servingWG.Done()
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-s.stopSweep:
			return
		case <-t.C:
			fn()
		}
	}
}

// sweep applies the time-based policies at now:
//   - a peer heard from neither by a frame nor a pong for two ping
//     intervals is dropped (PingTimeout);
//   - a session not pinged for a ping interval is pinged;
//   - a session that never sent a ChainSQL command and sent no well-formed
//     request for IdleTimeout gets 41001 SESSION EXPIRED and is closed
//     (IdleExpired);
//   - upgrade and frame rate buckets that have refilled, and bans and
//     strikes that have expired, are forgotten.
func (s *Server) sweep(now time.Time) {
	t := now.UnixNano()
	ping := s.cfg.PingInterval.Nanoseconds()
	idle := s.cfg.IdleTimeout.Nanoseconds()
	for _, c := range s.snapshot() {
		switch {
		case t-c.lastHeard.Load() >= 2*ping:
			c.shut(PingTimeout, nil)
		case !c.commanded.Load() && t-c.lastRequest.Load() >= idle:
			c.shut(IdleExpired, nknSessionExpiredFrame)
		case t-c.lastPing.Load() >= ping:
			c.lastPing.Store(t)
			c.queuePing()
		}
	}
	s.limiter.Prune(now)
	s.addrFrames.prune(now)
	s.bans.prune(now)
}

// queuePing asks the writer to send a ping.
func (c *Conn) queuePing() {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		return
	}
	c.pingDue = true
	c.mu.Unlock()
	c.signal()
}
