package codec

import (
	"bytes"
	"fmt"
	"math"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// Set sets a field, replacing any previous value. The Go type of value
// depends on the field's type:
//
//	UInt8/16/32/64  any Go integer type within range; TransactionType and
//	                LedgerEntryType also take their name as a string,
//	                TransactionResult its token (see SetResultNames)
//	Hash128/160     [16]byte / [20]byte
//	Hash256         hash.Hash256 or [32]byte
//	Blob            []byte (copied)
//	AccountID       address.AccountID
//	Amount          Amount (native amounts within ±MaxNativeDrops)
//	PathSet         PathSet (at least one path, no empty path)
//	Vector256       []hash.Hash256 or [][32]byte
//	STObject        *Object (shared, not copied)
//	STArray         []*Object made with NewInner (shared, not copied)
//
// It fails with ErrUnknownField for a name outside the table or a field
// without a binary form, and ErrBadValue or ErrTooLarge for a value that
// does not fit the field.
func (o *Object) Set(name string, value any) error {
	d, ok := fields.byName[name]
	if !ok {
		return newError(ErrUnknownField, name, -1, "")
	}
	if !d.serialized {
		return newError(ErrUnknownField, name, -1, "field has no binary form")
	}
	f := field{def: d}
	if err := f.setValue(value); err != nil {
		return prefixPath(err, name)
	}
	o.put(f)
	return nil
}

// setValue converts a Go value for f's type.
func (f *field) setValue(value any) error {
	switch t := f.def.typ; t {
	case TypeUInt8, TypeUInt16, TypeUInt32, TypeUInt64:
		if s, ok := value.(string); ok && t == TypeUInt16 {
			n, err := enumCode(f.def, s)
			f.num = uint64(n)
			return err
		}
		n, ok := goUint(value, maxUint(t))
		if !ok {
			return badGoValue(t, value)
		}
		f.num = n
	case TypeHash128, TypeHash160, TypeHash256:
		b, ok := hashBytes(value, t)
		if !ok {
			return badGoValue(t, value)
		}
		f.b = b
	case TypeBlob:
		b, ok := value.([]byte)
		if !ok {
			return badGoValue(t, value)
		}
		if len(b) > MaxVLLength {
			return newError(ErrTooLarge, "", -1, fmt.Sprintf("blob of %d bytes", len(b)))
		}
		f.b = bytes.Clone(b)
		if f.b == nil {
			f.b = []byte{}
		}
	case TypeAccountID:
		a, ok := value.(address.AccountID)
		if !ok {
			return badGoValue(t, value)
		}
		f.b = a[:]
	case TypeAmount:
		a, ok := value.(Amount)
		if !ok {
			return badGoValue(t, value)
		}
		if !a.issued && !a.validNative() {
			return newError(ErrBadValue, "", -1, "native amount beyond 10^17 drops")
		}
		f.b = a.appendBinary(nil)
	case TypePathSet:
		ps, ok := value.(PathSet)
		if !ok {
			return badGoValue(t, value)
		}
		if err := ps.validate(); err != nil {
			return err
		}
		f.b = ps.appendBinary(nil)
	case TypeVector256:
		return f.setVector256(value)
	case TypeSTObject:
		obj, ok := value.(*Object)
		if !ok || obj == nil {
			return badGoValue(t, value)
		}
		f.in = &nested{obj: obj}
	case TypeSTArray:
		return f.setArray(value)
	default:
		return newError(ErrBadValue, "", -1, t.String()+" has no binary form")
	}
	return nil
}

// setVector256 converts a list of 256-bit hashes.
func (f *field) setVector256(value any) error {
	var out []byte
	switch v := value.(type) {
	case []hash.Hash256:
		out = make([]byte, 0, 32*len(v))
		for _, h := range v {
			out = append(out, h[:]...)
		}
	case [][32]byte:
		out = make([]byte, 0, 32*len(v))
		for _, h := range v {
			out = append(out, h[:]...)
		}
	default:
		return badGoValue(TypeVector256, value)
	}
	if len(out) > MaxVLLength {
		return newError(ErrTooLarge, "", -1, fmt.Sprintf("%d hashes", len(out)/32))
	}
	f.b = out
	return nil
}

// setArray takes the elements of an STArray.
func (f *field) setArray(value any) error {
	arr, ok := value.([]*Object)
	if !ok {
		return badGoValue(TypeSTArray, value)
	}
	for i, e := range arr {
		if e == nil || e.wrap == nil {
			return newError(ErrBadValue, fmt.Sprintf("[%d]", i), -1, "array element without a name (make it with NewInner)")
		}
	}
	f.in = &nested{arr: arr}
	return nil
}

// maxUint returns the largest value of an integer type.
func maxUint(t Type) uint64 {
	if t == TypeUInt64 {
		return math.MaxUint64
	}
	return 1<<(8*t.fixedSize()) - 1
}

// goUint converts any Go integer within [0, limit].
func goUint(v any, limit uint64) (uint64, bool) {
	var n uint64
	switch x := v.(type) {
	case int:
		if x < 0 {
			return 0, false
		}
		n = uint64(x)
	case int8:
		if x < 0 {
			return 0, false
		}
		n = uint64(x)
	case int16:
		if x < 0 {
			return 0, false
		}
		n = uint64(x)
	case int32:
		if x < 0 {
			return 0, false
		}
		n = uint64(x)
	case int64:
		if x < 0 {
			return 0, false
		}
		n = uint64(x)
	case uint:
		n = uint64(x)
	case uint8:
		n = uint64(x)
	case uint16:
		n = uint64(x)
	case uint32:
		n = uint64(x)
	case uint64:
		n = x
	default:
		return 0, false
	}
	return n, n <= limit
}

// hashBytes converts a fixed-size array of the width of t.
func hashBytes(v any, t Type) ([]byte, bool) {
	switch x := v.(type) {
	case [16]byte:
		return x[:], t == TypeHash128
	case [20]byte:
		return x[:], t == TypeHash160
	case [32]byte:
		return x[:], t == TypeHash256
	case hash.Hash256:
		return x[:], t == TypeHash256
	}
	return nil, false
}

// badGoValue describes a Go value of the wrong type or out of range.
func badGoValue(t Type, v any) error {
	return newError(ErrBadValue, "", -1, fmt.Sprintf("%T %v does not fit a %s field", v, v, t))
}
