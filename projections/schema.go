package projections

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// Index is a named index made with create-index (OpType 17). Indexes made
// by a column's "index":1 are named after the column and live on the
// column.
type Index struct {
	Name   string   `json:"name"`
	Fields []string `json:"fields"`
}

// Schema is what the projection knows of one SQL table: its columns in
// order, as the store applied them (storeColumn), its named indexes, and
// the create's Raw, which recreate replays when its own transaction
// carries none.
type Schema struct {
	Columns   []tableop.Column
	Indexes   []Index
	CreateRaw string
	// OperationRule is the create's OperationRule ("": none), which the
	// store applies to the table's statements (oprule.go).
	OperationRule string
	rule          *tableop.Rule // OperationRule, parsed
}

// column returns the column named name (case-insensitively, as SQL
// names are), or -1.
func (s *Schema) column(name string) int { return tableop.FindColumn(s.Columns, name) }

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
	out := &Schema{CreateRaw: s.CreateRaw, OperationRule: s.OperationRule, rule: s.rule}
	out.Columns = append([]tableop.Column(nil), s.Columns...)
	out.Indexes = make([]Index, len(s.Indexes))
	for i, ix := range s.Indexes {
		out.Indexes[i] = Index{Name: ix.Name, Fields: append([]string(nil), ix.Fields...)}
	}
	return out
}

// maxSize bounds a column's length and accuracy.
const maxSize = 1 << 20

// storeColumns returns the column definitions of a create, recreate, add
// or modify fields as the store applies them, or why it refuses them:
// why the grammar refuses r (tableop), else chainsqld's SQL-side checks
// of each column.
func storeColumns(r *tableop.Raw) ([]tableop.Column, error) {
	doc, err := checked(r)
	if err != nil {
		return nil, err
	}
	cols := r.Columns()
	out := make([]tableop.Column, len(cols))
	for i := range cols {
		if out[i], err = storeColumn(&cols[i], doc.Elems()[i]); err != nil {
			return nil, fmt.Errorf("column %d: %w", i, err)
		}
	}
	return out, nil
}

// storeColumn returns a column as the store applies it: its type in
// lower case, its sizes decided and bounded (chainsqld's
// ParseFieldDefinitionAndAdd), its attributes set or absent, its default
// (a string, a number or null) as compact JSON, and its foreign key when
// FK is set and REFERENCES, read as jsoncpp reads it (its exact keys
// "table" and "field"), names a table and a field. def is the column's
// definition as the Raw wrote it.
func storeColumn(c *tableop.Column, def tableop.Value) (tableop.Column, error) {
	length, accuracy := c.Size()
	for _, size := range []struct {
		key string
		n   int64
	}{{"length", length}, {"accuracy", accuracy}} {
		if size.n > maxSize {
			return tableop.Column{}, stmtErrorf("%s must be a non-negative integer, not %d", size.key, size.n)
		}
	}
	out := tableop.Column{Field: c.Field, Type: c.Kind(), PK: flag(c.IsPK()), NN: flag(c.IsNN()), UQ: flag(c.IsUQ()), Index: flag(c.IsIndexed())}
	if length != 0 {
		out.Length = &length
	}
	if out.Type == "decimal" {
		out.Accuracy = &accuracy
	}
	if d, ok := def.Get("default"); ok {
		if k := d.Kind(); k != tableop.String && k != tableop.Number && k != tableop.Null {
			return tableop.Column{}, stmtErrorf("default of %s must be a string, a number or null", c.Field)
		}
		out.Default = json.RawMessage(d.Text())
	}
	if refs, ok := def.Get("REFERENCES"); ok && c.IsFK() {
		table, _ := refs.Get("table")
		field, _ := refs.Get("field")
		if table.Kind() != tableop.String || field.Kind() != tableop.String {
			return tableop.Column{}, stmtErrorf("There is no table or field in REFERENCES object.")
		}
		if err := checkIdent("REFERENCES table", table.Str()); err != nil {
			return tableop.Column{}, err
		}
		if err := checkIdent("REFERENCES field", field.Str()); err != nil {
			return tableop.Column{}, err
		}
		out.FK, out.References = flag(true), &tableop.References{Table: table.Str(), Field: field.Str()}
	}
	return out, nil
}

