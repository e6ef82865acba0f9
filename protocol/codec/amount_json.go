package codec

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// amountFromJSON reads an amount as rippled's amountFromJson does:
//
//	"1000"                       native drops (also a JSON integer)
//	{"value","currency","issuer"} issued; value a decimal string or integer
//	"1.5/USD/z…"                 issued, in one string (also split on
//	                             spaces, tabs, newlines and commas)
//	["1.5","USD","z…"]           issued, as an array
//
// A currency of "" or "ZXC" makes the amount native; a native amount may
// not be given as an object and must be integral drops within
// ±MaxNativeDrops.
func amountFromJSON(v any) (Amount, error) {
	var value, currency, issuer any
	isObject := false
	switch x := v.(type) {
	case map[string]any:
		value, currency, issuer, isObject = x["value"], x["currency"], x["issuer"], true
	case []any:
		for i, p := range []*any{&value, &currency, &issuer} {
			if i < len(x) {
				*p = x[i]
			}
		}
	case string:
		parts := strings.FieldsFunc(x, func(r rune) bool { return strings.ContainsRune("\t\n\r ,/", r) })
		if len(parts) > 3 {
			return Amount{}, newError(ErrBadValue, "", -1, "amount string with more than three parts")
		}
		value = ""
		if len(parts) > 0 {
			value = parts[0]
		}
		if len(parts) > 1 {
			currency = parts[1]
		}
		if len(parts) > 2 {
			issuer = parts[2]
		}
	default:
		value = v
	}
	code, _ := currency.(string)
	if code == "" || code == NativeCode {
		if isObject {
			return Amount{}, newError(ErrBadValue, "", -1, "ZXC may not be specified as an object")
		}
		return nativeFromJSON(value)
	}
	return issuedFromJSON(value, code, issuer)
}

// nativeFromJSON reads drops from a decimal string or an integer.
func nativeFromJSON(value any) (Amount, error) {
	switch x := value.(type) {
	case string:
		d, fraction, err := parseDecimal(x)
		if err == nil && fraction {
			err = errNativeFraction
		}
		if err != nil {
			return Amount{}, newError(ErrBadValue, "", -1, err.Error())
		}
		drops, err := d.drops()
		if err != nil {
			return Amount{}, newError(ErrBadValue, "", -1, err.Error())
		}
		return Amount{mantissa: drops, negative: d.neg && drops != 0}, nil
	}
	i, err := jsonInt(value)
	if err != nil {
		return Amount{}, err
	}
	a := NativeAmount(i)
	if !a.validNative() {
		return Amount{}, newError(ErrBadValue, "", -1, errNativeRange.Error())
	}
	return a, nil
}

// issuedFromJSON reads an issued amount's parts.
func issuedFromJSON(value any, code string, issuer any) (Amount, error) {
	c, err := ParseCurrency(code)
	if err != nil {
		return Amount{}, newError(ErrBadValue, "currency", -1, err.Error())
	}
	is, ok := issuer.(string)
	if !ok {
		return Amount{}, newError(ErrBadValue, "issuer", -1, "missing or not a string")
	}
	acct, err := accountFromJSON(is)
	if err != nil {
		return Amount{}, prefixPath(err, "issuer")
	}
	text, ok := value.(string)
	if !ok {
		i, err := jsonInt(value)
		if err != nil {
			return Amount{}, prefixPath(err, "value")
		}
		text = strconv.FormatInt(i, 10)
	}
	a, err := IssuedAmount(text, c, acct)
	if err != nil {
		return Amount{}, prefixPath(err, "value")
	}
	return a, nil
}

// jsonInt reads a JSON integer (an amount given as a number).
func jsonInt(v any) (int64, error) {
	switch x := v.(type) {
	case json.Number:
		i, err := strconv.ParseInt(string(x), 10, 64)
		if err != nil {
			return 0, newError(ErrBadValue, "", -1, string(x)+" is not an integer")
		}
		return i, nil
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > maxExactFloat {
			return 0, newError(ErrBadValue, "", -1, strconv.FormatFloat(x, 'g', -1, 64)+" is not an integer below 2^53")
		}
		return int64(x), nil
	case int:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case int64:
		return x, nil
	}
	if u, ok := goUint(v, math.MaxInt64); ok {
		return int64(u), nil
	}
	if _, unsigned := goUint(v, math.MaxUint64); unsigned {
		return 0, newError(ErrBadValue, "", -1, "integer out of range")
	}
	return 0, wrongJSONType(v, "a string or an integer")
}

// MarshalJSON writes the amount as in transaction JSON: a string of drops,
// or {"currency","issuer","value"}.
func (a Amount) MarshalJSON() ([]byte, error) {
	f := field{def: fields.byName["Amount"], b: a.appendBinary(nil)}
	return f.appendJSON(nil), nil
}

// UnmarshalJSON reads any form amountFromJSON accepts.
func (a *Amount) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return newError(ErrBadValue, "", -1, "JSON: "+err.Error())
	}
	x, err := amountFromJSON(v)
	if err != nil {
		return err
	}
	*a = x
	return nil
}
