package gateway

import "sync/atomic"

// Stats are the server's counters since New, for metrics.
type Stats struct {
	// Accepted counts sessions handed to the Backend.
	Accepted uint64
	// RateLimited counts upgrades refused with HTTP 429.
	RateLimited uint64
	// Banned counts connections closed as they were accepted because
	// their address was banned (Config.BanStrikes).
	Banned uint64
	// Closed counts closed sessions by reason (index with a CloseReason).
	// Closed[ServiceCeiling] counts the upgrades refused at the session
	// ceiling, which never reach the Backend.
	Closed [NumCloseReasons]uint64
	// Dropped counts notifications dropped from full session queues.
	Dropped uint64
	// Throttled counts inbound frames refused by the frame rate limits.
	Throttled uint64
	// FramesIn counts inbound data frames; FramesOut outbound ones written.
	FramesIn, FramesOut uint64
}

// counters are the live, atomic form of Stats.
type counters struct {
	accepted, rateLimited atomic.Uint64
	banned                atomic.Uint64
	closed                [NumCloseReasons]atomic.Uint64
	dropped, throttled    atomic.Uint64
	framesIn, framesOut   atomic.Uint64
}

func (c *counters) snapshot() Stats {
	s := Stats{
		Accepted:    c.accepted.Load(),
		RateLimited: c.rateLimited.Load(),
		Banned:      c.banned.Load(),
		Dropped:     c.dropped.Load(),
		Throttled:   c.throttled.Load(),
		FramesIn:    c.framesIn.Load(),
		FramesOut:   c.framesOut.Load(),
	}
	for i := range c.closed {
		s.Closed[i] = c.closed[i].Load()
	}
	return s
}
