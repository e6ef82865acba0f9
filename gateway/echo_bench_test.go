package gateway

import (
	"strings"
	"testing"
)

// BenchmarkEchoWorst builds the error frames of the worst 2 MiB frames:
// a jsonInvalid of bytes 0x01 (12 MiB if echoed whole) and an
// invalidParams envelope echoing a request of escaped control bytes.
func BenchmarkEchoWorst(b *testing.B) {
	control := []byte(strings.Repeat("\x01", 2<<20))
	escaped := []byte(`{"command":"submit","id":1,"tx_blob":"` + strings.Repeat(`\u0001`, (2<<20)/6) + `"}`)
	b.Run("jsonInvalid", func(b *testing.B) {
		var n int
		for b.Loop() {
			n = len(jsonInvalidFrame(control, DefaultMaxEchoBytes))
		}
		b.ReportMetric(float64(n), "reply-bytes")
	})
	b.Run("ChainSQLError", func(b *testing.B) {
		req := &Request{Dialect: ChainSQL, Body: escaped}
		var n int
		for b.Loop() {
			n = len(ChainSQLError(req, "invalidParams", 31, "Invalid parameters."))
		}
		b.ReportMetric(float64(n), "reply-bytes")
	})
}
