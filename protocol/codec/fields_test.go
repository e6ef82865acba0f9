package codec

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// The deliberate differences between our field table and the published
// client's chainsql-definitions.json. Each is explained in doc.go.
var (
	// pseudoFields are entries of the client's FIELDS that are not fields:
	// rippled's sentinels and the end markers of objects and arrays.
	pseudoFields = map[string]bool{
		"Generic": true, "Invalid": true, "ObjectEndMarker": true, "ArrayEndMarker": true,
		"Transaction": true, "LedgerEntry": true, "Validation": true,
	}
	// serializedHere are ChainSQL's Hash256 fields that the client marks as
	// not serialized (and not signing) but chainsqld serializes.
	serializedHere = map[string]bool{
		"PrevTxnLedgerHash": true, "TxnLedgerHash": true, "TxCheckHash": true, "CreatedLedgerHash": true,
		"CreatedTxnHash": true, "CurTxHash": true, "FutureTxHash": true, "ChainId": true,
	}
	// retyped are fields whose type and nth differ: chainsqld writes
	// metadata's TransactionResult as UInt16 nth 4.
	retyped = map[string]FieldInfo{
		"TransactionResult": {Name: "TransactionResult", Type: TypeUInt16, Nth: 4, Serialized: true, Signing: true},
	}
	// serverFields are the fields chainsqld's SField.cpp adds that the
	// client does not list.
	serverFields = strings.Fields(`
		SchemaStrategy Signed
		ContractCreateCountField ContractCallCountField TxSuccessCountField TxFailureCountField AccountCountField ValidatedSequence
		DropsPerByte GasPrice AnchorLedgerHash SchemaID
		ContractLogs Endpoint Block VoteImp EpochChangeImp SyncInfo ContractDetailMsg LedgerSeqField LedgerTimeField
		OriginalAddress SchemaAdmin SchemaIndexes
		Validator Peer WhiteList Frozen TableEntry
		Validators PeerList Transactions WhiteLists FrozenAccounts Validations`)
	// serverTxTypes and serverLedgerTypes are chainsqld's additions to the
	// client's TRANSACTION_TYPES and LEDGER_ENTRY_TYPES.
	serverTxTypes     = strings.Fields("SchemaCreate SchemaModify FreezeAccount SchemaDelete Authorize EthTx AccountDelete")
	serverLedgerTypes = strings.Fields("Admin TableGrant Statis SchemaIndex Schema Table FrozenAccounts")
	// pseudoTypes are entries of the client's TYPES that no field is
	// serialized as.
	pseudoTypes = map[string]bool{
		"Done": true, "Unknown": true, "NotPresent": true, "Transaction": true, "LedgerEntry": true, "Validation": true,
	}
)

// definitions is the part of chainsql-definitions.json the test reads.
// Its TRANSACTION_RESULTS (rippled's old negative numbers) are not part of
// the codec: protocol/ter owns result codes.
type definitions struct {
	Types       map[string]int       `json:"TYPES"`
	Fields      [][2]json.RawMessage `json:"FIELDS"`
	TxTypes     map[string]int       `json:"TRANSACTION_TYPES"`
	LedgerTypes map[string]int       `json:"LEDGER_ENTRY_TYPES"`
}

type definitionField struct {
	Nth        int    `json:"nth"`
	VLEncoded  bool   `json:"isVLEncoded"`
	Serialized bool   `json:"isSerialized"`
	Signing    bool   `json:"isSigningField"`
	Type       string `json:"type"`
}

func TestFieldTableMatchesDefinitions(t *testing.T) {
	var defs definitions
	if err := json.Unmarshal(readShared(t, "reference/chainsql-definitions.json"), &defs); err != nil {
		t.Fatal(err)
	}

	for name, code := range defs.Types {
		if pseudoTypes[name] {
			continue
		}
		if got := Type(code).String(); got != name {
			t.Errorf("type %d: ours %q, client %q", code, got, name)
		}
	}

	seen := map[string]bool{}
	for _, row := range defs.Fields {
		var name string
		var f definitionField
		if err := json.Unmarshal(row[0], &name); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(row[1], &f); err != nil {
			t.Fatal(err)
		}
		if pseudoFields[name] {
			if _, ok := LookupField(name); ok {
				t.Errorf("pseudo-field %s is in our table", name)
			}
			continue
		}
		if seen[name] {
			continue // the client lists Gas, Fulfillment, Condition and MasterSignature twice
		}
		seen[name] = true
		want := FieldInfo{Name: name, Type: Type(defs.Types[f.Type]), Nth: f.Nth, VLEncoded: f.VLEncoded, Serialized: f.Serialized, Signing: f.Signing}
		switch {
		case serializedHere[name]:
			want.Serialized, want.Signing = true, true
		case retyped[name] != FieldInfo{}:
			want = retyped[name]
		}
		got, ok := LookupField(name)
		if !ok {
			t.Errorf("%s: missing from our table", name)
			continue
		}
		if got != want {
			t.Errorf("%s: ours %+v, client %+v", name, got, want)
		}
	}
	for _, name := range serverFields {
		if seen[name] {
			t.Errorf("%s is listed as server-only but the client has it", name)
		}
		seen[name] = true
	}
	for _, f := range Fields() {
		if !seen[f.Name] {
			t.Errorf("%s is in our table but neither in the client's nor in serverFields", f.Name)
		}
	}

	checkEnum(t, "transaction type", defs.TxTypes, serverTxTypes, TransactionTypeCode, TransactionTypeName, transactionTypes)
	checkEnum(t, "ledger entry type", defs.LedgerTypes, serverLedgerTypes, LedgerEntryTypeCode, LedgerEntryTypeName, ledgerEntryTypes)
}

