package ledger

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/sqledger/sqledger/protocol/tx"
)

// Column is one column definition of a table's Raw (ChainSQL's raw.rst):
// only these keys are allowed.
type Column struct {
	Field      string          `json:"field"`
	Type       string          `json:"type"`
	Length     *int64          `json:"length,omitempty"`
	Accuracy   *int64          `json:"accuracy,omitempty"`
	PK         *int64          `json:"PK,omitempty"`
	NN         *int64          `json:"NN,omitempty"`
	UQ         *int64          `json:"UQ,omitempty"`
	Index      *int64          `json:"index,omitempty"`
	Default    json.RawMessage `json:"default,omitempty"`
	FK         *int64          `json:"FK,omitempty"`
	References *References     `json:"REFERENCES,omitempty"`
}

// References is a foreign key's target.
type References struct {
	Table string `json:"table"`
	Field string `json:"field"`
}

// columnKeys are the keys a column definition may carry.
var columnKeys = map[string]bool{
	"field": true, "type": true, "length": true, "accuracy": true, "PK": true, "NN": true,
	"UQ": true, "index": true, "default": true, "FK": true, "REFERENCES": true,
}

// columnTypes are the column types ChainSQL accepts (case-insensitive).
var columnTypes = map[string]bool{
	"int": true, "integer": true, "float": true, "double": true, "decimal": true, "varchar": true,
	"char": true, "text": true, "longtext": true, "blob": true, "datetime": true, "date": true,
}

// identifier is a column or index name: ChainSQL rejects names with
// special characters.
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// RawError is why a Raw was refused, in ChainSQL's words where it has
// them.
type RawError struct{ Msg string }

func (e *RawError) Error() string { return e.Msg }

func rawErrorf(format string, args ...any) *RawError {
	return &RawError{Msg: fmt.Sprintf(format, args...)}
}

// decodeArray parses a Raw that must be a JSON array of objects, keeping
// each object's members in their raw form.
func decodeArray(raw []byte) ([]map[string]json.RawMessage, error) {
	var arr []json.RawMessage
	if err := json.Unmarshal(raw, &arr); err != nil {
		return nil, rawErrorf("Raw is not a JSON array: %v", err)
	}
	out := make([]map[string]json.RawMessage, len(arr))
	for i, el := range arr {
		if err := json.Unmarshal(el, &out[i]); err != nil || out[i] == nil {
			return nil, rawErrorf("Raw element %d is not a JSON object", i)
		}
	}
	return out, nil
}

