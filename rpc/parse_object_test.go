package rpc

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	gojson "github.com/goccy/go-json"
)

func stdObject(raw []byte) (map[string]any, bool) {
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return nil, false
	}
	return m, true
}

var objectSeeds = []string{
	`{"Owner":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","Tables":[{"Table":{"TableName":"62656E6368"}}],"Raw":"[[],{\"id\":1234}]","OpType":7,"Account":"zp6USDM6WWoosBuJCJkC24iFgNMxwqe1Kg","LedgerIndex":123,"TransactionType":"SQLStatement"}`,
	`{"a":1e400}`, `{"a":-0.0,"b":1.5e-7,"c":12345678901234567890}`,
	`{"a":"\ud800","b":"\u00e9\n","c":"` + "\xff\xfe" + `"}`,
	"{\"k\xff\":true,\"k\xfe\":false}",
	`{"a":null,"a":[1,{"b":[]}]}`,
	`{"tables":[{"table":{"tablename":"61","NAMEINDB":"AB"}}],"RAW":"[]","Raw":"[1]"}`,
	`{"Tables":[{"Table":{"TableName":5}}]}`, `{"Tables":{"Table":{}}}`, `{"Raw":null,"Tables":null}`,
	`{"a":1,}`, `{"a":01}`, `{"a":"\x"}`, `[1]`, `null`, `{}`, ` {"a" : 1 } `, `{"a":1} x`,
	strings.Repeat(`{"a":`, 3000) + `1` + strings.Repeat(`}`, 3000),
	strings.Repeat(`{"a":`, 11000) + `1` + strings.Repeat(`}`, 11000),
}

// FuzzParseObjectLikeStd checks that parseObject, which parses with
// go-json, gives every JSON text the value encoding/json gives it, and
// refuses what encoding/json refuses.
func FuzzParseObjectLikeStd(f *testing.F) {
	for _, s := range objectSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		want, wantOK := stdObject(raw)
		got, ok := parseObject(raw)
		if ok != wantOK || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: parseObject = %v, %v; encoding/json %v, %v", raw, got, ok, want, wantOK)
		}
		var q, stdQ rgetQuery
		err, stdErr := gojson.Unmarshal(raw, &q), json.Unmarshal(raw, &stdQ)
		if (err == nil) != (stdErr == nil) || (err == nil && !reflect.DeepEqual(q, stdQ)) {
			t.Fatalf("%q: rgetQuery %+v, %v; encoding/json %+v, %v", raw, q, err, stdQ, stdErr)
		}
	})
}

// BenchmarkParseObject parses the tx_json of an r_get as the published
// client sends it; std is the same with encoding/json.
func BenchmarkParseObject(b *testing.B) {
	raw := []byte(objectSeeds[0])
	for _, bc := range []struct {
		name  string
		parse func([]byte) (map[string]any, bool)
	}{{"go-json", parseObject}, {"std", stdObject}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := bc.parse(raw); !ok {
					b.Fatal("refused")
				}
			}
		})
	}
}
