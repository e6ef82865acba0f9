package codec

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestSpecExamplesRoundTrip(t *testing.T) {
	files, err := filepath.Glob("testdata/spec/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 13 {
		t.Fatalf("found %d examples, want 13", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			in, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			o, dropped, err := FromJSONReport(in)
			if err != nil {
				t.Fatal(err)
			}
			if len(dropped) != 0 {
				t.Errorf("dropped %v", dropped)
			}
			back, err := Decode(o.Encode())
			if err != nil {
				t.Fatal(err)
			}
			out, err := back.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if !jsonEqual(t, out, in) {
				t.Errorf("round trip changed the JSON\n got %s\nwant %s", out, in)
			}
			viaMap, err := json.Marshal(back.Map())
			if err != nil {
				t.Fatal(err)
			}
			if string(viaMap) != string(out) {
				t.Errorf("json.Marshal(Map()) and MarshalJSON differ\n%s\n%s", viaMap, out)
			}
		})
	}
}

func TestFromJSONDropsUnknown(t *testing.T) {
	in := `{
		"TransactionType": "SQLStatement",
		"Account": "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh",
		"StrictMode": true,
		"hash": "8D1CC127661FD004B6700AB60CEC8C0EB0A733CF894A074C635914FAE49C928F",
		"Tables": [
			{"Table": {"TableName": "4F7264657273", "Extra": 1}},
			{"Frobnicate": {"TableName": "00"}}
		],
		"OpType": 6
	}`
	o, dropped, err := FromJSONReport([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"StrictMode", "Tables[0].Table.Extra", "Tables[1].Frobnicate"}
	if !reflect.DeepEqual(dropped, want) {
		t.Errorf("dropped %q, want %q", dropped, want)
	}
	out, _ := o.MarshalJSON()
	wantJSON := `{"Account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","OpType":6,"Tables":[{"Table":{"TableName":"4F7264657273"}}],"TransactionType":"SQLStatement"}`
	if string(out) != wantJSON {
		t.Errorf("got %s\nwant %s", out, wantJSON)
	}
	plain, err := FromJSON([]byte(in))
	if err != nil || string(plain.Encode()) != string(o.Encode()) {
		t.Errorf("FromJSON differs from FromJSONReport: %v", err)
	}
}

// TestFromJSONLenientNumbers checks the forms rippled accepts besides the
// canonical ones.
func TestFromJSONLenientNumbers(t *testing.T) {
	lenient := `{"TransactionType":"22","Sequence":"5","Flags":"2147483648","Fee":12,"OpType":"6",
		"IndexNext":"1f","NameInDB":"43acd1ff143986210a44ab8b609371b392f45a86","Raw":"abc",
		"Account":"B5F762798A53D543A014CAF8B297CFF8F2F937E8"}`
	canonical := `{"TransactionType":"SQLStatement","Sequence":5,"Flags":2147483648,"Fee":"12","OpType":6,
		"IndexNext":"000000000000001F","NameInDB":"43ACD1FF143986210A44AB8B609371B392F45A86","Raw":"0ABC",
		"Account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"}`
	a, err := FromJSON([]byte(lenient))
	if err != nil {
		t.Fatal(err)
	}
	b, err := FromJSON([]byte(canonical))
	if err != nil {
		t.Fatal(err)
	}
	if ea, eb := a.Encode(), b.Encode(); string(ea) != string(eb) {
		t.Errorf("lenient %X\ncanonical %X", ea, eb)
	}
	out, _ := a.MarshalJSON()
	if !jsonEqual(t, out, []byte(canonical)) {
		t.Errorf("got %s, want %s", out, canonical)
	}
	m := map[string]any{"Sequence": float64(7), "Flags": uint32(1), "SourceTag": 9}
	o, err := FromMap(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.ToUpper(hex.EncodeToString(o.Encode())); got != "2200000001230000000924"+"00000007" {
		t.Errorf("FromMap with Go numbers: %s", got)
	}
}

func TestFromJSONErrors(t *testing.T) {
	tests := []struct {
		name string
		json string
		want error
		path string
	}{
		{"bool for UInt32", `{"Sequence":true}`, ErrBadValue, "Sequence"},
		{"negative", `{"Sequence":-1}`, ErrBadValue, "Sequence"},
		{"fraction", `{"Sequence":1.5}`, ErrBadValue, "Sequence"},
		{"UInt32 overflow", `{"Sequence":4294967296}`, ErrBadValue, "Sequence"},
		{"UInt32 string overflow", `{"Sequence":"4294967296"}`, ErrBadValue, "Sequence"},
		{"UInt16 overflow", `{"OpType":65536}`, ErrBadValue, "OpType"},
		{"UInt8 overflow", `{"TickSize":256}`, ErrBadValue, "TickSize"},
		{"null", `{"Sequence":null}`, ErrBadValue, "Sequence"},
		{"unknown transaction type", `{"TransactionType":"Nope"}`, ErrBadValue, "TransactionType"},
		{"unknown ledger entry type", `{"LedgerEntryType":"Nope"}`, ErrBadValue, "LedgerEntryType"},
		{"result name without names", `{"TransactionResult":"tesSUCCESS"}`, ErrBadValue, "TransactionResult"},
		{"UInt16 text", `{"OpType":"insert"}`, ErrBadValue, "OpType"},
		{"UInt64 too long", `{"IndexNext":"12345678901234567"}`, ErrBadValue, "IndexNext"},
		{"UInt64 not hex", `{"IndexNext":"XYZ"}`, ErrBadValue, "IndexNext"},
		{"UInt64 empty", `{"IndexNext":""}`, ErrBadValue, "IndexNext"},
		{"bad account", `{"Account":"zNotAnAddress"}`, ErrBadValue, "Account"},
		{"account as number", `{"Account":5}`, ErrBadValue, "Account"},
		{"bad hex blob", `{"Raw":"XY"}`, ErrBadValue, "Raw"},
		{"blob as array", `{"Raw":[1]}`, ErrBadValue, "Raw"},
		{"short hash", `{"TxCheckHash":"00"}`, ErrBadValue, "TxCheckHash"},
		{"nested hash", `{"Tables":[{"Table":{"NameInDB":"00"}}]}`, ErrBadValue, "Tables[0].Table.NameInDB"},
		{"array as object", `{"Tables":{}}`, ErrBadValue, "Tables"},
		{"two-member element", `{"Tables":[{"Table":{},"Rule":{}}]}`, ErrBadValue, "Tables[0]"},
		{"scalar element", `{"Tables":[5]}`, ErrBadValue, "Tables[0]"},
		{"non-object element field", `{"Tables":[{"Account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"}]}`, ErrBadValue, "Tables[0].Account"},
		{"element not an object", `{"Tables":[{"Table":5}]}`, ErrBadValue, "Tables[0].Table"},
		{"object as string", `{"TransactionMetaData":"x"}`, ErrBadValue, "TransactionMetaData"},
		{"fractional drops", `{"Fee":"1.5"}`, ErrBadValue, "Fee"},
		{"drops beyond 10^17", `{"Fee":"100000000000000001"}`, ErrBadValue, "Fee"},
		{"issued without issuer", `{"Amount":{"currency":"USD","value":"1"}}`, ErrBadValue, "Amount.issuer"},
		{"bad vector entry", `{"Indexes":["00"]}`, ErrBadValue, "Indexes[0]"},
		{"vector as string", `{"Indexes":"00"}`, ErrBadValue, "Indexes"},
		{"empty path set", `{"Paths":[]}`, ErrBadValue, "Paths"},
		{"empty path", `{"Paths":[[]]}`, ErrBadValue, "Paths"},
		{"path step not an object", `{"Paths":[[5]]}`, ErrBadValue, "Paths[0][0]"},
		{"bad path currency", `{"Paths":[[{"currency":"TOOLONG"}]]}`, ErrBadValue, "Paths[0][0].currency"},
		{"STEntry", `{"Entry":{}}`, ErrBadValue, "Entry"},
		{"too deep", `{"TransactionMetaData":` + strings.Repeat(`{"TransactionMetaData":`, 9) + `{"Sequence":1}` + strings.Repeat("}", 10), ErrTooLarge,
			strings.Repeat("TransactionMetaData.", 10) + "Sequence"},
	}
	for _, tc := range tests {
		_, err := FromJSON([]byte(tc.json))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Path != tc.path || fe.Offset != -1 {
			t.Errorf("%s: error %v at %q, want %q", tc.name, err, fe.Path, tc.path)
		}
	}
}

func TestFromJSONSyntax(t *testing.T) {
	for _, in := range []string{``, `[]`, `null`, `{"Sequence":1} {}`, `{"Sequence":`, `"x"`} {
		if _, err := FromJSON([]byte(in)); !errors.Is(err, ErrBadValue) {
			t.Errorf("FromJSON(%q): %v, want ErrBadValue", in, err)
		}
	}
}

// TestJSONAllTypes round-trips one value of every type through JSON and
// binary and checks rippled's text forms.
func TestJSONAllTypes(t *testing.T) {
	in := `{"Amount":{"currency":"USD","issuer":"zzzzzzzzzzzzzzzzzzzzBZbvji","value":"-0.25"},` +
		`"CloseResolution":10,` +
		`"EmailHash":"000102030405060708090A0B0C0D0E0F",` +
		`"Fee":"-7",` +
		`"IndexNext":"FFFFFFFFFFFFFFFF",` +
		`"Indexes":["0000000000000000000000000000000000000000000000000000000000000001","FF00000000000000000000000000000000000000000000000000000000000000"],` +
		`"LedgerEntryType":"Table",` +
		`"Memos":[{"Memo":{"MemoData":"","MemoType":"74657874"}},{"Memo":{"MemoFormat":"00"}}],` +
		`"Paths":[[{"account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","type":1,"type_hex":"0000000000000001"},` +
		`{"currency":"ZXC","type":16,"type_hex":"0000000000000010"}],` +
		`[{"currency":"USD","issuer":"zzzzzzzzzzzzzzzzzzzzBZbvji","type":48,"type_hex":"0000000000000030"}]],` +
		`"TakerPaysCurrency":"0000000000000000000000005553440000000000",` +
		`"TransactionMetaData":{"TransactionIndex":3,"TransactionResult":330}}`
	o, err := FromJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(o.Encode())
	if err != nil {
		t.Fatal(err)
	}
	out, _ := back.MarshalJSON()
	if string(out) != in {
		t.Errorf("MarshalJSON\n got %s\nwant %s", out, in)
	}
	viaMap, _ := json.Marshal(back.Map())
	if string(viaMap) != in {
		t.Errorf("json.Marshal(Map())\n got %s\nwant %s", viaMap, in)
	}
	again, err := FromMap(back.Map())
	if err != nil || string(again.Encode()) != string(o.Encode()) {
		t.Errorf("FromMap(Map()) differs: %v", err)
	}
	ps, ok := back.PathSet("Paths")
	if !ok || len(ps) != 2 || len(ps[0]) != 2 || ps[0][1].Type != PathCurrency || !ps[0][1].Currency.IsNative() {
		t.Errorf("PathSet = %+v", ps)
	}
	v, ok := back.Vector256("Indexes")
	if !ok || len(v) != 2 || v[0][31] != 1 || v[1][0] != 0xFF {
		t.Errorf("Vector256 = %x", v)
	}
	if n, _ := back.UInt64("IndexNext"); n != 1<<64-1 {
		t.Errorf("IndexNext = %x", n)
	}
	if h, _ := back.Hash128("EmailHash"); h[15] != 15 {
		t.Errorf("EmailHash = %x", h)
	}
	if n, _ := back.UInt8("CloseResolution"); n != 10 {
		t.Errorf("CloseResolution = %d", n)
	}
	if meta, ok := back.Object("TransactionMetaData"); !ok || meta.Len() != 2 {
		t.Errorf("TransactionMetaData = %v", meta)
	}
}

func TestResultNames(t *testing.T) {
	defer SetResultNames(nil, nil)
	names := map[uint16]string{0: "tesSUCCESS", 330: "tefTABLE_NOTEXIST"}
	SetResultNames(
		func(c uint16) (string, bool) { n, ok := names[c]; return n, ok },
		func(s string) (uint16, bool) {
			for c, n := range names {
				if n == s {
					return c, true
				}
			}
			return 0, false
		})
	o, err := FromJSON([]byte(`{"TransactionResult":"tefTABLE_NOTEXIST","TransactionIndex":1}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.ToUpper(hex.EncodeToString(o.Encode())); got != "14014A201C00000001" {
		t.Errorf("encoded %s, want 14014A201C00000001", got)
	}
	if code, _ := o.UInt16("TransactionResult"); code != 330 {
		t.Errorf("TransactionResult = %d, want 330", code)
	}
	out, _ := o.MarshalJSON()
	if want := `{"TransactionIndex":1,"TransactionResult":"tefTABLE_NOTEXIST"}`; string(out) != want {
		t.Errorf("got %s, want %s", out, want)
	}
	if err := o.Set("TransactionResult", 7); err != nil {
		t.Fatal(err)
	}
	if m := o.Map(); m["TransactionResult"] != uint32(7) {
		t.Errorf("unnamed result: %v", m["TransactionResult"])
	}
	if _, err := FromJSON([]byte(`{"TransactionResult":"tecNOPE"}`)); !errors.Is(err, ErrBadValue) {
		t.Errorf("unknown token: %v", err)
	}
	SetResultNames(nil, nil)
	out, _ = o.MarshalJSON()
	if want := `{"TransactionIndex":1,"TransactionResult":7}`; string(out) != want {
		t.Errorf("without names: got %s, want %s", out, want)
	}
}

func TestAppendJSONString(t *testing.T) {
	tests := map[string]string{
		"abc":      `"abc"`,
		`a"b\c`:    `"a\"b\\c"`,
		"\x01\n":   `"\u0001\u000A"`,
		"é":        `"é"`,
		"\xff":     `"\ufffd"`,
		"<&>":      `"<&>"`,
		"tesSUCCE": `"tesSUCCE"`,
	}
	for in, want := range tests {
		got := string(appendJSONString(nil, in))
		if got != want {
			t.Errorf("appendJSONString(%q) = %s, want %s", in, got, want)
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Errorf("%s is not valid JSON: %v", got, err)
		}
	}
}
