package gateway_test

import (
	"testing"

	"github.com/sqledger/sqledger/gateway"
)

// Frames that are not requests are answered by the gateway in the dialect
// of the frame or the session, and never reach the Handler.
func TestFrameErrors(t *testing.T) {
	tests := []struct {
		name    string
		prelude string // a request sent first, setting the session's dialect
		frame   string
		want    string
	}{
		{"bad JSON on a fresh session: rippled jsonInvalid", "", `{"command":`,
			`{"error":"jsonInvalid","type":"error","value":"{\"command\":"}`},
		{"a JSON array is not a request", "", `[1,2]`,
			`{"error":"jsonInvalid","type":"error","value":"[1,2]"}`},
		{"bad JSON that looks NKN", "", `{"Action":"getblock",`,
			`{"Action":"","Desc":"ILLEGAL DATAFORMAT","Error":41003,"Result":"","Version":"1.0.0"}`},
		{"bad JSON after NKN requests", `{"Action":"heartbeat"}`, `not json`,
			`{"Action":"","Desc":"ILLEGAL DATAFORMAT","Error":41003,"Result":"","Version":"1.0.0"}`},
		{"bad JSON after ChainSQL requests", `{"command":"ping"}`, `not json`,
			`{"error":"jsonInvalid","type":"error","value":"not json"}`},
		{"no command: rippled missingCommand, request masked", "", `{"id":4,"secret":"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"}`,
			`{"error":"missingCommand","id":4,"request":{"id":4,"secret":"<masked>"},"status":"error","type":"response"}`},
		{"non-string command", "", `{"command":1}`,
			`{"error":"missingCommand","request":{"command":1},"status":"error","type":"response"}`},
		{"command and method disagree", "", `{"command":"a","method":"b","id":"z"}`,
			`{"error":"missingCommand","id":"z","request":{"command":"a","method":"b","id":"z"},"status":"error","type":"response"}`},
		{"non-string Action", "", `{"Action":7,"Id":2}`,
			`{"Action":"","Desc":"INVALID METHOD","Error":42001,"Id":2,"Result":"","Version":"1.0.0"}`},
		{"no method after NKN requests", `{"Action":"heartbeat"}`, `{"height":1}`,
			`{"Action":"","Desc":"INVALID METHOD","Error":42001,"Result":"","Version":"1.0.0"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBackend()
			_, addr := start(t, gateway.Config{}, b)
			cl := dial(t, addr, true)
			if tt.prelude != "" {
				cl.send(t, tt.prelude)
				b.nextRequest(t)
			}
			cl.send(t, tt.frame)
			if got := cl.recv(t); got != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
			b.noRequest(t)
			if st := b.opened(); len(st) != 1 {
				t.Fatalf("%d sessions opened", len(st))
			}
		})
	}
}
