package gateway

import (
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// AddrLimiter is a token bucket per remote address: the gateway's for
// WebSocket upgrades (as NKN's ws:<ip> limiter), httpapi's for JSON-RPC
// requests. Buckets that have refilled are forgotten by Prune, so the
// map holds only recently active addresses. It is safe for concurrent
// use.
type AddrLimiter struct {
	limit rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[netip.Addr]*rate.Limiter
}

// NewAddrLimiter returns a limiter of perSecond tokens a second per
// address, up to burst; a negative perSecond is no limit.
func NewAddrLimiter(perSecond float64, burst int) *AddrLimiter {
	return &AddrLimiter{limit: limitOf(perSecond), burst: burst, buckets: make(map[netip.Addr]*rate.Limiter)}
}

// limitOf is a configured rate: negative means no limit.
func limitOf(perSecond float64) rate.Limit {
	if perSecond < 0 {
		return rate.Inf
	}
	return rate.Limit(perSecond)
}

// Allow takes a token for addr at now, and reports whether there was
// one.
func (l *AddrLimiter) Allow(addr netip.Addr, now time.Time) bool {
	if l.limit == rate.Inf {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[addr]
	if !ok {
		b = rate.NewLimiter(l.limit, l.burst)
		l.buckets[addr] = b
	}
	return b.AllowN(now, 1)
}

// Prune forgets the buckets that are full again at now: a new bucket for
// that address would behave the same.
func (l *AddrLimiter) Prune(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for addr, b := range l.buckets {
		if b.TokensAt(now) >= float64(l.burst) {
			delete(l.buckets, addr)
		}
	}
}
