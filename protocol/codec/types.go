package codec

import "strconv"

// Type is a serialized type code, rippled's SerializedTypeID. A field's
// header carries its type code and its nth; together they fix both the
// field's meaning and its place in the canonical order.
type Type uint8

// The serialized types that appear on the wire. The codes are those of
// rippled's SField.h and of the TYPES table of chainsql-definitions.json.
const (
	TypeUInt16    Type = 1
	TypeUInt32    Type = 2
	TypeUInt64    Type = 3
	TypeHash128   Type = 4
	TypeHash256   Type = 5
	TypeAmount    Type = 6
	TypeBlob      Type = 7
	TypeAccountID Type = 8
	// TypeSTEntry is ChainSQL's STI_ENTRY. It has a field ("Entry") but no
	// binary form: neither chainsqld nor the JavaScript codec can read or
	// write it, so this codec refuses it too.
	TypeSTEntry   Type = 9
	TypeSTObject  Type = 14
	TypeSTArray   Type = 15
	TypeUInt8     Type = 16
	TypeHash160   Type = 17
	TypePathSet   Type = 18
	TypeVector256 Type = 19
)

// maxTypeCode is the largest type code a header may carry for a known field.
const maxTypeCode = 19

// typeNames are the names of chainsql-definitions.json's TYPES table.
var typeNames = [maxTypeCode + 1]string{
	TypeUInt16:    "UInt16",
	TypeUInt32:    "UInt32",
	TypeUInt64:    "UInt64",
	TypeHash128:   "Hash128",
	TypeHash256:   "Hash256",
	TypeAmount:    "Amount",
	TypeBlob:      "Blob",
	TypeAccountID: "AccountID",
	TypeSTEntry:   "STEntry",
	TypeSTObject:  "STObject",
	TypeSTArray:   "STArray",
	TypeUInt8:     "UInt8",
	TypeHash160:   "Hash160",
	TypePathSet:   "PathSet",
	TypeVector256: "Vector256",
}

// String returns the type's name as in chainsql-definitions.json, e.g.
// "Blob", or "Type(n)" for a code that is not a type.
func (t Type) String() string {
	if int(t) < len(typeNames) && typeNames[t] != "" {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// isVL reports whether values of the type carry a VL length prefix.
func (t Type) isVL() bool {
	return t == TypeBlob || t == TypeAccountID || t == TypeVector256
}

// fixedSize returns the encoded size of fixed-width types, 0 otherwise.
func (t Type) fixedSize() int {
	switch t {
	case TypeUInt8:
		return 1
	case TypeUInt16:
		return 2
	case TypeUInt32:
		return 4
	case TypeUInt64:
		return 8
	case TypeHash128:
		return 16
	case TypeHash160:
		return 20
	case TypeHash256:
		return 32
	}
	return 0
}
