package tableop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// MaxDepth bounds the nesting of the JSON the projection turns into SQL
// (a query, a condition): the condition language needs a handful of
// levels, and a bound keeps a hostile document from exhausting the
// stack. The ledger's checks of a Raw are not bounded by it.
const MaxDepth = 32

var (
	errTrailing = errors.New("unexpected data after the JSON value")
	errTooDeep  = fmt.Errorf("JSON nested deeper than %d levels", MaxDepth)
)

// ParseJSON parses one JSON document (an r_get query, a stored default).
// It fails, in encoding/json's words, when data is not one JSON value,
// and when the value nests deeper than MaxDepth.
func ParseJSON(data []byte) (Value, error) {
	v, depth, err := decode(data)
	if err != nil {
		return Value{}, err
	}
	if depth > MaxDepth {
		return Value{}, errTooDeep
	}
	return v, nil
}

// decode parses data, which must be one JSON value, and reports the
// depth of its deepest value (the top value is at 0).
func decode(data []byte) (Value, int, error) {
	if !json.Valid(data) {
		return Value{}, 0, invalid(data)
	}
	r := readers.Get().(*reader)
	r.data, r.pos, r.depth = data, 0, 0
	v := r.value(0)
	depth := r.depth
	r.data = nil
	readers.Put(r)
	return v, depth, nil
}

// invalid says why data is not one JSON value, as encoding/json's
// Decoder does: its syntax error, or data after a first value.
func invalid(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	return errTrailing
}

// reader walks a document json.Valid has accepted, so it checks no
// syntax. Strings with escapes or invalid UTF-8 are unquoted by
// encoding/json itself, so every string reads as encoding/json reads it.
// The elements and members of the containers being read wait on two
// stacks, so that each container gets a slice of its exact size; readers
// are pooled with their stacks.
type reader struct {
	data    []byte
	pos     int
	depth   int
	elems   []Value
	members []Member
}

var readers = sync.Pool{New: func() any { return new(reader) }}

func (r *reader) value(depth int) Value {
	r.depth = max(r.depth, depth)
	r.space()
	start := r.pos
	var v Value
	switch r.data[r.pos] {
	case '{':
		v = r.object(depth)
	case '[':
		v = r.array(depth)
	case '"':
		v = Value{kind: String, s: r.str()}
	case 't':
		r.pos += len("true")
		v = Value{kind: Bool, b: true}
	case 'f':
		r.pos += len("false")
		v = Value{kind: Bool}
	case 'n':
		r.pos += len("null")
	default:
		for r.pos < len(r.data) && strings.IndexByte("+-.0123456789Ee", r.data[r.pos]) >= 0 {
			r.pos++
		}
		v = Value{kind: Number, s: string(r.data[start:r.pos])}
	}
	v.raw = r.data[start:r.pos:r.pos]
	return v
}

func (r *reader) array(depth int) Value {
	v := Value{kind: Array}
	r.pos++ // [
	r.space()
	if r.data[r.pos] == ']' {
		r.pos++
		return v
	}
	base := len(r.elems)
	for {
		el := r.value(depth + 1)
		r.elems = append(r.elems, el)
		r.space()
		r.pos++ // , or ]
		if r.data[r.pos-1] == ']' {
			v.arr = slices.Clone(r.elems[base:])
			clear(r.elems[base:])
			r.elems = r.elems[:base]
			return v
		}
	}
}

func (r *reader) object(depth int) Value {
	v := Value{kind: Object}
	r.pos++ // {
	r.space()
	if r.data[r.pos] == '}' {
		r.pos++
		return v
	}
	base := len(r.members)
	for {
		r.space()
		key := r.str()
		r.space()
		r.pos++ // :
		m := Member{Key: key, Value: r.value(depth + 1)}
		r.members = append(r.members, m)
		r.space()
		r.pos++ // , or }
		if r.data[r.pos-1] == '}' {
			v.obj = sortMembers(slices.Clone(r.members[base:]))
			clear(r.members[base:])
			r.members = r.members[:base]
			return v
		}
	}
}

// str reads a string at r.pos.
func (r *reader) str() string {
	start := r.pos
	plain, ascii := true, true
	i := start + 1
	for ; r.data[i] != '"'; i++ {
		switch c := r.data[i]; {
		case c == '\\':
			plain = false
			i++
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	r.pos = i + 1
	body := r.data[start+1 : i]
	if plain && (ascii || utf8.Valid(body)) {
		return string(body)
	}
	var s string
	_ = json.Unmarshal(r.data[start:r.pos], &s) // a valid JSON string always unquotes
	return s
}

func (r *reader) space() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// sortMembers sorts an object's members by key, keeping the last of
// members with the same key.
func sortMembers(ms []Member) []Member {
	slices.SortStableFunc(ms, func(a, b Member) int { return strings.Compare(a.Key, b.Key) })
	out := ms[:0]
	for i, m := range ms {
		if i+1 < len(ms) && ms[i+1].Key == m.Key {
			continue
		}
		out = append(out, m)
	}
	return out
}
