package codec

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// TestBuildPayment builds the ChainSQL document's first Payment field by
// field and checks the blob and the signing data of payment-signing.json.
func TestBuildPayment(t *testing.T) {
	v := committedVectors[len(committedVectors)-1]
	account, err := address.ParseAccountID("zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh")
	if err != nil {
		t.Fatal(err)
	}
	dest, err := address.ParseAccountID("zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx")
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := hex.DecodeString("0330E7FC9D56BB25D6893BA3F317AE5BCF33B3291BD63DB32654A313222F7FD020")
	sig, _ := hex.DecodeString("3045022100C57C4430FDC9F43CD0EC5BFACFCF09582399D0414F7484DEA8D5AEA1D315605502200A9C569863A4654D073EDC273E7321652887B6610CE0C20DB3E35A38639F62DD")

	var o Object
	// Out of canonical order on purpose: Set keeps the order.
	for _, kv := range []struct {
		name  string
		value any
	}{
		{"TxnSignature", sig},
		{"Destination", dest},
		{"Account", account},
		{"SigningPubKey", pub},
		{"Fee", NativeAmount(10)},
		{"Amount", NativeAmount(100000000)},
		{"LastLedgerSequence", uint32(8000)},
		{"Sequence", 3},
		{"Flags", uint32(0x80000000)},
		{"TransactionType", "Payment"},
	} {
		if err := o.Set(kv.name, kv.value); err != nil {
			t.Fatalf("Set(%s): %v", kv.name, err)
		}
	}
	if got := strings.ToUpper(hex.EncodeToString(o.Encode())); got != v.blob {
		t.Errorf("Encode\n got %s\nwant %s", got, v.blob)
	}
	wantSigning := strings.TrimPrefix(v.signing, "53545800")
	if got := strings.ToUpper(hex.EncodeToString(o.EncodeSigning())); got != wantSigning {
		t.Errorf("EncodeSigning\n got %s\nwant %s", got, wantSigning)
	}
	prefixed := o.AppendEncode(append([]byte(nil), hash.TxSign[:]...), true)
	if got := strings.ToUpper(hex.EncodeToString(prefixed)); got != v.signing {
		t.Errorf("AppendEncode with prefix\n got %s\nwant %s", got, v.signing)
	}

	// Replacing a value keeps one field.
	if err := o.Set("Sequence", uint32(4)); err != nil {
		t.Fatal(err)
	}
	if seq, _ := o.UInt32("Sequence"); seq != 4 || o.Len() != 10 {
		t.Errorf("after replace: Sequence %d, %d fields", seq, o.Len())
	}
	o.Delete("TxnSignature")
	o.Delete("TxnSignature")
	o.Delete("NoSuchField")
	if o.Has("TxnSignature") || !o.Has("Account") || o.Has("NoSuchField") || o.Len() != 9 {
		t.Errorf("after Delete: %v", o.Names())
	}
}

// TestSigningLeavesOutNestedOnlyAtTop checks that EncodeSigning drops
// Signers at the top level but keeps non-signing fields inside objects, as
// rippled does.
func TestSigningLeavesOutNestedOnlyAtTop(t *testing.T) {
	in := `{"TransactionType":"AccountSet","Signers":[{"Signer":{"TxnSignature":"AA","Account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"}}],` +
		`"TransactionMetaData":{"TxnSignature":"BB"},"TxnSignature":"CC"}`
	o, err := FromJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.ToUpper(hex.EncodeToString(o.EncodeSigning()))
	want := "120003" + "E2" + "7401BB" + "E1"
	if got != want {
		t.Errorf("EncodeSigning = %s, want %s", got, want)
	}
}

