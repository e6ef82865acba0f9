package ledger

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
)

// TestMetaFieldOrder checks that the fields the metadata writer appends
// within each object, in the order of its code, are in canonical order
// (type code, then nth) by the codec's table.
func TestMetaFieldOrder(t *testing.T) {
	for _, obj := range []struct {
		name   string
		fields []string
	}{
		{"metadata", []string{"TransactionResult", "TransactionIndex", "DeliveredAmount", "ContractLogs", "ContractDetailMsg", "AffectedNodes"}},
		{"account ModifiedNode", []string{"LedgerEntryType", "PreviousTxnLgrSeq", "PreviousTxnID", "LedgerIndex", "PreviousFields", "FinalFields"}},
		{"account CreatedNode", []string{"LedgerEntryType", "LedgerIndex", "NewFields"}},
		{"account PreviousFields", []string{"Flags", "Sequence", "TransferRate", "OwnerCount", "Balance", "TransferFeeMin", "TransferFeeMax"}},
		{"account FinalFields", []string{"Flags", "Sequence", "TransferRate", "OwnerCount", "Balance", "Domain", "TransferFeeMin", "TransferFeeMax", "Account"}},
		{"account NewFields", []string{"Sequence", "Balance", "ContractCode", "Account"}},
		{"table node", []string{"LedgerEntryType", "LedgerIndex", "FinalFields"}},
		{"escrow node", []string{"LedgerEntryType", "LedgerIndex", "NewFields"}},
		{"escrow NewFields", []string{"SourceTag", "DestinationTag", "CancelAfter", "FinishAfter", "Amount", "Account", "Destination"}},
		{"escrow FinalFields", []string{"Flags", "SourceTag", "PreviousTxnLgrSeq", "DestinationTag", "CancelAfter", "FinishAfter", "OwnerNode", "PreviousTxnID", "Amount", "Account", "Destination"}},
		{"table fields", []string{"CreateLgrSeq", "TxCheckHash", "CreatedTxnHash", "TableName", "Owner", "NameInDB"}},
	} {
		prev := -1
		for _, name := range obj.fields {
			f, ok := codec.LookupField(name)
			if !ok {
				t.Fatalf("%s: no field %s", obj.name, name)
			}
			code := int(f.Type)<<16 | f.Nth
			if code <= prev {
				t.Errorf("%s: %s (type %d, nth %d) is out of canonical order", obj.name, name, f.Type, f.Nth)
			}
			prev = code
		}
	}
}

// TestMetaEncodeMatchesCodec compares the metadata writer with the
// codec.Object encoder it replaced, over random metadata that reaches
// every optional field, every kind of node, and one-, two- and
// three-byte VL lengths.
func TestMetaEncodeMatchesCodec(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 7))
	for i := range 3000 {
		m := randomMeta(rng)
		want := oracleEncode(&m)
		got := m.Encode()
		if !bytes.Equal(got, want) {
			t.Fatalf("case %d: %+v\nencoded %X\ncodec   %X", i, m, got, want)
		}
		if _, err := DecodeMeta(got); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
	}
}

func randomMeta(rng *rand.Rand) Meta {
	m := Meta{
		Index:          rng.Uint32(),
		Result:         ter.Code(rng.IntN(700) - 400),
		DeliveredDrops: -1,
	}
	if rng.IntN(2) == 0 {
		m.DeliveredDrops = rng.Int64N(maxDrops + 1)
	}
	if rng.IntN(4) == 0 {
		m.Detail = string(randomBytes(rng))
	}
	for range rng.IntN(3) {
		l := ContractLog{Address: randomID(rng), Data: randomBytes(rng)}
		for range rng.IntN(5) {
			l.Topics = append(l.Topics, randomHash(rng))
		}
		m.Logs = append(m.Logs, l)
	}
	for range rng.IntN(6) {
		n := NodeChange{After: randomAccount(rng)}
		if rng.IntN(3) > 0 {
			before := randomAccount(rng)
			before.Account = n.After.Account
			// Fields left alike leave PreviousFields short or absent.
			if rng.IntN(2) == 0 {
				before.Balance = n.After.Balance
			}
			if rng.IntN(2) == 0 {
				before.Sequence = n.After.Sequence
			}
			if rng.IntN(2) == 0 {
				before.Flags = n.After.Flags
			}
			if rng.IntN(2) == 0 {
				before.OwnerCount = n.After.OwnerCount
			}
			n.Before = before
		}
		m.Nodes = append(m.Nodes, n)
	}
	for range rng.IntN(4) {
		tc := TableChange{Key: randomHash(rng), Before: randomTable(rng), After: randomTable(rng)}
		switch rng.IntN(3) {
		case 0:
			tc.Before = nil
		case 1:
			tc.After = nil
		}
		m.Tables = append(m.Tables, tc)
	}
	return m
}

func randomAccount(rng *rand.Rand) *AccountRoot {
	a := &AccountRoot{
		Account:    randomID(rng),
		Balance:    rng.Uint64N(maxDrops + 1),
		Sequence:   rng.Uint32(),
		OwnerCount: rng.Uint32N(300),
		Flags:      rng.Uint32(),
	}
	if rng.IntN(2) == 0 {
		a.Domain = randomBytes(rng)
	}
	if rng.IntN(4) == 0 {
		a.Code = randomBytes(rng)
	}
	if rng.IntN(3) == 0 {
		a.TransferRate = 1_000_000_001 + rng.Uint32N(1_000_000_000)
	}
	if rng.IntN(3) == 0 {
		a.TransferFeeMin, a.TransferFeeMax = randomBytes(rng), randomBytes(rng)
	}
	if rng.IntN(4) > 0 {
		a.PreviousTxnID, a.PreviousTxnLgrSeq = randomHash(rng), rng.Uint32()
	}
	return a
}

func randomTable(rng *rand.Rand) *Table {
	name := make([]byte, rng.IntN(MaxTableNameBytes+1))
	for i := range name {
		name[i] = byte(rng.IntN(256))
	}
	t := &Table{Owner: randomID(rng), Name: name, CheckHash: randomHash(rng), CreatedSeq: rng.Uint32(), CreatedTx: randomHash(rng)}
	copy(t.NameInDB[:], randomBytes(rng))
	return t
}

// randomBytes returns a value whose VL length takes one, two or three
// bytes, an empty one now and then.
func randomBytes(rng *rand.Rand) []byte {
	var n int
	switch rng.IntN(10) {
	case 0:
		n = 0
	case 1:
		n = 193 + rng.IntN(12480-193+1)
	case 2:
		n = 12481 + rng.IntN(4000)
	default:
		n = 1 + rng.IntN(192)
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

func randomID(rng *rand.Rand) [20]byte {
	var id [20]byte
	for i := range id {
		id[i] = byte(rng.Uint32())
	}
	return id
}

func randomHash(rng *rand.Rand) hash.Hash256 {
	var h hash.Hash256
	for i := range h {
		h[i] = byte(rng.Uint32())
	}
	return h
}
