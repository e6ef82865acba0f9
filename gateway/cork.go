package gateway

import (
	"net"
	"sync"
	"syscall"
)

// corkConn is a session's TCP connection as the listener accepted it
// (banListener). While the writer has it corked, what gws writes gathers
// in a buffer and goes out in one system call when the writer uncorks:
// the frames the writer took in one go (a ledger's validate_success to
// one session, say) cost one write, not one each. A write system call
// on loopback costs about as much as building the frame it carries.
//
// Everything gws writes passes through Write under gws's own lock, in
// order, so a frame gws writes from the reader while the writer has the
// connection corked (a close echo) joins the buffer in its place and
// goes out with it.
type corkConn struct {
	*net.TCPConn
	raw    syscall.RawConn // for writes that do not wait (tryFlush); nil if none
	nowFn  func(fd uintptr) bool
	mu     sync.Mutex
	now    nowWrite // the write writeNow has under way
	corked bool
	buf    *[]byte // from corkPool while corked with data; nil otherwise
}

// corkBytes is the most a corked connection holds before it writes what
// it has (and stays corked); it is also the size of the pooled buffers.
const corkBytes = 64 << 10

var corkPool = sync.Pool{New: func() any { b := make([]byte, 0, corkBytes); return &b }}

// Write sends p at once, or adds it to the buffer while corked.
func (c *corkConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.corked {
		return c.TCPConn.Write(p)
	}
	if c.buf == nil {
		c.buf = corkPool.Get().(*[]byte)
	}
	if len(*c.buf)+len(p) > corkBytes {
		if err := c.flushLocked(); err != nil {
			return 0, err
		}
		if len(p) > corkBytes {
			return c.TCPConn.Write(p)
		}
		c.buf = corkPool.Get().(*[]byte)
	}
	*c.buf = append(*c.buf, p...)
	return len(p), nil
}

// cork starts gathering writes.
func (c *corkConn) cork() {
	c.mu.Lock()
	c.corked = true
	c.mu.Unlock()
}

// buffered is how many bytes the connection holds, corked.
func (c *corkConn) buffered() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.buf == nil {
		return 0
	}
	return len(*c.buf)
}

// flush writes what was gathered, in one system call, and stays corked.
func (c *corkConn) flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.flushLocked()
}

// abort uncorks, dropping what was gathered: the session's writing
// failed and it is ending.
func (c *corkConn) abort() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.corked = false
	if c.buf != nil {
		*c.buf = (*c.buf)[:0]
		corkPool.Put(c.buf)
		c.buf = nil
	}
}

// uncork writes what was gathered, in one system call, and sends later
// writes at once again.
func (c *corkConn) uncork() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.corked = false
	return c.flushLocked()
}

// tryFlush writes what was gathered as far as the socket takes it now,
// without waiting. If all of it went out, done is true and the
// connection is uncorked; otherwise the rest stays gathered, corked,
// for uncork to send.
func (c *corkConn) tryFlush() (done bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.buf != nil {
		b := *c.buf
		n, err := c.writeNow(b)
		if err != nil {
			return false, err
		}
		if n < len(b) {
			*c.buf = b[:copy(b, b[n:])]
			return false, nil
		}
		*c.buf = b[:0]
		corkPool.Put(c.buf)
		c.buf = nil
	}
	c.corked = false
	return true, nil
}

// nowWrite is the state of a write that does not wait.
type nowWrite struct {
	b   []byte
	n   int
	err error
}

// newCorkConn wraps an accepted connection.
func newCorkConn(tcp *net.TCPConn) *corkConn {
	c := &corkConn{TCPConn: tcp}
	if raw, err := tcp.SyscallConn(); err == nil {
		c.raw = raw
		c.nowFn = c.writeFD
	}
	return c
}

// flushLocked writes the buffer and returns it to the pool: an idle
// session holds none.
func (c *corkConn) flushLocked() error {
	if c.buf == nil {
		return nil
	}
	b := c.buf
	c.buf = nil
	_, err := c.TCPConn.Write(*b)
	*b = (*b)[:0]
	corkPool.Put(b)
	return err
}