func TestSetErrors(t *testing.T) {
	inner, err := NewInner("Table")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		field string
		value any
		want  error
	}{
		{"unknown field", "Nope", 1, ErrUnknownField},
		{"JSON-only field", "hash", hash.Hash256{}, ErrUnknownField},
		{"string for UInt32", "Sequence", "5", ErrBadValue},
		{"negative", "Sequence", -1, ErrBadValue},
		{"overflow", "OpType", 70000, ErrBadValue},
		{"UInt8 overflow", "TickSize", uint16(256), ErrBadValue},
		{"unknown transaction type", "TransactionType", "Nope", ErrBadValue},
		{"wrong hash width", "TxCheckHash", [20]byte{}, ErrBadValue},
		{"string for blob", "Raw", "ABC", ErrBadValue},
		{"bytes for account", "Account", []byte{1}, ErrBadValue},
		{"int for amount", "Fee", 10, ErrBadValue},
		{"empty path set", "Paths", PathSet{}, ErrBadValue},
		{"empty path", "Paths", PathSet{{}}, ErrBadValue},
		{"bad step type", "Paths", PathSet{{{Type: 0x02}}}, ErrBadValue},
		{"strings for vector", "Indexes", []string{"00"}, ErrBadValue},
		{"nil object", "TransactionMetaData", (*Object)(nil), ErrBadValue},
		{"map for object", "TransactionMetaData", map[string]any{}, ErrBadValue},
		{"unnamed element", "Tables", []*Object{inner, {}}, ErrBadValue},
		{"nil element", "Tables", []*Object{nil}, ErrBadValue},
		{"STEntry", "Entry", &Object{}, ErrBadValue},
	}
	for _, tc := range tests {
		var o Object
		err := o.Set(tc.field, tc.value)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
		if o.Len() != 0 {
			t.Errorf("%s: failed Set left %v", tc.name, o.Names())
		}
	}
	if _, err := NewInner("Nope"); !errors.Is(err, ErrUnknownField) {
		t.Errorf("NewInner(Nope): %v", err)
	}
	if _, err := NewInner("Tables"); !errors.Is(err, ErrBadValue) {
		t.Errorf("NewInner(Tables): %v", err)
	}
}

func TestSetEveryType(t *testing.T) {
	table, _ := NewInner("Table")
	if err := table.Set("TableName", []byte("t")); err != nil {
		t.Fatal(err)
	}
	c, _ := ParseCurrency("USD")
	iou, err := IssuedAmount("5", c, noAccountID)
	if err != nil {
		t.Fatal(err)
	}
	meta := &Object{}
	if err := meta.Set("TransactionIndex", uint32(2)); err != nil {
		t.Fatal(err)
	}
	values := []struct {
		name  string
		value any
	}{
		{"CloseResolution", uint8(3)},
		{"LedgerEntryType", "Table"},
		{"OpType", uint16(6)},
		{"NeedVerify", int64(1)},
		{"IndexNext", uint64(1 << 63)},
		{"EmailHash", [16]byte{1}},
		{"NameInDB", [20]byte{2}},
		{"TxCheckHash", [32]byte{3}},
		{"LedgerHash", hash.Hash256{4}},
		{"Raw", []byte(nil)},
		{"Owner", noAccountID},
		{"Amount", iou},
		{"Paths", PathSet{{{Type: PathCurrency | PathIssuer, Currency: c, Issuer: noAccountID}}}},
		{"Indexes", []hash.Hash256{{5}}},
		{"Hashes", [][32]byte{{6}, {7}}},
		{"TransactionMetaData", meta},
		{"Tables", []*Object{table}},
	}
	var o Object
	for _, v := range values {
		if err := o.Set(v.name, v.value); err != nil {
			t.Fatalf("Set(%s): %v", v.name, err)
		}
	}
	enc := o.Encode()
	back, err := Decode(enc)
	if err != nil {
		t.Fatal(err)
	}
	if string(back.Encode()) != string(enc) {
		t.Error("decode/encode changed the bytes")
	}
	if raw, ok := back.Blob("Raw"); !ok || len(raw) != 0 {
		t.Errorf("empty Raw = %v, %v", raw, ok)
	}
	if a, _ := back.Amount("Amount"); a != iou {
		t.Errorf("Amount = %v, want %v", a, iou)
	}
	if h, _ := back.Hash256("TxCheckHash"); h[0] != 3 {
		t.Errorf("TxCheckHash = %x", h)
	}
	if h, _ := back.Hash160("NameInDB"); h[0] != 2 {
		t.Errorf("NameInDB = %x", h)
	}
	if n, _ := back.UInt16("LedgerEntryType"); n != 't' {
		t.Errorf("LedgerEntryType = %d", n)
	}
	if v, _ := back.Vector256("Hashes"); len(v) != 2 || v[1][0] != 7 {
		t.Errorf("Hashes = %x", v)
	}
	if tables, _ := back.Array("Tables"); len(tables) != 1 || tables[0].Name() != "Table" || back.Name() != "" {
		t.Errorf("Tables = %v", tables)
	}
	names := back.Names()
	for i := 1; i < len(names); i++ {
		a, _ := LookupField(names[i-1])
		b, _ := LookupField(names[i])
		if a.Type > b.Type || a.Type == b.Type && a.Nth >= b.Nth {
			t.Errorf("%s before %s", a.Name, b.Name)
		}
	}
}

