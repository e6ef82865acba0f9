package gateway_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/gateway"
)

// numbered is a notification frame of about size bytes carrying n.
func numbered(n, size int) []byte {
	return []byte(`{"type":"ledgerClosed","ledger_index":` + itoa(n) + `,"pad":"` + strings.Repeat("x", size) + `"}`)
}

func ledgerIndex(t *testing.T, frame string) int {
	t.Helper()
	var m struct {
		LedgerIndex int `json:"ledger_index"`
	}
	if err := json.Unmarshal([]byte(frame), &m); err != nil {
		t.Fatalf("bad frame: %v", err)
	}
	return m.LedgerIndex
}

// A client that stops reading loses its oldest notifications, never the
// newest, and costs the other sessions nothing.
func TestSlowConsumerNotifications(t *testing.T) {
	b := newBackend()
	// The grace is long: this test is about what is dropped, not the cut.
	s, addr := start(t, gateway.Config{QueueBytes: 256 << 10, WriteTimeout: 5 * time.Second, SlowGrace: time.Hour}, b)
	stalled := dial(t, addr, false)
	healthy := dial(t, addr, true)
	stalled.send(t, `{"command":"subscribe"}`)
	healthy.send(t, `{"command":"subscribe"}`)
	b.nextRequest(t)
	b.nextRequest(t)

	// Each frame reaches the healthy session before the next is sent: the
	// stalled one never holds it back.
	const n, size = 600, 32 << 10 // ~19 MB each: far past the socket buffers
	began := time.Now()
	for i := range n {
		s.Broadcast(numbered(i, size), nil)
		if got := ledgerIndex(t, healthy.recv(t)); got != i {
			t.Fatalf("healthy session got ledger %d, want %d", got, i)
		}
	}
	t.Logf("healthy session received %d frames of %d KiB in %v", n, size>>10, time.Since(began))
	dropped := s.Stats().Dropped
	if dropped == 0 {
		t.Fatal("no notification was dropped for the stalled session")
	}

	go stalled.ws.ReadLoop()
	received, last := 0, -1
	for last != n-1 {
		got := ledgerIndex(t, stalled.recv(t))
		if got <= last {
			t.Fatalf("stalled session got ledger %d after %d", got, last)
		}
		received++
		last = got
	}
	if uint64(received)+dropped != n {
		t.Fatalf("stalled session received %d and dropped %d of %d", received, dropped, n)
	}
	if s.Sessions() != 2 {
		t.Fatal("dropping notifications closed a session")
	}
}

// Replies are never dropped: a session whose replies overflow its queue is
// closed as a slow consumer, and only that session.
func TestSlowConsumerReplies(t *testing.T) {
	b := newBackend()
	const size = 32 << 10
	b.onRequest = func(c *gateway.Conn, req *gateway.Request) {
		if req.Method != "flood" {
			c.Reply(gateway.ChainSQLResult(req.ID, "ok"))
			return
		}
		for i := range 1000 {
			c.Reply(numbered(i, size))
		}
	}
	s, addr := start(t, gateway.Config{QueueBytes: 256 << 10}, b)
	stalled := dial(t, addr, false)
	healthy := dial(t, addr, true)
	healthy.send(t, `{"command":"ping","id":1}`)
	b.nextRequest(t)
	healthy.recv(t)

	stalled.send(t, `{"command":"flood"}`)
	b.nextRequest(t)
	c := b.nextClosed(t)
	if c.reason != gateway.SlowConsumer {
		t.Fatalf("reason %v, want SlowConsumer", c.reason)
	}
	c.conn.Reply([]byte(`{}`)) // after close: a no-op
	c.conn.Notify([]byte(`{}`))

	healthy.send(t, `{"command":"ping","id":2}`)
	b.nextRequest(t)
	if got := healthy.recv(t); !strings.Contains(got, `"id":2`) {
		t.Fatalf("healthy session got %s", got)
	}
	if st := s.Stats(); st.Closed[gateway.SlowConsumer] != 1 || s.Sessions() != 1 {
		t.Fatalf("stats %+v, %d sessions", st, s.Sessions())
	}
}

// A peer that stops reading is cut once a write blocks past WriteTimeout.
func TestWriteTimeout(t *testing.T) {
	b := newBackend()
	s, addr := start(t, gateway.Config{WriteTimeout: 100 * time.Millisecond, SlowBytes: -1}, b)
	stalled := dial(t, addr, false)
	stalled.send(t, `{"command":"subscribe"}`)
	c := b.nextRequest(t).conn
	for i := range 600 {
		c.Notify(numbered(i, 32<<10))
	}
	if got := b.nextClosed(t); got.reason != gateway.WriteTimeout {
		t.Fatalf("reason %v, want WriteTimeout", got.reason)
	}
	if n := s.Stats().Closed[gateway.WriteTimeout]; n != 1 {
		t.Fatalf("Closed[WriteTimeout] = %d", n)
	}
}
