package vmhost

import (
	"bytes"
	"math"
	"testing"
)

func TestIntrinsicGas(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		deploy bool
		want   uint64
	}{
		{"empty call", nil, false, 21000},
		{"empty deploy", nil, true, 53000},
		// c4 7f 00 27, then the words 0x20, 4 and "wawa": 3+1+1+4 non-zero bytes of 100.
		{"setName(\"wawa\") call data", unhex(t, setNameWawa), false, 21000 + 9*16 + 91*4},
		{"deploy of 33 bytes: 2 words of init code", bytes.Repeat([]byte{1}, 33), true, 53000 + 33*16 + 2*2},
		{"zero bytes", make([]byte, 10), false, 21000 + 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := intrinsicGas(tt.data, tt.deploy); got != tt.want {
				t.Fatalf("intrinsicGas = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestRefunded(t *testing.T) {
	tests := []struct{ used, refund, want uint64 }{
		{26006, 4800, 21206},
		{31009, 9600, 24808},
		{21000, 0, 21000},
		{math.MaxUint64, math.MaxUint64, math.MaxUint64 - math.MaxUint64/5},
	}
	for _, tt := range tests {
		if got := refunded(tt.used, tt.refund); got != tt.want {
			t.Errorf("refunded(%d, %d) = %d, want %d", tt.used, tt.refund, got, tt.want)
		}
	}
}
