package codec

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/hash"
)

// sharedDir is the shared reference directory, beside the repository.
const sharedDir = "../../../shared"

// vector is a transaction with its blob, hash and JSON decoding.
type vector struct {
	name    string
	blob    string // uppercase hex
	hash    string // SHA512Half(TXN\0 ‖ blob)
	decoded string // JSON, as the JavaScript codec decodes the blob
	signing string // optional: STX\0 ‖ signing fields, hex
}

// readShared reads a file of the shared directory, skipping the test
// when the directory is absent.
func readShared(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sharedDir, rel))
	if os.IsNotExist(err) {
		t.Skipf("%s not present", rel)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sharedVectors loads the fourteen vectors of ../../../shared/vectors.
func sharedVectors(t *testing.T) []vector {
	var lib struct {
		Cases []struct {
			Name    string         `json:"name"`
			Blob    string         `json:"tx_blob"`
			Hash    string         `json:"hash"`
			Decoded map[string]any `json:"decoded"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(readShared(t, "vectors/chainsql-lib-signed.json"), &lib); err != nil {
		t.Fatal(err)
	}
	var pay struct {
		PublicKey string         `json:"publicKey"`
		Common    map[string]any `json:"tx_json_common"`
		Examples  []struct {
			Name    string  `json:"name"`
			Blob    string  `json:"blob"`
			Hash    string  `json:"hash"`
			LLS     float64 `json:"lls"`
			Sig     string  `json:"sig"`
			Signing string  `json:"signingHex"`
		} `json:"examples"`
	}
	if err := json.Unmarshal(readShared(t, "vectors/payment-signing.json"), &pay); err != nil {
		t.Fatal(err)
	}
	var out []vector
	for _, c := range lib.Cases {
		out = append(out, vector{name: c.Name, blob: c.Blob, hash: c.Hash, decoded: mustJSON(t, c.Decoded)})
	}
	for _, e := range pay.Examples {
		dec := map[string]any{"LastLedgerSequence": e.LLS, "SigningPubKey": pay.PublicKey, "TxnSignature": e.Sig}
		for k, v := range pay.Common {
			dec[k] = v
		}
		out = append(out, vector{name: "Payment " + e.Name, blob: e.Blob, hash: e.Hash, decoded: mustJSON(t, dec), signing: e.Signing})
	}
	if len(out) != 14 {
		t.Fatalf("loaded %d vectors, want 14", len(out))
	}
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// jsonEqual compares two JSON texts as values.
func jsonEqual(t *testing.T, got, want []byte) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("invalid JSON %s: %v", got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("invalid JSON %s: %v", want, err)
	}
	return reflect.DeepEqual(g, w)
}

// checkVector runs every check on one vector.
func checkVector(t *testing.T, v vector) {
	blob, err := hex.DecodeString(v.blob)
	if err != nil {
		t.Fatal(err)
	}

	fromJSON, err := FromJSON([]byte(v.decoded))
	if err != nil {
		t.Fatalf("FromJSON: %v", err)
	}
	if got := strings.ToUpper(hex.EncodeToString(fromJSON.Encode())); got != v.blob {
		t.Errorf("FromJSON(decoded).Encode()\n got %s\nwant %s", got, v.blob)
	}

	o, err := Decode(blob)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if got := o.Encode(); !bytes.Equal(got, blob) {
		t.Errorf("Decode(blob).Encode() = %X", got)
	}
	mapJSON, err := json.Marshal(o.Map())
	if err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(t, mapJSON, []byte(v.decoded)) {
		t.Errorf("Decode(blob).Map()\n got %s\nwant %s", mapJSON, v.decoded)
	}
	direct, err := o.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(t, direct, []byte(v.decoded)) {
		t.Errorf("MarshalJSON\n got %s\nwant %s", direct, v.decoded)
	}

	id := hash.Prefixed(hash.TransactionID, blob)
	if got := strings.ToUpper(hex.EncodeToString(id[:])); got != v.hash {
		t.Errorf("hash = %s, want %s", got, v.hash)
	}

	if v.signing != "" {
		prefix := strings.ToUpper(hex.EncodeToString(hash.TxSign[:]))
		want := strings.TrimPrefix(v.signing, prefix)
		if want == v.signing {
			t.Fatalf("signing data %s lacks the STX prefix", v.signing)
		}
		if got := strings.ToUpper(hex.EncodeToString(o.EncodeSigning())); got != want {
			t.Errorf("EncodeSigning\n got %s\nwant %s", got, want)
		}
	}
}

func TestCommittedVectors(t *testing.T) {
	for _, v := range committedVectors {
		t.Run(v.name, func(t *testing.T) { checkVector(t, v) })
	}
}

func TestSharedVectors(t *testing.T) {
	for _, v := range sharedVectors(t) {
		t.Run(v.name, func(t *testing.T) { checkVector(t, v) })
	}
}

// TestVectorAccessors reads typed values out of a decoded vector.
func TestVectorAccessors(t *testing.T) {
	blob, _ := hex.DecodeString(committedVectors[0].blob) // TableListSet create
	o, err := Decode(blob)
	if err != nil {
		t.Fatal(err)
	}
	if tt, _ := o.UInt16("TransactionType"); tt != 21 {
		t.Errorf("TransactionType = %d, want 21", tt)
	}
	if op, _ := o.UInt16("OpType"); op != 1 {
		t.Errorf("OpType = %d, want 1", op)
	}
	if seq, ok := o.UInt32("Sequence"); !ok || seq != 10 {
		t.Errorf("Sequence = %d, %v", seq, ok)
	}
	if fee, ok := o.Amount("Fee"); !ok || !fee.IsNative() || fee.Drops() != 20000 {
		t.Errorf("Fee = %v, %v", fee, ok)
	}
	if acct, _ := o.AccountID("Account"); acct.String() != "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh" {
		t.Errorf("Account = %s", acct)
	}
	tables, ok := o.Array("Tables")
	if !ok || len(tables) != 1 || tables[0].Name() != "Table" {
		t.Fatalf("Tables = %v, %v", tables, ok)
	}
	if name, _ := tables[0].Blob("TableName"); string(name) != "Orders" {
		t.Errorf("TableName = %q", name)
	}
	if db, _ := tables[0].Hash160("NameInDB"); strings.ToUpper(hex.EncodeToString(db[:])) != "43ACD1FF143986210A44AB8B609371B392F45A86" {
		t.Errorf("NameInDB = %X", db)
	}
	if _, ok := o.UInt32("Fee"); ok {
		t.Error("UInt32(\"Fee\") succeeded on an Amount field")
	}
	if _, ok := o.Blob("Token"); ok {
		t.Error("Blob(\"Token\") succeeded on an absent field")
	}
	want := []string{"TransactionType", "OpType", "Flags", "Sequence", "LastLedgerSequence", "Fee", "SigningPubKey", "TxnSignature", "Raw", "Account", "Tables"}
	if got := o.Names(); !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
}
