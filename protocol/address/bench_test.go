package address

import "testing"

func BenchmarkParseAccountID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseAccountID("zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAccountIDString(b *testing.B) {
	id := AccountID{0xB5, 0xF7, 0x62, 0x79, 19: 0xE8}
	b.ReportAllocs()
	for b.Loop() {
		_ = id.String()
	}
}

func BenchmarkDecodeSeed(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := DecodeSeed("xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"); err != nil {
			b.Fatal(err)
		}
	}
}
