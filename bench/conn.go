package main

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/lxzan/gws"
)

// conn is one load-generating WebSocket session: it writes frames built
// in advance and hands every frame it receives, with the time it
// arrived, to onFrame on the session's read goroutine. It is leaner than
// internal/wsclient (no per-request channels or maps, no decoding) because
// the client shares the machine's cores with the node under test.
type conn struct {
	ws   *gws.Conn
	done chan struct{}

	err error // why the session ended, once done is closed

	onFrame func(frame []byte, at time.Time)
}

// connReadBuffer is the read buffer of a session: frames are small JSON.
const connReadBuffer = 4096

// dialConn opens a session to url from localIP ("" for the default).
// onFrame runs on the read goroutine and must not block for long; the
// frame it gets is valid only during the call.
func dialConn(ctx context.Context, url, localIP string, onFrame func(frame []byte, at time.Time)) (*conn, error) {
	c := &conn{done: make(chan struct{}), onFrame: onFrame}
	d := &net.Dialer{}
	if localIP != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(localIP)}
	}
	if deadline, ok := ctx.Deadline(); ok {
		d.Deadline = deadline
	}
	opt := &gws.ClientOption{
		Addr:             url,
		ReadBufferSize:   connReadBuffer,
		HandshakeTimeout: 10 * time.Second,
		NewDialer:        func() (gws.Dialer, error) { return d, nil },
	}
	ws, _, err := gws.NewClient((*connHandler)(c), opt)
	if err != nil {
		return nil, fmt.Errorf("dial %s from %s: %w", url, orDefault(localIP), err)
	}
	c.ws = ws
	go ws.ReadLoop()
	return c, nil
}

func orDefault(ip string) string {
	if ip == "" {
		return "the default address"
	}
	return ip
}

// send writes one text frame. gws serialises concurrent writers.
func (c *conn) send(frame []byte) error {
	if err := c.ws.WriteMessage(gws.OpcodeText, frame); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// close sends a close frame and waits, briefly, for the read loop to end.
func (c *conn) close() {
	_ = c.ws.WriteClose(1000, nil)
	select {
	case <-c.done:
	case <-time.After(2 * time.Second):
		_ = c.ws.NetConn().Close()
		<-c.done
	}
}

// closed reports whether the session has ended.
func (c *conn) closed() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

type connHandler conn

func (h *connHandler) OnOpen(*gws.Conn) {}

func (h *connHandler) OnClose(_ *gws.Conn, err error) {
	h.err = err
	close(h.done)
}

func (h *connHandler) OnPing(ws *gws.Conn, payload []byte) {
	_ = ws.WritePong(payload)
}

func (h *connHandler) OnPong(*gws.Conn, []byte) {}

func (h *connHandler) OnMessage(_ *gws.Conn, msg *gws.Message) {
	at := time.Now()
	h.onFrame(msg.Bytes(), at)
	_ = msg.Close()
}
