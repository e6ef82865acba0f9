package address

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestAccountIDVectors(t *testing.T) {
	tests := []struct {
		name string
		addr string
		hex  string
	}{
		// The genesis account of masterpassphrase (vectors/payment-signing.json).
		{"genesis", "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh", "B5F762798A53D543A014CAF8B297CFF8F2F937E8"},
		{"payment destination", "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "934CD4FACC490E3DC5152F7C1BAD57EEEE3F9C77"},
		// rippled's noAccount() and xrpAccount(), rrrr…BZbvji and rrrr…hoLvTp.
		{"NoAccount", "zzzzzzzzzzzzzzzzzzzzBZbvji", "0000000000000000000000000000000000000001"},
		{"ZeroAccount", "zzzzzzzzzzzzzzzzzzzzzhoLvTp", "0000000000000000000000000000000000000000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want AccountID
			if _, err := hex.Decode(want[:], []byte(tc.hex)); err != nil {
				t.Fatal(err)
			}
			got, err := ParseAccountID(tc.addr)
			if err != nil {
				t.Fatalf("ParseAccountID(%q): %v", tc.addr, err)
			}
			if got != want {
				t.Fatalf("ParseAccountID(%q) = %X, want %X", tc.addr, got, want)
			}
			if s := want.String(); s != tc.addr {
				t.Fatalf("String() = %q, want %q", s, tc.addr)
			}
		})
	}
}

func TestAccountIDConstants(t *testing.T) {
	if got, want := NoAccount.String(), "zzzzzzzzzzzzzzzzzzzzBZbvji"; got != want {
		t.Errorf("NoAccount = %q, want %q", got, want)
	}
	if !ZeroAccount.IsZero() {
		t.Error("ZeroAccount.IsZero() = false")
	}
	if NoAccount.IsZero() {
		t.Error("NoAccount.IsZero() = true")
	}
}

func TestAccountIDFromPublicKey(t *testing.T) {
	// The masterpassphrase account key and its account ID.
	pub, err := hex.DecodeString("0330E7FC9D56BB25D6893BA3F317AE5BCF33B3291BD63DB32654A313222F7FD020")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := AccountIDFromPublicKey(pub).String(), "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"; got != want {
		t.Fatalf("AccountIDFromPublicKey = %s, want %s", got, want)
	}
}

func TestParseAccountIDErrors(t *testing.T) {
	const good = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"
	tests := []struct {
		name  string
		input string
		want  error
	}{
		{"bad checksum (last character changed)", good[:len(good)-1] + "i", ErrChecksum},
		{"bad checksum (two characters swapped)", "zHb9CJAWyB4zj91VRWn96DkukG4bwdytTh", ErrChecksum},
		{"seed, not an account", "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb", ErrVersion},
		{"account public key, not an account", "cBQsK2YFNqrmAcXNarYajqDjfiKkLxJUirxz1UBf44RCF8FHdzmX", ErrVersion},
		{"19-byte payload", EncodeToken(TokenAccountID, make([]byte, 19)), ErrLength},
		{"21-byte payload", EncodeToken(TokenAccountID, make([]byte, 21)), ErrLength},
		{"empty", "", ErrLength},
		{"too short for a checksum", "zp", ErrLength},
		{"overlong", strings.Repeat("p", 200), ErrLength},
		{"zero digit", good[:5] + "0" + good[6:], ErrAlphabet},
		{"capital O", good[:5] + "O" + good[6:], ErrAlphabet},
		{"capital I", good[:5] + "I" + good[6:], ErrAlphabet},
		{"small l", good[:5] + "l" + good[6:], ErrAlphabet},
		{"space", " " + good, ErrAlphabet},
		{"non-ASCII", good[:5] + "é" + good[7:], ErrAlphabet},
		{"ripple alphabet address", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", ErrChecksum},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseAccountID(tc.input)
			if !errors.Is(err, tc.want) {
				t.Fatalf("ParseAccountID(%q) error = %v, want %v", tc.input, err, tc.want)
			}
		})
	}
}

func TestAccountIDJSON(t *testing.T) {
	type doc struct {
		Account AccountID `json:"Account"`
	}
	genesis, err := ParseAccountID("zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh")
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(doc{genesis})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), `{"Account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"}`; got != want {
		t.Fatalf("Marshal = %s, want %s", got, want)
	}
	var back doc
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if back.Account != genesis {
		t.Fatalf("Unmarshal = %X, want %X", back.Account, genesis)
	}
	err = json.Unmarshal([]byte(`{"Account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTi"}`), &back)
	if !errors.Is(err, ErrChecksum) {
		t.Fatalf("Unmarshal of a bad address: error = %v, want ErrChecksum", err)
	}
}
