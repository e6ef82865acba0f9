package tx

import (
	"fmt"
	"sort"

	"github.com/sqledger/sqledger/protocol/codec"
)

// Requirement says whether a field must, may or must not appear.
type Requirement uint8

// Field requirements of a transaction format (rippled's SOEStyle).
const (
	Optional Requirement = iota + 1
	Required
)

// Format is the set of fields a transaction type may carry.
type Format struct {
	Type   Type
	Fields map[string]Requirement
	// required are the names of the Required fields, sorted.
	required []string
}

// commonFields are carried by every transaction type (rippled's common
// fields plus ChainSQL's Certificate).
var commonFields = map[string]Requirement{
	"TransactionType":    Required,
	"Flags":              Optional,
	"SourceTag":          Optional,
	"Account":            Required,
	"Sequence":           Required,
	"PreviousTxnID":      Optional,
	"LastLedgerSequence": Optional,
	"AccountTxnID":       Optional,
	"Fee":                Required,
	"OperationLimit":     Optional,
	"Memos":              Optional,
	"SigningPubKey":      Required,
	"TxnSignature":       Optional,
	"Signers":            Optional,
	"Certificate":        Optional,
}

// crossChainFields are the cross-chain report fields ChainSQL allows on
// its table transactions.
var crossChainFields = map[string]Requirement{
	"OriginalAddress": Optional,
	"TxnLgrSeq":       Optional,
	"CurTxHash":       Optional,
	"FutureTxHash":    Optional,
}

var formats = buildFormats(map[Type][]map[string]Requirement{
	Payment: {{
		"Destination":    Required,
		"Amount":         Required,
		"SendMax":        Optional,
		"Paths":          Optional,
		"InvoiceID":      Optional,
		"DestinationTag": Optional,
		"DeliverMin":     Optional,
	}},
	EscrowCreate: {{
		"Destination":    Required,
		"Amount":         Required,
		"Condition":      Optional,
		"CancelAfter":    Optional,
		"FinishAfter":    Optional,
		"DestinationTag": Optional,
	}},
	EscrowFinish: {{
		"Owner":         Required,
		"OfferSequence": Required,
		"Fulfillment":   Optional,
		"Condition":     Optional,
	}},
	EscrowCancel: {{
		"Owner":         Required,
		"OfferSequence": Required,
	}},
	AccountSet: {{
		"EmailHash":      Optional,
		"WalletLocator":  Optional,
		"WalletSize":     Optional,
		"MessageKey":     Optional,
		"Domain":         Optional,
		"TransferRate":   Optional,
		"SetFlag":        Optional,
		"ClearFlag":      Optional,
		"TickSize":       Optional,
		"TransferFeeMin": Optional,
		"TransferFeeMax": Optional,
	}},
	TrustSet: {{
		"LimitAmount": Required,
		"QualityIn":   Optional,
		"QualityOut":  Optional,
	}},
	TableListSet: {{
		"Tables":        Required,
		"User":          Optional,
		"Raw":           Optional,
		"Token":         Optional,
		"OpType":        Required,
		"TxCheckHash":   Optional,
		"OperationRule": Optional,
	}, crossChainFields},
	SQLStatement: {{
		"Owner":            Required,
		"Tables":           Required,
		"Raw":              Required,
		"OpType":           Required,
		"TxCheckHash":      Optional,
		"AutoFillField":    Optional,
		"TxsHashFillField": Optional,
		"LedgerSeqField":   Optional,
		"LedgerTimeField":  Optional,
	}, crossChainFields},
	SQLTransaction: {{
		"Statements": Required,
		"NeedVerify": Required,
	}, crossChainFields},
	Contract: {{
		"ContractOpType":  Required,
		"ContractData":    Required,
		"Gas":             Required,
		"ContractAddress": Optional,
		"ContractValue":   Optional,
	}},
})

func buildFormats(specific map[Type][]map[string]Requirement) map[Type]*Format {
	out := make(map[Type]*Format, len(specific))
	for typ, parts := range specific {
		f := &Format{Type: typ, Fields: make(map[string]Requirement)}
		for _, part := range append([]map[string]Requirement{commonFields}, parts...) {
			for name, req := range part {
				if _, dup := f.Fields[name]; dup {
					panic("tx: field " + name + " listed twice in the format of " + typ.String())
				}
				f.Fields[name] = req
				if req == Required {
					f.required = append(f.required, name)
				}
			}
		}
		sort.Strings(f.required)
		out[typ] = f
	}
	return out
}

// FormatOf returns the format of a transaction type.
func FormatOf(t Type) (*Format, bool) {
	f, ok := formats[t]
	return f, ok
}

// check verifies that o holds every required field of the format and
// nothing outside it. An Object holds each field at most once, so
// counting the required ones among its fields is enough; only a missing
// one is looked for by name, in sorted order, so that the error names the
// first.
func (f *Format) check(o *codec.Object) error {
	required := 0
	for i := range o.Len() {
		name := o.FieldName(i)
		req, ok := f.Fields[name]
		if !ok {
			return fmt.Errorf("%w: field %s is not allowed in %s", ErrFormat, name, f.Type)
		}
		if req == Required {
			required++
		}
	}
	if required == len(f.required) {
		return nil
	}
	for _, name := range f.required {
		if !o.Has(name) {
			return fmt.Errorf("%w: %s lacks required field %s", ErrFormat, f.Type, name)
		}
	}
	return nil
}
