package tableop_test

// The parsers protocol/tableop replaced, kept as the oracle the new ones
// must agree with (ledger/raw.go and projections/json.go before the
// move). The old ones ranged over maps; here the keys are taken in
// order, which is the order tableop takes them in.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
)

type oColumn = tableop.Column

var oColumnKeys = map[string]bool{
	"field": true, "type": true, "length": true, "accuracy": true, "PK": true, "NN": true,
	"UQ": true, "index": true, "default": true, "FK": true, "REFERENCES": true,
}

var oColumnTypes = map[string]bool{
	"int": true, "integer": true, "float": true, "double": true, "decimal": true, "varchar": true,
	"char": true, "text": true, "longtext": true, "blob": true, "datetime": true, "date": true,
}

var oIdentifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

func oErrorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func oDecodeArray(raw []byte) ([]map[string]json.RawMessage, error) {
	var arr []json.RawMessage
	if err := json.Unmarshal(raw, &arr); err != nil {
		return nil, oErrorf("Raw is not a JSON array: %v", err)
	}
	out := make([]map[string]json.RawMessage, len(arr))
	for i, el := range arr {
		if err := json.Unmarshal(el, &out[i]); err != nil || out[i] == nil {
			return nil, oErrorf("Raw element %d is not a JSON object", i)
		}
	}
	return out, nil
}

func oMustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func oParseColumns(raw []byte) ([]oColumn, error) {
	objs, err := oDecodeArray(raw)
	if err != nil {
		return nil, err
	}
	if len(objs) == 0 {
		return nil, oErrorf("Raw has no column")
	}
	cols := make([]oColumn, len(objs))
	seen := make(map[string]bool, len(objs))
	for i, obj := range objs {
		for _, k := range sortedKeys(obj) {
			if !oColumnKeys[k] {
				return nil, oErrorf("key word : %s is not support", k)
			}
		}
		dec := json.NewDecoder(bytes.NewReader(oMustMarshal(obj)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cols[i]); err != nil {
			return nil, oErrorf("column %d: %v", i, err)
		}
		c := &cols[i]
		if !oIdentifier.MatchString(c.Field) {
			return nil, oErrorf("field name %q is invalid", c.Field)
		}
		if seen[strings.ToLower(c.Field)] {
			return nil, oErrorf("field %s is defined twice", c.Field)
		}
		seen[strings.ToLower(c.Field)] = true
		if !oColumnTypes[strings.ToLower(c.Type)] {
			return nil, oErrorf("type : %s is not support", c.Type)
		}
		if c.Length != nil && *c.Length <= 0 || c.Accuracy != nil && *c.Accuracy < 0 {
			return nil, oErrorf("field %s: length and accuracy must be positive", c.Field)
		}
		if c.References != nil && (!oIdentifier.MatchString(c.References.Field) || c.References.Table == "") {
			return nil, oErrorf("field %s: bad REFERENCES", c.Field)
		}
	}
	return cols, nil
}

func oParseFieldNames(raw []byte) ([]string, error) {
	objs, err := oDecodeArray(raw)
	if err != nil {
		return nil, err
	}
	if len(objs) == 0 {
		return nil, oErrorf("Raw has no field")
	}
	names := make([]string, len(objs))
	for i, obj := range objs {
		var f string
		if json.Unmarshal(obj["field"], &f) != nil || len(obj) != 1 || !oIdentifier.MatchString(f) {
			return nil, oErrorf("element %d must be {\"field\":name}", i)
		}
		names[i] = f
	}
	return names, nil
}

func oParseIndex(raw []byte, fields bool) (string, []string, error) {
	objs, err := oDecodeArray(raw)
	if err != nil {
		return "", nil, err
	}
	var name string
	if len(objs) == 0 || json.Unmarshal(objs[0]["index"], &name) != nil || len(objs[0]) != 1 || !oIdentifier.MatchString(name) {
		return "", nil, oErrorf("the first element must be {\"index\":name}")
	}
	if !fields {
		if len(objs) != 1 {
			return "", nil, oErrorf("drop index takes only {\"index\":name}")
		}
		return name, nil, nil
	}
	if len(objs) < 2 {
		return "", nil, oErrorf("an index needs at least one field")
	}
	cols, err := oParseFieldNames(oMustMarshal(objs[1:]))
	return name, cols, err
}

func oParseGrant(raw []byte) (set, clear uint32, err error) {
	objs, err := oDecodeArray(raw)
	if err != nil || len(objs) == 0 {
		return 0, 0, oErrorf("grant Raw must be [{\"select\":true,…}]")
	}
	flags := map[string]uint32{"select": tableop.PermSelect, "insert": tableop.PermInsert, "update": tableop.PermUpdate, "delete": tableop.PermDelete, "execute": tableop.PermExecute}
	for _, obj := range objs {
		for _, k := range sortedKeys(obj) {
			v := obj[k]
			f, ok := flags[k]
			var b bool
			if !ok || json.Unmarshal(v, &b) != nil {
				return 0, 0, oErrorf("grant key %s is not support", k)
			}
			if b {
				set |= f
				clear &^= f
			} else {
				clear |= f
				set &^= f
			}
		}
	}
	return set, clear, nil
}

func oCheckStatementRaw(op tx.OpType, raw []byte) error {
	objs, err := oDecodeArray(raw)
	if err != nil {
		return err
	}
	switch op {
	case tx.OpInsert:
		if len(objs) == 0 {
			return oErrorf("insert needs at least one row")
		}
		for i, row := range objs {
			if len(row) == 0 {
				return oErrorf("row %d is empty", i)
			}
			for _, k := range sortedKeys(row) {
				if !oIdentifier.MatchString(k) {
					return oErrorf("field name %q is invalid", k)
				}
			}
		}
	case tx.OpUpdate:
		if len(objs) == 0 || len(objs[0]) == 0 {
			return oErrorf("update needs the values to set")
		}
		for _, k := range sortedKeys(objs[0]) {
			if !oIdentifier.MatchString(k) {
				return oErrorf("field name %q is invalid", k)
			}
		}
	case tx.OpAssert:
		if len(objs) == 0 {
			return oErrorf("assert needs a condition")
		}
	}
	return nil
}

// oCheckFits is ledger.CheckFits before the move, on a table of cols
// named name.
func oCheckFits(cols []oColumn, name string, raw []byte) error {
	known := make(map[string]bool, len(cols))
	for _, c := range cols {
		known[strings.ToLower(c.Field)] = true
	}
	objs, err := oDecodeArray(raw)
	if err != nil {
		return err
	}
	for _, obj := range objs {
		for _, k := range sortedKeys(obj) {
			v := obj[k]
			if strings.HasPrefix(k, "$") {
				var nested []map[string]json.RawMessage
				if (k == "$and" || k == "$or") && json.Unmarshal(v, &nested) == nil {
					for _, n := range nested {
						for _, nk := range sortedKeys(n) {
							if !strings.HasPrefix(nk, "$") && !known[strings.ToLower(nk)] {
								return oErrorf("field %s does not exist", nk)
							}
						}
					}
				}
				continue
			}
			if !known[strings.ToLower(k)] {
				return oErrorf("field %s does not exist in table %s", k, name)
			}
		}
	}
	return nil
}

func oValidRule(rule []byte) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(rule, &m) != nil {
		return false
	}
	for _, k := range []string{"Insert", "Update", "Delete", "Get"} {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// oParseJSON is projections' parseJSON before the move, rendering the
// value as its text.
func oParseJSON(data []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return "", errors.New("unexpected data after the JSON value")
	}
	var b strings.Builder
	if err := oWrite(&b, v, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

func oWrite(b *strings.Builder, v any, depth int) error {
	if depth > 32 {
		return fmt.Errorf("JSON nested deeper than %d levels", 32)
	}
	switch t := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(t))
	case json.Number:
		b.WriteString(t.String())
	case string:
		s, _ := json.Marshal(t)
		b.Write(s)
	case []any:
		b.WriteByte('[')
		for i, el := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := oWrite(b, el, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case map[string]any:
		b.WriteByte('{')
		for i, k := range sortedKeys(t) {
			if i > 0 {
				b.WriteByte(',')
			}
			s, _ := json.Marshal(k)
			b.Write(s)
			b.WriteByte(':')
			if err := oWrite(b, t[k], depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	}
	return nil
}

// oInt is jvalue.int before the move.
func oInt(num string) (int64, bool) {
	if n, err := strconv.ParseInt(num, 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int64(f), true
}
