package gateway_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sqledger/sqledger/gateway"
)

// TestEchoValidAndBounded sends the worst frames for an echo (invalid
// UTF-8, control bytes, quotes, non-ASCII, huge ids, 2 MiB frames) over
// a real connection. Every reply the gateway or the Handler
// (ChainSQLError, NKNUnknownAction) sends is valid UTF-8 and valid JSON,
// at most MaxEchoBytes long, keeps its error, and marks an echo it cut.
func TestEchoValidAndBounded(t *testing.T) {
	const limit = 8 << 10
	big := func(unit string, n int) string { return strings.Repeat(unit, n/len(unit)) }
	tests := []struct {
		name  string
		frame string
		error string // the reply's error member (ChainSQL) or "" for NKN
		cut   string // the truncation marker expected, "" for none
	}{
		{"invalid UTF-8 in a command", `{"id":1,"command":"` + "\xff\xfe" + `"}`, "invalidParams", ""},
		{"invalid UTF-8 in a parameter", `{"id":1,"command":"tx","transaction":"` + "\xff\xfe\xfd" + `"}`, "invalidParams", ""},
		{"invalid UTF-8 in a key", `{"id":1,"command":"submit","` + "\xc3" + `":"x","tx_blob":"` + "\x80" + `"}`, "invalidParams", ""},
		{"invalid UTF-8 in the id", `{"id":"` + "\xff" + `","command":"ping"}`, "invalidParams", ""},
		{"invalid UTF-8 beside a secret", `{"id":1,"command":"submit","secret":"` + "\xff" + `","tx_json":{"A":"` + "\xfe" + `"}}`, "invalidParams", ""},
		{"invalid UTF-8, no command", `{"id":1,"x":"` + "\xff\xfe" + `"}`, "missingCommand", ""},
		{"invalid UTF-8, not JSON", "{\"id\":1,\xff\xfe", "jsonInvalid", ""},
		{"2 MiB of 0x01, not JSON", big("\x01", 2<<20), "jsonInvalid", "value_truncated"},
		{"2 MiB of quotes, not JSON", big(`"`, 2<<20), "jsonInvalid", "value_truncated"},
		{"2 MiB of invalid bytes, not JSON", big("\xff", 2<<20), "jsonInvalid", "value_truncated"},
		{"2 MiB of U+2028, not JSON", big("\u2028", 2<<20), "jsonInvalid", "value_truncated"},
		{"escaped control bytes in a string", `{"id":1,"command":"submit","tx_blob":"` + big(`\u0001`, 2<<20) + `"}`, "invalidParams", "request_truncated"},
		{"escaped quotes in a string", `{"id":1,"command":"submit","tx_blob":"` + big(`\"`, 2<<20) + `"}`, "invalidParams", "request_truncated"},
		{"non-ASCII in a string", `{"id":1,"command":"submit","tx_blob":"` + big("é€😀", 2<<20) + `"}`, "invalidParams", "request_truncated"},
		{"invalid bytes in a string", `{"id":1,"command":"submit","tx_blob":"` + big("\xff", 2<<20) + `"}`, "invalidParams", "request_truncated"},
		{"a huge id", `{"id":"` + big("\xff", limit) + `","command":"ping"}`, "invalidParams", "request_truncated"},
		{"a huge id, no command", `{"id":"` + big("é", 2<<20) + `"}`, "missingCommand", "request_truncated"},
		{"deep nesting", `{"id":1,"command":"x","p":` + big("[", 5_000) + big("]", 5_000) + `}`, "invalidParams", "request_truncated"},
		{"nesting too deep for JSON", `{"id":1,"command":"x","p":` + big("[", 100_000) + big("]", 100_000) + `}`, "jsonInvalid", "value_truncated"},
		{"NKN, invalid UTF-8 in the Action", `{"Action":"get` + "\xff" + `","Id":1}`, "", ""},
		{"NKN, a huge Action", `{"Action":"` + big("\xff", 2<<20) + `","Id":1}`, "", ""},
	}
	b := newBackend()
	b.onRequest = func(c *gateway.Conn, req *gateway.Request) {
		if req.Dialect == gateway.NKN {
			c.Reply(gateway.NKNUnknownAction(req))
			return
		}
		c.Reply(gateway.ChainSQLError(req, "invalidParams", 31, "Invalid parameters."))
	}
	_, addr := start(t, gateway.Config{MaxEchoBytes: limit, MaxFrameBytes: 4 << 20}, b)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl := dial(t, addr, true)
			cl.send(t, tt.frame)
			reply := cl.recv(t)
			if !utf8.ValidString(reply) {
				t.Fatalf("reply is not valid UTF-8: %q", trim(reply))
			}
			if len(reply) > limit {
				t.Fatalf("reply of %d bytes, over the %d bound: %s", len(reply), limit, trim(reply))
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(reply), &m); err != nil {
				t.Fatalf("reply is not JSON: %v: %s", err, trim(reply))
			}
			if tt.error == "" {
				if m["Error"] != float64(gateway.NKNInvalidMethod) || !strings.HasPrefix(m["Action"].(string), "get") && !strings.HasPrefix(m["Action"].(string), "\ufffd") {
					t.Fatalf("NKN reply: %s", trim(reply))
				}
				return
			}
			if m["error"] != tt.error {
				t.Fatalf("error %v, want %s: %s", m["error"], tt.error, trim(reply))
			}
			for _, marker := range []string{"request_truncated", "value_truncated"} {
				if got := m[marker] == true; got != (marker == tt.cut) {
					t.Fatalf("%s = %v: %s", marker, m[marker], trim(reply))
				}
			}
			if tt.cut == "request_truncated" {
				if s, ok := m["request"].(string); !ok || s == "" {
					t.Fatalf("a cut request is a non-empty string: %s", trim(reply))
				}
			} else if tt.error != "jsonInvalid" {
				if _, ok := m["request"].(map[string]any); !ok {
					t.Fatalf("request not echoed as an object: %s", trim(reply))
				}
			}
		})
	}
}

