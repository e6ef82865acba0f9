package codec

import (
	"bytes"
	"encoding/binary"
	"strconv"
)

// MaxDepth is the deepest a field may be nested, rippled's STVar limit:
// fields of the top-level object are at depth 1, fields of an object field
// one deeper, and fields of an array element two deeper than the array.
const MaxDepth = 10

// End markers: the headers of STObject nth 1 and STArray nth 1.
const (
	objectEndMarker = 0xE1
	arrayEndMarker  = 0xF1
)

// Decode reads a top-level object: a sequence of fields without end
// marker, such as a signed transaction blob, a ledger entry or transaction
// metadata. It accepts only the canonical encoding, the bytes Encode would
// write: fields in canonical order without repeats, headers in their
// shortest form, native amounts within ±10^17 drops and not negative zero,
// issued amounts normalized, AccountIDs of 20 bytes, VL lengths up to
// MaxVLLength, nesting up to MaxDepth. (rippled re-sorts fields it reads
// out of order; refusing them instead keeps the hash of the bytes received
// equal to the hash of the object.)
//
// The object owns a private copy of b; every blob and hash it returns is a
// slice of that copy. Decoding never panics and never allocates more than
// a small multiple of len(b).
func Decode(b []byte) (*Object, error) {
	return DecodeShared(bytes.Clone(b))
}

// DecodeShared is Decode without the private copy: the object's blobs and
// hashes are slices of b, which the caller must not modify while the
// object is in use. For buffers the caller already owns and keeps, such
// as a decoded transaction's Blob.
func DecodeShared(b []byte) (*Object, error) {
	d := decoder{buf: b}
	top := new(topObject)
	top.obj.fields = top.room[:0]
	if err := d.fields(&top.obj, 0, false); err != nil {
		return nil, err
	}
	return &top.obj, nil
}

// topObject allocates a decoded top-level object together with room for
// the fields of a typical transaction (a signed Payment has 10, an
// SQLStatement insert 13).
type topObject struct {
	obj  Object
	room [16]field
}

// decoder reads fields from buf.
type decoder struct {
	buf []byte
	pos int
}

// header reads a field header and returns its type code and nth.
func (d *decoder) header() (typ, nth int, err error) {
	if d.pos >= len(d.buf) {
		return 0, 0, newError(ErrTruncated, "", d.pos, "field header")
	}
	start := d.pos
	b := d.buf[d.pos]
	d.pos++
	typ, nth = int(b>>4), int(b&0x0F)
	if typ == 0 {
		if d.pos >= len(d.buf) {
			return 0, 0, newError(ErrTruncated, "", start, "field header")
		}
		typ = int(d.buf[d.pos])
		d.pos++
		if typ < 16 {
			return 0, 0, newError(ErrNonCanonical, "", start, "type "+strconv.Itoa(typ)+" in the long header form")
		}
	}
	if nth == 0 {
		if d.pos >= len(d.buf) {
			return 0, 0, newError(ErrTruncated, "", start, "field header")
		}
		nth = int(d.buf[d.pos])
		d.pos++
		if nth < 16 {
			return 0, 0, newError(ErrNonCanonical, "", start, "nth "+strconv.Itoa(nth)+" in the long header form")
		}
	}
	return typ, nth, nil
}

// lookup returns the field of a header, or nil.
func lookup(typ, nth int) *fieldDef {
	if typ > maxTypeCode {
		return nil
	}
	return fields.byCode[typ][nth]
}

// fields reads the fields of o, which sits at the given depth (the
// top-level object is at 0), up to its end marker (inner) or the end of
// the input (top level).
func (d *decoder) fields(o *Object, depth int, inner bool) error {
	var last uint32
	for {
		if d.pos == len(d.buf) {
			if inner {
				return newError(ErrTruncated, "", d.pos, "object without end marker")
			}
			return nil
		}
		start := d.pos
		typ, nth, err := d.header()
		if err != nil {
			return err
		}
		if typ == int(TypeSTObject) && nth == 1 {
			if inner {
				return nil
			}
			return newError(ErrBadValue, "", start, "end-of-object marker in a top-level object")
		}
		if typ == int(TypeSTArray) && nth == 1 {
			return newError(ErrBadValue, "", start, "end-of-array marker in an object")
		}
		def := lookup(typ, nth)
		if def == nil {
			return newError(ErrUnknownField, "", start, "type "+strconv.Itoa(typ)+" nth "+strconv.Itoa(nth))
		}
		if def.code <= last {
			return newError(ErrNonCanonical, def.name, start, "field out of canonical order or repeated")
		}
		last = def.code
		if depth+1 > MaxDepth {
			return newError(ErrTooLarge, def.name, start, "nesting deeper than "+strconv.Itoa(MaxDepth))
		}
		f := field{def: def}
		if err := d.value(&f, depth+1); err != nil {
			return located(err, def.name, start)
		}
		if o.fields == nil {
			o.fields = make([]field, 0, 4)
		}
		o.fields = append(o.fields, f)
	}
}

