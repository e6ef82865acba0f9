package codec

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/sqledger/sqledger/protocol/address"
)

// maxExactFloat is 2^53: larger float64 values may not be the integer the
// JSON text said.
const maxExactFloat = 1 << 53

// jsonUint converts a JSON value for an integer field: a number, a
// decimal string (UInt8/16/32), a name (TransactionType, LedgerEntryType,
// TransactionResult) or a hex string of up to 16 digits (UInt64).
func jsonUint(d *fieldDef, v any) (uint64, error) {
	limit := maxUint(d.typ)
	var n uint64
	switch x := v.(type) {
	case string:
		switch d.typ {
		case TypeUInt64:
			if x == "" || len(x) > 16 {
				return 0, newError(ErrBadValue, "", -1, "UInt64 must be 1 to 16 hex digits")
			}
			u, err := strconv.ParseUint(x, 16, 64)
			if err != nil {
				return 0, newError(ErrBadValue, "", -1, strconv.Quote(x)+" is not hex")
			}
			return u, nil
		case TypeUInt16:
			c, err := enumCode(d, x)
			return uint64(c), err
		}
		u, err := strconv.ParseUint(x, 10, 64)
		if err != nil {
			return 0, newError(ErrBadValue, "", -1, strconv.Quote(x)+" is not a number")
		}
		n = u
	case json.Number:
		u, err := strconv.ParseUint(string(x), 10, 64)
		if err != nil {
			return 0, newError(ErrBadValue, "", -1, string(x)+" is not an unsigned integer")
		}
		n = u
	case float64:
		if x < 0 || x != math.Trunc(x) || x > maxExactFloat {
			return 0, newError(ErrBadValue, "", -1, strconv.FormatFloat(x, 'g', -1, 64)+" is not an unsigned integer below 2^53")
		}
		n = uint64(x)
	default:
		u, ok := goUint(v, math.MaxUint64)
		if !ok {
			return 0, wrongJSONType(v, "a number")
		}
		n = u
	}
	if n > limit {
		return 0, newError(ErrBadValue, "", -1, strconv.FormatUint(n, 10)+" out of range for "+d.typ.String())
	}
	return n, nil
}

// leafFromJSON converts a JSON value for a hash, blob, account, path set
// or 256-bit vector field (value routes every other type elsewhere).
func (f *field) leafFromJSON(v any) error {
	t := f.def.typ
	if t == TypePathSet {
		ps, err := pathSetFromJSON(v)
		if err != nil {
			return err
		}
		f.b = ps.appendBinary(nil)
		return nil
	}
	if t == TypeVector256 {
		return f.vector256FromJSON(v)
	}
	s, ok := v.(string)
	if !ok {
		return wrongJSONType(v, "a string")
	}
	switch t {
	case TypeBlob:
		if len(s) > 2*MaxVLLength {
			return newError(ErrTooLarge, "", -1, strconv.Itoa(len(s))+" hex digits")
		}
		b, err := decodeHexBlob(s)
		if err != nil {
			return newError(ErrBadValue, "", -1, err.Error())
		}
		f.b = b
	case TypeAccountID:
		a, err := accountFromJSON(s)
		if err != nil {
			return err
		}
		f.b = a[:]
	default: // Hash128, Hash160, Hash256
		f.b = make([]byte, t.fixedSize())
		if err := decodeHexExact(f.b, s); err != nil {
			return newError(ErrBadValue, "", -1, err.Error())
		}
	}
	return nil
}

// vector256FromJSON converts an array of 64-digit hex strings.
func (f *field) vector256FromJSON(v any) error {
	var list []string
	switch x := v.(type) {
	case []string:
		list = x
	case []any:
		list = make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return prefixPath(wrongJSONType(e, "a string"), "["+strconv.Itoa(i)+"]")
			}
			list[i] = s
		}
	default:
		return wrongJSONType(v, "an array")
	}
	if 32*len(list) > MaxVLLength {
		return newError(ErrTooLarge, "", -1, strconv.Itoa(len(list))+" hashes")
	}
	f.b = make([]byte, 32*len(list))
	for i, s := range list {
		if err := decodeHexExact(f.b[32*i:32*i+32], s); err != nil {
			return newError(ErrBadValue, "["+strconv.Itoa(i)+"]", -1, err.Error())
		}
	}
	return nil
}

// accountFromJSON reads an account as rippled's parseHexOrBase58 does: 40
// hex digits or a "z…" address.
func accountFromJSON(s string) (address.AccountID, error) {
	var a address.AccountID
	if len(s) == 40 {
		if err := decodeHexExact(a[:], s); err == nil {
			return a, nil
		}
	}
	a, err := address.ParseAccountID(s)
	if err != nil {
		return a, newError(ErrBadValue, "", -1, err.Error())
	}
	return a, nil
}

// pathSetFromJSON converts an array of arrays of path steps; each step may
// have "account", "currency" and "issuer" (other members are ignored, as
// rippled ignores "type" and "type_hex").
func pathSetFromJSON(v any) (PathSet, error) {
	paths, ok := v.([]any)
	if !ok {
		return nil, wrongJSONType(v, "an array of paths")
	}
	ps := make(PathSet, len(paths))
	for i, pv := range paths {
		at := "[" + strconv.Itoa(i) + "]"
		steps, ok := pv.([]any)
		if !ok {
			return nil, prefixPath(wrongJSONType(pv, "an array of steps"), at)
		}
		ps[i] = make(Path, len(steps))
		for j, sv := range steps {
			s, err := pathStepFromJSON(sv)
			if err != nil {
				return nil, prefixPath(err, at+"["+strconv.Itoa(j)+"]")
			}
			ps[i][j] = s
		}
	}
	if err := ps.validate(); err != nil {
		return nil, err
	}
	return ps, nil
}

// pathStepFromJSON converts one path step object.
func pathStepFromJSON(v any) (PathStep, error) {
	var s PathStep
	m, ok := v.(map[string]any)
	if !ok {
		return s, wrongJSONType(v, "an object")
	}
	for _, part := range [...]struct {
		key string
		bit uint8
	}{{"account", PathAccount}, {"currency", PathCurrency}, {"issuer", PathIssuer}} {
		pv, present := m[part.key]
		if !present {
			continue
		}
		text, ok := pv.(string)
		if !ok {
			return s, prefixPath(wrongJSONType(pv, "a string"), part.key)
		}
		var err error
		switch part.bit {
		case PathAccount:
			s.Account, err = accountFromJSON(text)
		case PathCurrency:
			s.Currency, err = ParseCurrency(text)
		case PathIssuer:
			s.Issuer, err = accountFromJSON(text)
		}
		if err != nil {
			return s, newError(ErrBadValue, part.key, -1, err.Error())
		}
		s.Type |= part.bit
	}
	return s, nil
}
