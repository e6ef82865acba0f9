package projections

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Column is one column of a table, as a create, recreate, add-fields or
// modify-fields Raw defines it (chainsqld's ParseFieldDefinitionAndAdd).
type Column struct {
	Field    string `json:"field"`
	Type     string `json:"type"` // lowercase ChainSQL type: int, varchar, decimal…
	Length   int64  `json:"length,omitempty"`
	Accuracy int64  `json:"accuracy,omitempty"`
	PK       bool   `json:"pk,omitempty"`
	NN       bool   `json:"nn,omitempty"`
	UQ       bool   `json:"uq,omitempty"`
	Index    bool   `json:"index,omitempty"`
	// Default is the default value as JSON text (a string, a number or
	// null); empty when the column has none. Defaults are filled in by
	// the projection, as bound arguments, never written into the DDL.
	Default string `json:"default,omitempty"`
	// RefTable and RefField are a foreign key's target (FK with
	// REFERENCES), recorded in the DDL and not enforced.
	RefTable string `json:"ref_table,omitempty"`
	RefField string `json:"ref_field,omitempty"`
}

// Index is a named index made with create-index (OpType 17). Indexes made
// by a column's "index":1 are named after the column and live on the
// Column.
type Index struct {
	Name   string   `json:"name"`
	Fields []string `json:"fields"`
}

// Schema is what the projection knows of one SQL table: its columns in
// order, its named indexes, and the create's Raw, which recreate replays
// when its own transaction carries none.
type Schema struct {
	Columns   []Column `json:"columns"`
	Indexes   []Index  `json:"indexes"`
	CreateRaw string   `json:"create_raw"`
}

// columnKeys are the keys a column definition may carry; chainsqld
// answers any other with "key word : X is not support".
var columnKeys = map[string]bool{
	"field": true, "type": true, "length": true, "accuracy": true, "PK": true, "NN": true,
	"UQ": true, "index": true, "default": true, "FK": true, "REFERENCES": true,
}

// sqliteTypes maps ChainSQL's column types to the SQLite type chainsqld's
// SQLite dialect gives them (DisposeSqlite): TEXT, BLOB, INTEGER, REAL or
// NUMERIC. Lengths are recorded in the schema but, as in chainsqld's
// SQLite dialect, not enforced.
var sqliteTypes = map[string]string{
	"int":      "INTEGER",
	"integer":  "INTEGER",
	"float":    "REAL",
	"double":   "REAL",
	"decimal":  "REAL",
	"varchar":  "TEXT",
	"char":     "TEXT",
	"text":     "TEXT",
	"longtext": "TEXT",
	"blob":     "BLOB",
	"datetime": "NUMERIC",
	"date":     "NUMERIC",
}

// parseColumns parses the column definitions of a create, recreate,
// add-fields or modify-fields Raw: a non-empty array of objects.
func parseColumns(raw jvalue) ([]Column, error) {
	if raw.kind != jArray || len(raw.arr) == 0 {
		return nil, stmtErrorf("Raw must be a non-empty array of column definitions")
	}
	cols := make([]Column, 0, len(raw.arr))
	seen := make(map[string]bool, len(raw.arr))
	for i, def := range raw.arr {
		c, err := parseColumn(def)
		if err != nil {
			return nil, fmt.Errorf("column %d: %w", i, err)
		}
		key := strings.ToLower(c.Field)
		if seen[key] {
			return nil, stmtErrorf("column %s is defined twice", c.Field)
		}
		seen[key] = true
		cols = append(cols, c)
	}
	return cols, nil
}

// parseColumn parses one column definition object.
func parseColumn(def jvalue) (Column, error) {
	var c Column
	if def.kind != jObject {
		return c, stmtErrorf("a column definition must be an object, not %s", def.kind)
	}
	for _, m := range def.obj {
		if !columnKeys[m.key] {
			return c, stmtErrorf("key word : %s is not support", m.key)
		}
	}
	field, _ := def.get("field")
	typ, _ := def.get("type")
	if field.kind != jString || typ.kind != jString {
		return c, stmtErrorf("both field and type are required strings")
	}
	if err := checkIdent("field", field.str); err != nil {
		return c, err
	}
	c.Field = field.str
	c.Type = strings.ToLower(typ.str)
	if _, ok := sqliteTypes[c.Type]; !ok {
		return c, stmtErrorf("type : %s is not support", typ.str)
	}
	var err error
	if c.Length, err = sizeAttr(def, "length", 0); err != nil {
		return c, err
	}
	if c.Type == "decimal" {
		if c.Length == 0 {
			c.Length = 32
		}
		if c.Accuracy, err = sizeAttr(def, "accuracy", 2); err != nil {
			return c, err
		}
	}
	for key, dst := range map[string]*bool{"PK": &c.PK, "NN": &c.NN, "UQ": &c.UQ, "index": &c.Index} {
		if v, ok := def.get(key); ok {
			*dst = v.flag()
		}
	}
	if v, ok := def.get("default"); ok {
		if v.kind != jString && v.kind != jNumber && v.kind != jNull {
			return c, stmtErrorf("default of %s must be a string, a number or null", c.Field)
		}
		c.Default = v.text()
	}
	fk, hasFK := def.get("FK")
	refs, hasRefs := def.get("REFERENCES")
	if hasFK && hasRefs && fk.flag() {
		table, _ := refs.get("table")
		field, _ := refs.get("field")
		if table.kind != jString || field.kind != jString {
			return c, stmtErrorf("There is no table or field in REFERENCES object.")
		}
		if err := checkIdent("REFERENCES table", table.str); err != nil {
			return c, err
		}
		if err := checkIdent("REFERENCES field", field.str); err != nil {
			return c, err
		}
		c.RefTable, c.RefField = table.str, field.str
	}
	return c, nil
}

// sizeAttr reads a non-negative integer attribute (length, accuracy).
func sizeAttr(def jvalue, key string, dflt int64) (int64, error) {
	v, ok := def.get(key)
	if !ok {
		return dflt, nil
	}
	n, isInt := v.int()
	if !isInt || n < 0 || n > 1<<20 {
		return 0, stmtErrorf("%s must be a non-negative integer, not %s", key, v.text())
	}
	return n, nil
}

// column returns the column named name (case-insensitively, as SQL
// names are), or -1.
func (s *Schema) column(name string) int {
	for i, c := range s.Columns {
		if strings.EqualFold(c.Field, name) {
			return i
		}
	}
	return -1
}

// indexNamed returns the position of the named index, or -1.
func (s *Schema) indexNamed(name string) int {
	for i, ix := range s.Indexes {
		if strings.EqualFold(ix.Name, name) {
			return i
		}
	}
	return -1
}

// clone returns a deep copy that can be changed without touching s.
func (s *Schema) clone() *Schema {
	out := &Schema{CreateRaw: s.CreateRaw}
	out.Columns = append([]Column(nil), s.Columns...)
	out.Indexes = make([]Index, len(s.Indexes))
	for i, ix := range s.Indexes {
		out.Indexes[i] = Index{Name: ix.Name, Fields: append([]string(nil), ix.Fields...)}
	}
	return out
}

// encode returns the schema's stored form.
func (s *Schema) encode() (string, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("encode schema: %w", err)
	}
	return string(b), nil
}

// decodeSchema parses a stored schema.
func decodeSchema(text string) (*Schema, error) {
	var s Schema
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		return nil, fmt.Errorf("%w: schema: %w", ErrCorrupt, err)
	}
	return &s, nil
}
