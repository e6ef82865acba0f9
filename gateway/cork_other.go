//go:build !unix

package gateway

// writeNow writes nothing where the socket's descriptor is not a unix
// one: the corked buffer goes out by uncork, on the session's own writer.
func (c *corkConn) writeNow([]byte) (int, error) { return 0, nil }

// writeFD is never asked for here (writeNow writes nothing).
func (c *corkConn) writeFD(uintptr) bool { return true }