// TestEchoKeepsWhatFits echoes a request that fits as the object it is,
// and cuts a longer one to a prefix of its masked text.
func TestEchoKeepsWhatFits(t *testing.T) {
	const body = `{"command":"submit","id":7,"secret":"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb","tx_blob":"ABCDEF"}`
	req := &gateway.Request{Dialect: gateway.ChainSQL, ID: json.RawMessage("7"), Method: "submit", Body: []byte(body)}
	got := string(gateway.ChainSQLError(req, "invalidParams", 31, "Invalid parameters."))
	want := `{"error":"invalidParams","error_code":31,"error_message":"Invalid parameters.","id":7,` +
		`"request":{"command":"submit","id":7,"secret":"<masked>","tx_blob":"ABCDEF"},"status":"error","type":"response"}`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}

	long := `{"command":"submit","secret":"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb","tx_blob":"` + strings.Repeat("A", 3*gateway.DefaultMaxEchoBytes) + `"}`
	req = &gateway.Request{Dialect: gateway.ChainSQL, Method: "submit", Body: []byte(long)}
	frame := gateway.ChainSQLError(req, "invalidParams", 31, "Invalid parameters.")
	var m struct {
		Request   string `json:"request"`
		Truncated bool   `json:"request_truncated"`
	}
	if err := json.Unmarshal(frame, &m); err != nil || !m.Truncated {
		t.Fatalf("%v: %s", err, trim(string(frame)))
	}
	masked := string(gateway.MaskSecrets([]byte(long)))
	if len(frame) > gateway.DefaultMaxEchoBytes || !strings.HasPrefix(masked, m.Request) || len(m.Request) < gateway.DefaultMaxEchoBytes/2 {
		t.Fatalf("%d-byte frame echoing %d bytes of %d, not a prefix of the masked request", len(frame), len(m.Request), len(masked))
	}
	if bytes.Contains(frame, []byte("xnoPBzXtMeMyMHUVTgbuqAfg1SUTb")) {
		t.Fatal("the secret was echoed")
	}
}

func trim(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
