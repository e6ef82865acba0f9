package gateway

import (
	"bytes"
	"context"
	"errors"
	"log/slog"

	"github.com/lxzan/gws"
)

// connKey is where each gws connection's session storage keeps its *Conn.
const connKey = "gateway.conn"

// events receives gws's callbacks; all of them run on the connection's
// read goroutine.
type events struct{}

func connOf(ws *gws.Conn) *Conn {
	v, _ := ws.Session().Load(connKey)
	c, _ := v.(*Conn)
	return c
}

func (events) OnOpen(*gws.Conn) {}

// OnPing records that the peer is alive and has the writer answer.
func (events) OnPing(ws *gws.Conn, payload []byte) {
	c := connOf(ws)
	if c == nil {
		return
	}
	c.lastHeard.Store(c.srv.now().UnixNano())
	c.mu.Lock()
	c.pongDue, c.pongData = true, payload
	c.mu.Unlock()
	c.signal()
}

// OnPong records that the peer is alive.
func (events) OnPong(ws *gws.Conn, _ []byte) {
	if c := connOf(ws); c != nil {
		c.lastHeard.Store(c.srv.now().UnixNano())
	}
}

func (events) OnMessage(ws *gws.Conn, msg *gws.Message) {
	frame := bytes.Clone(msg.Bytes())
	_ = msg.Close()
	if c := connOf(ws); c != nil {
		c.receive(frame)
	}
}

func (events) OnClose(ws *gws.Conn, err error) {
	if c := connOf(ws); c != nil {
		c.finish(err)
	}
}

// receive handles one inbound message: text and binary alike are JSON.
// Frames that are not requests are answered here, in the dialect the frame
// or the session speaks, and never reach the Handler.
func (c *Conn) receive(frame []byte) {
	at := c.srv.now()
	now := at.UnixNano()
	c.lastHeard.Store(now)
	c.srv.stats.framesIn.Add(1)
	if !c.admit(frame, at) {
		return
	}
	req, verdict := decodeRequest(frame, c.spokeNKN.Load())
	limit := c.srv.cfg.MaxEchoBytes
	req.echoLimit, req.ID = limit, echoID(req.ID, limit/4)
	switch verdict {
	case frameNotObject:
		if c.spokeNKN.Load() || looksNKN(frame) {
			c.Reply(nknIllegalFormatFrame)
		} else {
			c.Reply(jsonInvalidFrame(frame, limit))
		}
	case frameNoMethod:
		if req.Dialect == NKN {
			c.Reply(nknInvalidMethodFrame(req.ID))
		} else {
			c.Reply(missingCommandFrame(&req))
		}
	case frameOK:
		c.lastRequest.Store(now)
		c.dialect.CompareAndSwap(0, uint32(req.Dialect))
		if req.Dialect == ChainSQL {
			c.commanded.Store(true)
		} else {
			c.spokeNKN.Store(true)
		}
		if c.isClosing() {
			return
		}
		if c.srv.log.Enabled(context.Background(), slog.LevelDebug) {
			// The method name and size only: a request may hold secrets.
			c.srv.log.Debug("gateway: request", "session", c.id, "dialect", req.Dialect.String(),
				"method", truncate(req.Method, maxLoggedMethod), "bytes", len(frame))
		}
		c.handler.Handle(&req)
	}
}

func (c *Conn) isClosing() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closing
}

// finish runs once, when the reader has ended: it stops the writer, settles
// the reason, and tells the Handler.
func (c *Conn) finish(err error) {
	c.mu.Lock()
	c.closing, c.stopped = true, true
	c.queue.reset()
	if c.slowTimer != nil {
		c.slowTimer.Stop()
	}
	c.mu.Unlock()
	c.signal()
	<-c.writerOK
	c.srv.releaseFrameLimits(c)
	c.reason.CompareAndSwap(0, uint32(readReason(err)))
	reason := c.closeReason()
	c.srv.forget(c, reason)
	c.handler.Closed(reason)
	c.srv.sessionsWG.Done()
}

// readReason classifies the error that ended gws's read loop when nobody
// recorded a reason before.
func readReason(err error) CloseReason {
	var closeErr *gws.CloseError
	if errors.As(err, &closeErr) {
		return ClientClosed
	}
	var status interface{ Uint16() uint16 }
	if errors.As(err, &status) && status.Uint16() == closeTooLarge {
		return FrameTooLarge
	}
	return ReadError
}

// maxLoggedMethod bounds the method names written to the log, which come
// from the peer.
const maxLoggedMethod = 64

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
