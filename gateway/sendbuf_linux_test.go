package gateway

import (
	"context"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/lxzan/gws"
)

// recordingBackend hands over each opened session.
type recordingBackend struct{ opened chan *Conn }

func (b recordingBackend) Open(c *Conn) Handler { b.opened <- c; return nopHandler{} }

type nopHandler struct{}

func (nopHandler) Handle(*Request)    {}
func (nopHandler) Closed(CloseReason) {}

// Accepted sockets get Config.SendBuffer as SO_SNDBUF (which Linux
// doubles), or the kernel's default when it is negative.
func TestSendBuffer(t *testing.T) {
	for _, tt := range []struct {
		name   string
		config int
		want   func(got int) bool
	}{
		{"default", 0, func(got int) bool { return got == 2*DefaultSendBuffer }},
		{"set", 32 << 10, func(got int) bool { return got == 2*(32<<10) }},
		{"kernel", -1, func(got int) bool { return got != 2*DefaultSendBuffer }}, // autotuned
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := recordingBackend{opened: make(chan *Conn, 1)}
			s := New(Config{Listen: []string{"127.0.0.1:0"}, SendBuffer: tt.config}, b)
			if err := s.Start(context.Background()); err != nil {
				t.Fatal(err)
			}
			defer func() { _ = s.Shutdown(context.Background()) }()
			ws, _, err := gws.NewClient(new(gws.BuiltinEventHandler), &gws.ClientOption{Addr: "ws://" + s.Addrs()[0].String()})
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = ws.NetConn().Close() }()
			var c *Conn
			select {
			case c = <-b.opened:
			case <-time.After(2 * time.Second):
				t.Fatal("no session opened")
			}
			got := sndbuf(t, c.ws.NetConn())
			if !tt.want(got) {
				t.Fatalf("SO_SNDBUF %d with SendBuffer %d", got, tt.config)
			}
		})
	}
}

func sndbuf(t *testing.T, conn net.Conn) int {
	t.Helper()
	raw, err := conn.(syscall.Conn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var got int
	var sockErr error
	if err := raw.Control(func(fd uintptr) {
		got, sockErr = syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_SNDBUF)
	}); err != nil {
		t.Fatal(err)
	}
	if sockErr != nil {
		t.Fatal(sockErr)
	}
	return got
}
