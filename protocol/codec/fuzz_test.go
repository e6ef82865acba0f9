package codec

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

// isCodecError reports whether err is a *FieldError wrapping one of the
// package's sentinels.
func isCodecError(err error) bool {
	var fe *FieldError
	if !errors.As(err, &fe) {
		return false
	}
	for _, s := range []error{ErrTruncated, ErrUnknownField, ErrNonCanonical, ErrBadValue, ErrTooLarge} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzDecode checks that anything Decode accepts encodes back to the same
// bytes and survives a round trip through JSON, both as text and as Map.
// The seed corpus in testdata/fuzz/FuzzDecode holds the fourteen vector
// blobs and a few handcrafted objects.
func FuzzDecode(f *testing.F) {
	for _, v := range committedVectors {
		f.Add(mustHex(f, v.blob))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := Decode(b)
		if err != nil {
			if !isCodecError(err) {
				t.Fatalf("error %v is not a codec error", err)
			}
			return
		}
		if enc := o.Encode(); !bytes.Equal(enc, b) {
			t.Fatalf("Encode = %X, want %X", enc, b)
		}
		text, err := o.MarshalJSON()
		if err != nil || !json.Valid(text) {
			t.Fatalf("MarshalJSON = %s, %v", text, err)
		}
		fromText, err := FromJSON(text)
		if err != nil {
			t.Fatalf("FromJSON(%s): %v", text, err)
		}
		if enc := fromText.Encode(); !bytes.Equal(enc, b) {
			t.Fatalf("JSON round trip %s gave %X, want %X", text, enc, b)
		}
		fromMap, err := FromMap(o.Map())
		if err != nil {
			t.Fatalf("FromMap(Map()): %v", err)
		}
		if enc := fromMap.Encode(); !bytes.Equal(enc, b) {
			t.Fatalf("Map round trip gave %X, want %X", enc, b)
		}
	})
}

// FuzzFromJSON checks that anything FromJSON accepts encodes to bytes
// that Decode accepts and that read back to the same JSON.
func FuzzFromJSON(f *testing.F) {
	for _, v := range committedVectors {
		f.Add([]byte(v.decoded))
	}
	f.Add([]byte(`{"Amount":{"currency":"USD","issuer":"zzzzzzzzzzzzzzzzzzzzBZbvji","value":"1.5e-3"},"Paths":[[{"currency":"ZXC"}]]}`))
	f.Add([]byte(`{"Sequence":"7","IndexNext":"ff","Indexes":[],"Memos":[{"Memo":{}}],"TransactionMetaData":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := FromJSON(data)
		if err != nil {
			if !isCodecError(err) {
				t.Fatalf("error %v is not a codec error", err)
			}
			return
		}
		enc := o.Encode()
		back, err := Decode(enc)
		if err != nil {
			t.Fatalf("Decode(Encode()) of %s: %v", data, err)
		}
		text, err := back.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		again, err := FromJSON(text)
		if err != nil {
			t.Fatalf("FromJSON(%s): %v", text, err)
		}
		if !bytes.Equal(again.Encode(), enc) {
			t.Fatalf("%s encodes differently from %s", text, data)
		}
	})
}

func mustHex(f *testing.F, s string) []byte {
	b := make([]byte, len(s)/2)
	if err := decodeHexExact(b, s); err != nil {
		f.Fatal(err)
	}
	return b
}
