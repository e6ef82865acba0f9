package gateway_test

import (
	"encoding/json"
	"testing"

	"github.com/lxzan/gws"

	"github.com/sqledger/sqledger/gateway"
)

func TestDialectRouting(t *testing.T) {
	tests := []struct {
		name    string
		frame   string
		dialect gateway.Dialect
		id      string
		method  string
	}{
		{"chainsql with id", `{"id":1,"command":"server_info"}`, gateway.ChainSQL, `1`, "server_info"},
		{"chainsql string id", `{"command":"subscribe","id":"abc","streams":["ledger"]}`, gateway.ChainSQL, `"abc"`, "subscribe"},
		{"chainsql object id", `{"command":"ping","id":{"a":[1,2]}}`, gateway.ChainSQL, `{"a":[1,2]}`, "ping"},
		{"chainsql without id", `{"command":"ledger_current"}`, gateway.ChainSQL, ``, "ledger_current"},
		{"rippled method alias", `{"method":"server_info","id":7}`, gateway.ChainSQL, `7`, "server_info"},
		{"command and method agree", `{"method":"tx","command":"tx","id":8}`, gateway.ChainSQL, `8`, "tx"},
		{"nkn without id", `{"Action":"getblock","height":1}`, gateway.NKN, ``, "getblock"},
		{"nkn with Id", `{"Action":"heartbeat","Id":42}`, gateway.NKN, `42`, "heartbeat"},
		{"nkn ignores lowercase id", `{"Action":"heartbeat","id":42}`, gateway.NKN, ``, "heartbeat"},
		{"both dialects: chainsql wins", `{"Action":"heartbeat","command":"ping","id":3}`, gateway.ChainSQL, `3`, "ping"},
		{"unknown names still reach the handler", `{"command":"no_such_command"}`, gateway.ChainSQL, ``, "no_such_command"},
		{"escaped method", `{"Action":"get\u0062lock"}`, gateway.NKN, ``, "getblock"},
	}
	b := newBackend()
	_, addr := start(t, gateway.Config{}, b)
	cl := dial(t, addr, true)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl.send(t, tt.frame)
			g := b.nextRequest(t)
			if g.req.Dialect != tt.dialect || g.req.Method != tt.method || string(g.req.ID) != tt.id {
				t.Fatalf("got dialect %v method %q id %s, want %v %q %s", g.req.Dialect, g.req.Method, g.req.ID, tt.dialect, tt.method, tt.id)
			}
			if string(g.req.Body) != tt.frame {
				t.Fatalf("body %s, want the whole frame %s", g.req.Body, tt.frame)
			}
		})
	}
}

func TestBinaryFramesAreJSON(t *testing.T) {
	b := newBackend()
	_, addr := start(t, gateway.Config{}, b)
	cl := dial(t, addr, true)
	if err := cl.ws.WriteMessage(gws.OpcodeBinary, []byte(`{"Action":"getlatestblockheight"}`)); err != nil {
		t.Fatal(err)
	}
	if g := b.nextRequest(t); g.req.Dialect != gateway.NKN || g.req.Method != "getlatestblockheight" {
		t.Fatalf("got %v %q", g.req.Dialect, g.req.Method)
	}
}

func TestRepliesInOrder(t *testing.T) {
	b := newBackend()
	b.onRequest = func(c *gateway.Conn, req *gateway.Request) {
		c.Reply(gateway.ChainSQLResult(req.ID, map[string]string{"method": req.Method}))
	}
	_, addr := start(t, gateway.Config{}, b)
	cl := dial(t, addr, true)
	const n = 100
	for i := range n {
		cl.send(t, `{"command":"ping","id":`+itoa(i)+`}`)
	}
	for i := range n {
		var resp struct {
			ID     int    `json:"id"`
			Status string `json:"status"`
			Type   string `json:"type"`
		}
		if err := json.Unmarshal([]byte(cl.recv(t)), &resp); err != nil {
			t.Fatal(err)
		}
		if resp.ID != i || resp.Status != "success" || resp.Type != "response" {
			t.Fatalf("reply %d: %+v", i, resp)
		}
	}
}

func TestSessionIdentity(t *testing.T) {
	b := newBackend()
	_, addr := start(t, gateway.Config{}, b)
	dial(t, addr, true).send(t, `{"Action":"heartbeat"}`)
	dial(t, addr, true).send(t, `{"Action":"heartbeat"}`)
	c1, c2 := b.nextRequest(t).conn, b.nextRequest(t).conn
	if c1.ID() == c2.ID() || c1.SessionID() == c2.SessionID() {
		t.Fatalf("sessions share an identity: %d %s / %d %s", c1.ID(), c1.SessionID(), c2.ID(), c2.SessionID())
	}
	for _, c := range []*gateway.Conn{c1, c2} {
		sid := c.SessionID()
		if len(sid) != 36 || sid[14] != '4' || sid[8] != '-' || sid[13] != '-' || sid[18] != '-' || sid[23] != '-' || !isHexOrDash(sid) {
			t.Fatalf("session id %q is not a version 4 UUID", sid)
		}
		if v := sid[19]; v != '8' && v != '9' && v != 'a' && v != 'b' {
			t.Fatalf("session id %q lacks the RFC 9562 variant", sid)
		}
		if !c.RemoteAddr().Addr().IsLoopback() {
			t.Fatalf("remote address %v", c.RemoteAddr())
		}
	}
}

func isHexOrDash(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r == '-') {
			return false
		}
	}
	return true
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
