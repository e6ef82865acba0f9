package gateway_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/gateway"
)

func TestFrameTooLarge(t *testing.T) {
	b := newBackend()
	s, addr := start(t, gateway.Config{MaxFrameBytes: 1024}, b)
	cl := dial(t, addr, true)
	small := `{"command":"ping","pad":"` + strings.Repeat("x", 900) + `"}`
	cl.send(t, small)
	b.nextRequest(t)
	cl.send(t, `{"command":"ping","pad":"`+strings.Repeat("x", 1100)+`"}`)
	if code := cl.waitClose(t); code != 1009 {
		t.Fatalf("close code %d, want 1009", code)
	}
	if c := b.nextClosed(t); c.reason != gateway.FrameTooLarge {
		t.Fatalf("reason %v, want FrameTooLarge", c.reason)
	}
	b.noRequest(t)
	if n := s.Stats().Closed[gateway.FrameTooLarge]; n != 1 {
		t.Fatalf("Stats.Closed[FrameTooLarge] = %d", n)
	}
}

func TestServiceCeiling(t *testing.T) {
	b := newBackend()
	s, addr := start(t, gateway.Config{MaxSessions: 2}, b)
	first, second := dial(t, addr, true), dial(t, addr, true)
	first.send(t, `{"Action":"heartbeat"}`)
	second.send(t, `{"Action":"heartbeat"}`)
	b.nextRequest(t)
	b.nextRequest(t)

	third := dial(t, addr, true)
	if got, want := third.recv(t), `{"Action":"","Desc":"SERVICE CEILING","Error":41002,"Result":"","Version":"1.0.0"}`; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if code := third.waitClose(t); code != 1013 {
		t.Fatalf("close code %d, want 1013", code)
	}
	if n := len(b.opened()); n != 2 {
		t.Fatalf("the Backend opened %d sessions, want 2", n)
	}
	st := s.Stats()
	if st.Closed[gateway.ServiceCeiling] != 1 || st.Accepted != 2 || s.Sessions() != 2 {
		t.Fatalf("stats %+v, sessions %d", st, s.Sessions())
	}

	// A slot freed by a close is available again.
	_ = first.ws.WriteClose(1000, nil)
	if c := b.nextClosed(t); c.reason != gateway.ClientClosed {
		t.Fatalf("reason %v, want ClientClosed", c.reason)
	}
	fourth := dial(t, addr, true)
	fourth.send(t, `{"command":"ping"}`)
	if g := b.nextRequest(t); g.req.Method != "ping" {
		t.Fatalf("got %q", g.req.Method)
	}
}

func TestBackendDeclines(t *testing.T) {
	b := newBackend()
	b.decline = true
	s, addr := start(t, gateway.Config{}, b)
	cl := dial(t, addr, true)
	if got := cl.recv(t); !strings.Contains(got, `"Error":41002`) {
		t.Fatalf("got %s", got)
	}
	cl.waitClose(t)
	if s.Sessions() != 0 || s.Stats().Accepted != 0 {
		t.Fatalf("declined session counted: %d open, %+v", s.Sessions(), s.Stats())
	}
}

func TestUpgradeRateLimit(t *testing.T) {
	b := newBackend()
	clock := newFakeClock()
	s, addr := start(t, gateway.Config{UpgradeRate: 1, UpgradeBurst: 2, AdminNets: noAdmin, Clock: clock.now}, b)
	dial(t, addr, true)
	dial(t, addr, true)
	_, resp, err := dialErr(addr)
	if err == nil {
		t.Fatal("third upgrade within the burst was accepted")
	}
	if resp == nil || resp.StatusCode != 429 {
		t.Fatalf("response %v, want HTTP 429", resp)
	}
	if n := s.Stats().RateLimited; n != 1 {
		t.Fatalf("RateLimited = %d", n)
	}
	clock.advance(1001e6) // one token back
	dial(t, addr, true)
}

func TestAdminExemptFromRateLimit(t *testing.T) {
	b := newBackend()
	s, addr := start(t, gateway.Config{UpgradeRate: 1, UpgradeBurst: 1, Clock: newFakeClock().now}, b)
	for range 5 {
		dial(t, addr, true)
	}
	if n := s.Stats().RateLimited; n != 0 {
		t.Fatalf("loopback admin was rate limited %d times", n)
	}
}

func TestAdminDetection(t *testing.T) {
	tests := []struct {
		name  string
		nets  []netip.Prefix
		admin bool
	}{
		{"default is loopback", nil, true},
		{"explicit loopback /32", []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, true},
		{"other network", []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}, false},
		{"no admin at all", noAdmin, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBackend()
			_, addr := start(t, gateway.Config{AdminNets: tt.nets}, b)
			dial(t, addr, true).send(t, `{"command":"ledger_accept"}`)
			if g := b.nextRequest(t); g.conn.IsAdmin() != tt.admin {
				t.Fatalf("IsAdmin() = %v, want %v", g.conn.IsAdmin(), tt.admin)
			}
		})
	}
}

func TestEveryListenerServesBothDialects(t *testing.T) {
	b := newBackend()
	s, _ := start(t, gateway.Config{Listen: []string{"127.0.0.1:0", "127.0.0.1:0"}}, b)
	addrs := s.Addrs()
	if len(addrs) != 2 {
		t.Fatalf("%d listeners", len(addrs))
	}
	for _, a := range addrs {
		cl := dial(t, a.String(), true)
		cl.send(t, `{"command":"ping"}`)
		cl.send(t, `{"Action":"heartbeat"}`)
		if g1, g2 := b.nextRequest(t), b.nextRequest(t); g1.req.Dialect != gateway.ChainSQL || g2.req.Dialect != gateway.NKN {
			t.Fatalf("listener %s: dialects %v %v", a, g1.req.Dialect, g2.req.Dialect)
		}
	}
}

func TestStartErrors(t *testing.T) {
	s, addr := start(t, gateway.Config{}, newBackend())
	if err := s.Start(t.Context()); err != gateway.ErrStarted {
		t.Fatalf("second Start: %v", err)
	}
	busy := gateway.New(gateway.Config{Listen: []string{"127.0.0.1:0", addr}}, newBackend())
	err := busy.Start(t.Context())
	if err == nil || !strings.Contains(err.Error(), addr) {
		t.Fatalf("Start on a busy address: %v", err)
	}
	if len(busy.Addrs()) != 0 {
		t.Fatal("a failed Start left listeners open")
	}
}
