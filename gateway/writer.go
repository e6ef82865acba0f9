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
// ends the session with a close frame when asked to. A write blocked for
// Config.WriteTimeout is cut by the write watch (writewatch.go), so a
// peer that stops reading costs this goroutine at most one timeout and
// nobody else anything.
//
// It runs only while there is something to write: signal starts it
// (or drainFast, on a pool writer, hands it what would wait), and it
// returns once the queue is empty (an idle session keeps no writer
// goroutine, and so no stack), or for good once the session has ended,
// closing writerOK. Only one of drain and drainFast runs at a time
// (Conn.writing).
func (c *Conn) drain() { c.drainFrom(c.takeWork(c.wbuf[:0])) }

// drainFrom is drain with w already taken from the session.
func (c *Conn) drainFrom(w writeWork) {
	for {
		switch {
		case w.stopped:
			c.writerDone()
			return
		case w.empty() && w.closing:
			c.writeClose()
			c.writerDone()
			return
		case w.empty():
			if c.idle() {
				return
			}
		default:
			if err := c.write(&w); err != nil {
				c.writeFailed(err)
				c.writerDone()
				return
			}
			clear(w.frames)
			c.wbuf = w.frames
		}
		w = c.takeWork(c.wbuf[:0])
	}
}

// drainFast is drain on a pool writer (writerPool), which must never
// wait: each batch it takes goes into the corked buffer and out in one
// write that does not wait. What would wait goes on on a goroutine of
// the session's own: what the socket did not take (finishFlush), a
// batch of more than corkFlush bytes, the close, a socket that is not
// a corkConn.
func (c *Conn) drainFast() {
	cc, _ := c.ws.NetConn().(*corkConn)
	for {
		w := c.takeWork(c.wbuf[:0])
		switch {
		case w.stopped:
			c.writerDone()
			return
		case w.empty() && !w.closing:
			if c.idle() {
				return
			}
			continue
		case cc == nil || w.closing || !fitsOneFlush(&w):
			go c.drainFrom(w)
			return
		}
		cc.cork()
		_, err := c.writeFrames(&w, cc) // all into the buffer: no system call
		c.writeSince.Store(0)
		done := false
		if err == nil {
			done, err = cc.tryFlush()
		}
		switch {
		case err != nil:
			cc.abort()
			c.writeFailed(err)
			_ = cc.Close()
			c.writerDone()
			return
		case !done:
			go c.finishFlush(cc, w.frames)
			return
		}
		c.released(w.frames)
		clear(w.frames)
		c.wbuf = w.frames
	}
}

// finishFlush sends, waiting as long as the write watch allows, what a
// pool writer gathered and the socket did not take, releases frames,
// which it carried, and drains on.
func (c *Conn) finishFlush(cc *corkConn, frames [][]byte) {
	c.writeSince.Store(writeClock())
	err := c.flushed(cc, frames, cc.uncork())
	c.writeSince.Store(0)
	if err != nil {
		c.writerDone()
		return
	}
	clear(frames)
	c.wbuf = frames
	c.drain()
}

// wsHeaderMax is the longest WebSocket frame header a server writes.
const wsHeaderMax = 10

// fitsOneFlush reports whether w's frames, framed, stay under corkFlush
// bytes, so that a corked connection gathers them all without writing.
func fitsOneFlush(w *writeWork) bool {
	n := btoi(w.ping)*wsHeaderMax + btoi(w.pong)*(wsHeaderMax+len(w.pongMsg))
	for _, f := range w.frames {
		if n += wsHeaderMax + len(f); n >= corkFlush {
			return false
		}
	}
	return n < corkFlush
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

// write sends a pong, a ping, then the frames, each watched by the
// write watch from when its write begins. More than one go out corked
// (corkConn): in one system call for every corkFlush bytes of them, each
// frame leaving the session's backlog once the call that carried it
// returns.
func (c *Conn) write(w *writeWork) error {
	defer c.writeSince.Store(0)
	cc, ok := c.ws.NetConn().(*corkConn)
	if !ok || len(w.frames)+btoi(w.ping)+btoi(w.pong) < 2 {
		cc = nil
	}
	if cc != nil {
		cc.cork()
	}
	sent, err := c.writeFrames(w, cc)
	if cc != nil {
		if err == nil {
			c.writeSince.Store(writeClock())
			return c.flushed(cc, w.frames[sent:], cc.uncork())
		}
		cc.abort()
	}
	return err
}

// corkFlush is how many corked bytes the writer gathers before it sends
// them and goes on gathering: few enough that a reading session's
// backlog drains as it is sent, not only at the end of a long batch.
const corkFlush = corkBytes / 2

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// released takes written frames out of the session's backlog.
func (c *Conn) released(frames [][]byte) {
	if len(frames) == 0 {
		return
	}
	c.mu.Lock()
	for _, f := range frames {
		c.queue.release(len(f))
	}
	c.trackBacklogLocked(false)
	c.mu.Unlock()
	c.srv.stats.framesOut.Add(uint64(len(frames)))
}

// flushed ends a corked write of frames: released if it went out, else
// the failure recorded and the socket closed, as gws does on the
// failures it sees (it did not see this one), so that the reader ends.
func (c *Conn) flushed(cc *corkConn, frames [][]byte, err error) error {
	if err != nil {
		c.writeFailed(err)
		_ = cc.Close()
		return err
	}
	c.released(frames)
	return nil
}

// writeFrames writes w's pong, ping and frames in order, each frame out
// of the backlog as soon as it is sent: at once, or with cc corked, when
// cc sends what it gathered. It returns how many frames are out of the
// backlog; with cc, the rest are sent at uncork.
func (c *Conn) writeFrames(w *writeWork, cc *corkConn) (sent int, err error) {
	if w.pong {
		if err := c.writeOne(gws.OpcodePong, w.pongMsg); err != nil {
			return 0, err
		}
	}
	if w.ping {
		if err := c.writeOne(gws.OpcodePing, nil); err != nil {
			return 0, err
		}
	}
	for i, f := range w.frames {
		if err := c.writeOne(gws.OpcodeText, f); err != nil {
			return sent, err
		}
		switch {
		case cc == nil:
			c.released(w.frames[i : i+1])
			sent = i + 1
		case cc.buffered() >= corkFlush:
			c.writeSince.Store(writeClock())
			if err := c.flushed(cc, w.frames[sent:i+1], cc.flush()); err != nil {
				return sent, err
			}
			sent = i + 1
		}
	}
	return sent, nil
}

func (c *Conn) writeOne(op gws.Opcode, payload []byte) error {
	c.writeSince.Store(writeClock())
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
