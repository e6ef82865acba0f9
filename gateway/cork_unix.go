//go:build unix

package gateway

import (
	"errors"
	"syscall"
)

// writeNow writes as much of b as the socket's send buffer takes at
// once: the runtime keeps its sockets non-blocking, so a full buffer is
// EAGAIN, which is no error here, only nothing written.
func (c *corkConn) writeNow(b []byte) (int, error) {
	if c.raw == nil {
		return 0, nil
	}
	var n int
	var werr error
	err := c.raw.Write(func(fd uintptr) bool {
		for {
			n, werr = syscall.Write(int(fd), b)
			if !errors.Is(werr, syscall.EINTR) {
				return true
			}
		}
	})
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