// ParseColumns parses and checks the column definitions of a create,
// recreate, add-fields or modify-fields Raw.
func ParseColumns(raw []byte) ([]Column, error) {
	objs, err := decodeArray(raw)
	if err != nil {
		return nil, err
	}
	if len(objs) == 0 {
		return nil, rawErrorf("Raw has no column")
	}
	cols := make([]Column, len(objs))
	seen := make(map[string]bool, len(objs))
	for i, obj := range objs {
		for k := range obj {
			if !columnKeys[k] {
				return nil, rawErrorf("key word : %s is not support", k)
			}
		}
		dec := json.NewDecoder(bytes.NewReader(mustMarshal(obj)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cols[i]); err != nil {
			return nil, rawErrorf("column %d: %v", i, err)
		}
		c := &cols[i]
		if !identifier.MatchString(c.Field) {
			return nil, rawErrorf("field name %q is invalid", c.Field)
		}
		if seen[strings.ToLower(c.Field)] {
			return nil, rawErrorf("field %s is defined twice", c.Field)
		}
		seen[strings.ToLower(c.Field)] = true
		if !columnTypes[strings.ToLower(c.Type)] {
			return nil, rawErrorf("type : %s is not support", c.Type)
		}
		if c.Length != nil && *c.Length <= 0 || c.Accuracy != nil && *c.Accuracy < 0 {
			return nil, rawErrorf("field %s: length and accuracy must be positive", c.Field)
		}
		if c.References != nil && (!identifier.MatchString(c.References.Field) || c.References.Table == "") {
			return nil, rawErrorf("field %s: bad REFERENCES", c.Field)
		}
	}
	return cols, nil
}

// parseFieldNames parses a delete-fields Raw: [{"field":"age"},…].
func parseFieldNames(raw []byte) ([]string, error) {
	objs, err := decodeArray(raw)
	if err != nil {
		return nil, err
	}
	if len(objs) == 0 {
		return nil, rawErrorf("Raw has no field")
	}
	names := make([]string, len(objs))
	for i, obj := range objs {
		var f string
		if json.Unmarshal(obj["field"], &f) != nil || len(obj) != 1 || !identifier.MatchString(f) {
			return nil, rawErrorf("element %d must be {\"field\":name}", i)
		}
		names[i] = f
	}
	return names, nil
}

// parseIndex parses a create-index Raw ([{"index":name},{"field":a},…])
// or, with fields false, a drop-index Raw ([{"index":name}]).
func parseIndex(raw []byte, fields bool) (string, []string, error) {
	objs, err := decodeArray(raw)
	if err != nil {
		return "", nil, err
	}
	var name string
	if len(objs) == 0 || json.Unmarshal(objs[0]["index"], &name) != nil || len(objs[0]) != 1 || !identifier.MatchString(name) {
		return "", nil, rawErrorf("the first element must be {\"index\":name}")
	}
	if !fields {
		if len(objs) != 1 {
			return "", nil, rawErrorf("drop index takes only {\"index\":name}")
		}
		return name, nil, nil
	}
	if len(objs) < 2 {
		return "", nil, rawErrorf("an index needs at least one field")
	}
	cols, err := parseFieldNames(mustMarshal(objs[1:]))
	return name, cols, err
}

// parseGrant parses a grant Raw, [{"select":true,"insert":false,…}],
// into the flags it sets and clears (keys it does not name keep their
// previous value).
func parseGrant(raw []byte) (set, clear uint32, err error) {
	objs, err := decodeArray(raw)
	if err != nil || len(objs) == 0 {
		return 0, 0, rawErrorf("grant Raw must be [{\"select\":true,…}]")
	}
	flags := map[string]uint32{"select": PermSelect, "insert": PermInsert, "update": PermUpdate, "delete": PermDelete, "execute": PermExecute}
	for _, obj := range objs {
		for k, v := range obj {
			f, ok := flags[k]
			var b bool
			if !ok || json.Unmarshal(v, &b) != nil {
				return 0, 0, rawErrorf("grant key %s is not support", k)
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

// checkStatementRaw checks the shape of an insert, update, delete or
// assert Raw (raw.rst): insert is a non-empty array of row objects;
// update a set object then conditions; delete conditions (may be empty);
// assert an array of objects.
func checkStatementRaw(op tx.OpType, raw []byte) error {
	objs, err := decodeArray(raw)
	if err != nil {
		return err
	}
	switch op {
	case tx.OpInsert:
		if len(objs) == 0 {
			return rawErrorf("insert needs at least one row")
		}
		for i, row := range objs {
			if len(row) == 0 {
				return rawErrorf("row %d is empty", i)
			}
			for k := range row {
				if !identifier.MatchString(k) {
					return rawErrorf("field name %q is invalid", k)
				}
			}
		}
	case tx.OpUpdate:
		if len(objs) == 0 || len(objs[0]) == 0 {
			return rawErrorf("update needs the values to set")
		}
		for k := range objs[0] {
			if !identifier.MatchString(k) {
				return rawErrorf("field name %q is invalid", k)
			}
		}
	case tx.OpAssert:
		if len(objs) == 0 {
			return rawErrorf("assert needs a condition")
		}
	}
	return nil
}

func mustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Values here come from json.Unmarshal and always marshal.
		panic(fmt.Errorf("ledger: re-marshal raw JSON: %w", err))
	}
	return b
}
