package gateway

import (
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// frameLimits are one session's inbound token buckets: its own, and the
// one it shares with every session of its remote address. A nil bucket is
// a limit switched off.
type frameLimits struct {
	session, addr *rate.Limiter
	// strikes counts refused frames: one token each, refilled one a
	// second; none left closes the session.
	strikes   *rate.Limiter
	costBytes int
}

// newFrameLimits returns the limits of a session from remote, or nil if
// it has none (an admin, or every limit switched off).
func (s *Server) newFrameLimits(remote netip.Addr, admin bool) *frameLimits {
	cfg := &s.cfg
	if admin || (cfg.FrameRate < 0 && cfg.AddrFrameRate < 0) {
		return nil
	}
	l := &frameLimits{
		addr:      s.addrFrames.acquire(remote),
		strikes:   rate.NewLimiter(1, cfg.FrameStrikes),
		costBytes: cfg.FrameCostBytes,
	}
	if cfg.FrameRate >= 0 {
		l.session = rate.NewLimiter(rate.Limit(cfg.FrameRate), cfg.FrameBurst)
	}
	return l
}

// wait is how long after now both buckets could pay for a frame of size
// bytes, without taking anything.
func (l *frameLimits) wait(size int, now time.Time) time.Duration {
	cost := 1 + size/l.costBytes
	var d time.Duration
	for _, b := range []*rate.Limiter{l.addr, l.session} {
		if b == nil {
			continue
		}
		r := b.ReserveN(now, min(cost, b.Burst()))
		if r.OK() {
			d = max(d, r.DelayFrom(now))
		}
		r.CancelAt(now)
	}
	return d
}

// allow takes the tokens of a frame of size bytes from both buckets at
// now, or from neither.
func (l *frameLimits) allow(size int, now time.Time) bool {
	cost := 1 + size/l.costBytes
	var shared *rate.Reservation
	if l.addr != nil {
		shared = l.addr.ReserveN(now, min(cost, l.addr.Burst()))
		if !shared.OK() || shared.DelayFrom(now) > 0 {
			shared.CancelAt(now)
			return false
		}
	}
	if l.session != nil && !l.session.AllowN(now, min(cost, l.session.Burst())) {
		if shared != nil {
			shared.CancelAt(now)
		}
		return false
	}
	return true
}

// addrBuckets are the frame buckets shared by the sessions of each remote
// address. A bucket lives while a session of its address is open and,
// after that, until it has refilled (prune), so that reconnecting does not
// refill it.
type addrBuckets struct {
	limit rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[netip.Addr]*addrBucket
}

type addrBucket struct {
	lim      *rate.Limiter
	sessions int
}

func newAddrBuckets(perSecond float64, burst int) *addrBuckets {
	return &addrBuckets{limit: limitOf(perSecond), burst: burst, buckets: make(map[netip.Addr]*addrBucket)}
}

// acquire returns addr's bucket for one more session, nil if the limit is
// off.
func (a *addrBuckets) acquire(addr netip.Addr) *rate.Limiter {
	if a.limit == rate.Inf {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	b, ok := a.buckets[addr]
	if !ok {
		b = &addrBucket{lim: rate.NewLimiter(a.limit, a.burst)}
		a.buckets[addr] = b
	}
	b.sessions++
	return b.lim
}

// release gives back one session's hold on addr's bucket.
func (a *addrBuckets) release(addr netip.Addr) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if b, ok := a.buckets[addr]; ok {
		b.sessions--
	}
}

// prune forgets the buckets of addresses without sessions that are full
// again at now.
func (a *addrBuckets) prune(now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for addr, b := range a.buckets {
		if b.sessions <= 0 && b.lim.TokensAt(now) >= float64(a.burst) {
			delete(a.buckets, addr)
		}
	}
}

// admit applies the frame rate limits to one inbound frame at now. A frame
// over them is not decoded: it is answered with slowDown in the session's
// (or the frame's) dialect, counted in Stats.Throttled, and costs a
// strike; with no strike left the session is closed with Flooding, after
// its queued replies. Otherwise the session's reading then pauses until
// its buckets could pay for that frame, at most Config.ThrottlePause
// (admit runs on the session's read goroutine). Admin sessions are always
// admitted.
func (c *Conn) admit(frame []byte, now time.Time) bool {
	l := c.limits
	if l == nil || l.allow(len(frame), now) {
		return true
	}
	c.srv.stats.throttled.Add(1)
	if c.spokeNKN.Load() || looksNKN(frame) {
		c.Reply(nknSlowDownFrame)
	} else {
		c.Reply(chainsqlSlowDownFrame)
	}
	if !l.strikes.AllowN(now, 1) {
		c.srv.log.Debug("gateway: session flooding", "session", c.id, "remote", c.remote.String())
		c.Close(Flooding)
		return false
	}
	if pause := c.srv.cfg.ThrottlePause; pause > 0 {
		time.Sleep(min(l.wait(len(frame), now), pause))
	}
	return false
}
