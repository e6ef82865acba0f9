package confidential_test

import (
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/confidential"
)

func TestOpenRefusesBadTokens(t *testing.T) {
	owner := keyPair(t, ownerSecret)
	other := keyPair(t, "someone else")
	good, err := confidential.SealRandom(owner.PublicKey(), []byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	flip := func(i int) []byte {
		b := append([]byte(nil), good...)
		b[i] ^= 1
		return b
	}
	cases := []struct {
		name  string
		token []byte
		want  error
	}{
		{"empty", nil, confidential.ErrBadToken},
		{"short", good[:80], confidential.ErrBadToken},
		{"not a point", append([]byte{9}, good[1:]...), confidential.ErrBadToken},
		{"partial block", good[:len(good)-1], confidential.ErrBadToken},
		{"tampered plaintext block", flip(len(good) - 33), confidential.ErrMAC},
		{"tampered last block", flip(len(good) - 1), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := confidential.OpenWithKeyPair(owner, c.token)
			if err == nil {
				t.Fatal("opened")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
		})
	}
	if _, err := confidential.OpenWithKeyPair(other, good); err == nil {
		t.Fatal("another key opened the token")
	}
	if got, err := confidential.OpenWithKeyPair(owner, good); err != nil || string(got) != "0123456789abcdef0123456789abcdef" {
		t.Fatalf("owner opened %q, %v", got, err)
	}
}

func TestRaw(t *testing.T) {
	cases := []struct {
		name     string
		password string
		plain    string
		err      error
	}{
		{"client password", strings.Repeat("ab", 16), `[{"a":1}]`, nil},
		{"short password is padded", "abc", `{"x":"y"}`, nil},
		{"block-sized plaintext", strings.Repeat("9", 32), strings.Repeat("z", 32), nil},
		{"long password", strings.Repeat("a", 33), "x", confidential.ErrBadPassword},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			enc, err := confidential.EncryptRaw([]byte(c.password), []byte(c.plain))
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("error %v, want %v", err, c.err)
				}
				return
			}
			if err != nil || len(enc)%16 != 0 || len(enc) <= len(c.plain) {
				t.Fatalf("encrypted %d bytes, %v", len(enc), err)
			}
			dec, err := confidential.DecryptRaw([]byte(c.password), enc)
			if err != nil || string(dec) != c.plain {
				t.Fatalf("decrypted %q, %v", dec, err)
			}
			if _, err := confidential.DecryptRaw([]byte("wrong"), enc); err == nil {
				if d, _ := confidential.DecryptRaw([]byte("wrong"), enc); string(d) == c.plain {
					t.Fatal("a wrong password decrypted the plaintext")
				}
			}
		})
	}
	if _, err := confidential.DecryptRaw([]byte("k"), []byte("short")); !errors.Is(err, confidential.ErrBadCiphertext) {
		t.Fatalf("short ciphertext: %v", err)
	}
}

func TestSealRefusesEd25519(t *testing.T) {
	pub := append([]byte{0xED}, make([]byte, 32)...)
	if _, err := confidential.Seal(pub, []byte("x"), rand.Reader); !errors.Is(err, confidential.ErrUnsupportedKey) {
		t.Fatalf("sealed to an ed25519 key: %v", err)
	}
}
