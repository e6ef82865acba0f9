package hash

import (
	"encoding/hex"
	"strings"
	"testing"
)

func TestVectors(t *testing.T) {
	// Signing hash and transaction hash of the first Payment example of
	// shared/vectors/payment-signing.json.
	signing, _ := hex.DecodeString("5354580012000022800000002400000003201B00001F40614000000005F5E10068400000000000000A73210330E7FC9D56BB25D6893BA3F317AE5BCF33B3291BD63DB32654A313222F7FD0208114B5F762798A53D543A014CAF8B297CFF8F2F937E88314934CD4FACC490E3DC5152F7C1BAD57EEEE3F9C77")
	got := SHA512Half(signing)
	if want := "2ABD6F9FD354E3E837B18F9719AC96B8273C52F8A0ED373F2326AB386CA80643"; strings.ToUpper(hex.EncodeToString(got[:])) != want {
		t.Fatalf("SHA512Half = %X, want %s", got, want)
	}
	if got2 := Prefixed(TxSign, signing[4:]); got2 != got {
		t.Fatalf("Prefixed(TxSign) = %X, want %X", got2, got)
	}
	pub, _ := hex.DecodeString("0330E7FC9D56BB25D6893BA3F317AE5BCF33B3291BD63DB32654A313222F7FD020")
	id := RIPESHA(pub)
	if want := "B5F762798A53D543A014CAF8B297CFF8F2F937E8"; strings.ToUpper(hex.EncodeToString(id[:])) != want {
		t.Fatalf("RIPESHA = %X, want %s", id, want)
	}
}
