package actors_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/internal/wsclient"
)

// TestRepliesValidAndBounded sends frames with invalid UTF-8 and frames
// whose echo would be huge to a real node: every reply is valid UTF-8
// (RFC 6455 §8.1), at most gateway.DefaultMaxEchoBytes long, and still
// the error of its kind, echoing what it can of the request.
func TestRepliesValidAndBounded(t *testing.T) {
	// Frames up to 4 MiB, above the default bound, so that the 2 MiB
	// frames reach the reply builders.
	n := startNodeWith(t, "", 0, func(_ *actors.Config, g *gateway.Config) { g.MaxFrameBytes = 4 << 20 })
	bad := "\xff\xfe"
	tests := []struct {
		name    string
		frame   string
		error   string // ChainSQL error token, "" for a success
		command string // the command the echoed request names, "" when cut or not echoed
		nkn     bool
	}{
		{"command with invalid UTF-8", `{"id":1,"command":"` + bad + `"}`, "unknownCmd", "\ufffd\ufffd", false},
		{"tx with an invalid UTF-8 hash", `{"id":2,"command":"tx","transaction":"` + bad + `"}`, "invalidParams", "tx", false},
		{"submit with an invalid UTF-8 blob", `{"id":3,"command":"submit","tx_blob":"` + bad + `"}`, "invalidParams", "submit", false},
		{"submit with invalid UTF-8 and a secret", `{"id":4,"command":"submit","secret":"` + bad + `","tx_json":{"TransactionType":"Payment","Account":"` + bad + `"}}`, "srcActMalformed", "submit", false},
		{"an id in invalid UTF-8", `{"id":"` + bad + `","command":"ping"}`, "", "", false},
		{"no command, invalid UTF-8", `{"id":5,"x":"` + bad + `"}`, "missingCommand", "", false},
		{"not JSON, invalid UTF-8", `{"id":6,` + bad, "jsonInvalid", "", false},
		{"2 MiB of 0x01", strings.Repeat("\x01", 2<<20), "jsonInvalid", "", false},
		{"a 2 MiB blob of escaped control bytes", `{"id":7,"command":"submit","tx_blob":"` + strings.Repeat(`\u0001`, (2<<20)/6) + `"}`, "invalidParams", "", false},
		{"a 1 MiB hash of escaped quotes", `{"id":8,"command":"tx","transaction":"` + strings.Repeat(`\"`, 1<<19) + `"}`, "invalidParams", "", false},
		{"a 1 MiB hash of non-ASCII", `{"id":9,"command":"tx","transaction":"` + strings.Repeat("é😀", 1<<18) + `"}`, "invalidParams", "", false},
		{"NKN Action in invalid UTF-8", `{"Action":"` + bad + `","Id":10}`, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := wsclient.Dial(n.url, wsclient.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if err := c.Send([]byte(tt.frame)); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := wsclient.Timeout(10 * time.Second)
			defer cancel()
			reply, err := c.Next(ctx)
			if err != nil {
				t.Fatalf("no reply: %v", err)
			}
			if !utf8.Valid(reply) {
				t.Fatalf("reply is not valid UTF-8: %q", head(reply))
			}
			if len(reply) > gateway.DefaultMaxEchoBytes {
				t.Fatalf("%d-byte reply, over %d: %s", len(reply), gateway.DefaultMaxEchoBytes, head(reply))
			}
			var m map[string]any
			if err := json.Unmarshal(reply, &m); err != nil {
				t.Fatalf("reply is not JSON: %v: %s", err, head(reply))
			}
			switch {
			case tt.nkn:
				if m["Error"] != float64(gateway.NKNInvalidMethod) || m["Action"] != "\ufffd\ufffd" || m["Id"] != float64(10) {
					t.Fatalf("NKN reply: %s", reply)
				}
			case tt.error == "":
				if m["status"] != "success" || m["id"] != "\ufffd\ufffd" {
					t.Fatalf("reply: %s", reply)
				}
			default:
				if m["error"] != tt.error {
					t.Fatalf("error %v, want %s: %s", m["error"], tt.error, head(reply))
				}
			}
			if tt.command != "" {
				req, _ := m["request"].(map[string]any)
				if req["command"] != tt.command {
					t.Fatalf("echoed request %v, want command %q", m["request"], tt.command)
				}
				if strings.Contains(string(reply), `"secret":"`) && !strings.Contains(string(reply), `"secret":"<masked>"`) {
					t.Fatalf("secret echoed: %s", reply)
				}
			}
		})
	}
	// The node is unharmed: nothing reached the ledger, and it answers.
	c := n.client()
	if r := c.ok(map[string]any{"command": "ledger_closed"}); r["ledger_index"].(float64) != 1 {
		t.Fatalf("ledger_closed: %v", r)
	}
}

// head is the start of a frame, for failure messages.
func head(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}
