package gateway_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lxzan/gws"

	"github.com/sqledger/sqledger/gateway"
)

// wait is how long a test waits for something that should happen at once.
const wait = 2 * time.Second

// backend records sessions and requests; its Handlers run onRequest.
type backend struct {
	onRequest func(c *gateway.Conn, req *gateway.Request)
	decline   bool

	mu     sync.Mutex
	conns  []*gateway.Conn
	reqs   chan got
	closed chan closed
}

type got struct {
	conn *gateway.Conn
	req  gateway.Request
}

type closed struct {
	conn   *gateway.Conn
	reason gateway.CloseReason
}

func newBackend() *backend {
	return &backend{reqs: make(chan got, 4096), closed: make(chan closed, 4096)}
}

func (b *backend) Open(c *gateway.Conn) gateway.Handler {
	if b.decline {
		return nil
	}
	b.mu.Lock()
	b.conns = append(b.conns, c)
	b.mu.Unlock()
	return &handler{b: b, c: c}
}

func (b *backend) opened() []*gateway.Conn {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]*gateway.Conn(nil), b.conns...)
}

type handler struct {
	b       *backend
	c       *gateway.Conn
	closeNo atomic.Int32
}

func (h *handler) Handle(req *gateway.Request) {
	h.b.reqs <- got{conn: h.c, req: *req}
	if h.b.onRequest != nil {
		h.b.onRequest(h.c, req)
	}
}

func (h *handler) Closed(reason gateway.CloseReason) {
	if h.closeNo.Add(1) != 1 {
		panic("Closed called twice")
	}
	h.b.closed <- closed{conn: h.c, reason: reason}
}

// nextRequest waits for the next request any session handed over.
func (b *backend) nextRequest(t *testing.T) got {
	t.Helper()
	select {
	case g := <-b.reqs:
		return g
	case <-time.After(wait):
		t.Fatal("no request reached the handler")
		return got{}
	}
}

// noRequest checks that nothing reached the handler.
func (b *backend) noRequest(t *testing.T) {
	t.Helper()
	select {
	case g := <-b.reqs:
		t.Fatalf("unexpected request reached the handler: %s", g.req.Body)
	default:
	}
}

// nextClosed waits for the next Closed call.
func (b *backend) nextClosed(t *testing.T) closed {
	t.Helper()
	select {
	case c := <-b.closed:
		return c
	case <-time.After(wait):
		t.Fatal("no session was closed")
		return closed{}
	}
}

// start runs a server on 127.0.0.1:0 and shuts it down after the test.
func start(t *testing.T, cfg gateway.Config, b gateway.Backend) (*gateway.Server, string) {
	t.Helper()
	if cfg.Listen == nil {
		cfg.Listen = []string{"127.0.0.1:0"}
	}
	s := gateway.New(cfg, b)
	if err := s.Start(context.Background()); err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil && !errors.Is(err, gateway.ErrClosed) {
			t.Errorf("Shutdown: %v", err)
		}
	})
	return s, s.Addrs()[0].String()
}

// eventually polls cond until it holds or the wait is over.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(wait); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// waitSessions waits until the server has registered n sessions: a client's
// dial returns on the 101 answer, a moment before the server registers it.
func waitSessions(t testing.TB, s *gateway.Server, n int) {
	t.Helper()
	eventually(t, "sessions to register", func() bool { return s.Sessions() == n })
}

// client is a real WebSocket client over loopback.
type client struct {
	ws     *gws.Conn
	msgs   chan []byte
	closed chan error
	pings  chan struct{}
	pongs  bool // answer pings (gws clients do by default)
}

func (c *client) OnOpen(*gws.Conn) {}
func (c *client) OnClose(_ *gws.Conn, err error) {
	c.closed <- err
}
func (c *client) OnPing(ws *gws.Conn, payload []byte) {
	if c.pongs {
		_ = ws.WritePong(payload)
	}
	c.pings <- struct{}{}
}
func (c *client) OnPong(*gws.Conn, []byte) {}
func (c *client) OnMessage(_ *gws.Conn, msg *gws.Message) {
	c.msgs <- append([]byte(nil), msg.Bytes()...)
	_ = msg.Close()
}

// dial connects to addr; reading starts unless the test wants a client
// that never reads.
func dial(t testing.TB, addr string, read bool) *client {
	t.Helper()
	return dialFrom(t, addr, "", read)
}

// dialFrom is dial from the local address ip (any of 127.0.0.0/8 on
// loopback), or the kernel's choice if ip is empty.
func dialFrom(t testing.TB, addr, ip string, read bool) *client {
	t.Helper()
	c := &client{msgs: make(chan []byte, 65536), closed: make(chan error, 1), pings: make(chan struct{}, 64), pongs: true}
	opt := &gws.ClientOption{Addr: "ws://" + addr + "/any/path"}
	if ip != "" {
		local := &net.TCPAddr{IP: net.ParseIP(ip)}
		opt.NewDialer = func() (gws.Dialer, error) { return &net.Dialer{LocalAddr: local, Timeout: wait}, nil }
	}
	ws, _, err := gws.NewClient(c, opt)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	c.ws = ws
	if read {
		go ws.ReadLoop()
	}
	t.Cleanup(func() { _ = ws.NetConn().Close() })
	return c
}

// dialErr tries to open a session and reports the error.
func dialErr(addr string) (*gws.Conn, *http.Response, error) {
	return gws.NewClient(&client{}, &gws.ClientOption{Addr: "ws://" + addr})
}

func (c *client) send(t testing.TB, frame string) {
	t.Helper()
	if err := c.ws.WriteString(frame); err != nil {
		t.Fatalf("send: %v", err)
	}
}

// recv waits for the next frame.
func (c *client) recv(t testing.TB) string {
	t.Helper()
	select {
	case m := <-c.msgs:
		return string(m)
	case <-time.After(wait):
		t.Fatal("no frame received")
		return ""
	}
}

// waitPing waits for a ping from the server.
func (c *client) waitPing(t testing.TB) {
	t.Helper()
	select {
	case <-c.pings:
	case <-time.After(wait):
		t.Fatal("no ping received")
	}
}

// waitClose waits for the server to close the connection and returns the
// close code it sent (0 if it sent none).
func (c *client) waitClose(t testing.TB) uint16 {
	t.Helper()
	select {
	case err := <-c.closed:
		var ce *gws.CloseError
		if errors.As(err, &ce) {
			return ce.Code
		}
		return 0
	case <-time.After(wait):
		t.Fatal("connection was not closed")
		return 0
	}
}

// fakeClock is a settable Config.Clock.
type fakeClock struct{ ns atomic.Int64 }

func newFakeClock() *fakeClock {
	c := &fakeClock{}
	c.ns.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *fakeClock) now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) advance(d time.Duration) { c.ns.Add(int64(d)) }

// noAdmin are admin networks that exclude the test's own address.
var noAdmin = []netip.Prefix{}
