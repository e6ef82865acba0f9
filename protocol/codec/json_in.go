package codec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
)

// FromJSON parses a JSON object in rippled's JSON conventions (see Map)
// into an Object, as FromMap does.
func FromJSON(data []byte) (*Object, error) {
	o, _, err := FromJSONReport(data)
	return o, err
}

// FromJSONReport is FromJSON that also returns the members it dropped
// because their names are not in the field table (see FromMapReport).
func FromJSONReport(data []byte) (*Object, []string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, nil, newError(ErrBadValue, "", -1, "JSON: "+err.Error())
	}
	if dec.More() {
		return nil, nil, newError(ErrBadValue, "", -1, "JSON: data after the object")
	}
	if m == nil {
		return nil, nil, newError(ErrBadValue, "", -1, "JSON: null, not an object")
	}
	return FromMapReport(m)
}

// FromMap builds an Object from decoded JSON: the values encoding/json
// produces (with or without UseNumber), the values Map produces, and Go
// integers. As the JavaScript codec does, it silently drops members whose
// names are not in the field table (the client sends "StrictMode", for
// one) and fields that have no binary form ("hash", "index"...). Numbers
// are also accepted as decimal strings for UInt8/16/32 and as hex strings
// for UInt64, as rippled accepts them; a value of the wrong type fails
// with ErrBadValue and a FieldError naming the field.
func FromMap(m map[string]any) (*Object, error) {
	o, _, err := FromMapReport(m)
	return o, err
}

// FromMapReport is FromMap that also returns the paths of the members it
// dropped because their names are not in the field table, e.g.
// "StrictMode" or "Tables[0].Foo", in a deterministic order. Known fields
// without a binary form are dropped without being reported.
func FromMapReport(m map[string]any) (*Object, []string, error) {
	var p jsonParser
	o := &Object{}
	if err := p.object(o, m, 0, ""); err != nil {
		return nil, nil, err
	}
	return o, p.dropped, nil
}

// jsonParser accumulates the dropped members of one parse.
type jsonParser struct {
	dropped []string
}

// object fills o, at the given depth, from the members of m; path names
// o for the dropped list.
func (p *jsonParser) object(o *Object, m map[string]any, depth int, path string) error {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names) // errors and drops in a deterministic order
	o.fields = make([]field, 0, len(names))
	for _, name := range names {
		d, ok := fields.byName[name]
		if !ok {
			p.dropped = append(p.dropped, joinPath(path, name))
			continue
		}
		if !d.serialized {
			continue
		}
		if depth+1 > MaxDepth {
			return newError(ErrTooLarge, name, -1, "nesting deeper than "+strconv.Itoa(MaxDepth))
		}
		f := field{def: d}
		if err := p.value(&f, m[name], depth+1, joinPath(path, name)); err != nil {
			return prefixPath(err, name)
		}
		o.fields = append(o.fields, f)
	}
	sort.Slice(o.fields, func(i, j int) bool { return o.fields[i].def.code < o.fields[j].def.code })
	return nil
}

// joinPath extends a dropped-member path.
func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// value converts the JSON value v for f, a field at the given depth.
func (p *jsonParser) value(f *field, v any, depth int, path string) error {
	if v == nil {
		return newError(ErrBadValue, "", -1, "null")
	}
	switch t := f.def.typ; t {
	case TypeUInt8, TypeUInt16, TypeUInt32, TypeUInt64:
		n, err := jsonUint(f.def, v)
		f.num = n
		return err
	case TypeSTObject:
		m, ok := v.(map[string]any)
		if !ok {
			return wrongJSONType(v, "an object")
		}
		f.in = &nested{obj: &Object{}}
		return p.object(f.in.obj, m, depth, path)
	case TypeSTArray:
		return p.array(f, v, depth, path)
	case TypeSTEntry:
		return newError(ErrBadValue, "", -1, t.String()+" has no binary form")
	case TypeAmount:
		a, err := amountFromJSON(v)
		if err != nil {
			return err
		}
		f.b = a.appendBinary(nil)
		return nil
	}
	return f.leafFromJSON(v)
}

// array converts a JSON array of single-member objects, [{"Table":{…}}].
// Elements named by an unknown field are dropped and reported.
func (p *jsonParser) array(f *field, v any, depth int, path string) error {
	var elems []map[string]any
	switch x := v.(type) {
	case []any:
		elems = make([]map[string]any, len(x))
		for i, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				return newError(ErrBadValue, "["+strconv.Itoa(i)+"]", -1, "array elements must be objects")
			}
			elems[i] = m
		}
	case []map[string]any:
		elems = x
	default:
		return wrongJSONType(v, "an array")
	}
	f.in = &nested{arr: make([]*Object, 0, len(elems))}
	for i, m := range elems {
		at := "[" + strconv.Itoa(i) + "]"
		if len(m) != 1 {
			return newError(ErrBadValue, at, -1, "array elements must have exactly one member")
		}
		for name, inner := range m {
			d, ok := fields.byName[name]
			if !ok {
				p.dropped = append(p.dropped, path+at+"."+name)
				continue
			}
			if d.typ != TypeSTObject {
				return newError(ErrBadValue, at+"."+name, -1, "array elements must be STObject fields")
			}
			im, ok := inner.(map[string]any)
			if !ok {
				return prefixPath(wrongJSONType(inner, "an object"), at+"."+name)
			}
			e := &Object{wrap: d}
			if err := p.object(e, im, depth+1, path+at+"."+name); err != nil {
				return prefixPath(prefixPath(err, name), at)
			}
			f.in.arr = append(f.in.arr, e)
		}
	}
	return nil
}

// wrongJSONType describes a JSON value of the wrong type.
func wrongJSONType(v any, want string) error {
	return newError(ErrBadValue, "", -1, fmt.Sprintf("%s, want %s", jsonTypeName(v), want))
}

// jsonTypeName names the JSON type of a decoded value.
func jsonTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return "number"
}