// storedSchema and storedColumn are a schema as sqledger_tables records
// it, the form this store has always written: a column's type in lower
// case, its sizes decided, its attributes as booleans, its default as
// JSON text, its foreign key as the table and field it references.
type storedSchema struct {
	Columns   []storedColumn `json:"columns"`
	Indexes   []Index        `json:"indexes"`
	CreateRaw string         `json:"create_raw"`
	// OperationRule is left out when empty, so that a table without one
	// keeps the form (and the Digest) it always had.
	OperationRule string `json:"operation_rule,omitempty"`
}

type storedColumn struct {
	Field    string `json:"field"`
	Type     string `json:"type"`
	Length   int64  `json:"length,omitempty"`
	Accuracy int64  `json:"accuracy,omitempty"`
	PK       bool   `json:"pk,omitempty"`
	NN       bool   `json:"nn,omitempty"`
	UQ       bool   `json:"uq,omitempty"`
	Index    bool   `json:"index,omitempty"`
	Default  string `json:"default,omitempty"`
	RefTable string `json:"ref_table,omitempty"`
	RefField string `json:"ref_field,omitempty"`
}

// encode returns the schema's stored form.
func (s *Schema) encode() (string, error) {
	st := storedSchema{Indexes: s.Indexes, CreateRaw: s.CreateRaw, OperationRule: s.OperationRule}
	if s.Columns != nil {
		st.Columns = make([]storedColumn, len(s.Columns))
	}
	for i := range s.Columns {
		c := &s.Columns[i]
		length, accuracy := c.Size()
		st.Columns[i] = storedColumn{
			Field: c.Field, Type: c.Kind(), Length: length, Accuracy: accuracy,
			PK: c.IsPK(), NN: c.IsNN(), UQ: c.IsUQ(), Index: c.IsIndexed(), Default: string(c.Default),
		}
		if c.References != nil {
			st.Columns[i].RefTable, st.Columns[i].RefField = c.References.Table, c.References.Field
		}
	}
	b, err := json.Marshal(st)
	if err != nil {
		return "", fmt.Errorf("encode schema: %w", err)
	}
	return string(b), nil
}

// decodeSchema parses a stored schema.
func decodeSchema(text string) (*Schema, error) {
	var st storedSchema
	if err := json.Unmarshal([]byte(text), &st); err != nil {
		return nil, fmt.Errorf("%w: schema: %w", ErrCorrupt, err)
	}
	s := &Schema{Indexes: st.Indexes, CreateRaw: st.CreateRaw}
	if err := s.setRule([]byte(st.OperationRule)); err != nil {
		return nil, fmt.Errorf("%w: schema: %w", ErrCorrupt, err)
	}
	if st.Columns != nil {
		s.Columns = make([]tableop.Column, len(st.Columns))
	}
	for i, sc := range st.Columns {
		c := tableop.Column{Field: sc.Field, Type: sc.Type, PK: flag(sc.PK), NN: flag(sc.NN), UQ: flag(sc.UQ), Index: flag(sc.Index)}
		if sc.Length != 0 {
			c.Length = &sc.Length
		}
		if sc.Type == "decimal" {
			c.Accuracy = &sc.Accuracy
		}
		if sc.Default != "" {
			c.Default = json.RawMessage(sc.Default)
		}
		if sc.RefTable != "" {
			c.FK, c.References = flag(true), &tableop.References{Table: sc.RefTable, Field: sc.RefField}
		}
		s.Columns[i] = c
	}
	return s, nil
}

// one is the value of a set column attribute.
var one = int64(1)

// flag returns a column attribute: set (1) or absent.
func flag(set bool) *int64 {
	if set {
		return &one
	}
	return nil
}
