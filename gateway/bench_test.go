package gateway_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/lxzan/gws"

	"github.com/sqledger/sqledger/gateway"
)

// echoBackend answers every request with a ChainSQL success envelope.
type echoBackend struct{}

func (echoBackend) Open(c *gateway.Conn) gateway.Handler { return echoHandler{c} }

type echoHandler struct{ c *gateway.Conn }

func (h echoHandler) Handle(req *gateway.Request) {
	h.c.Reply(gateway.ChainSQLResult(req.ID, req.Method))
}
func (echoHandler) Closed(gateway.CloseReason) {}

func benchServer(b *testing.B, be gateway.Backend) (*gateway.Server, string) {
	b.Helper()
	s := gateway.New(gateway.Config{Listen: []string{"127.0.0.1:0"}, MaxSessions: 5000}, be)
	if err := s.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Shutdown(context.Background()) })
	return s, s.Addrs()[0].String()
}

// BenchmarkEcho is one request/response round trip over loopback: a client
// frame, dialect recognition, the Handler, the ChainSQL envelope, the
// session's writer, and the client reading the reply.
func BenchmarkEcho(b *testing.B) {
	_, addr := benchServer(b, echoBackend{})
	cl := dial(b, addr, true)
	req := []byte(`{"id":1,"command":"server_info"}`)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := cl.ws.WriteMessage(gws.OpcodeText, req); err != nil {
			b.Fatal(err)
		}
		cl.recv(b)
	}
}

// counter is a client that only counts the frames it receives.
type counter struct {
	gws.BuiltinEventHandler
	n    *atomic.Int64
	want *atomic.Int64
	done chan struct{}
}

func (c *counter) OnMessage(_ *gws.Conn, msg *gws.Message) {
	_ = msg.Close()
	if c.n.Add(1) == c.want.Load() {
		c.done <- struct{}{}
	}
}

// BenchmarkBroadcast is one NKN push fanned out to 1,000 sessions, until
// every client has read it.
func BenchmarkBroadcast(b *testing.B) {
	const sessions = 1000
	s, addr := benchServer(b, echoBackend{})
	var n, want atomic.Int64
	done := make(chan struct{}, 1)
	for range sessions {
		ws, _, err := gws.NewClient(&counter{n: &n, want: &want, done: done}, &gws.ClientOption{Addr: "ws://" + addr})
		if err != nil {
			b.Fatal(err)
		}
		go ws.ReadLoop()
		b.Cleanup(func() { _ = ws.NetConn().Close() })
	}
	waitSessions(b, s, sessions)
	push := gateway.NKNReply("updateSigChainBlockHash", nil, 0, "fe5731ccaa605877306f4fde82c8b2d39f78fa22ff33f87bb818ffddbad7dd64")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		want.Store(int64(sessions * (i + 1)))
		s.Broadcast(push, nil)
		<-done
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*sessions), "ns/delivery")
}
