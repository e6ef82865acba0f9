package codec

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

// nest wraps inner in k TransactionMetaData object fields (header E2).
func nest(k int, inner string) string {
	return strings.Repeat("E2", k) + inner + strings.Repeat("E1", k)
}

// nestArrays wraps inner in k AffectedNodes arrays (F8) of one
// CreatedNode element (E3) each.
func nestArrays(k int, inner string) string {
	return strings.Repeat("F8E3", k) + inner + strings.Repeat("E1F1", k)
}

func TestDecodeErrors(t *testing.T) {
	acct := strings.Repeat("11", 20)
	tests := []struct {
		name   string
		hex    string
		want   error
		path   string
		offset int
	}{
		{"truncated header", "00", ErrTruncated, "", 0},
		{"truncated long header", "0010", ErrTruncated, "", 0},
		{"truncated UInt32", "24000000", ErrTruncated, "Sequence", 0},
		{"truncated hash", "5034" + strings.Repeat("00", 31), ErrTruncated, "TxCheckHash", 0},
		{"unknown field", "2F00000000", ErrUnknownField, "", 0},
		{"unknown type", "C100", ErrUnknownField, "", 0},
		{"type beyond the table", "00141000", ErrUnknownField, "", 0},
		{"out of order", "24000000012200000000", ErrNonCanonical, "Flags", 5},
		{"repeated", "24000000012400000002", ErrNonCanonical, "Sequence", 5},
		{"type in long form", "02010000", ErrNonCanonical, "", 0},
		{"nth in long form", "10020000", ErrNonCanonical, "", 0},
		{"end of object at top level", "E1", ErrBadValue, "", 0},
		{"end of array in object", "F1", ErrBadValue, "", 0},
		{"object without end", "E03270330141", ErrTruncated, "Table", 6},
		{"array without end", "F033E032E1", ErrTruncated, "Tables", 5},
		{"array element not an object", "F0332400000001F1", ErrBadValue, "Tables[0]", 2},
		{"end of object in array", "F033E1", ErrBadValue, "Tables[0]", 2},
		{"unknown array element", "F033E03FE1F1", ErrUnknownField, "Tables[0]", 2},
		{"nested value truncated", "F033E0327033054142", ErrTruncated, "Tables[0].Table.TableName", 4},
		{"short account", "8113" + acct[:38], ErrBadValue, "Account", 0},
		{"long account", "8115" + acct + "11", ErrBadValue, "Account", 0},
		{"VL past the end", "7034054142", ErrTruncated, "Raw", 0},
		{"VL prefix 0xFF", "7034FF", ErrBadValue, "Raw", 0},
		{"VL above the limit", "7034FED418", ErrTooLarge, "Raw", 0},
		{"vector not of hashes", "01131F" + strings.Repeat("00", 31), ErrBadValue, "Indexes", 0},
		{"STEntry", "9100", ErrBadValue, "Entry", 0},
		{"negative native zero", "680000000000000000", ErrNonCanonical, "Fee", 0},
		{"native above 10^17", "68416345785D8A0001", ErrBadValue, "Fee", 0},
		{"empty path set", "011200", ErrBadValue, "Paths", 0},
		{"empty path", "011201" + acct + "FF00", ErrBadValue, "Paths", 0},
		{"bad path step type", "01120200", ErrBadValue, "Paths", 0},
		{"truncated path step", "011231" + acct, ErrTruncated, "Paths", 0},
		{"path set without end", "011201" + acct, ErrTruncated, "Paths", 0},
		{"objects too deep", nest(10, "2400000001"), ErrTooLarge, strings.Repeat("TransactionMetaData.", 10) + "Sequence", 10},
		{"arrays too deep", nestArrays(5, "2400000001"), ErrTooLarge, strings.Repeat("AffectedNodes[0].CreatedNode.", 5) + "Sequence", 10},
	}
	for _, tc := range tests {
		b, err := hex.DecodeString(tc.hex)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		_, err = Decode(b)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) {
			t.Errorf("%s: %T is not a *FieldError", tc.name, err)
			continue
		}
		if fe.Path != tc.path || fe.Offset != tc.offset {
			t.Errorf("%s: at %q offset %d, want %q offset %d (%v)", tc.name, fe.Path, fe.Offset, tc.path, tc.offset, err)
		}
	}
}

func TestDecodeDepthLimit(t *testing.T) {
	for _, in := range []string{nest(9, "2400000001"), nestArrays(4, "E22400000001E1")} {
		b, _ := hex.DecodeString(in)
		o, err := Decode(b)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if got := strings.ToUpper(hex.EncodeToString(o.Encode())); got != in {
			t.Errorf("re-encoded %s, want %s", got, in)
		}
	}
}

func TestDecodeEmpty(t *testing.T) {
	o, err := Decode(nil)
	if err != nil || o.Len() != 0 || len(o.Encode()) != 0 {
		t.Errorf("Decode(nil) = %v, %v", o, err)
	}
}

// TestDecodeCopiesInput checks that the object does not alias its input.
func TestDecodeCopiesInput(t *testing.T) {
	b, _ := hex.DecodeString("703403414243")
	o, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	b[3] = 'Z'
	if raw, _ := o.Blob("Raw"); string(raw) != "ABC" {
		t.Errorf("Raw = %q after the input changed", raw)
	}
}

func TestFieldErrorText(t *testing.T) {
	b, _ := hex.DecodeString("F033E0327033054142")
	_, err := Decode(b)
	want := "codec: truncated input: field Tables[0].Table.TableName at offset 4: 5-byte value"
	if err == nil || err.Error() != want {
		t.Errorf("error text %q, want %q", err, want)
	}
}
