package gateway

import (
	"net/netip"
	"testing"
	"time"
)

// A frame's cost is one token plus one per FrameCostBytes, capped at each
// bucket's burst, and it is taken from both buckets or from neither.
func TestFrameLimitsAllow(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // no refill within a case
	addr := netip.MustParseAddr("192.0.2.1")
	tests := []struct {
		name                  string
		sessionBurst, addrBur int
		sizes                 []int
		want                  []bool
	}{
		{"one token per small frame", 3, 100, []int{10, 10, 10, 10}, []bool{true, true, true, false}},
		{"bytes cost tokens", 10, 100, []int{4000, 4000, 0}, []bool{true, true, false}}, // 5 + 5, then 1 more
		{"cost capped at the burst", 4, 100, []int{1 << 20, 0}, []bool{true, false}},
		{"address refuses: session keeps its tokens", 100, 2, []int{0, 0, 0}, []bool{true, true, false}},
		{"session refuses: address keeps its tokens", 1, 100, []int{0, 0}, []bool{true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(Config{AdminNets: []netip.Prefix{}, FrameRate: 1, FrameBurst: tt.sessionBurst,
				AddrFrameRate: 1, AddrFrameBurst: tt.addrBur, FrameCostBytes: 1000}, nil)
			l := s.newFrameLimits(addr, false)
			for i, size := range tt.sizes {
				if got := l.allow(size, at); got != tt.want[i] {
					t.Fatalf("frame %d of %d bytes: allow %v, want %v", i, size, got, tt.want[i])
				}
			}
			// What the refusal left: the other bucket was not charged.
			switch tt.name {
			case "address refuses: session keeps its tokens":
				if got := l.session.TokensAt(at); got != float64(tt.sessionBurst-2) {
					t.Fatalf("session bucket holds %v tokens, want %d", got, tt.sessionBurst-2)
				}
			case "session refuses: address keeps its tokens":
				if got := l.addr.TokensAt(at); got != float64(tt.addrBur-1) {
					t.Fatalf("address bucket holds %v tokens, want %d", got, tt.addrBur-1)
				}
			}
		})
	}
}

// Admins have no limits, nor does anyone when both rates are off; an
// address bucket outlives its sessions until it has refilled.
func TestFrameLimitsLifetime(t *testing.T) {
	addr := netip.MustParseAddr("192.0.2.2")
	s := New(Config{}, nil)
	if s.newFrameLimits(addr, true) != nil {
		t.Fatal("an admin session has frame limits")
	}
	if New(Config{FrameRate: -1, AddrFrameRate: -1}, nil).newFrameLimits(addr, false) != nil {
		t.Fatal("limits switched off still apply")
	}
	at := time.Now()
	l := s.newFrameLimits(addr, false)
	for range 10 {
		l.allow(0, at)
	}
	s.addrFrames.release(addr)
	s.addrFrames.prune(at)
	if again := s.newFrameLimits(addr, false); again.addr != l.addr {
		t.Fatal("a spent address bucket was forgotten when its last session ended")
	}
	s.addrFrames.release(addr)
	s.addrFrames.prune(at.Add(time.Minute))
	if again := s.newFrameLimits(addr, false); again.addr == l.addr {
		t.Fatal("a refilled address bucket without sessions was kept")
	}
}

// BenchmarkFrameLimits is the cost the limits add to each inbound frame.
func BenchmarkFrameLimits(b *testing.B) {
	s := New(Config{FrameRate: 1e12, FrameBurst: 1 << 30, AddrFrameRate: 1e12, AddrFrameBurst: 1 << 30}, nil)
	l := s.newFrameLimits(netip.MustParseAddr("192.0.2.3"), false)
	at := time.Now()
	b.ReportAllocs()
	for i := range b.N {
		if !l.allow(100, at.Add(time.Duration(i))) {
			b.Fatal("refused")
		}
	}
}
