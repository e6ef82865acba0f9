package tableop

import (
	"encoding/json"

	"github.com/sqledger/sqledger/protocol/tx"
)

// Raw is the Raw of one table operation, parsed once for its OpType:
// the JSON value, the grammar's verdict, and what the operation's
// grammar makes of it (the package manual has the table). It is
// immutable.
type Raw struct {
	text    []byte
	doc     Value
	jsonErr error // why the text is not JSON, or nests too deep
	err     *Error
	schema  *rawSchema
}

// rawSchema is what the Raw of a schema, index or grant operation says.
type rawSchema struct {
	cols       []Column
	fields     []string
	index      string
	set, clear uint32
}

// ParseRaw parses raw as the Raw of an operation of type op. Every Raw a
// transaction carries is parsed once, when the transaction is (Of);
// ParseRaw is for a Raw that comes from elsewhere, such as the create's
// Raw a recreate replays.
func ParseRaw(op tx.OpType, raw []byte) *Raw {
	r := new(Raw)
	r.parse(op, raw)
	return r
}

func (r *Raw) parse(op tx.OpType, raw []byte) {
	parses.Add(1)
	r.text = raw
	var depth int
	r.doc, depth, r.jsonErr = decode(raw)
	if r.jsonErr == nil && depth > MaxDepth {
		r.jsonErr = errTooDeep
	}
	objs, err := r.objects()
	switch op {
	case tx.OpGrant:
		r.schema = new(rawSchema)
		r.schema.set, r.schema.clear, err = parseGrant(objs, err)
	case tx.OpCreate, tx.OpRecreate, tx.OpAddFields, tx.OpModifyFields:
		r.schema = new(rawSchema)
		if err == nil {
			r.schema.cols, err = parseColumns(objs)
		}
	case tx.OpDeleteFields:
		r.schema = new(rawSchema)
		if err == nil {
			r.schema.fields, err = fieldNames(objs)
		}
	case tx.OpCreateIndex, tx.OpDeleteIndex:
		r.schema = new(rawSchema)
		if err == nil {
			r.schema.index, r.schema.fields, err = parseIndex(objs, op == tx.OpCreateIndex)
		}
	default:
		if err == nil {
			err = checkStatement(op, objs)
		}
	}
	r.err = err
}

// Bytes returns the Raw as the transaction carries it (nil: none).
func (r *Raw) Bytes() []byte { return r.text }

// JSON returns the Raw's JSON value, or why it is not JSON in
// encoding/json's words (or nests deeper than MaxDepth).
func (r *Raw) JSON() (Value, error) {
	if r.jsonErr != nil {
		return Value{}, r.jsonErr
	}
	return r.doc, nil
}

// Err returns why the operation's grammar refuses the Raw (an *Error,
// the detail of temBAD_RAW or temMALFORMED), or nil.
func (r *Raw) Err() error {
	if r.err == nil {
		return nil
	}
	return r.err
}

// Columns returns the column definitions of a create, recreate, add or
// modify fields.
func (r *Raw) Columns() []Column { return r.result().cols }

// Fields returns the fields a delete fields or a create index names.
func (r *Raw) Fields() []string { return r.result().fields }

// Index returns the index a create or delete index names.
func (r *Raw) Index() string { return r.result().index }

// Grant returns the permission flags a grant sets and clears; flags it
// does not name keep their value.
func (r *Raw) Grant() (set, clear uint32) { return r.result().set, r.result().clear }

var noSchema rawSchema

func (r *Raw) result() *rawSchema {
	if r.schema == nil {
		return &noSchema
	}
	return r.schema
}

// Objects returns the Raw's elements as the ledger reads every Raw: a
// JSON array of objects (null reads as none), or why it is not one.
func (r *Raw) Objects() ([]Value, error) {
	objs, err := r.objects()
	if err != nil {
		return nil, err
	}
	return objs, nil
}

func (r *Raw) objects() ([]Value, *Error) {
	if r.jsonErr != nil && r.jsonErr != errTooDeep || r.doc.kind != Array && r.doc.kind != Null {
		var arr []json.RawMessage
		return nil, errorf("Raw is not a JSON array: %v", json.Unmarshal(r.text, &arr))
	}
	for i, el := range r.doc.arr {
		if el.kind != Object {
			return nil, errorf("Raw element %d is not a JSON object", i)
		}
	}
	return r.doc.arr, nil
}

// checkStatement checks the shape of an insert, update, delete or assert
// Raw: insert is a non-empty array of non-empty rows whose keys are
// identifiers; update a non-empty set object (identifier keys), then
// conditions; delete conditions, maybe none; assert at least one object.
func checkStatement(op tx.OpType, objs []Value) *Error {
	switch op {
	case tx.OpInsert:
		if len(objs) == 0 {
			return errorf("insert needs at least one row")
		}
		for i, row := range objs {
			if len(row.obj) == 0 {
				return errorf("row %d is empty", i)
			}
			if err := checkKeys(row); err != nil {
				return err
			}
		}
	case tx.OpUpdate:
		if len(objs) == 0 || len(objs[0].obj) == 0 {
			return errorf("update needs the values to set")
		}
		return checkKeys(objs[0])
	case tx.OpAssert:
		if len(objs) == 0 {
			return errorf("assert needs a condition")
		}
	}
	return nil
}

// checkKeys checks that a row's (or a set's) keys are identifiers.
func checkKeys(row Value) *Error {
	for _, m := range row.obj {
		if !IsIdent(m.Key) {
			return nameError("field", m.Key, "field name %q is invalid", m.Key)
		}
	}
	return nil
}

// fieldNames reads [{"field":name}…]: at least one, each exactly that.
func fieldNames(objs []Value) ([]string, *Error) {
	if len(objs) == 0 {
		return nil, errorf("Raw has no field")
	}
	names := make([]string, len(objs))
	for i, obj := range objs {
		name, err := only(obj, "field", "element %d must be {\"field\":name}", i)
		if err != nil {
			return nil, err
		}
		names[i] = name
	}
	return names, nil
}

// parseIndex reads a create-index Raw ([{"index":name},{"field":a},…])
// or, with fields false, a drop-index Raw ([{"index":name}]).
func parseIndex(objs []Value, fields bool) (string, []string, *Error) {
	if len(objs) == 0 {
		return "", nil, errorf("the first element must be {\"index\":name}")
	}
	name, err := only(objs[0], "index", "the first element must be {\"index\":name}")
	if err != nil {
		return "", nil, err
	}
	if !fields {
		if len(objs) != 1 {
			return "", nil, errorf("drop index takes only {\"index\":name}")
		}
		return name, nil, nil
	}
	if len(objs) < 2 {
		return "", nil, errorf("an index needs at least one field")
	}
	names, err := fieldNames(objs[1:])
	return name, names, err
}

// only reads an object that must be exactly {key: name}, name an
// identifier; format words the refusal.
func only(obj Value, key, format string, args ...any) (string, *Error) {
	v, ok := obj.Get(key)
	if !ok || len(obj.obj) != 1 || v.kind != String {
		// A null would read as "", which is no name either.
		return "", errorf(format, args...)
	}
	if !IsIdent(v.s) {
		return "", nameError(key, v.s, format, args...)
	}
	return v.s, nil
}
