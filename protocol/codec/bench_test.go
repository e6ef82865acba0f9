package codec

import (
	"encoding/hex"
	"testing"
)

// benchVectors are the transactions the benchmarks use: the document's
// Payment and the JavaScript library's SQLStatement insert.
func benchVectors(b *testing.B) []vector {
	var out []vector
	for _, v := range committedVectors {
		if v.name == "SQLStatement insert" || v.name == "Payment ex1 (submit example)" {
			out = append(out, v)
		}
	}
	if len(out) != 2 {
		b.Fatalf("found %d benchmark vectors, want 2", len(out))
	}
	return out
}

func BenchmarkDecode(b *testing.B) {
	for _, v := range benchVectors(b) {
		blob, _ := hex.DecodeString(v.blob)
		b.Run(v.name[:strIndex(v.name)], func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(blob)))
			for b.Loop() {
				if _, err := Decode(blob); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, v := range benchVectors(b) {
		blob, _ := hex.DecodeString(v.blob)
		o, err := Decode(blob)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(v.name[:strIndex(v.name)], func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(blob)))
			for b.Loop() {
				_ = o.Encode()
			}
		})
	}
}

func BenchmarkFromJSON(b *testing.B) {
	for _, v := range benchVectors(b) {
		data := []byte(v.decoded)
		b.Run(v.name[:strIndex(v.name)], func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := FromJSON(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMarshalJSON(b *testing.B) {
	for _, v := range benchVectors(b) {
		blob, _ := hex.DecodeString(v.blob)
		o, err := Decode(blob)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(v.name[:strIndex(v.name)], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := o.MarshalJSON(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// strIndex cuts a vector name at its first parenthesis.
func strIndex(name string) int {
	for i, c := range name {
		if c == ' ' && i > 0 && name[i-1] == '1' {
			return i
		}
	}
	return len(name)
}