// TestGoIntegers sets and reads integer fields from every Go integer type.
func TestGoIntegers(t *testing.T) {
	values := []any{int(7), int8(7), int16(7), int32(7), int64(7), uint(7), uint8(7), uint16(7), uint32(7), uint64(7)}
	for _, v := range values {
		var o Object
		if err := o.Set("Sequence", v); err != nil {
			t.Errorf("Set(Sequence, %T): %v", v, err)
		}
		if n, _ := o.UInt32("Sequence"); n != 7 {
			t.Errorf("%T: Sequence = %d", v, n)
		}
		m, err := FromMap(map[string]any{"Fee": v, "SourceTag": v})
		if err != nil {
			t.Errorf("FromMap with %T: %v", v, err)
			continue
		}
		if fee, _ := m.Amount("Fee"); fee.Drops() != 7 {
			t.Errorf("%T: Fee = %v", v, fee)
		}
	}
	for _, v := range []any{int8(-1), int16(-1), int32(-1), int64(-1), -1, 1.0, "7"} {
		var o Object
		if err := o.Set("Sequence", v); !errors.Is(err, ErrBadValue) {
			t.Errorf("Set(Sequence, %T %v): %v", v, v, err)
		}
	}
	for _, v := range []any{uint64(1 << 63), 1.5, float64(1 << 54), json.Number("1.5"), true} {
		if _, err := FromMap(map[string]any{"Fee": v}); !errors.Is(err, ErrBadValue) {
			t.Errorf("FromMap(Fee: %T %v): %v", v, v, err)
		}
	}
}

func TestAccessorsOnMissingFields(t *testing.T) {
	var o Object
	if _, ok := o.UInt8("TickSize"); ok {
		t.Error("UInt8")
	}
	if _, ok := o.UInt16("OpType"); ok {
		t.Error("UInt16")
	}
	if _, ok := o.UInt64("IndexNext"); ok {
		t.Error("UInt64")
	}
	if _, ok := o.Hash128("EmailHash"); ok {
		t.Error("Hash128")
	}
	if _, ok := o.Hash160("NameInDB"); ok {
		t.Error("Hash160")
	}
	if _, ok := o.Hash256("TxCheckHash"); ok {
		t.Error("Hash256")
	}
	if _, ok := o.AccountID("Account"); ok {
		t.Error("AccountID")
	}
	if _, ok := o.Amount("Fee"); ok {
		t.Error("Amount")
	}
	if _, ok := o.PathSet("Paths"); ok {
		t.Error("PathSet")
	}
	if _, ok := o.Vector256("Indexes"); ok {
		t.Error("Vector256")
	}
	if _, ok := o.Object("TransactionMetaData"); ok {
		t.Error("Object")
	}
	if _, ok := o.Array("Tables"); ok {
		t.Error("Array")
	}
	if _, ok := o.UInt32("NoSuchField"); ok {
		t.Error("unknown name")
	}
}
