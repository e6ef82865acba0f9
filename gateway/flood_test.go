package gateway_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/gateway"
)

const (
	chainsqlSlowDown = `{"error":"slowDown","error_code":10,"error_message":"You are placing too much load on the server.","status":"error","type":"response"}`
	nknSlowDown      = `{"Action":"","Desc":"SERVICE CEILING","Error":41002,"Result":"slowDown","Version":"1.0.0"}`
)

// floodConfig has small frame limits and a clock that stands still, so
// that no bucket refills during a test.
func floodConfig() gateway.Config {
	return gateway.Config{
		AdminNets:      noAdmin,
		FrameRate:      10,
		FrameBurst:     5,
		AddrFrameRate:  100,
		AddrFrameBurst: 1000,
		FrameStrikes:   3,
		Clock:          newFakeClock().now,
	}
}

// A session over its frame rate gets slowDown for each frame refused,
// which never reaches the Handler; after FrameStrikes of them it is
// closed with Flooding (1008), and a session from another address is
// served all along.
func TestFloodThrottledThenClosed(t *testing.T) {
	for _, tt := range []struct {
		name, frame, slowDown string
		// answered is how the frames within the burst are answered by the
		// gateway itself ("" : they reach the Handler, which is silent).
		answered string
	}{
		{"chainsql", `{"command":"ping","id":1}`, chainsqlSlowDown, ""},
		{"nkn", `{"Action":"heartbeat","Id":1}`, nknSlowDown, ""},
		{"garbage", strings.Repeat("\x01", 1000), chainsqlSlowDown, `{"error":"jsonInvalid"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := newBackend()
			s, addr := start(t, floodConfig(), b)
			flooder := dialFrom(t, addr, "127.0.0.1", true)
			honest := dialFrom(t, addr, "127.0.0.2", true)
			// The burst (5) passes; frames 6 to 9 are refused with
			// slowDown, the 9th without a strike left closes the session.
			for range 9 {
				flooder.send(t, tt.frame)
			}
			if tt.answered != "" {
				for i := range 5 {
					if got := flooder.recv(t); !strings.HasPrefix(got, tt.answered) {
						t.Fatalf("frame %d within the burst answered %.100s", i, got)
					}
				}
			}
			for i := range 4 {
				if got := flooder.recv(t); got != tt.slowDown {
					t.Fatalf("refused frame %d answered %.200s, want %s", i, got, tt.slowDown)
				}
			}
			if code := flooder.waitClose(t); code != 1008 {
				t.Fatalf("close code %d, want 1008", code)
			}
			if c := b.nextClosed(t); c.reason != gateway.Flooding {
				t.Fatalf("reason %v, want Flooding", c.reason)
			}
			handled := 5
			if tt.answered != "" {
				handled = 0
			}
			if n := len(b.reqs); n != handled {
				t.Fatalf("the Handler got %d requests, want %d", n, handled)
			}
			for range handled {
				b.nextRequest(t)
			}
			select {
			case extra := <-flooder.msgs:
				t.Fatalf("frame after the close: %.200s", extra)
			default:
			}

			honest.send(t, `{"command":"ping","id":2}`)
			if g := b.nextRequest(t); g.conn.RemoteAddr().Addr().String() != "127.0.0.2" {
				t.Fatalf("request from %v", g.conn.RemoteAddr())
			}
			st := s.Stats()
			if st.Closed[gateway.Flooding] != 1 || st.Throttled < 4 || s.Sessions() != 1 {
				t.Fatalf("stats %+v, %d sessions", st, s.Sessions())
			}
		})
	}
}

// The sessions of one address share its bucket: once one has spent it, a
// second one from the same address is refused, one from elsewhere is not.
func TestFloodSharedAddressBucket(t *testing.T) {
	b := newBackend()
	cfg := floodConfig()
	cfg.FrameBurst, cfg.AddrFrameBurst, cfg.FrameStrikes = 100, 8, 100
	_, addr := start(t, cfg, b)
	first := dialFrom(t, addr, "127.0.0.3", true)
	for range 8 {
		first.send(t, `{"command":"ping"}`)
		b.nextRequest(t)
	}
	second := dialFrom(t, addr, "127.0.0.3", true)
	second.send(t, `{"command":"ping"}`)
	if got := second.recv(t); got != chainsqlSlowDown {
		t.Fatalf("second session from the address got %s", got)
	}
	other := dialFrom(t, addr, "127.0.0.4", true)
	other.send(t, `{"command":"ping"}`)
	b.nextRequest(t)
	b.noRequest(t)
}

// A frame costs one token plus one per FrameCostBytes: large frames spend
// the bucket faster.
func TestFloodCostsBytes(t *testing.T) {
	b := newBackend()
	cfg := floodConfig()
	cfg.FrameBurst, cfg.FrameCostBytes = 10, 1000
	_, addr := start(t, cfg, b)
	cl := dialFrom(t, addr, "127.0.0.5", true)
	big := `{"command":"ping","pad":"` + strings.Repeat("x", 4000) + `"}` // 5 tokens
	cl.send(t, big)
	cl.send(t, big)
	b.nextRequest(t)
	b.nextRequest(t)
	cl.send(t, `{"command":"ping"}`)
	if got := cl.recv(t); got != chainsqlSlowDown {
		t.Fatalf("frame past a spent bucket got %s", got)
	}
	b.noRequest(t)
}

// Admin sessions are exempt from the frame limits.
func TestFloodAdminExempt(t *testing.T) {
	b := newBackend()
	cfg := floodConfig()
	cfg.AdminNets = nil // loopback is admin
	s, addr := start(t, cfg, b)
	cl := dial(t, addr, true)
	const n = 50
	for range n {
		cl.send(t, `{"command":"ping"}`)
	}
	for range n {
		b.nextRequest(t)
	}
	if st := s.Stats(); st.Throttled != 0 || s.Sessions() != 1 {
		t.Fatalf("admin throttled: %+v", st)
	}
}

// The limits refill at their rate: a client that slows down is served
// again.
func TestFloodRefills(t *testing.T) {
	b := newBackend()
	clock := newFakeClock()
	cfg := floodConfig()
	cfg.Clock = clock.now
	_, addr := start(t, cfg, b)
	cl := dialFrom(t, addr, "127.0.0.6", true)
	for range 5 {
		cl.send(t, `{"command":"ping"}`)
		b.nextRequest(t)
	}
	cl.send(t, `{"command":"ping"}`)
	if got := cl.recv(t); got != chainsqlSlowDown {
		t.Fatalf("got %s", got)
	}
	clock.advance(time.Second) // 10 tokens at 10/s, capped at the burst of 5
	for range 5 {
		cl.send(t, `{"command":"ping"}`)
		b.nextRequest(t)
	}
	b.noRequest(t)
}

// A refused frame stops its session's reading until its buckets could pay
// for it (at most ThrottlePause): at 4 frames a second with a burst of 1
// and a clock that stands still, the frame after a refused one is read a
// quarter of a second later, while another address is served meanwhile.
func TestFloodPausesReading(t *testing.T) {
	cfg := floodConfig()
	cfg.FrameRate, cfg.FrameBurst, cfg.FrameStrikes, cfg.ThrottlePause = 4, 1, 100, time.Second
	b := newBackend()
	_, addr := start(t, cfg, b)
	flooder := dialFrom(t, addr, "127.0.0.1", true)
	honest := dialFrom(t, addr, "127.0.0.2", true)
	for i := range 3 {
		flooder.send(t, `{"command":"ping","id":`+string(rune('1'+i))+`}`)
	}
	if got := flooder.recv(t); got != chainsqlSlowDown {
		t.Fatalf("the second frame answered %.200s, want slowDown", got)
	}
	first := time.Now()
	if r := b.nextRequest(t); !strings.Contains(string(r.req.Body), `"id":1`) {
		t.Fatalf("the first request handed over is %s, want the flooder's first", r.req.Body)
	}
	honest.send(t, `{"command":"ping","id":9}`)
	if r := b.nextRequest(t); !strings.Contains(string(r.req.Body), `"id":9`) {
		t.Fatalf("request %s while the flooder was paused, want the honest one", r.req.Body)
	}
	if got := flooder.recv(t); got != chainsqlSlowDown {
		t.Fatalf("the third frame answered %.200s, want slowDown", got)
	}
	if gap := time.Since(first); gap < 200*time.Millisecond {
		t.Fatalf("the frame after a refused one was read %v later, want the bucket's 250 ms", gap)
	}
}
