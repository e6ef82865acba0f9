package gateway

import (
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// upgradeLimiter is a token bucket per remote address for WebSocket
// upgrades, as NKN's ws:<ip> limiter. Buckets that have refilled are
// forgotten by prune, so the map holds only recently active addresses.
type upgradeLimiter struct {
	limit rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[netip.Addr]*rate.Limiter
}

func newUpgradeLimiter(perSecond float64, burst int) *upgradeLimiter {
	return &upgradeLimiter{limit: limitOf(perSecond), burst: burst, buckets: make(map[netip.Addr]*rate.Limiter)}
}

// limitOf is a configured rate: negative means no limit.
func limitOf(perSecond float64) rate.Limit {
	if perSecond < 0 {
		return rate.Inf
	}
	return rate.Limit(perSecond)
}

// allow takes a token for addr at now.
func (l *upgradeLimiter) allow(addr netip.Addr, now time.Time) bool {
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

// prune forgets the buckets that are full again at now: a new bucket for
// that address would behave the same.
func (l *upgradeLimiter) prune(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for addr, b := range l.buckets {
		if b.TokensAt(now) >= float64(l.burst) {
			delete(l.buckets, addr)
		}
	}
}
