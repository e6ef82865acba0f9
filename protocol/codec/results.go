package codec

import (
	"strconv"
	"sync/atomic"
)

// resultNamer holds the two directions of the TransactionResult naming.
type resultNamer struct {
	name func(code uint16) (string, bool)
	code func(name string) (uint16, bool)
}

// results is the naming installed by SetResultNames; nil means none.
var results atomic.Pointer[resultNamer]

// SetResultNames installs the translation between TransactionResult codes
// and their tokens ("tesSUCCESS", "tefTABLE_NOTEXIST"...), which this
// package does not own. With it, Map and MarshalJSON write known codes by
// token and the JSON parsers accept tokens; without it (or for codes it
// does not know) results are JSON numbers. Either function may be nil. It
// is safe to call at any time, typically once at start-up, e.g. with
// protocol/ter:
//
//	codec.SetResultNames(
//		func(c uint16) (string, bool) { t := ter.Code(c); return t.Token(), t.Token() != "-" },
//		func(s string) (uint16, bool) { c, ok := ter.FromToken(s); return uint16(c), ok })
func SetResultNames(name func(code uint16) (string, bool), code func(name string) (uint16, bool)) {
	results.Store(&resultNamer{name: name, code: code})
}

// resultName returns the token of a result code, if one is installed.
func resultName(code uint16) (string, bool) {
	if r := results.Load(); r != nil && r.name != nil {
		return r.name(code)
	}
	return "", false
}

// resultCode returns the code of a result token, if one is installed.
func resultCode(name string) (uint16, bool) {
	if r := results.Load(); r != nil && r.code != nil {
		return r.code(name)
	}
	return 0, false
}

// The UInt16 fields whose JSON form is a name.
var (
	fieldTransactionType   = fields.byName["TransactionType"]
	fieldLedgerEntryType   = fields.byName["LedgerEntryType"]
	fieldTransactionResult = fields.byName["TransactionResult"]
)

// enumCode returns the code a UInt16 field's text stands for: a decimal
// number when it starts with a digit (as in rippled), else a name.
func enumCode(d *fieldDef, s string) (uint16, error) {
	var c uint16
	var ok bool
	if s != "" && '0' <= s[0] && s[0] <= '9' {
		d = nil
	}
	switch d {
	case fieldTransactionType:
		c, ok = txTypes.byName[s]
	case fieldLedgerEntryType:
		c, ok = ledgerTypes.byName[s]
	case fieldTransactionResult:
		c, ok = resultCode(s)
	default:
		n, err := strconv.ParseUint(s, 10, 16)
		if err != nil {
			return 0, newError(ErrBadValue, "", -1, strconv.Quote(s)+" is not a number")
		}
		return uint16(n), nil
	}
	if !ok {
		return 0, newError(ErrBadValue, "", -1, "unknown name "+strconv.Quote(s))
	}
	return c, nil
}

// enumName returns the JSON name of a UInt16 field's value, if it has one.
func enumName(d *fieldDef, code uint16) (string, bool) {
	switch d {
	case fieldTransactionType:
		n, ok := txTypes.byCode[code]
		return n, ok
	case fieldLedgerEntryType:
		n, ok := ledgerTypes.byCode[code]
		return n, ok
	case fieldTransactionResult:
		return resultName(code)
	}
	return "", false
}
