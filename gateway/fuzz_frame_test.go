package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sqledger/sqledger/gateway"
)

// frameSeeds are frames of both dialects and of neither: well-formed
// requests, ids of every JSON type, secrets to mask, wrong member types,
// escapes, deep nesting and broken JSON.
var frameSeeds = []string{
	`{"command":"server_info","id":1}`,
	`{"method":"ledger_closed","id":"a"}`,
	`{"command":"submit","id":[1,{"x":null}],"secret":"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb","tx_json":{"Account":"z"}}`,
	`{"command":1,"id":true}`,
	`{"command":"a","method":"b","id":1e400}`,
	`{"c\u006fmmand":"ping","id":-0.5,"seed":{"seed_hex":"00"}}`,
	`{"Action":"getblock","Id":2,"height":1}`,
	`{"Action":"getlatestblockheight"}`,
	`{"Action":7,"Id":{"a":[]}}`,
	`{"Action":"sendrawtransaction","Id":"x","tx":"00","privateKey":"k"}`,
	`{"Id":3}`,
	`{"id":4}`,
	`{}`,
	`[{"command":"ping"}]`,
	`{"command":"ping"`,
	`"Action"`,
	`null`,
	`not json at all`,
	strings.Repeat(`[`, 5000) + strings.Repeat(`]`, 5000),
	`{"command":"ping","pad":"` + strings.Repeat(`\u0001`, 100) + `"}`,
}

// fuzzBackend answers each request as rpc/ answers an unknown or bad
// one: the ChainSQL error envelope echoing the request, or NKN's reply
// for the Action sent.
type fuzzBackend struct{}

func (fuzzBackend) Open(c *gateway.Conn) gateway.Handler { return fuzzHandler{c} }

type fuzzHandler struct{ c *gateway.Conn }

func (h fuzzHandler) Handle(req *gateway.Request) {
	if req.Dialect == gateway.NKN {
		h.c.Reply(gateway.NKNReply(req.Method, req.ID, gateway.NKNInvalidParams, nil))
		return
	}
	h.c.Reply(gateway.ChainSQLError(req, "invalidParams", 31, "Invalid parameters."))
}

func (fuzzHandler) Closed(gateway.CloseReason) {}

// fuzzServer starts a gateway answering with fuzzBackend for the fuzz
// target's lifetime.
func fuzzServer(f *testing.F) string {
	f.Helper()
	s := gateway.New(gateway.Config{Listen: []string{"127.0.0.1:0"}}, fuzzBackend{})
	if err := s.Start(context.Background()); err != nil {
		f.Fatalf("Start: %v", err)
	}
	f.Cleanup(func() { _ = s.Shutdown(context.Background()) })
	return s.Addrs()[0].String()
}

// FuzzChainSQLFrame: on a new session, any frame gets exactly one answer,
// a JSON object in valid UTF-8: rippled's error envelope (or jsonInvalid),
// echoing the frame's id, with no secret left unmasked; a frame naming an
// Action gets the NKN envelope instead.
func FuzzChainSQLFrame(f *testing.F) {
	for _, s := range frameSeeds {
		f.Add([]byte(s))
	}
	addr := fuzzServer(f)
	f.Fuzz(func(t *testing.T, frame []byte) {
		reply := answer(t, addr, nil, frame)
		if bytes.Contains(frame, []byte(`"Action"`)) && isNKN(reply) {
			checkNKN(t, frame, reply)
			return
		}
		checkChainSQL(t, frame, reply)
	})
}

// FuzzNKNFrame: on a session that has spoken NKN, any frame gets exactly
// one answer, a JSON object in valid UTF-8: the NKN envelope with the
// table's Desc, Version 1.0.0 and the request's Action and Id, or, for a
// frame naming a command, rippled's error envelope.
func FuzzNKNFrame(f *testing.F) {
	for _, s := range frameSeeds {
		f.Add([]byte(s))
	}
	addr := fuzzServer(f)
	f.Fuzz(func(t *testing.T, frame []byte) {
		reply := answer(t, addr, []byte(`{"Action":"heartbeat"}`), frame)
		if isNKN(reply) {
			checkNKN(t, frame, reply)
			return
		}
		checkChainSQL(t, frame, reply)
	})
}

