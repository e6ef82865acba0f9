package codec

import (
	"strconv"
	"unicode/utf8"

	"github.com/sqledger/sqledger/protocol/address"
)

// Map returns the object as JSON-ready Go values, in rippled's JSON
// conventions:
//
//	UInt8/16/32      uint32 (TransactionType, LedgerEntryType and
//	                 TransactionResult as their names when known)
//	UInt64           string of 16 uppercase hex digits
//	Hash*, Blob      string of uppercase hex
//	AccountID        string, the "z…" address
//	Amount           string of drops, or map currency/issuer/value
//	PathSet          []any of []any of map (account, currency, issuer,
//	                 type, type_hex)
//	Vector256        []any of hex strings
//	STObject         map[string]any
//	STArray          []any of single-key map[string]any, [{"Table":{…}}]
func (o *Object) Map() map[string]any {
	m := make(map[string]any, len(o.fields))
	for i := range o.fields {
		f := &o.fields[i]
		m[f.def.name] = f.jsonValue()
	}
	return m
}

// jsonValue returns f's value for Map.
func (f *field) jsonValue() any {
	switch f.def.typ {
	case TypeUInt8, TypeUInt32:
		return uint32(f.num)
	case TypeUInt16:
		if name, ok := enumName(f.def, uint16(f.num)); ok {
			return name
		}
		return uint32(f.num)
	case TypeUInt64:
		return upperHex(f.appendValue(make([]byte, 0, 8)))
	case TypeAccountID:
		return address.AccountID(f.b).String()
	case TypeAmount:
		a, _, _ := parseAmount(f.b)
		if !a.issued {
			return a.Value()
		}
		return map[string]any{"currency": a.currency.String(), "issuer": a.issuer.String(), "value": a.Value()}
	case TypePathSet:
		ps := parsePathSet(f.b)
		out := make([]any, len(ps))
		for i, p := range ps {
			steps := make([]any, len(p))
			for j, s := range p {
				steps[j] = pathStepMap(s)
			}
			out[i] = steps
		}
		return out
	case TypeVector256:
		out := make([]any, len(f.b)/32)
		for i := range out {
			out[i] = upperHex(f.b[32*i : 32*i+32])
		}
		return out
	case TypeSTObject:
		return f.in.obj.Map()
	case TypeSTArray:
		out := make([]any, len(f.in.arr))
		for i, e := range f.in.arr {
			out[i] = map[string]any{e.wrap.name: e.Map()}
		}
		return out
	}
	return upperHex(f.b) // hashes and blobs
}

// pathStepMap returns a path step as rippled's STPath::getJson writes it.
func pathStepMap(s PathStep) map[string]any {
	m := map[string]any{"type": uint32(s.Type), "type_hex": upperHex([]byte{0, 0, 0, 0, 0, 0, 0, s.Type})}
	if s.Type&PathAccount != 0 {
		m["account"] = s.Account.String()
	}
	if s.Type&PathCurrency != 0 {
		m["currency"] = s.Currency.String()
	}
	if s.Type&PathIssuer != 0 {
		m["issuer"] = s.Issuer.String()
	}
	return m
}

// MarshalJSON writes the object as Map describes, with the members of each
// object in byte-wise order of their names, as rippled writes them.
func (o *Object) MarshalJSON() ([]byte, error) {
	return o.appendJSON(make([]byte, 0, 2*o.encodedLen(false)+64)), nil
}

