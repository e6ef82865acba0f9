package tx_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

const genesisSecret = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"

func genesisKey(t testing.TB) *keys.KeyPair {
	t.Helper()
	seed, err := keys.ParseSeed(genesisSecret)
	if err != nil {
		t.Fatal(err)
	}
	kp, err := seed.KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

// vectorFile reads a file of ../shared/vectors.
func vectorFile(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile("../../../shared/vectors/" + name)
	if err != nil {
		t.Skipf("shared vectors not present: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func upper(b []byte) string { return strings.ToUpper(hex.EncodeToString(b)) }

// TestPaymentVectors re-signs the two Payment examples of the ChainSQL
// document from tx_json and secret.
func TestPaymentVectors(t *testing.T) {
	var v struct {
		Common   map[string]any `json:"tx_json_common"`
		Examples []struct {
			Name, Blob, Hash, Sig string
			LLS                   uint32 `json:"lls"`
		}
	}
	vectorFile(t, "payment-signing.json", &v)
	kp := genesisKey(t)
	for _, ex := range v.Examples {
		t.Run(ex.Name, func(t *testing.T) {
			m := map[string]any{"LastLedgerSequence": ex.LLS}
			for k, val := range v.Common {
				m[k] = val
			}
			o, err := codec.FromMap(m)
			if err != nil {
				t.Fatal(err)
			}
			signed, err := tx.Sign(o, kp)
			if err != nil {
				t.Fatal(err)
			}
			if got := upper(signed.Blob); got != ex.Blob {
				t.Fatalf("blob\n got %s\nwant %s", got, ex.Blob)
			}
			if got := upper(signed.Hash[:]); got != ex.Hash {
				t.Fatalf("hash %s, want %s", got, ex.Hash)
			}
			blob, _ := hex.DecodeString(ex.Blob)
			back, err := tx.Decode(blob)
			if err != nil {
				t.Fatal(err)
			}
			if err := back.Verify(); err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if back.Type != tx.Payment || back.Sequence != 3 || back.Fee != 10 || back.LastLedgerSequence != ex.LLS || back.Flags != tx.FlagFullyCanonicalSig {
				t.Fatalf("decoded %+v", back)
			}
			p, ok := back.Payment()
			if !ok || !p.Native || p.Drops != 100_000_000 || p.Destination.String() != "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx" {
				t.Fatalf("payment fields %+v", p)
			}
			for k, want := range v.Common {
				got := back.JSON()[k]
				if wantJSON, gotJSON := mustJSON(t, want), mustJSON(t, got); wantJSON != gotJSON {
					t.Errorf("%s: decoded %s, tx_json %s", k, gotJSON, wantJSON)
				}
			}
		})
	}
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLibSignedVectors decodes and verifies the twelve transactions the
// published ChainSQL JavaScript library signed, and re-signs those of
// the genesis account to the same blob.
func TestLibSignedVectors(t *testing.T) {
	var v struct {
		Cases []struct {
			Name   string         `json:"name"`
			TxJSON map[string]any `json:"tx_json"`
			Blob   string         `json:"tx_blob"`
			Hash   string         `json:"hash"`
		} `json:"cases"`
	}
	vectorFile(t, "chainsql-lib-signed.json", &v)
	kp := genesisKey(t)
	for _, c := range v.Cases {
		t.Run(c.Name, func(t *testing.T) {
			blob, _ := hex.DecodeString(c.Blob)
			got, err := tx.Decode(blob)
			if err != nil {
				t.Fatal(err)
			}
			if upper(got.Hash[:]) != c.Hash {
				t.Fatalf("hash %X, want %s", got.Hash, c.Hash)
			}
			if got.Type.String() != c.TxJSON["TransactionType"] {
				t.Fatalf("type %s", got.Type)
			}
			// The signature verifies over the signing data whoever signed.
			if err := keys.Verify(got.SigningPubKey, got.SigningData(), got.TxnSignature, true); err != nil {
				t.Fatalf("signature: %v", err)
			}
			if got.Account != kp.AccountID() {
				// Signed by another account's key: this node has no regular
				// keys, so the transaction does not verify.
				if err := got.Verify(); !errors.Is(err, tx.ErrSignature) {
					t.Fatalf("Verify of a foreign key: %v", err)
				}
				return
			}
			if err := got.Verify(); err != nil {
				t.Fatalf("Verify: %v", err)
			}
			o, err := codec.FromMap(c.TxJSON)
			if err != nil {
				t.Fatal(err)
			}
			resigned, err := tx.Sign(o, kp)
			if err != nil {
				t.Fatal(err)
			}
			if upper(resigned.Blob) != c.Blob {
				t.Fatalf("re-signed blob\n got %X\nwant %s", resigned.Blob, c.Blob)
			}
		})
	}
}

func TestFormatErrors(t *testing.T) {
	kp := genesisKey(t)
	base := func() map[string]any {
		return map[string]any{"TransactionType": "Payment", "Account": kp.AccountID().String(), "Destination": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx",
			"Amount": "1000", "Fee": "10", "Sequence": 1}
	}
	for _, tc := range []struct {
		name string
		edit func(map[string]any)
		want error
		text string // in the error, when not empty
	}{
		{"missing destination", func(m map[string]any) { delete(m, "Destination") }, tx.ErrFormat, "Payment lacks required field Destination"},
		{"missing fee", func(m map[string]any) { delete(m, "Fee") }, tx.ErrFormat, "Payment lacks required field Fee"},
		// Of several missing fields, the first by name.
		{"missing amount and sequence", func(m map[string]any) { delete(m, "Sequence"); delete(m, "Amount") }, tx.ErrFormat, "Payment lacks required field Amount"},
		{"field of another type", func(m map[string]any) { m["OpType"] = 1 }, tx.ErrFormat, "field OpType is not allowed in Payment"},
		{"issued fee", func(m map[string]any) {
			m["Fee"] = map[string]any{"currency": "USD", "issuer": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "value": "1"}
		}, tx.ErrBadFee, ""},
		{"unknown type", func(m map[string]any) { m["TransactionType"] = "OfferCreate" }, tx.ErrUnknownType, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := base()
			tc.edit(m)
			o, err := codec.FromMap(m)
			if err != nil {
				t.Fatal(err)
			}
			_, err = tx.Sign(o, kp)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("Sign: %v, want %v with %q", err, tc.want, tc.text)
			}
		})
	}

	// Unsigned, tampered and foreign signatures.
	o, _ := codec.FromMap(base())
	signed, err := tx.Sign(o, kp)
	if err != nil {
		t.Fatal(err)
	}
	unsigned, _ := codec.FromMap(base())
	if err := unsigned.Set("SigningPubKey", kp.PublicKey()); err != nil {
		t.Fatal(err)
	}
	u, err := tx.FromObject(unsigned)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.Verify(); !errors.Is(err, tx.ErrUnsigned) {
		t.Fatalf("unsigned: %v", err)
	}
	tampered := append([]byte(nil), signed.Blob...)
	tampered[len(tampered)-1] ^= 1 // the last byte of Destination
	tt, err := tx.Decode(tampered)
	if err != nil {
		t.Fatal(err)
	}
	if err := tt.Verify(); !errors.Is(err, tx.ErrSignature) {
		t.Fatalf("tampered: %v", err)
	}
	other, _ := keys.SeedFromPassphrase("someone else").KeyPair()
	if _, err := tx.Sign(o, other); err == nil {
		t.Fatal("signed for another account")
	}
}

// TestJSONBytes checks that JSONBytes, written without encoding/json, is
// byte for byte json.Marshal of JSON, for a payment and for a table
// transaction with nested arrays.
func TestJSONBytes(t *testing.T) {
	kp, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	for _, fields := range []map[string]any{
		{"TransactionType": "Payment", "Account": kp.AccountID().String(), "Destination": "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh",
			"Amount": "1000", "Fee": "10", "Sequence": 7, "Flags": uint32(tx.FlagFullyCanonicalSig),
			"Memos": []any{map[string]any{"Memo": map[string]any{"MemoData": "0102", "MemoType": "AB"}}}},
		{"TransactionType": "SQLStatement", "Account": kp.AccountID().String(), "Owner": kp.AccountID().String(),
			"OpType": 6, "Fee": "60000", "Sequence": 9, "Flags": uint32(tx.FlagFullyCanonicalSig),
			"Tables": []any{map[string]any{"Table": map[string]any{"TableName": "7461626C65", "NameInDB": strings.Repeat("AB", 20)}}},
			"Raw":    "5B7B226964223A317D5D"},
	} {
		o, err := codec.FromMap(fields)
		if err != nil {
			t.Fatal(err)
		}
		signed, err := tx.Sign(o, kp)
		if err != nil {
			t.Fatal(err)
		}
		back, err := tx.Decode(signed.Blob)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(back.JSON())
		if err != nil {
			t.Fatal(err)
		}
		if got := back.JSONBytes(); !bytes.Equal(got, want) {
			t.Errorf("%s: JSONBytes\n%s\nwant json.Marshal(JSON())\n%s", fields["TransactionType"], got, want)
		}
		m := back.JSON()
		delete(m, "Raw")
		if want, err = json.Marshal(m); err != nil {
			t.Fatal(err)
		}
		got := back.JSONBytesWithoutRaw()
		if !bytes.Equal(got, want) || bytes.Contains(got, []byte(`"Raw"`)) {
			t.Errorf("%s: JSONBytesWithoutRaw\n%s\nwant\n%s", fields["TransactionType"], got, want)
		}
		if again := back.JSONBytesWithoutRaw(); &again[0] != &got[0] {
			t.Errorf("%s: JSONBytesWithoutRaw built twice", fields["TransactionType"])
		}
	}
}
