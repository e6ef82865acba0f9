package projections

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// maxJSONDepth bounds the nesting of a Raw or a query: the condition
// language needs a handful of levels, and a bound keeps a hostile
// document from exhausting the stack.
const maxJSONDepth = 32

// jkind is the type of a JSON value.
type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

func (k jkind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// jvalue is a parsed JSON value whose object members are in a fixed
// order (sorted by key), so that the SQL built from it, and its
// arguments, never depend on map iteration.
type jvalue struct {
	kind jkind
	b    bool
	num  json.Number
	str  string
	arr  []jvalue
	obj  []jmember
}

// jmember is one member of a JSON object.
type jmember struct {
	key string
	val jvalue
}

// parseJSON parses one JSON document with encoding/json, numbers kept as
// their text. Object members are sorted by key, so that the SQL built
// from a document, and the order of its arguments, depend on nothing but
// its content. As with jsoncpp, which chainsqld parses with, a repeated
// key keeps its last value.
func parseJSON(data []byte) (jvalue, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return jvalue{}, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return jvalue{}, errors.New("unexpected data after the JSON value")
	}
	return convert(v, 0)
}

// convert turns what encoding/json decoded into a jvalue.
func convert(v any, depth int) (jvalue, error) {
	if depth > maxJSONDepth {
		return jvalue{}, fmt.Errorf("JSON nested deeper than %d levels", maxJSONDepth)
	}
	switch t := v.(type) {
	case nil:
		return jvalue{kind: jNull}, nil
	case bool:
		return jvalue{kind: jBool, b: t}, nil
	case json.Number:
		return jvalue{kind: jNumber, num: t}, nil
	case string:
		return jvalue{kind: jString, str: t}, nil
	case []any:
		out := jvalue{kind: jArray, arr: make([]jvalue, len(t))}
		for i, el := range t {
			var err error
			if out.arr[i], err = convert(el, depth+1); err != nil {
				return jvalue{}, err
			}
		}
		return out, nil
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := jvalue{kind: jObject, obj: make([]jmember, len(keys))}
		for i, k := range keys {
			val, err := convert(t[k], depth+1)
			if err != nil {
				return jvalue{}, err
			}
			out.obj[i] = jmember{key: k, val: val}
		}
		return out, nil
	}
	return jvalue{}, fmt.Errorf("unexpected JSON value %T", v)
}

// index returns the position of key in an object, or -1.
func (v jvalue) index(key string) int {
	for i, m := range v.obj {
		if m.key == key {
			return i
		}
	}
	return -1
}

// get returns an object's member.
func (v jvalue) get(key string) (jvalue, bool) {
	if i := v.index(key); i >= 0 {
		return v.obj[i].val, true
	}
	return jvalue{}, false
}

// int returns a number that is an integer within int64, as jsoncpp's
// asInt accepts it: an integral value written with a fraction or an
// exponent (3.0, 1e2) counts.
func (v jvalue) int() (int64, bool) {
	if v.kind != jNumber {
		return 0, false
	}
	if n, err := strconv.ParseInt(v.num.String(), 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(v.num.String(), 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int64(f), true
}

// flag reports whether a column attribute (PK, NN, UQ, index, FK) is
// set: chainsqld tests asInt() == 1, which true also passes.
func (v jvalue) flag() bool {
	if v.kind == jBool {
		return v.b
	}
	n, ok := v.int()
	return ok && n == 1
}

// text renders a value back as compact JSON, for error messages and for
// storing column defaults.
func (v jvalue) text() string {
	var b strings.Builder
	v.write(&b)
	return b.String()
}

func (v jvalue) write(b *strings.Builder) {
	switch v.kind {
	case jNull:
		b.WriteString("null")
	case jBool:
		b.WriteString(strconv.FormatBool(v.b))
	case jNumber:
		b.WriteString(v.num.String())
	case jString:
		s, _ := json.Marshal(v.str)
		b.Write(s)
	case jArray:
		b.WriteByte('[')
		for i, el := range v.arr {
			if i > 0 {
				b.WriteByte(',')
			}
			el.write(b)
		}
		b.WriteByte(']')
	case jObject:
		b.WriteByte('{')
		for i, m := range v.obj {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(m.key)
			b.Write(k)
			b.WriteByte(':')
			m.val.write(b)
		}
		b.WriteByte('}')
	}
}