// appendJSON appends the object as a JSON object.
func (o *Object) appendJSON(dst []byte) []byte {
	var small [24]int
	order := small[:0]
	for i := range o.fields {
		order = append(order, i)
	}
	for i := 1; i < len(order); i++ { // insertion sort by name: objects are small
		for j := i; j > 0 && o.fields[order[j]].def.jsonRank < o.fields[order[j-1]].def.jsonRank; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	dst = append(dst, '{')
	for k, i := range order {
		if k > 0 {
			dst = append(dst, ',')
		}
		f := &o.fields[i]
		dst = append(dst, '"')
		dst = append(dst, f.def.name...)
		dst = append(dst, '"', ':')
		dst = f.appendJSON(dst)
	}
	return append(dst, '}')
}

// appendJSON appends f's value as JSON.
func (f *field) appendJSON(dst []byte) []byte {
	switch f.def.typ {
	case TypeUInt8, TypeUInt32:
		return strconv.AppendUint(dst, f.num, 10)
	case TypeUInt16:
		if name, ok := enumName(f.def, uint16(f.num)); ok {
			return appendJSONString(dst, name)
		}
		return strconv.AppendUint(dst, f.num, 10)
	case TypeUInt64:
		dst = append(dst, '"')
		dst = appendUpperHex(dst, f.appendValue(make([]byte, 0, 8)))
		return append(dst, '"')
	case TypeAccountID:
		return appendJSONString(dst, address.AccountID(f.b).String())
	case TypeAmount:
		a, _, _ := parseAmount(f.b)
		if !a.issued {
			return appendJSONString(dst, a.Value())
		}
		dst = append(dst, `{"currency":`...)
		dst = appendJSONString(dst, a.currency.String())
		dst = append(dst, `,"issuer":`...)
		dst = appendJSONString(dst, a.issuer.String())
		dst = append(dst, `,"value":`...)
		dst = appendJSONString(dst, a.Value())
		return append(dst, '}')
	case TypePathSet:
		return appendPathSetJSON(dst, parsePathSet(f.b))
	case TypeVector256:
		dst = append(dst, '[')
		for i := 0; i < len(f.b); i += 32 {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, '"')
			dst = appendUpperHex(dst, f.b[i:i+32])
			dst = append(dst, '"')
		}
		return append(dst, ']')
	case TypeSTObject:
		return f.in.obj.appendJSON(dst)
	case TypeSTArray:
		dst = append(dst, '[')
		for i, e := range f.in.arr {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"`...)
			dst = append(dst, e.wrap.name...)
			dst = append(dst, `":`...)
			dst = append(e.appendJSON(dst), '}')
		}
		return append(dst, ']')
	}
	dst = append(dst, '"')
	dst = appendUpperHex(dst, f.b)
	return append(dst, '"')
}

// appendPathSetJSON appends a path set with the members of each step in
// byte-wise order.
func appendPathSetJSON(dst []byte, ps PathSet) []byte {
	dst = append(dst, '[')
	for i, p := range ps {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '[')
		for j, s := range p {
			if j > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, '{')
			if s.Type&PathAccount != 0 {
				dst = append(dst, `"account":`...)
				dst = appendJSONString(dst, s.Account.String())
				dst = append(dst, ',')
			}
			if s.Type&PathCurrency != 0 {
				dst = append(dst, `"currency":`...)
				dst = appendJSONString(dst, s.Currency.String())
				dst = append(dst, ',')
			}
			if s.Type&PathIssuer != 0 {
				dst = append(dst, `"issuer":`...)
				dst = appendJSONString(dst, s.Issuer.String())
				dst = append(dst, ',')
			}
			dst = append(dst, `"type":`...)
			dst = strconv.AppendUint(dst, uint64(s.Type), 10)
			dst = append(dst, `,"type_hex":"`...)
			dst = appendUpperHex(dst, []byte{0, 0, 0, 0, 0, 0, 0, s.Type})
			dst = append(dst, `"}`...)
		}
		dst = append(dst, ']')
	}
	return append(dst, ']')
}

// appendJSONString appends s as a JSON string, escaping quotes,
// backslashes, control characters and invalid UTF-8.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, `\ufffd`...)
			} else {
				dst = append(dst, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		default:
			dst = append(dst, '\\', 'u', '0', '0', upperHexDigits[c>>4], upperHexDigits[c&0x0F])
		}
		i++
	}
	return append(dst, '"')
}
