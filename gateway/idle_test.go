package gateway_test

import (
	"testing"
	"time"

	"github.com/sqledger/sqledger/gateway"
)

const sessionExpired = `{"Action":"","Desc":"SESSION EXPIRED","Error":41001,"Result":"","Version":"1.0.0"}`

// idleConfig sweeps every few milliseconds of real time against a fake
// clock, with pings far enough apart not to interfere.
func idleConfig(clock *fakeClock) gateway.Config {
	return gateway.Config{
		IdleTimeout:  120 * time.Second,
		IdleCheck:    2 * time.Millisecond,
		PingInterval: 24 * time.Hour,
		Clock:        clock.now,
	}
}

func TestIdleExpiry(t *testing.T) {
	clock := newFakeClock()
	b := newBackend()
	s, addr := start(t, idleConfig(clock), b)

	silent := dial(t, addr, true)
	waitSessions(t, s, 1) // registered, at the clock's current time
	nkn := dial(t, addr, true)
	nkn.send(t, `{"Action":"heartbeat"}`)
	b.nextRequest(t)
	chainsql := dial(t, addr, true)
	chainsql.send(t, `{"command":"subscribe","streams":["ledger"]}`)
	b.nextRequest(t)

	// Garbage does not keep a session alive; a well-formed request does.
	clock.advance(100 * time.Second)
	nkn.send(t, `{"Action":`)
	nkn.recv(t) // 41003
	refreshed := dial(t, addr, true)
	refreshed.send(t, `{"Action":"heartbeat"}`)
	b.nextRequest(t)

	clock.advance(21 * time.Second)
	for name, cl := range map[string]*client{"silent": silent, "nkn": nkn} {
		if got := cl.recv(t); got != sessionExpired {
			t.Fatalf("%s session got %s", name, got)
		}
		if code := cl.waitClose(t); code != 1000 {
			t.Fatalf("%s session closed with %d, want 1000", name, code)
		}
	}
	for range 2 {
		if c := b.nextClosed(t); c.reason != gateway.IdleExpired {
			t.Fatalf("reason %v, want IdleExpired", c.reason)
		}
	}

	// The ChainSQL session and the refreshed one are still served.
	chainsql.send(t, `{"command":"ping"}`)
	refreshed.send(t, `{"Action":"heartbeat"}`)
	b.nextRequest(t)
	b.nextRequest(t)
	if n := s.Sessions(); n != 2 {
		t.Fatalf("%d sessions open, want 2", n)
	}

	// Hours later, the ChainSQL session is exempt still.
	clock.advance(3 * time.Hour)
	if got := refreshed.recv(t); got != sessionExpired {
		t.Fatalf("refreshed session got %s", got)
	}
	refreshed.waitClose(t)
	b.nextClosed(t)
	chainsql.send(t, `{"command":"ping"}`)
	if g := b.nextRequest(t); g.req.Method != "ping" {
		t.Fatalf("got %q", g.req.Method)
	}
	if n := s.Stats().Closed[gateway.IdleExpired]; n != 3 {
		t.Fatalf("Closed[IdleExpired] = %d, want 3", n)
	}
}

func TestPingTimeout(t *testing.T) {
	clock := newFakeClock()
	b := newBackend()
	cfg := idleConfig(clock)
	cfg.PingInterval = 10 * time.Second
	_, addr := start(t, cfg, b)

	live := dial(t, addr, true)
	mute := dial(t, addr, true)
	mute.pongs = false
	for _, cl := range []*client{live, mute} {
		cl.send(t, `{"command":"subscribe"}`)
		b.nextRequest(t)
	}

	clock.advance(11 * time.Second)
	live.waitPing(t)
	mute.waitPing(t)
	// The pong travels back before the clock moves on.
	live.send(t, `{"command":"ping"}`)
	b.nextRequest(t)

	clock.advance(11 * time.Second)
	if code := mute.waitClose(t); code != 0 {
		t.Fatalf("a ping timeout sent close code %d; the socket should just drop", code)
	}
	if c := b.nextClosed(t); c.reason != gateway.PingTimeout {
		t.Fatalf("reason %v, want PingTimeout", c.reason)
	}
	live.waitPing(t)
	live.send(t, `{"command":"ping"}`)
	b.nextRequest(t)
}