func checkEnum(t *testing.T, what string, client map[string]int, server []string,
	code func(string) (uint16, bool), name func(uint16) (string, bool), ours []enumEntry) {
	t.Helper()
	known := map[string]bool{}
	for n, c := range client {
		if c < 0 {
			continue // "Invalid"
		}
		known[n] = true
		if got, ok := code(n); !ok || int(got) != c {
			t.Errorf("%s %s: ours %d (%v), client %d", what, n, got, ok, c)
		}
		if got, ok := name(uint16(c)); !ok || got != n {
			t.Errorf("%s %d: ours %q, client %q", what, c, got, n)
		}
	}
	for _, n := range server {
		if known[n] {
			t.Errorf("%s %s listed as server-only but the client has it", what, n)
		}
		known[n] = true
	}
	for _, e := range ours {
		if !known[e.name] {
			t.Errorf("%s %s is ours only and not listed", what, e.name)
		}
	}
}

// TestHeaders checks header bytes against chainsql-protocol.md §4 and the
// blobs of the vectors.
func TestHeaders(t *testing.T) {
	tests := []struct {
		name   string
		header string
	}{
		{"TransactionType", "12"},
		{"Flags", "22"},
		{"Fee", "68"},
		{"Account", "81"},
		{"OpType", "1032"},
		{"ContractOpType", "1033"},
		{"TransactionResult", "14"},
		{"TxnLgrSeq", "2032"},
		{"CreateLgrSeq", "2033"},
		{"NeedVerify", "2034"},
		{"Gas", "2037"},
		{"DropsPerByte", "3A"},
		{"GasPrice", "3018"},
		{"NameInDB", "001132"},
		{"PrevTxnLedgerHash", "5032"},
		{"TxCheckHash", "5034"},
		{"SchemaID", "503B"},
		{"ContractValue", "6013"},
		{"Certificate", "7F"},
		{"TableName", "7033"},
		{"Raw", "7034"},
		{"Statements", "7037"},
		{"ContractData", "7041"},
		{"TxsHashFillField", "7044"},
		{"LedgerSeqField", "704C"},
		{"LedgerTimeField", "704D"},
		{"Owner", "82"},
		{"User", "8032"},
		{"SchemaAdmin", "8035"},
		{"Table", "E032"},
		{"TableEntry", "E038"},
		{"Tables", "F033"},
		{"Validations", "F03A"},
		{"CloseResolution", "0110"},
		{"Method", "0210"},
		{"TickSize", "001010"},
		{"SchemaStrategy", "00101C"},
		{"Signed", "00101D"},
		{"Paths", "0112"},
		{"Indexes", "0113"},
	}
	for _, tc := range tests {
		d, ok := fields.byName[tc.name]
		if !ok {
			t.Errorf("%s: not in the table", tc.name)
			continue
		}
		if got := strings.ToUpper(hex.EncodeToString(d.header[:d.headerLen])); got != tc.header {
			t.Errorf("%s: header %s, want %s", tc.name, got, tc.header)
		}
	}
}

func TestFieldIndexRejectsBadTables(t *testing.T) {
	tests := []struct {
		name  string
		specs []fieldSpec
		want  error
	}{
		{"duplicate name", []fieldSpec{{TypeUInt32, 2, "Flags", 0}, {TypeUInt32, 3, "Flags", 0}}, errDuplicateName},
		{"duplicate code", []fieldSpec{{TypeUInt32, 2, "Flags", 0}, {TypeUInt32, 2, "Flags2", 0}}, errDuplicateCode},
		{"zero nth", []fieldSpec{{TypeUInt32, 0, "Zero", 0}}, errBadNth},
		{"object end marker", []fieldSpec{{TypeSTObject, 1, "End", 0}}, errBadNth},
		{"unknown type", []fieldSpec{{Type(12), 1, "Twelve", 0}}, errBadType},
	}
	for _, tc := range tests {
		if _, err := buildFieldIndex(tc.specs); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestFieldsOrder(t *testing.T) {
	all := Fields()
	if len(all) != len(fieldSpecs) {
		t.Fatalf("Fields() has %d entries, want %d", len(all), len(fieldSpecs))
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.Serialized && b.Serialized && (a.Type > b.Type || a.Type == b.Type && a.Nth >= b.Nth) {
			t.Errorf("%s before %s", a.Name, b.Name)
		}
	}
	if last := all[len(all)-1]; last.Serialized {
		t.Errorf("last field %s is serialized; JSON-only fields should come last", last.Name)
	}
}
