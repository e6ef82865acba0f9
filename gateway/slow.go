package gateway

import (
	"net/netip"
	"time"

	"github.com/lxzan/gws"
)

// setSendBuffer shrinks the kernel send buffer of a new session's socket to
// Config.SendBuffer, so that a peer that stops reading backs up into the
// session's queue, where the unsent budget counts it, instead of kernel
// memory.
func (s *Server) setSendBuffer(ws *gws.Conn, remote netip.AddrPort) {
	if s.cfg.SendBuffer < 0 {
		return
	}
	sock, ok := ws.NetConn().(interface{ SetWriteBuffer(bytes int) error })
	if !ok {
		return
	}
	if err := sock.SetWriteBuffer(s.cfg.SendBuffer); err != nil {
		s.log.Debug("gateway: set send buffer", "remote", remote.String(), "error", err)
	}
}

// trackBacklogLocked notes whether the session is behind after its queue
// changed: over its unsent budget (Config.SlowBytes, counting frames being
// written), at its frame cap, or dropping notifications (dropped). Going
// behind starts the grace (Config.SlowGrace); coming back within the
// budget ends it. c.mu is held.
func (c *Conn) trackBacklogLocked(dropped bool) {
	budget := c.srv.cfg.SlowBytes
	if budget < 0 {
		return
	}
	behind := dropped || c.queue.bytes > budget || c.queue.frames >= c.queue.maxFrames
	switch {
	case behind && c.behindSince.IsZero():
		c.behindSince = time.Now()
		if c.slowTimer == nil {
			c.slowTimer = time.AfterFunc(c.srv.cfg.SlowGrace, c.checkSlow)
		} else {
			c.slowTimer.Reset(c.srv.cfg.SlowGrace)
		}
	case !behind:
		c.behindSince = time.Time{}
	}
}

// checkSlow runs when a grace may have ended: a session still behind since
// at least Config.SlowGrace ago is dropped as SlowConsumer.
func (c *Conn) checkSlow() {
	c.mu.Lock()
	if c.closing || c.behindSince.IsZero() {
		c.mu.Unlock()
		return
	}
	if left := c.srv.cfg.SlowGrace - time.Since(c.behindSince); left > 0 {
		c.slowTimer.Reset(left)
		c.mu.Unlock()
		return
	}
	unsent := c.queue.bytes
	c.mu.Unlock()
	c.srv.log.Debug("gateway: slow consumer", "session", c.id, "remote", c.remote.String(), "unsent", unsent)
	c.shut(SlowConsumer, nil)
}

// releaseFrameLimits gives back a session's hold on its address's frame
// bucket, once it has ended or was never opened.
func (s *Server) releaseFrameLimits(c *Conn) {
	if c.limits != nil {
		s.addrFrames.release(c.remote.Addr())
	}
}
