package codec

import (
	"errors"
	"fmt"
)

// enumEntry names one value of a UInt16 field whose JSON form is a name.
type enumEntry struct {
	code uint16
	name string
}

// transactionTypes are the TRANSACTION_TYPES of chainsql-definitions.json
// plus the types ChainSQL added on the server (chainsqld TxFormats.h).
var transactionTypes = []enumEntry{
	{0, "Payment"},
	{1, "EscrowCreate"},
	{2, "EscrowFinish"},
	{3, "AccountSet"},
	{4, "EscrowCancel"},
	{5, "SetRegularKey"},
	{6, "NickNameSet"},
	{7, "OfferCreate"},
	{8, "OfferCancel"},
	{9, "no_longer_used"},
	{10, "TicketCreate"},
	{11, "TicketCancel"},
	{12, "SignerListSet"},
	{13, "PaymentChannelCreate"},
	{14, "PaymentChannelFund"},
	{15, "PaymentChannelClaim"},
	{20, "TrustSet"},
	{21, "TableListSet"},
	{22, "SQLStatement"},
	{23, "SQLTransaction"},
	{24, "Contract"},
	{25, "SchemaCreate"},
	{26, "SchemaModify"},
	{27, "FreezeAccount"},
	{28, "SchemaDelete"},
	{29, "Authorize"},
	{31, "EthTx"},
	{51, "AccountDelete"},
	{100, "EnableAmendment"},
	{101, "SetFee"},
}

// ledgerEntryTypes are the LEDGER_ENTRY_TYPES of chainsql-definitions.json
// plus the entries ChainSQL added on the server (chainsqld LedgerFormats.h).
// The codes are ASCII letters, as in rippled.
var ledgerEntryTypes = []enumEntry{
	{'A', "Admin"},
	{'G', "TableGrant"},
	{'I', "Statis"},
	{'S', "SignerList"},
	{'T', "Ticket"},
	{'a', "AccountRoot"},
	{'b', "ChainId"},
	{'c', "Contract"},
	{'d', "DirectoryNode"},
	{'f', "Amendments"},
	{'g', "GeneratorMap"},
	{'h', "LedgerHashes"},
	{'i', "InsertLimt"},
	{'k', "SchemaIndex"},
	{'l', "TableList"},
	{'m', "Schema"},
	{'o', "Offer"},
	{'r', "RippleState"},
	{'s', "FeeSettings"},
	{'t', "Table"},
	{'u', "Escrow"},
	{'x', "PayChannel"},
	{'z', "FrozenAccounts"},
}

// enum is a validated two-way index of an enumEntry table.
type enum struct {
	byCode map[uint16]string
	byName map[string]uint16
}

var errDuplicateEnum = errors.New("duplicate enum code or name")

// txTypes and ledgerTypes are built in init and never modified afterwards.
var (
	txTypes     = mustEnum("transaction type", transactionTypes)
	ledgerTypes = mustEnum("ledger entry type", ledgerEntryTypes)
)

// mustEnum indexes a compiled-in table; a duplicate is a build defect.
func mustEnum(what string, entries []enumEntry) enum {
	e, err := buildEnum(entries)
	if err != nil {
		panic(fmt.Errorf("codec: %s: %w", what, err))
	}
	return e
}

// buildEnum indexes entries, refusing a repeated code or name.
func buildEnum(entries []enumEntry) (enum, error) {
	e := enum{byCode: make(map[uint16]string, len(entries)), byName: make(map[string]uint16, len(entries))}
	for _, en := range entries {
		if _, dup := e.byCode[en.code]; dup {
			return enum{}, fmt.Errorf("code %d: %w", en.code, errDuplicateEnum)
		}
		if _, dup := e.byName[en.name]; dup {
			return enum{}, fmt.Errorf("name %q: %w", en.name, errDuplicateEnum)
		}
		e.byCode[en.code] = en.name
		e.byName[en.name] = en.code
	}
	return e, nil
}

// TransactionTypeName returns the name of a TransactionType code, e.g.
// "SQLStatement" for 22.
func TransactionTypeName(code uint16) (string, bool) {
	n, ok := txTypes.byCode[code]
	return n, ok
}

// TransactionTypeCode returns the code of a transaction type name.
func TransactionTypeCode(name string) (uint16, bool) {
	c, ok := txTypes.byName[name]
	return c, ok
}

// LedgerEntryTypeName returns the name of a LedgerEntryType code, e.g.
// "Table" for 't'.
func LedgerEntryTypeName(code uint16) (string, bool) {
	n, ok := ledgerTypes.byCode[code]
	return n, ok
}

// LedgerEntryTypeCode returns the code of a ledger entry type name.
func LedgerEntryTypeCode(name string) (uint16, bool) {
	c, ok := ledgerTypes.byName[name]
	return c, ok
}
