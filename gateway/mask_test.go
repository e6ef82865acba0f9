package gateway_test

import (
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/gateway"
)

func TestMaskSecrets(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"no secret: unchanged, spacing kept", `{"command": "ping", "id": 1}`, `{"command": "ping", "id": 1}`},
		{"top level", `{"command":"sign","secret":"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"}`,
			`{"command":"sign","secret":"<masked>"}`},
		{"rippled's four", `{"passphrase":"a","secret":"b","seed":"c","seed_hex":"d"}`,
			`{"passphrase":"<masked>","secret":"<masked>","seed":"<masked>","seed_hex":"<masked>"}`},
		{"private keys", `{"private_key":"00AB","privateKey":"00CD","secret_key":"00EF"}`,
			`{"privateKey":"<masked>","private_key":"<masked>","secret_key":"<masked>"}`},
		{"nested objects", `{"tx_json":{"Signers":{"inner":{"seed":"sEd"}}}}`,
			`{"tx_json":{"Signers":{"inner":{"seed":"<masked>"}}}}`},
		{"inside arrays", `{"list":[{"secret":"x"},[{"seed_hex":"y"}],3]}`,
			`{"list":[{"secret":"<masked>"},[{"seed_hex":"<masked>"}],3]}`},
		{"non-string secret", `{"secret":{"k":[1,2]}}`, `{"secret":"<masked>"}`},
		{"key written with escapes", `{"s\u0065cret":"x"}`, `{"secret":"<masked>"}`},
		{"numbers kept digit for digit", `{"secret":"x","big":123456789012345678901234567890,"f":1.50}`,
			`{"big":123456789012345678901234567890,"f":1.50,"secret":"<masked>"}`},
		{"secret as a value is not a key", `{"note":"secret"}`, `{"note":"secret"}`},
		{"case matters, as in rippled", `{"Secret":"x"}`, `{"Secret":"x"}`},
		{"HTML characters not escaped", `{"secret":"x","a":"<&>"}`, `{"a":"<&>","secret":"<masked>"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(gateway.MaskSecrets([]byte(tt.in))); got != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestMaskSecretsInvalid(t *testing.T) {
	for _, in := range []string{``, `{`, `{"secret":}`, `{"a":1} {"b":2}`, `{"secret":"x"}}`, "\xff"} {
		if got := gateway.MaskSecrets([]byte(in)); got != nil {
			t.Errorf("MaskSecrets(%q) = %s, want nil", in, got)
		}
	}
}

func ExampleMaskSecrets() {
	fmt.Println(string(gateway.MaskSecrets([]byte(`{"command":"submit","secret":"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb","tx_json":{"Account":"z…"}}`))))
	// Output: {"command":"submit","secret":"<masked>","tx_json":{"Account":"z…"}}
}
