package keys

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// paymentVectors is shared/vectors/payment-signing.json: the genesis key
// and two Payment signatures from the ChainSQL documentation.
type paymentVectors struct {
	Secret      string `json:"secret"`
	SeedEntropy string `json:"seedEntropy"`
	PrivateKey  string `json:"privateKey"`
	PublicKey   string `json:"publicKey"`
	AccountID   string `json:"accountID"`
	Account     string `json:"account"`
	Examples    []struct {
		Name       string `json:"name"`
		Sig        string `json:"sig"`
		SigningHex string `json:"signingHex"`
	} `json:"examples"`
}

const paymentVectorsPath = "../../../shared/vectors/payment-signing.json"

func loadPaymentVectors(t testing.TB) paymentVectors {
	t.Helper()
	data, err := os.ReadFile(paymentVectorsPath)
	if err != nil {
		t.Fatalf("reading the shared vectors: %v", err)
	}
	var v paymentVectors
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("parsing %s: %v", paymentVectorsPath, err)
	}
	if len(v.Examples) == 0 {
		t.Fatalf("%s has no examples", paymentVectorsPath)
	}
	return v
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func upperHex(b []byte) string {
	return strings.ToUpper(hex.EncodeToString(b))
}
