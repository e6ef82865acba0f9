package tx

import "fmt"

// Type is a transaction type code (the TransactionType field).
type Type uint16

// The transaction types sqledger knows, with rippled's and ChainSQL's
// codes (TxFormats.h).
const (
	Payment        Type = 0
	EscrowCreate   Type = 1
	EscrowFinish   Type = 2
	AccountSet     Type = 3
	EscrowCancel   Type = 4
	TrustSet       Type = 20
	TableListSet   Type = 21
	SQLStatement   Type = 22
	SQLTransaction Type = 23
	Contract       Type = 24
)

var typeNames = map[Type]string{
	Payment:        "Payment",
	EscrowCreate:   "EscrowCreate",
	EscrowFinish:   "EscrowFinish",
	AccountSet:     "AccountSet",
	EscrowCancel:   "EscrowCancel",
	TrustSet:       "TrustSet",
	TableListSet:   "TableListSet",
	SQLStatement:   "SQLStatement",
	SQLTransaction: "SQLTransaction",
	Contract:       "Contract",
}

// String returns the type's name, as it appears in JSON.
func (t Type) String() string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return fmt.Sprintf("TransactionType(%d)", uint16(t))
}

// IsTable reports whether t is one of ChainSQL's table transaction types,
// which pay the per-byte fee and yield db_* notifications.
func (t Type) IsTable() bool {
	return t == TableListSet || t == SQLStatement || t == SQLTransaction
}
