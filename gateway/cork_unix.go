//go:build unix

package gateway

import (
	"errors"
	"syscall"
)

// writeNow writes as much of b as the socket's send buffer takes at
// once: the runtime keeps its sockets non-blocking, so a full buffer is
// EAGAIN, which is no error here, only nothing written. The caller
// holds c.mu, which guards the call's state (c.now): a closure over
// locals would cost two allocations a write.
func (c *corkConn) writeNow(b []byte) (int, error) {
	if c.raw == nil {
		return 0, nil
	}
	c.now = nowWrite{b: b}
	err := c.raw.Write(c.nowFn)
	n, werr := c.now.n, c.now.err
	c.now = nowWrite{}
	switch {
	case err != nil:
		return 0, err
	case errors.Is(werr, syscall.EAGAIN):
		return 0, nil
	case werr != nil:
		return 0, werr
	}
	return n, nil
}

// writeFD is the raw write writeNow asks for: one write(2), again if a
// signal interrupted it, and done whatever it returned.
func (c *corkConn) writeFD(fd uintptr) bool {
	for {
		c.now.n, c.now.err = syscall.Write(int(fd), c.now.b)
		if !errors.Is(c.now.err, syscall.EINTR) {
			return true
		}
	}
}
