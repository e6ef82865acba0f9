package address

import (
	"errors"
	"testing"
)

// FuzzDecode decodes arbitrary strings as account IDs, seeds and public
// keys. Nothing may panic, every failure must carry one of the sentinel
// errors, and whatever decodes must encode back to the same string
// (base58 with leading-zero characters is a bijection).
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh",
		"zzzzzzzzzzzzzzzzzzzzBZbvji",
		"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb",
		"xEdSJHS4oiAdr7w2X2ni1gFiqtbJHqE",
		"cBQsK2YFNqrmAcXNarYajqDjfiKkLxJUirxz1UBf44RCF8FHdzmX",
		"n94c1u4jAr288pZLtw6yFWVbi89YcmiC6JBXPVUj5rmEse5fTVg9",
		"",
		"z",
		"0OIl",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if id, err := ParseAccountID(s); err == nil {
			if id.String() != s {
				t.Fatalf("ParseAccountID(%q) = %X, which encodes as %q", s, id, id.String())
			}
		} else {
			checkSentinel(t, s, err)
		}
		if entropy, ed, err := DecodeSeed(s); err == nil {
			if back := EncodeSeed(entropy, ed); back != s {
				t.Fatalf("DecodeSeed(%q) = %X, %v, which encodes as %q", s, entropy, ed, back)
			}
		} else {
			checkSentinel(t, s, err)
		}
		if pub, err := DecodeAccountPublic(s); err == nil {
			if back := EncodeAccountPublic(pub); back != s {
				t.Fatalf("DecodeAccountPublic(%q) = %X, which encodes as %q", s, pub, back)
			}
		} else {
			checkSentinel(t, s, err)
		}
	})
}

func checkSentinel(t *testing.T, s string, err error) {
	t.Helper()
	for _, sentinel := range []error{ErrAlphabet, ErrChecksum, ErrVersion, ErrLength} {
		if errors.Is(err, sentinel) {
			return
		}
	}
	t.Fatalf("decoding %q: error %v matches no sentinel", s, err)
}