// answer sends first (if any, reading its answer) and then frame on a new
// session, and returns the one answer to frame.
func answer(t *testing.T, addr string, first, frame []byte) map[string]json.RawMessage {
	t.Helper()
	cl := dial(t, addr, true)
	defer func() { _ = cl.ws.NetConn().Close() }()
	if first != nil {
		cl.send(t, string(first))
		cl.recv(t)
	}
	cl.send(t, string(frame))
	raw := cl.recv(t)
	if !utf8.ValidString(raw) {
		t.Fatalf("answer is not valid UTF-8: %q", truncated(raw))
	}
	var reply map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &reply); err != nil || reply == nil {
		t.Fatalf("answer is not a JSON object (%v): %s", err, truncated(raw))
	}
	select {
	case extra := <-cl.msgs:
		t.Fatalf("a second answer: %s", truncated(string(extra)))
	default:
	}
	return reply
}

func isNKN(reply map[string]json.RawMessage) bool {
	_, ok := reply["Action"]
	return ok
}

// checkChainSQL checks rippled's error envelopes: jsonInvalid for a frame
// that is not an object, else an error response echoing id and request.
func checkChainSQL(t *testing.T, frame []byte, reply map[string]json.RawMessage) {
	t.Helper()
	var token string
	if err := json.Unmarshal(reply["error"], &token); err != nil || token == "" {
		t.Fatalf("no error token: %v", reply)
	}
	members := requestMembers(frame)
	if members == nil {
		if token != "jsonInvalid" || string(reply["type"]) != `"error"` {
			t.Fatalf("a frame that is no object got %v", reply)
		}
		return
	}
	if string(reply["status"]) != `"error"` || string(reply["type"]) != `"response"` {
		t.Fatalf("status or type wrong: %v", reply)
	}
	if id, ok := reply["id"]; ok && !sameJSON(id, members["id"]) {
		t.Fatalf("id %s echoed as %s", members["id"], id)
	}
	if req, ok := reply["request"]; ok {
		doc, err := decodeUseNumber(req)
		if err != nil {
			t.Fatalf("request echo is not JSON: %v", err)
		}
		if leaked := leakedSecret(doc); leaked != "" {
			t.Fatalf("secret %q echoed unmasked", leaked)
		}
	}
}

// checkNKN checks the NKN envelope.
func checkNKN(t *testing.T, frame []byte, reply map[string]json.RawMessage) {
	t.Helper()
	var env struct {
		Action  *string
		Desc    *string
		Error   *int
		Version *string
	}
	if err := json.Unmarshal(mustMarshal(t, reply), &env); err != nil || env.Action == nil || env.Desc == nil || env.Error == nil || env.Version == nil {
		t.Fatalf("not an NKN envelope (%v): %v", err, reply)
	}
	if *env.Version != "1.0.0" || *env.Error == 0 || *env.Desc == "" {
		t.Fatalf("Version, Error or Desc wrong: %v", reply)
	}
	if _, ok := reply["Result"]; !ok {
		t.Fatalf("no Result: %v", reply)
	}
	members := requestMembers(frame)
	if *env.Action != "" {
		var sent string
		if members == nil || json.Unmarshal(members["Action"], &sent) != nil || sent != *env.Action {
			t.Fatalf("Action %q answered, not the one sent", *env.Action)
		}
	}
	if id, ok := reply["Id"]; ok && (members == nil || !sameJSON(id, members["Id"])) {
		t.Fatalf("Id %s answered for a frame whose Id is %s", id, members["Id"])
	}
}

// requestMembers are the frame's members, nil if it is not a JSON object.
func requestMembers(frame []byte) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(frame, &m) != nil {
		return nil
	}
	return m
}

// sameJSON compares two JSON texts as values (invalid UTF-8 decodes to
// U+FFFD on both sides; numbers compare by text).
func sameJSON(a, b []byte) bool {
	va, errA := decodeUseNumber(a)
	vb, errB := decodeUseNumber(b)
	return errA == nil && errB == nil && reflect.DeepEqual(va, vb)
}

func decodeUseNumber(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// leakedSecret finds a secret member whose value is not "<masked>".
func leakedSecret(v any) string {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			switch k {
			case "passphrase", "private_key", "privateKey", "secret", "secret_key", "seed", "seed_hex":
				if child != "<masked>" {
					return k
				}
			}
			if leaked := leakedSecret(child); leaked != "" {
				return leaked
			}
		}
	case []any:
		for _, child := range t {
			if leaked := leakedSecret(child); leaked != "" {
				return leaked
			}
		}
	}
	return ""
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func truncated(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
