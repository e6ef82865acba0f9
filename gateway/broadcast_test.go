package gateway_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/gateway"
)

func TestBroadcast(t *testing.T) {
	b := newBackend()
	s, addr := start(t, gateway.Config{}, b)
	const sessions = 200
	clients := make([]*client, sessions)
	for i := range clients {
		clients[i] = dial(t, addr, true)
		if i%2 == 0 {
			clients[i].send(t, `{"Action":"heartbeat"}`)
		} else {
			clients[i].send(t, `{"command":"subscribe"}`)
		}
		b.nextRequest(t)
	}
	if n := s.Sessions(); n != sessions {
		t.Fatalf("%d sessions, want %d", n, sessions)
	}

	push := gateway.NKNReply("updateSigChainBlockHash", nil, 0, strings.Repeat("ab", 32))
	s.Broadcast(push, nil)
	for i, cl := range clients {
		if got := cl.recv(t); got != string(push) {
			t.Fatalf("session %d got %s", i, got)
		}
	}

	// A filter picks the recipients.
	odd := func(c *gateway.Conn) bool { return c.ID()%2 == 1 }
	s.Broadcast([]byte(`{"type":"ledgerClosed"}`), odd)
	s.Broadcast([]byte(`{"type":"end"}`), nil)
	for i, cl := range clients {
		first := cl.recv(t)
		if first == `{"type":"ledgerClosed"}` {
			first = cl.recv(t)
		}
		if first != `{"type":"end"}` {
			t.Fatalf("session %d got %s", i, first)
		}
	}
	// A writer counts a frame once written, a moment after the client may
	// have read it.
	eventually(t, "FramesOut to count every frame", func() bool { return s.Stats().FramesOut == 2*sessions+sessions/2 })
	if st := s.Stats(); st.Dropped != 0 {
		t.Fatalf("stats %+v", st)
	}
}

func TestShutdown(t *testing.T) {
	b := newBackend()
	s, addr := start(t, gateway.Config{}, b)
	b.onRequest = func(c *gateway.Conn, req *gateway.Request) {
		c.Reply(gateway.ChainSQLResult(req.ID, "last words"))
	}
	clients := make([]*client, 10)
	for i := range clients {
		clients[i] = dial(t, addr, true)
		clients[i].send(t, `{"command":"ping","id":1}`)
		b.nextRequest(t)
		clients[i].recv(t)
	}
	if err := s.Shutdown(t.Context()); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	for i, cl := range clients {
		if code := cl.waitClose(t); code != 1001 {
			t.Fatalf("client %d: close code %d, want 1001", i, code)
		}
	}
	for range clients {
		if c := b.nextClosed(t); c.reason != gateway.Shutdown {
			t.Fatalf("reason %v, want Shutdown", c.reason)
		}
	}
	if s.Sessions() != 0 {
		t.Fatalf("%d sessions left", s.Sessions())
	}
	if _, _, err := dialErr(addr); err == nil {
		t.Fatal("a new session was accepted after Shutdown")
	}
	if err := s.Shutdown(t.Context()); err != gateway.ErrClosed {
		t.Fatalf("second Shutdown: %v", err)
	}
	if err := s.Start(t.Context()); err != gateway.ErrClosed {
		t.Fatalf("Start after Shutdown: %v", err)
	}
}

func TestHandlerClose(t *testing.T) {
	b := newBackend()
	b.onRequest = func(c *gateway.Conn, req *gateway.Request) {
		c.Reply(gateway.ChainSQLError(req, "slowDown", 10, "You are placing too much load on the server."))
		c.Close(gateway.PolicyViolation)
		c.Close(gateway.Shutdown) // only the first reason counts
	}
	_, addr := start(t, gateway.Config{}, b)
	cl := dial(t, addr, true)
	cl.send(t, `{"command":"ping","id":1}`)
	if got := cl.recv(t); !strings.Contains(got, `"error":"slowDown"`) {
		t.Fatalf("the reply queued before Close was not flushed: %s", got)
	}
	if code := cl.waitClose(t); code != 1008 {
		t.Fatalf("close code %d, want 1008", code)
	}
	if c := b.nextClosed(t); c.reason != gateway.PolicyViolation {
		t.Fatalf("reason %v", c.reason)
	}
}

// A Shutdown whose context ends drops the sessions still flushing.
func TestShutdownDeadline(t *testing.T) {
	b := newBackend()
	s, addr := start(t, gateway.Config{}, b)
	stalled := dial(t, addr, false)
	stalled.send(t, `{"command":"subscribe"}`)
	c := b.nextRequest(t).conn
	for i := range 600 {
		c.Notify(numbered(i, 32<<10))
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	began := time.Now()
	err := s.Shutdown(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Shutdown: %v, want the context's deadline", err)
	}
	if took := time.Since(began); took > time.Second {
		t.Fatalf("Shutdown took %v", took)
	}
	if got := b.nextClosed(t); got.reason != gateway.Shutdown {
		t.Fatalf("reason %v, want Shutdown", got.reason)
	}
}
