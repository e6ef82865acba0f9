package gateway

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// stdMembers is decodeRequest's parse as encoding/json makes it.
func stdMembers(frame []byte) (map[string]json.RawMessage, bool) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(frame, &members); err != nil || members == nil {
		return nil, false
	}
	return members, true
}

// FuzzParseMembersLikeStd checks that parseMembers, which parses with
// go-json, takes from every frame the members encoding/json takes, or
// refuses it as encoding/json does.
func FuzzParseMembersLikeStd(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, frame []byte) {
		want, wantOK := stdMembers(frame)
		got, ok := parseMembers(frame)
		if ok != wantOK || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: parseMembers = %q, %v; encoding/json %q, %v", frame, got, ok, want, wantOK)
		}
		for name, raw := range got {
			// String refuses null, which encoding/json takes as "".
			var std string
			stdOK := json.Unmarshal(raw, &std) == nil && !bytes.Equal(raw, []byte("null"))
			if s, ok := String(raw); ok != stdOK || s != std {
				t.Fatalf("%q: String(%s) = %q, %v; encoding/json %q, %v", frame, name, s, ok, std, stdOK)
			}
		}
	})
}

// BenchmarkParseMembers parses an r_get frame as the published client
// sends it; std is the same with encoding/json.
func BenchmarkParseMembers(b *testing.B) {
	frame := []byte(parseSeeds[1])
	for _, bc := range []struct {
		name  string
		parse func([]byte) (map[string]json.RawMessage, bool)
	}{{"go-json", parseMembers}, {"std", stdMembers}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := bc.parse(frame); !ok {
					b.Fatal("refused")
				}
			}
		})
	}
}

var parseSeeds = []string{
	`{"command":"server_info","id":1}`,
	`{"id":17,"command":"r_get","tx_json":{"Owner":"z","Tables":[{"Table":{"TableName":"62656E6368"}}],"Raw":"[[],{\"id\":1234}]","OpType":7,"LedgerIndex":123},"publicKey":"cB","signature":"30","signingData":"{\"Owner\":\"z\"}"}`,
	`{"c\u006fmmand":"ping","id":-0.5,"seed":{"seed_hex":"00"}}`,
	`{"command":"a","command":"b"}`,
	`{"Action":"getblock","Id":2,"height":1}`,
	`{"command":"ping","id":1e400}`,
	"{\"comm\xffand\":\"ping\",\"x\":\"\xfe\"}",
	`{"\ud800":1,"a\u0000b":2}`,
	` {"a" : [ 1 , 2 ] , "b" : { } } `,
	`{"a":1} {"b":2}`,
	`{"a":1,}`,
	`{"a":01}`,
	`{"a":"\x"}`,
	`{"a":tru}`,
	`{"s":"say \"hi\" \u00e9\n","t":"` + "\xff" + `","u":"\ud83d\ude00\ud800","n":null,"x":1}`,
	`null`, `[]`, `"x"`, `{}`, ``, `{"a":1`,
	strings.Repeat(`{"a":`, 3000) + `1` + strings.Repeat(`}`, 3000),
	strings.Repeat(`{"a":`, 11000) + `1` + strings.Repeat(`}`, 11000),
}
