package gateway_test

import (
	"maps"
	"testing"

	"github.com/sqledger/sqledger/gateway"
)

// TestSessionsByDialect: a session counts under the dialect of its
// first request, "none" before one; a frame the gateway answers itself
// (not JSON) gives it no dialect; a closed session is not counted.
func TestSessionsByDialect(t *testing.T) {
	b := newBackend()
	s, addr := start(t, gateway.Config{}, b)
	chainsql, nkn, silent, garbled := dial(t, addr, true), dial(t, addr, true), dial(t, addr, true), dial(t, addr, true)
	waitSessions(t, s, 4)
	chainsql.send(t, `{"command":"ping"}`)
	b.nextRequest(t)
	nkn.send(t, `{"Action":"heartbeat"}`)
	b.nextRequest(t)
	chainsql.send(t, `{"Action":"heartbeat"}`) // a second request does not move it
	b.nextRequest(t)
	garbled.send(t, `not json`)
	garbled.recv(t)
	want := map[string]int{"chainsql": 1, "nkn": 1, "none": 2}
	if got := s.SessionsByDialect(); !maps.Equal(got, want) {
		t.Fatalf("SessionsByDialect = %v, want %v", got, want)
	}
	silent.ws.WriteClose(1000, nil)
	waitSessions(t, s, 3)
	want["none"] = 1
	if got := s.SessionsByDialect(); !maps.Equal(got, want) {
		t.Fatalf("after a close: SessionsByDialect = %v, want %v", got, want)
	}
}
