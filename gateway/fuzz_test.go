package gateway

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

var fuzzSeeds = []string{
	`{"command":"submit","id":1,"secret":"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb","tx_json":{"Account":"z"}}`,
	`{"Action":"getblock","Id":2,"height":1}`,
	`{"method":"a","command":"b"}`,
	`{"list":[{"seed":"x"},[{"seed_hex":"y"}]]}`,
	`{"s\u0065ed":1}`,
	`[1,2,3]`,
	`{"Action":`,
	`null`,
}

// FuzzDecodeRequest: any frame gets a verdict, and only JSON objects are
// requests.
func FuzzDecodeRequest(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, frame []byte, nkn bool) {
		req, verdict := decodeRequest(frame, nkn)
		var obj map[string]json.RawMessage
		isObject := json.Unmarshal(frame, &obj) == nil && obj != nil
		if (verdict == frameNotObject) == isObject {
			t.Fatalf("verdict %d for a frame that is an object: %v", verdict, isObject)
		}
		if verdict != frameNotObject && req.Dialect != ChainSQL && req.Dialect != NKN {
			t.Fatalf("verdict %d without a dialect", verdict)
		}
		if len(req.ID) > 0 && !json.Valid(req.ID) {
			t.Fatalf("invalid id %q", req.ID)
		}
	})
}

// FuzzMaskSecrets: the output is valid JSON without any unmasked secret,
// and masking again changes nothing.
func FuzzMaskSecrets(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		out := MaskSecrets(body)
		if out == nil {
			if json.Valid(body) {
				t.Fatal("valid JSON was refused")
			}
			return
		}
		doc, err := decodeNumbers(out)
		if err != nil {
			t.Fatalf("output is not JSON: %v", err)
		}
		if leaked := findSecret(doc); leaked != "" {
			t.Fatalf("secret member %q left unmasked in %s", leaked, out)
		}
		if again := MaskSecrets(out); !jsonEqual(t, again, out) {
			t.Fatalf("masking twice differs: %s vs %s", again, out)
		}
	})
}

func findSecret(v any) string {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			if isSecretKey(k) && child != maskedValue {
				return k
			}
			if leaked := findSecret(child); leaked != "" {
				return leaked
			}
		}
	case []any:
		for _, child := range t {
			if leaked := findSecret(child); leaked != "" {
				return leaked
			}
		}
	}
	return ""
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	ca, err1 := marshalCanonical(a)
	cb, err2 := marshalCanonical(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("canonical form: %v %v", err1, err2)
	}
	return string(ca) == string(cb)
}

func marshalCanonical(raw []byte) ([]byte, error) {
	v, err := decodeNumbers(raw)
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// decodeNumbers decodes JSON keeping numbers as text (1E700 is valid JSON
// but no float64).
func decodeNumbers(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// FuzzString: String agrees with json.Unmarshal into a string on every
// input, valid or not.
func FuzzString(f *testing.F) {
	for _, s := range []string{`"abc"`, `"a\"b"`, `"\u00e9"`, "\"\xff\"", `"`, `""`, ` "x"`, `12`, `"a"b"`, "\"\x01\"", `null`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want string
		err := json.Unmarshal(raw, &want)
		if t := bytes.TrimLeft(raw, " \t\r\n"); len(t) == 0 || t[0] != '"' {
			err = errNotString // null decodes to "" without an error
		}
		got, ok := String(raw)
		if ok != (err == nil) || got != want && ok {
			t.Fatalf("String(%q) = %q, %v; json.Unmarshal: %q, %v", raw, got, ok, want, err)
		}
	})
}

var errNotString = errors.New("not a JSON string")
