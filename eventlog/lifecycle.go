package eventlog

import "sync"

// lifecycle lets Close wait for the operations in flight without holding a
// lock across them, so an Iterate callback may call back into the Log.
type lifecycle struct {
	mu     sync.Mutex
	idle   sync.Cond
	active int
	closed bool
}

func (c *lifecycle) init() { c.idle.L = &c.mu }

// enter registers an operation; it fails once Close has begun.
func (c *lifecycle) enter() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClosed
	}
	c.active++
	return nil
}

// exit ends an operation registered by enter.
func (c *lifecycle) exit() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.active--
	if c.active == 0 {
		c.idle.Broadcast()
	}
}

// close refuses new operations and waits for those in flight. It reports
// false if the lifecycle was already closed.
func (c *lifecycle) close() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return false
	}
	c.closed = true
	for c.active > 0 {
		c.idle.Wait()
	}
	return true
}
