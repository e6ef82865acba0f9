package gateway

import (
	"errors"
	"net"
	"os"
	"time"

	"github.com/lxzan/gws"
)

// writeWork is what the writer took from the session in one go.
type writeWork struct {
	frames  [][]byte
	ping    bool
	pong    bool
	pongMsg []byte
	closing bool
	stopped bool
}

func (w *writeWork) empty() bool { return len(w.frames) == 0 && !w.ping && !w.pong }

// drain is the session's only writer while it runs: it drains the
// outbound queue in order, answers pings, sends the sweeper's pings, and
// ends the session with a close frame when asked to. Every write has
// its own deadline (Config.WriteTimeout), so a peer that stops reading
// costs this goroutine at most one timeout and nobody else anything.
//
// It runs only while there is something to write: signal starts it, and
// it returns once the queue is empty (an idle session keeps no writer
// goroutine, and so no stack), or for good once the session has ended,
// closing writerOK. Only one runs at a time (Conn.writing).
func (c *Conn) drain() {
	wrote := false
	for {
		w := c.takeWork(c.wbuf[:0])
		if w.stopped {
			c.writerDone()
			return
		}
		if w.empty() {
			if w.closing {
				c.writeClose()
				c.writerDone()
				return
			}
			// Idle, the socket keeps no deadline: gws may still write a
			// close frame from the reader (echoing the peer's), and a
			// stale deadline would fail it. A peer that stops reading
			// then is cut by the sweeper's ping timeout.
			if wrote {
				if err := c.ws.SetWriteDeadline(time.Time{}); err != nil {
					c.writeFailed(err)
					c.writerDone()
					return
				}
				wrote = false
			}
			if c.idle() {
				return
			}
			continue
		}
		if err := c.write(&w); err != nil {
			c.writeFailed(err)
			c.writerDone()
			return
		}
		wrote = true
		clear(w.frames)
		c.wbuf = w.frames
	}
}

// idle ends the writer's run if nothing was queued meanwhile: under the
// lock, so that a frame queued after this check finds no writer and
// starts one.
func (c *Conn) idle() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.queue.pending() || c.pingDue || c.pongDue || c.closing || c.stopped {
		return false
	}
	c.writing = false
	return true
}

// writerDone ends the writer for good: no other starts, and finish may
// go on.
func (c *Conn) writerDone() {
	c.mu.Lock()
	c.writerGone = true
	c.mu.Unlock()
	close(c.writerOK)
}

// takeWork moves the pending work out of the session under its lock.
func (c *Conn) takeWork(frames [][]byte) writeWork {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := writeWork{
		frames:  c.queue.take(frames),
		ping:    c.pingDue,
		pong:    c.pongDue,
		pongMsg: c.pongData,
		closing: c.closing,
		stopped: c.stopped || (c.closing && c.closeReason().hard()),
	}
	c.pingDue, c.pongDue, c.pongData = false, false, nil
	return w
}

// write sends a pong, a ping, then the frames, each under its own
// deadline; more than one go out in one system call (corkConn), and
// their bytes leave the session's backlog once that call returns.
func (c *Conn) write(w *writeWork) (err error) {
	if cc, ok := c.ws.NetConn().(*corkConn); ok && len(w.frames)+btoi(w.ping)+btoi(w.pong) > 1 {
		cc.cork()
		defer func() {
			if uerr := cc.uncork(); err == nil {
				err = uerr
			}
			if err == nil {
				c.released(w.frames)
			}
		}()
		return c.writeFrames(w, false)
	}
	return c.writeFrames(w, true)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// released takes written frames out of the session's backlog.
func (c *Conn) released(frames [][]byte) {
	c.mu.Lock()
	for _, f := range frames {
		c.queue.release(len(f))
	}
	c.trackBacklogLocked(false)
	c.mu.Unlock()
	c.srv.stats.framesOut.Add(uint64(len(frames)))
}

// writeFrames writes w's pong, ping and frames in order; release takes
// each frame out of the backlog as soon as it is written.
func (c *Conn) writeFrames(w *writeWork, release bool) error {
	if w.pong {
		if err := c.writeOne(gws.OpcodePong, w.pongMsg); err != nil {
			return err
		}
	}
	if w.ping {
		if err := c.writeOne(gws.OpcodePing, nil); err != nil {
			return err
		}
	}
	for i, f := range w.frames {
		if err := c.writeOne(gws.OpcodeText, f); err != nil {
			return err
		}
		if release {
			c.released(w.frames[i : i+1])
		}
	}
	return nil
}

func (c *Conn) writeOne(op gws.Opcode, payload []byte) error {
	if err := c.ws.SetWriteDeadline(time.Now().Add(c.srv.cfg.WriteTimeout)); err != nil {
		return err
	}
	return c.ws.WriteMessage(op, payload)
}

// writeClose ends a graceful close: the queue is flushed, send the close
// frame (gws then closes the socket, and the reader reports the end).
func (c *Conn) writeClose() {
	reason := c.closeReason()
	if err := c.ws.SetWriteDeadline(time.Now().Add(c.srv.cfg.WriteTimeout)); err != nil {
		return
	}
	_ = c.ws.WriteClose(reason.closeCode(), []byte(reason.String()))
}

// writeFailed records why a write failed; gws has already closed the
// socket, so the reader ends next. A write that failed because the socket
// was closed on purpose records nothing: that closer chose the reason.
func (c *Conn) writeFailed(err error) {
	switch {
	case errors.Is(err, net.ErrClosed):
	case errors.Is(err, os.ErrDeadlineExceeded):
		c.reason.CompareAndSwap(0, uint32(WriteTimeout))
	default:
		c.reason.CompareAndSwap(0, uint32(WriteError))
	}
	c.srv.log.Debug("gateway: write failed", "session", c.id, "error", err)
}
