package confidential_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/confidential"
	"github.com/sqledger/sqledger/protocol/keys"
)

const ownerSecret = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"

type interopOut struct {
	PublicKey      string `json:"publicKey"`
	OpenedGoToken  string `json:"openedGoToken"`
	DecryptedGoRaw string `json:"decryptedGoRaw"`
	Token          string `json:"token"`
	Password       string `json:"password"`
	Raw            string `json:"raw"`
	GrantToken     string `json:"grantToken"`
	EdError        string `json:"edError"`
}

func keyPair(t *testing.T, secret string) *keys.KeyPair {
	t.Helper()
	seed, err := keys.ParseSecret(secret, keys.Secp256k1)
	if err != nil {
		t.Fatal(err)
	}
	kp, err := seed.KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

// runClient runs testdata/interop.js with the published client from
// compat/node_modules.
func runClient(t *testing.T, in map[string]string) interopOut {
	t.Helper()
	arg, _ := json.Marshal(in)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join("testdata", "interop.js"), string(arg))
	mods, _ := filepath.Abs(filepath.Join("..", "..", "compat", "node_modules"))
	cmd.Env = append(cmd.Environ(), "NODE_PATH="+mods)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node interop.js (needs node and compat/node_modules: cd compat && npm ci --ignore-scripts): %v\n%s", err, stderr.String())
	}
	var o interopOut
	if err := json.Unmarshal(out, &o); err != nil {
		t.Fatalf("decode %q: %v", out, err)
	}
	return o
}

// TestInteropWithClient seals in Go and opens with the client, and the
// reverse: tokens of createTable and grant, and a Raw.
func TestInteropWithClient(t *testing.T) {
	owner := keyPair(t, ownerSecret)
	other := keyPair(t, "bob passphrase")
	password, err := confidential.NewPassword(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	goToken, err := confidential.SealRandom(owner.PublicKey(), password)
	if err != nil {
		t.Fatal(err)
	}
	plain := `[{"id":1,"name":"秘密 \"x\""}]`
	goRaw, err := confidential.EncryptRaw(password, []byte(plain))
	if err != nil {
		t.Fatal(err)
	}
	ed := keys.SeedFromPassphrase("ed passphrase")
	ed.Algorithm = keys.Ed25519
	o := runClient(t, map[string]string{
		"secret": ownerSecret, "goToken": hex.EncodeToString(goToken), "goRaw": hex.EncodeToString(goRaw),
		"password": string(password), "plain": plain, "edSecret": ed.String(),
		"otherPublicKey": address.EncodeAccountPublic(other.PublicKey()),
	})
	if !strings.EqualFold(o.PublicKey, hex.EncodeToString(owner.PublicKey())) {
		t.Fatalf("client's public key %s, Go's %X", o.PublicKey, owner.PublicKey())
	}
	if o.OpenedGoToken != string(password) || o.DecryptedGoRaw != plain {
		t.Fatalf("client read Go's token %q raw %q, want %q %q", o.OpenedGoToken, o.DecryptedGoRaw, password, plain)
	}
	for _, c := range []struct {
		name  string
		kp    *keys.KeyPair
		token string
	}{{"create token", owner, o.Token}, {"grant token", other, o.GrantToken}} {
		tok, err := hex.DecodeString(c.token)
		if err != nil {
			t.Fatal(err)
		}
		got, err := confidential.OpenWithKeyPair(c.kp, tok)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if string(got) != o.Password || len(got) != 32 {
			t.Fatalf("%s opened to %q, client's password %q", c.name, got, o.Password)
		}
	}
	raw, _ := hex.DecodeString(o.Raw)
	dec, err := confidential.DecryptRaw([]byte(o.Password), raw)
	if err != nil || string(dec) != plain {
		t.Fatalf("client's raw decrypted to %q, %v", dec, err)
	}
	if o.EdError == "" {
		t.Fatal("the client sealed a token to an ed25519 key; the package says it cannot")
	}
}
