package gateway

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestDecodeRequest(t *testing.T) {
	tests := []struct {
		name    string
		frame   string
		verdict frameVerdict
		dialect Dialect
		method  string
		id      string
	}{
		{"chainsql", `{"command":"ping","id":1}`, frameOK, ChainSQL, "ping", "1"},
		{"method alias", `{"method":"ping"}`, frameOK, ChainSQL, "ping", ""},
		{"empty command reaches the handler", `{"command":""}`, frameOK, ChainSQL, "", ""},
		{"nkn", `{"Action":"heartbeat","Id":"q"}`, frameOK, NKN, "heartbeat", `"q"`},
		{"whitespace around", " \n{\"Action\":\"x\"}\t", frameOK, NKN, "x", ""},
		{"command not a string", `{"command":5,"id":2}`, frameNoMethod, ChainSQL, "", "2"},
		{"method not a string", `{"command":"a","method":null}`, frameNoMethod, ChainSQL, "", ""},
		{"command and method disagree", `{"command":"a","method":"b"}`, frameNoMethod, ChainSQL, "", ""},
		{"Action not a string", `{"Action":["x"],"Id":1}`, frameNoMethod, NKN, "", "1"},
		{"neither", `{"id":1,"Id":2}`, frameNoMethod, ChainSQL, "", "1"},
		{"neither on an NKN session", `{"id":1,"Id":2}`, frameNoMethod, NKN, "", "2"},
		{"case-sensitive names", `{"Command":"ping","action":"x"}`, frameNoMethod, ChainSQL, "", ""},
		{"empty object", `{}`, frameNoMethod, ChainSQL, "", ""},
		{"not json", `hello`, frameNotObject, 0, "", ""},
		{"truncated", `{"command":"ping"`, frameNotObject, 0, "", ""},
		{"array", `[{"command":"ping"}]`, frameNotObject, 0, "", ""},
		{"string", `"ping"`, frameNotObject, 0, "", ""},
		{"null", `null`, frameNotObject, 0, "", ""},
		{"empty", ``, frameNotObject, 0, "", ""},
		{"trailing garbage", `{"command":"ping"} x`, frameNotObject, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, verdict := decodeRequest([]byte(tt.frame), strings.HasSuffix(tt.name, "NKN session"))
			if verdict != tt.verdict || req.Dialect != tt.dialect || req.Method != tt.method || string(req.ID) != tt.id {
				t.Fatalf("got verdict %d dialect %v method %q id %s; want %d %v %q %s",
					verdict, req.Dialect, req.Method, req.ID, tt.verdict, tt.dialect, tt.method, tt.id)
			}
		})
	}
}

func TestLooksNKN(t *testing.T) {
	for frame, want := range map[string]bool{
		`{"Action":"getblock",`: true,
		`{"command":"ping",`:    false,
		`Action`:                false,
	} {
		if got := looksNKN([]byte(frame)); got != want {
			t.Errorf("looksNKN(%s) = %v, want %v", frame, got, want)
		}
	}
}

// BenchmarkDecodeRequest measures dialect recognition, the gateway's only
// parse of each frame.
func BenchmarkDecodeRequest(b *testing.B) {
	frames := map[string][]byte{
		"small":       []byte(`{"id":7,"command":"account_info","account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","ledger_index":"validated"}`),
		"tx_blob_1MB": []byte(`{"id":8,"command":"submit","tx_blob":"` + strings.Repeat("AB", 500_000) + `"}`),
	}
	for _, name := range []string{"small", "tx_blob_1MB"} {
		frame := frames[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(frame)))
			b.ReportAllocs()
			for range b.N {
				if _, v := decodeRequest(frame, false); v != frameOK {
					b.Fatal("not decoded")
				}
			}
		})
	}
}

// BenchmarkString decodes a submit's tx_blob member (a 1 KB payment and
// the largest, 1 MB of hex), by String and by json.Unmarshal.
func BenchmarkString(b *testing.B) {
	for _, n := range []int{1000, 1_000_000} {
		raw := json.RawMessage(`"` + strings.Repeat("AB", n/2) + `"`)
		b.Run(fmt.Sprintf("String/%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for range b.N {
				if _, ok := String(raw); !ok {
					b.Fatal("not a string")
				}
			}
		})
		b.Run(fmt.Sprintf("Unmarshal/%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for range b.N {
				var s string
				if err := json.Unmarshal(raw, &s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
