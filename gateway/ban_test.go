package gateway_test

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/lxzan/gws"
	"github.com/sqledger/sqledger/gateway"
)

// dialFromErr tries to open a session from ip and reports the error.
func dialFromErr(addr, ip string) error {
	local := &net.TCPAddr{IP: net.ParseIP(ip)}
	ws, _, err := gws.NewClient(&client{}, &gws.ClientOption{
		Addr:      "ws://" + addr + "/",
		NewDialer: func() (gws.Dialer, error) { return &net.Dialer{LocalAddr: local, Timeout: wait}, nil },
	})
	if err == nil {
		_ = ws.NetConn().Close()
	}
	return err
}

// An address whose sessions are closed for abuse BanStrikes times within
// BanTime is banned: its connections are reset as they are accepted,
// while other addresses are served, until BanTime has passed. An admin
// address is never banned.
func TestBanAfterStrikes(t *testing.T) {
	clock := newFakeClock()
	cfg := gateway.Config{
		AdminNets:     noAdmin,
		MaxFrameBytes: 1024,
		BanStrikes:    2,
		BanTime:       time.Minute,
		UpgradeRate:   -1,
		Clock:         clock.now,
	}
	b := newBackend()
	s, addr := start(t, cfg, b)
	oversize := strings.Repeat("x", 2048)

	for i := range 2 {
		c := dialFrom(t, addr, "127.0.0.3", true)
		c.send(t, oversize)
		if code := c.waitClose(t); code != 1009 {
			t.Fatalf("session %d: close code %d, want 1009", i, code)
		}
		if got := b.nextClosed(t); got.reason != gateway.FrameTooLarge {
			t.Fatalf("session %d: reason %v, want FrameTooLarge", i, got.reason)
		}
	}
	eventually(t, "the second strike counted", func() bool { return s.Stats().Closed[gateway.FrameTooLarge] == 2 })
	if err := dialFromErr(addr, "127.0.0.3"); err == nil {
		t.Fatal("a banned address opened a session")
	}
	if st := s.Stats(); st.Banned != 1 || st.Accepted != 2 {
		t.Fatalf("banned %d, accepted %d; want 1 and 2", st.Banned, st.Accepted)
	}
	other := dialFrom(t, addr, "127.0.0.4", true)
	other.send(t, `{"command":"ping","id":1}`)
	if got := b.nextRequest(t); got.req.Method != "ping" {
		t.Fatalf("another address: request %q, want ping", got.req.Method)
	}

	clock.advance(time.Minute)
	if err := dialFromErr(addr, "127.0.0.3"); err != nil {
		t.Fatalf("after the ban: %v", err)
	}
}

// One abuse close is not a ban, and strikes older than BanTime are
// forgotten: two closes a ban time apart leave the address served.
func TestBanStrikesExpire(t *testing.T) {
	clock := newFakeClock()
	cfg := gateway.Config{AdminNets: noAdmin, MaxFrameBytes: 1024, BanStrikes: 2, BanTime: time.Minute, UpgradeRate: -1, Clock: clock.now}
	s, addr := start(t, cfg, newBackend())
	for i := range 2 {
		c := dialFrom(t, addr, "127.0.0.5", true)
		c.send(t, strings.Repeat("x", 2048))
		if code := c.waitClose(t); code != 1009 {
			t.Fatalf("session %d: close code %d, want 1009", i, code)
		}
		eventually(t, "the strike counted", func() bool { return s.Stats().Closed[gateway.FrameTooLarge] == uint64(i+1) })
		clock.advance(time.Minute)
	}
	if err := dialFromErr(addr, "127.0.0.5"); err != nil {
		t.Fatalf("strikes a ban time apart banned the address: %v", err)
	}
	if st := s.Stats(); st.Banned != 0 {
		t.Fatalf("banned %d, want 0", st.Banned)
	}
}

// Admin sessions are never struck: an admin address that sends
// oversized frames again and again is still served.
func TestBanSparesAdmins(t *testing.T) {
	cfg := gateway.Config{MaxFrameBytes: 1024, BanStrikes: 1, BanTime: time.Minute, UpgradeRate: -1}
	s, addr := start(t, cfg, newBackend())
	for i := range 3 {
		c := dialFrom(t, addr, "127.0.0.6", true)
		c.send(t, strings.Repeat("x", 2048))
		if code := c.waitClose(t); code != 1009 {
			t.Fatalf("session %d: close code %d, want 1009", i, code)
		}
	}
	if st := s.Stats(); st.Banned != 0 {
		t.Fatalf("an admin address was banned %d times", st.Banned)
	}
}