// located names the field and offset of an error raised below it.
func located(err error, name string, offset int) error {
	if fe, ok := err.(*FieldError); ok && fe.Offset < 0 {
		fe.Offset = offset
	}
	return prefixPath(err, name)
}

// value reads the value of f, a field at the given depth.
func (d *decoder) value(f *field, depth int) error {
	rest := d.buf[d.pos:]
	switch t := f.def.typ; t {
	case TypeUInt8, TypeUInt16, TypeUInt32, TypeUInt64, TypeHash128, TypeHash160, TypeHash256:
		n := t.fixedSize()
		if len(rest) < n {
			return newError(ErrTruncated, "", -1, t.String())
		}
		switch t {
		case TypeUInt8:
			f.num = uint64(rest[0])
		case TypeUInt16:
			f.num = uint64(binary.BigEndian.Uint16(rest))
		case TypeUInt32:
			f.num = uint64(binary.BigEndian.Uint32(rest))
		case TypeUInt64:
			f.num = binary.BigEndian.Uint64(rest)
		default:
			f.b = rest[:n:n]
		}
		d.pos += n
	case TypeAmount:
		_, n, err := parseAmount(rest)
		if err != nil {
			return err
		}
		f.b = rest[:n:n]
		d.pos += n
	case TypePathSet:
		n, err := scanPathSet(rest)
		if err != nil {
			return err
		}
		f.b = rest[:n:n]
		d.pos += n
	case TypeBlob, TypeAccountID, TypeVector256:
		return d.vl(f)
	case TypeSTObject:
		f.in = &nested{obj: &Object{}}
		return d.fields(f.in.obj, depth, true)
	case TypeSTArray:
		return d.array(f, depth)
	default:
		return newError(ErrBadValue, "", -1, t.String()+" has no binary form")
	}
	return nil
}

// vl reads a VL-encoded value.
func (d *decoder) vl(f *field) error {
	n, size, err := ReadVLLength(d.buf[d.pos:])
	if err != nil {
		return err
	}
	d.pos += size
	if len(d.buf)-d.pos < n {
		return newError(ErrTruncated, "", -1, strconv.Itoa(n)+"-byte value")
	}
	switch {
	case f.def.typ == TypeAccountID && n != 20:
		return newError(ErrBadValue, "", -1, "account ID of "+strconv.Itoa(n)+" bytes")
	case f.def.typ == TypeVector256 && n%32 != 0:
		return newError(ErrBadValue, "", -1, "vector of "+strconv.Itoa(n)+" bytes, not a multiple of 32")
	}
	f.b = d.buf[d.pos : d.pos+n : d.pos+n]
	d.pos += n
	return nil
}

// array reads the elements of an STArray field at the given depth, up to
// its end marker.
func (d *decoder) array(f *field, depth int) error {
	f.in = &nested{}
	for i := 0; ; i++ {
		if d.pos == len(d.buf) {
			return newError(ErrTruncated, "", d.pos, "array without end marker")
		}
		start := d.pos
		typ, nth, err := d.header()
		if err != nil {
			return err
		}
		if typ == int(TypeSTArray) && nth == 1 {
			return nil
		}
		def := lookup(typ, nth)
		switch {
		case typ == int(TypeSTObject) && nth == 1:
			return newError(ErrBadValue, "["+strconv.Itoa(i)+"]", start, "end-of-object marker in an array")
		case def == nil:
			return newError(ErrUnknownField, "["+strconv.Itoa(i)+"]", start, "type "+strconv.Itoa(typ)+" nth "+strconv.Itoa(nth))
		case def.typ != TypeSTObject:
			return newError(ErrBadValue, "["+strconv.Itoa(i)+"]", start, "array element "+def.name+" is not an STObject field")
		}
		e := &Object{wrap: def}
		if err := d.fields(e, depth+1, true); err != nil {
			return prefixPath(prefixPath(err, def.name), "["+strconv.Itoa(i)+"]")
		}
		f.in.arr = append(f.in.arr, e)
	}
}
