package tableop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Column is one column definition of a create, recreate, add-fields or
// modify-fields Raw (ChainSQL's raw.rst), as the definition wrote it.
// Marshalled with encoding/json it is the canonical form the ledger
// keeps in a table's entry (and so in the state hash): the keys in this
// order, only those given. The methods read it as chainsqld's SQL layer
// does.
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

// columnKeys are the keys a column definition may carry; chainsqld
// answers any other with "key word : X is not support".
var columnKeys = map[string]bool{
	"field": true, "type": true, "length": true, "accuracy": true, "PK": true, "NN": true,
	"UQ": true, "index": true, "default": true, "FK": true, "REFERENCES": true,
}

// columnTypes are the column types ChainSQL accepts, in lower case (a
// definition may write them in any case).
var columnTypes = map[string]bool{
	"int": true, "integer": true, "float": true, "double": true, "decimal": true, "varchar": true,
	"char": true, "text": true, "longtext": true, "blob": true, "datetime": true, "date": true,
}

// Decimal defaults: a decimal column without a length or an accuracy
// has these (chainsqld's).
const (
	DecimalLength   = 32
	DecimalAccuracy = 2
)

// Kind returns the column's type in lower case.
func (c *Column) Kind() string { return strings.ToLower(c.Type) }

// Size returns the column's length (0: none) and, for a decimal, its
// accuracy, with the decimal defaults; other types have no accuracy.
func (c *Column) Size() (length, accuracy int64) {
	if c.Length != nil {
		length = *c.Length
	}
	if c.Kind() != "decimal" {
		return length, 0
	}
	if length == 0 {
		length = DecimalLength
	}
	accuracy = DecimalAccuracy
	if c.Accuracy != nil {
		accuracy = *c.Accuracy
	}
	return length, accuracy
}

// IsPK, IsNN, IsUQ, IsIndexed and IsFK report whether the attribute is
// set: chainsqld tests asInt() == 1.
func (c *Column) IsPK() bool      { return isSet(c.PK) }
func (c *Column) IsNN() bool      { return isSet(c.NN) }
func (c *Column) IsUQ() bool      { return isSet(c.UQ) }
func (c *Column) IsIndexed() bool { return isSet(c.Index) }
func (c *Column) IsFK() bool      { return isSet(c.FK) }

func isSet(p *int64) bool { return p != nil && *p == 1 }

// FindColumn returns the position of the column named name
// (case-insensitively), or -1.
func FindColumn(cols []Column, name string) int {
	for i := range cols {
		if strings.EqualFold(cols[i].Field, name) {
			return i
		}
	}
	return -1
}

// MarshalColumns returns the canonical JSON of a schema: what a table's
// ledger entry holds.
func MarshalColumns(cols []Column) []byte {
	b, err := json.Marshal(cols)
	if err != nil {
		// Every field of a Column marshals; Default holds JSON that
		// parsing checked.
		panic(fmt.Errorf("tableop: marshal columns: %w", err))
	}
	return b
}

// parseColumns reads the column definitions of a Raw: a non-empty array
// of objects, each with only the column keys, a field name that is an
// identifier and defined once, a supported type, positive lengths and a
// REFERENCES naming a table and a field.
func parseColumns(objs []Value) ([]Column, *Error) {
	if len(objs) == 0 {
		return nil, errorf("Raw has no column")
	}
	cols := make([]Column, len(objs))
	for i, obj := range objs {
		if err := decodeColumn(i, obj, &cols[i]); err != nil {
			return nil, err
		}
		c := &cols[i]
		if !IsIdent(c.Field) {
			return nil, nameError("field", c.Field, "field name %q is invalid", c.Field)
		}
		for _, prev := range cols[:i] {
			if strings.EqualFold(prev.Field, c.Field) {
				return nil, errorf("field %s is defined twice", c.Field)
			}
		}
		if !columnTypes[c.Kind()] {
			return nil, errorf("type : %s is not support", c.Type)
		}
		if c.Length != nil && *c.Length <= 0 || c.Accuracy != nil && *c.Accuracy < 0 {
			return nil, errorf("field %s: length and accuracy must be positive", c.Field)
		}
		if c.References != nil && (!IsIdent(c.References.Field) || c.References.Table == "") {
			return nil, errorf("field %s: bad REFERENCES", c.Field)
		}
	}
	return cols, nil
}

// decodeColumn decodes column i from its definition: the keys must be
// column keys, and the values of the types Column gives them, in
// encoding/json's words (the definition re-marshalled with its keys in
// order, as the ledger has always decoded it).
func decodeColumn(i int, obj Value, c *Column) *Error {
	m := make(map[string]json.RawMessage, len(obj.obj))
	for _, mem := range obj.obj {
		if !columnKeys[mem.Key] {
			return errorf("key word : %s is not support", mem.Key)
		}
		m[mem.Key] = mem.Value.raw
	}
	text, err := json.Marshal(m)
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.DisallowUnknownFields()
		err = dec.Decode(c)
	}
	if err != nil {
		return errorf("column %d: %v", i, err)
	}
	return nil
}
