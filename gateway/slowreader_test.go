package gateway_test

import (
	"testing"
	"time"

	"github.com/sqledger/sqledger/gateway"
)

// Sessions that subscribe and stop reading are cut as slow consumers a
// grace after they go over their unsent budget, while a session that
// reads gets every notification, in order, and stays open.
func TestSlowReadersCut(t *testing.T) {
	b := newBackend()
	const (
		stalledN = 20
		grace    = 500 * time.Millisecond
		budget   = 256 << 10
		size     = 4 << 10
	)
	s, addr := start(t, gateway.Config{SlowBytes: budget, SlowGrace: grace, SendBuffer: 16 << 10}, b)
	stalled := make([]*client, stalledN)
	for i := range stalled {
		stalled[i] = dial(t, addr, false)
		stalled[i].send(t, `{"command":"subscribe","streams":["ledger","transactions"]}`)
		b.nextRequest(t)
	}
	honest := dial(t, addr, true)
	honest.send(t, `{"command":"subscribe","streams":["ledger","transactions"]}`)
	b.nextRequest(t)

	// Notifications flow as ledgers close, until every stalled session is
	// gone. A stalled session is behind once the kernel buffers of both
	// ends and its budget are full: by the time kernelSlack more than its
	// budget was sent at the latest, whatever the kernel's tuning.
	const kernelSlack = 8 << 20
	closedAt := make(chan time.Time, stalledN)
	go func() {
		for range stalledN {
			c := <-b.closed
			if c.reason != gateway.SlowConsumer {
				t.Errorf("reason %v, want SlowConsumer", c.reason)
			}
			closedAt <- time.Now()
		}
	}()
	began := time.Now()
	var behindBy time.Time // when budget+kernelSlack bytes had been sent
	sent := 0
	for deadline := began.Add(30 * time.Second); s.Stats().Closed[gateway.SlowConsumer] < stalledN; {
		if time.Now().After(deadline) {
			t.Fatalf("after %d notifications in %v only %d of %d stalled sessions were cut",
				sent, time.Since(began), s.Stats().Closed[gateway.SlowConsumer], stalledN)
		}
		s.Broadcast(numbered(sent, size), nil)
		sent++
		if behindBy.IsZero() && sent*size >= budget+kernelSlack {
			behindBy = time.Now()
		}
		if sent%16 == 0 {
			time.Sleep(time.Millisecond)
		}
	}
	if behindBy.IsZero() {
		behindBy = time.Now()
	}
	t.Logf("%d stalled sessions cut after %d notifications (%d KiB each) in %v", stalledN, sent, sent*size>>10, time.Since(began))
	// The grace is honoured, and the cut comes within a few seconds of it.
	for range stalledN {
		at := <-closedAt
		if at.Sub(began) < grace {
			t.Fatalf("cut %v after the first notification, before the grace of %v", at.Sub(began), grace)
		}
		if late := at.Sub(behindBy); late > grace+3*time.Second {
			t.Fatalf("cut %v after it was certainly behind, want within the grace of %v and 3 s", late, grace)
		}
	}

	for i := range sent {
		if got := ledgerIndex(t, honest.recv(t)); got != i {
			t.Fatalf("honest session got ledger %d, want %d", got, i)
		}
	}
	if s.Sessions() != 1 || s.Stats().Closed[gateway.SlowConsumer] != stalledN {
		t.Fatalf("%d sessions open, stats %+v", s.Sessions(), s.Stats())
	}
	honest.send(t, `{"command":"ping"}`)
	b.nextRequest(t)
}

// A reading session that falls behind for less than the grace, in a burst
// of notifications, is not cut.
func TestSlowBurstWithinGrace(t *testing.T) {
	b := newBackend()
	const grace = time.Second
	s, addr := start(t, gateway.Config{SlowBytes: 64 << 10, SlowGrace: grace}, b)
	cl := dial(t, addr, true)
	cl.send(t, `{"command":"subscribe"}`)
	b.nextRequest(t)
	const n = 200 // 800 KiB at once: twelve times the budget
	for i := range n {
		s.Broadcast(numbered(i, 4<<10), nil)
	}
	for i := range n {
		if got := ledgerIndex(t, cl.recv(t)); got != i {
			t.Fatalf("got ledger %d, want %d", got, i)
		}
	}
	time.Sleep(grace + grace/2)
	if st := s.Stats(); st.Closed[gateway.SlowConsumer] != 0 || st.Dropped != 0 || s.Sessions() != 1 {
		t.Fatalf("a burst within the grace cut the session: %+v, %d open", st, s.Sessions())
	}
}
