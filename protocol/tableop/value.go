package tableop

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// Kind is the type of a JSON value.
type Kind uint8

// The kinds of JSON values.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// String names the kind as error messages do: "null", "boolean",
// "number", "string", "array", "object".
func (k Kind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// Value is a parsed JSON value. An object's members are sorted by key,
// one per key (a repeated key keeps its last value, as jsoncpp, which
// chainsqld parses with, and encoding/json do), so that what is built
// from a value never depends on map order. Numbers keep their text.
// Every value remembers its bytes in the document it came from. A Value
// is immutable: its slices are shared and must not be modified.
type Value struct {
	kind Kind
	b    bool
	s    string // a string's text, or a number's literal
	arr  []Value
	obj  []Member
	raw  []byte
}

// Member is one member of a JSON object.
type Member struct {
	Key   string
	Value Value
}

// Kind returns the value's kind.
func (v Value) Kind() Kind { return v.kind }

// Bool returns a boolean's value.
func (v Value) Bool() bool { return v.b }

// Str returns a string's text.
func (v Value) Str() string {
	if v.kind != String {
		return ""
	}
	return v.s
}

// Num returns a number's literal, as written.
func (v Value) Num() string {
	if v.kind != Number {
		return ""
	}
	return v.s
}

// Elems returns an array's elements.
func (v Value) Elems() []Value { return v.arr }

// Members returns an object's members, sorted by key.
func (v Value) Members() []Member { return v.obj }

// Raw returns the value's bytes as the document wrote them.
func (v Value) Raw() []byte { return v.raw }

// Get returns an object's member.
func (v Value) Get(key string) (Value, bool) {
	for _, m := range v.obj {
		if m.Key == key {
			return m.Value, true
		}
	}
	return Value{}, false
}

// Int returns a number that is an integer within int64, as jsoncpp's
// asInt accepts it: an integral value written with a fraction or an
// exponent (3.0, 1e2) counts.
func (v Value) Int() (int64, bool) {
	if v.kind != Number {
		return 0, false
	}
	if n, err := strconv.ParseInt(v.s, 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(v.s, 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int64(f), true
}

// Text renders the value as compact JSON (members sorted, numbers as
// written), for error messages and stored defaults.
func (v Value) Text() string {
	var b strings.Builder
	v.write(&b)
	return b.String()
}

func (v Value) write(b *strings.Builder) {
	switch v.kind {
	case Null:
		b.WriteString("null")
	case Bool:
		b.WriteString(strconv.FormatBool(v.b))
	case Number:
		b.WriteString(v.s)
	case String:
		s, _ := json.Marshal(v.s)
		b.Write(s)
	case Array:
		b.WriteByte('[')
		for i, el := range v.arr {
			if i > 0 {
				b.WriteByte(',')
			}
			el.write(b)
		}
		b.WriteByte(']')
	case Object:
		b.WriteByte('{')
		for i, m := range v.obj {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(m.Key)
			b.Write(k)
			b.WriteByte(':')
			m.Value.write(b)
		}
		b.WriteByte('}')
	}
}

// newString returns a string value.
func newString(s string) Value {
	v := Value{kind: String, s: s}
	v.raw = []byte(v.Text())
	return v
}

// newObject returns an object of members, sorted by key (members are
// kept: the caller must not change them).
func newObject(members []Member) Value {
	v := Value{kind: Object, obj: sortMembers(members)}
	v.raw = []byte(v.Text())
	return v
}

// newArray returns an array of elems (kept: the caller must not change
// them).
func newArray(elems []Value) Value {
	v := Value{kind: Array, arr: elems}
	v.raw = []byte(v.Text())
	return v
}
