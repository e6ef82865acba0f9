package codec

import (
	"encoding/binary"
	"sort"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// Object is an STObject: a set of fields kept in canonical order (by type
// code, then nth), at most one of each. The zero value is an empty
// top-level object, ready to use. An Object is not safe for concurrent
// mutation; concurrent reads are safe.
type Object struct {
	wrap   *fieldDef // the field naming this object inside an array; nil elsewhere
	fields []field
}

// field is one field of an Object. Every binary value (hashes, blobs,
// accounts, amounts, path sets, 256-bit vectors) is kept in its encoded
// form, without VL prefix, so that encoding is a copy and decoding a slice.
type field struct {
	def *fieldDef
	num uint64  // UInt8, UInt16, UInt32, UInt64
	b   []byte  // encoded value of the other leaf types
	in  *nested // STObject and STArray
}

// nested is the value of an STObject or STArray field, kept apart so
// that the leaf fields, most of every transaction, stay small.
type nested struct {
	obj *Object   // STObject
	arr []*Object // STArray, each element named by its wrap field
}

// NewInner returns an empty object to be used as an element of an STArray
// field; name is the element's field, e.g. "Table" for an element of
// "Tables" or "Memo" for an element of "Memos". It must be an STObject
// field.
func NewInner(name string) (*Object, error) {
	d, ok := fields.byName[name]
	if !ok {
		return nil, newError(ErrUnknownField, name, -1, "")
	}
	if d.typ != TypeSTObject {
		return nil, newError(ErrBadValue, name, -1, "array elements must be STObject fields, not "+d.typ.String())
	}
	return &Object{wrap: d}, nil
}

// Name returns the field that names the object as an array element, e.g.
// "Table", or "" for an object that is not an array element.
func (o *Object) Name() string {
	if o.wrap == nil {
		return ""
	}
	return o.wrap.name
}

// Len returns the number of fields.
func (o *Object) Len() int { return len(o.fields) }

// FieldName returns the name of field i, 0 <= i < Len(), in canonical
// order: Names without the slice.
func (o *Object) FieldName(i int) string { return o.fields[i].def.name }

// Names returns the names of the fields in canonical order.
func (o *Object) Names() []string {
	out := make([]string, len(o.fields))
	for i := range o.fields {
		out[i] = o.fields[i].def.name
	}
	return out
}

// Has reports whether the object has the field.
func (o *Object) Has(name string) bool {
	d, ok := fields.byName[name]
	return ok && o.index(d) >= 0
}

// Delete removes the field if present.
func (o *Object) Delete(name string) {
	d, ok := fields.byName[name]
	if !ok {
		return
	}
	if i := o.index(d); i >= 0 {
		o.fields = append(o.fields[:i], o.fields[i+1:]...)
	}
}

// index returns the position of the field d, or -1.
func (o *Object) index(d *fieldDef) int {
	for i := range o.fields {
		if o.fields[i].def == d {
			return i
		}
	}
	return -1
}

// put inserts f at its canonical position, replacing a field of the same
// name.
func (o *Object) put(f field) {
	i := sort.Search(len(o.fields), func(i int) bool { return o.fields[i].def.code >= f.def.code })
	if i < len(o.fields) && o.fields[i].def == f.def {
		o.fields[i] = f
		return
	}
	o.fields = append(o.fields, field{})
	copy(o.fields[i+1:], o.fields[i:])
	o.fields[i] = f
}

// get returns the field called name if present and of type t.
func (o *Object) get(name string, t Type) *field {
	d, ok := fields.byName[name]
	if !ok || d.typ != t {
		return nil
	}
	if i := o.index(d); i >= 0 {
		return &o.fields[i]
	}
	return nil
}

// UInt8 returns the value of a UInt8 field.
func (o *Object) UInt8(name string) (uint8, bool) {
	if f := o.get(name, TypeUInt8); f != nil {
		return uint8(f.num), true
	}
	return 0, false
}

// UInt16 returns the value of a UInt16 field (TransactionType,
// LedgerEntryType, OpType, TransactionResult...).
func (o *Object) UInt16(name string) (uint16, bool) {
	if f := o.get(name, TypeUInt16); f != nil {
		return uint16(f.num), true
	}
	return 0, false
}

// UInt32 returns the value of a UInt32 field.
func (o *Object) UInt32(name string) (uint32, bool) {
	if f := o.get(name, TypeUInt32); f != nil {
		return uint32(f.num), true
	}
	return 0, false
}

// UInt64 returns the value of a UInt64 field.
func (o *Object) UInt64(name string) (uint64, bool) {
	if f := o.get(name, TypeUInt64); f != nil {
		return f.num, true
	}
	return 0, false
}

// Hash128 returns the value of a Hash128 field.
func (o *Object) Hash128(name string) ([16]byte, bool) {
	var h [16]byte
	if f := o.get(name, TypeHash128); f != nil {
		copy(h[:], f.b)
		return h, true
	}
	return h, false
}

// Hash160 returns the value of a Hash160 field (NameInDB...).
func (o *Object) Hash160(name string) ([20]byte, bool) {
	var h [20]byte
	if f := o.get(name, TypeHash160); f != nil {
		copy(h[:], f.b)
		return h, true
	}
	return h, false
}

// Hash256 returns the value of a Hash256 field.
func (o *Object) Hash256(name string) (hash.Hash256, bool) {
	var h hash.Hash256
	if f := o.get(name, TypeHash256); f != nil {
		copy(h[:], f.b)
		return h, true
	}
	return h, false
}

// Blob returns the bytes of a Blob field. The slice shares the object's
// storage: do not modify it.
func (o *Object) Blob(name string) ([]byte, bool) {
	if f := o.get(name, TypeBlob); f != nil {
		return f.b, true
	}
	return nil, false
}

// AccountID returns the value of an AccountID field.
func (o *Object) AccountID(name string) (address.AccountID, bool) {
	var a address.AccountID
	if f := o.get(name, TypeAccountID); f != nil {
		copy(a[:], f.b)
		return a, true
	}
	return a, false
}

// Amount returns the value of an Amount field.
func (o *Object) Amount(name string) (Amount, bool) {
	if f := o.get(name, TypeAmount); f != nil {
		a, _, err := parseAmount(f.b)
		return a, err == nil
	}
	return Amount{}, false
}

// PathSet returns the value of a PathSet field.
func (o *Object) PathSet(name string) (PathSet, bool) {
	if f := o.get(name, TypePathSet); f != nil {
		return parsePathSet(f.b), true
	}
	return nil, false
}

// Vector256 returns the value of a Vector256 field.
func (o *Object) Vector256(name string) ([]hash.Hash256, bool) {
	f := o.get(name, TypeVector256)
	if f == nil {
		return nil, false
	}
	out := make([]hash.Hash256, len(f.b)/32)
	for i := range out {
		copy(out[i][:], f.b[32*i:])
	}
	return out, true
}

// Object returns the value of an STObject field. The object is shared, not
// copied.
func (o *Object) Object(name string) (*Object, bool) {
	if f := o.get(name, TypeSTObject); f != nil {
		return f.in.obj, true
	}
	return nil, false
}

// Array returns the elements of an STArray field. The slice and its
// objects are shared, not copied: do not modify the slice.
func (o *Object) Array(name string) ([]*Object, bool) {
	if f := o.get(name, TypeSTArray); f != nil {
		return f.in.arr, true
	}
	return nil, false
}

// appendValue appends the binary form of f's value (without header).
func (f *field) appendValue(dst []byte) []byte {
	switch f.def.typ {
	case TypeUInt8:
		return append(dst, byte(f.num))
	case TypeUInt16:
		return binary.BigEndian.AppendUint16(dst, uint16(f.num))
	case TypeUInt32:
		return binary.BigEndian.AppendUint32(dst, uint32(f.num))
	case TypeUInt64:
		return binary.BigEndian.AppendUint64(dst, f.num)
	case TypeBlob, TypeAccountID, TypeVector256:
		dst, _ = AppendVLLength(dst, len(f.b)) // lengths are checked when set
		return append(dst, f.b...)
	case TypeSTObject:
		return append(f.in.obj.AppendEncode(dst, false), objectEndMarker)
	case TypeSTArray:
		for _, e := range f.in.arr {
			dst = append(dst, e.wrap.header[:e.wrap.headerLen]...)
			dst = append(e.AppendEncode(dst, false), objectEndMarker)
		}
		return append(dst, arrayEndMarker)
	}
	return append(dst, f.b...) // hashes, amounts, path sets
}

// encodedLen returns the size of f's header and value.
func (f *field) encodedLen() int {
	n := int(f.def.headerLen)
	switch f.def.typ {
	case TypeUInt8, TypeUInt16, TypeUInt32, TypeUInt64:
		return n + f.def.typ.fixedSize()
	case TypeBlob, TypeAccountID, TypeVector256:
		return n + vlPrefixLen(len(f.b)) + len(f.b)
	case TypeSTObject:
		return n + f.in.obj.encodedLen(false) + 1
	case TypeSTArray:
		for _, e := range f.in.arr {
			n += int(e.wrap.headerLen) + e.encodedLen(false) + 1
		}
		return n + 1
	}
	return n + len(f.b)
}
