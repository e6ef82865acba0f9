package codec

import (
	"errors"
	"testing"
)

func TestEnumLookups(t *testing.T) {
	if c, ok := TransactionTypeCode("SQLTransaction"); !ok || c != 23 {
		t.Errorf("SQLTransaction = %d, %v", c, ok)
	}
	if n, ok := TransactionTypeName(24); !ok || n != "Contract" {
		t.Errorf("24 = %q, %v", n, ok)
	}
	if _, ok := TransactionTypeName(30); ok {
		t.Error("30 has a name")
	}
	if c, ok := LedgerEntryTypeCode("TableGrant"); !ok || c != 'G' {
		t.Errorf("TableGrant = %d, %v", c, ok)
	}
	if n, ok := LedgerEntryTypeName('a'); !ok || n != "AccountRoot" {
		t.Errorf("'a' = %q, %v", n, ok)
	}
	if _, ok := LookupField("Nope"); ok {
		t.Error("LookupField(Nope) succeeded")
	}
	if f, ok := LookupField("TxnSignature"); !ok || f.Signing || !f.VLEncoded || !f.Serialized {
		t.Errorf("TxnSignature = %+v", f)
	}
	if got := Type(12).String(); got != "Type(12)" {
		t.Errorf("Type(12) = %s", got)
	}
}

func TestBuildEnumRejectsDuplicates(t *testing.T) {
	for _, entries := range [][]enumEntry{
		{{1, "A"}, {1, "B"}},
		{{1, "A"}, {2, "A"}},
	} {
		if _, err := buildEnum(entries); !errors.Is(err, errDuplicateEnum) {
			t.Errorf("buildEnum(%v): %v", entries, err)
		}
	}
}
