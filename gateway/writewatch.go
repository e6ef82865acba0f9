package gateway

import "time"

// A write that blocks is cut by the server's write watch, not by a
// deadline on the socket: setting a socket deadline moves a runtime timer
// (a lock and a heap operation, and on a writer's fresh goroutine a stack
// copy), and setting one before each frame and clearing it after was a
// fifth of the node's CPU pushing a ledger to 19,000 sessions. The writer
// instead stamps the time each write begins (Conn.writeSince) and clears
// the stamp when its run ends; the watch, one goroutine for all sessions,
// closes with WriteTimeout any session whose stamp is WriteTimeout old.
// A blocked write is so cut within a quarter of WriteTimeout past it.

// writeEpoch is the origin of writeClock.
var writeEpoch = time.Now()

// writeClock is the writers' and the watch's time: monotonic
// nanoseconds, never zero.
func writeClock() int64 { return int64(time.Since(writeEpoch)) + 1 }

// writeWatchPeriod is how often the watch looks at the sessions.
func writeWatchPeriod(timeout time.Duration) time.Duration {
	return max(timeout/4, time.Millisecond)
}

// watchWrites closes the sessions whose current write began
// WriteTimeout or more before now.
func (s *Server) watchWrites(now int64) {
	timeout := s.cfg.WriteTimeout.Nanoseconds()
	for _, c := range s.snapshot() {
		if since := c.writeSince.Load(); since != 0 && now-since >= timeout {
			c.shut(WriteTimeout, nil)
		}
	}
}
