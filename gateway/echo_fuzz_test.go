package gateway

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzEcho: whatever the frame and the bound (1 KiB and up), every frame
// that echoes it (ChainSQLError, missingCommand, jsonInvalid, an unknown
// NKN Action) is valid UTF-8, valid JSON, and within the bound.
func FuzzEcho(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), uint16(0))
	}
	f.Add([]byte("{\"id\":\"\xff\",\"command\":\"\xfe\"}"), uint16(100))
	f.Add([]byte("\x01\x01\x01\"\"\"\u2028\xff"), uint16(1))
	f.Fuzz(func(t *testing.T, frame []byte, extra uint16) {
		limit := 1024 + int(extra)
		req := &Request{Dialect: ChainSQL, ID: frame, Method: string(frame), Body: frame, echoLimit: limit}
		for name, out := range map[string][]byte{
			"ChainSQLError":    ChainSQLError(req, "invalidParams", 31, string(frame)),
			"missingCommand":   missingCommandFrame(req),
			"jsonInvalid":      jsonInvalidFrame(frame, limit),
			"NKNUnknownAction": NKNUnknownAction(req),
		} {
			if !utf8.Valid(out) || !json.Valid(out) {
				t.Fatalf("%s: not valid UTF-8 JSON: %q", name, out)
			}
			if name != "NKNUnknownAction" && len(out) > limit {
				t.Fatalf("%s: %d bytes, over %d", name, len(out), limit)
			}
			if name == "NKNUnknownAction" && len(out) > limit/4+len(`{"Action":"","Desc":"INVALID METHOD","Error":42001,"Id":,"Result":"","Version":"1.0.0"}`)+limit/4 {
				t.Fatalf("%s: %d bytes for a %d bound", name, len(out), limit)
			}
		}
	})
}

// FuzzAppendString: AppendString writes exactly what Marshal writes for
// the same string, and fitString's prefix encodes within its bound.
func FuzzAppendString(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, uint16(64))
	}
	f.Add("\b\f\n\r\t\"\\\x00\x1f\x7f\u2028\u2029\xff\xc3<>&é", uint16(7))
	f.Fuzz(func(t *testing.T, s string, max uint16) {
		want, err := Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendString(nil, s); string(got) != string(want) {
			t.Fatalf("AppendString(%q) = %s, Marshal = %s", s, got, want)
		}
		prefix, cut := fitString(s, int(max))
		if enc := AppendString(nil, prefix); int(max) >= len(`""`) && len(enc) > int(max) {
			t.Fatalf("fitString(%q, %d) = %q: encodes in %d bytes", s, max, prefix, len(enc))
		}
		if cut != (len(prefix) < len(s)) {
			t.Fatalf("fitString(%q, %d) = %q, cut %v", s, max, prefix, cut)
		}
	})
}
