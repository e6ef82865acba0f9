package codec

import (
	"errors"
	"fmt"
	"sort"
)

// fieldDef is a field of the table with everything the codec derives from
// it once, at init: its sort key, its header bytes and its flags.
type fieldDef struct {
	name       string
	typ        Type
	nth        uint16
	code       uint32 // typ<<16 | nth: the canonical sort key
	header     [3]byte
	headerLen  uint8
	vl         bool // value carries a VL length prefix
	serialized bool // the field has a binary form (nth < 256)
	signing    bool // the field is covered by a signature
	jsonRank   int  // position of the name in byte-wise order, for JSON output
}

// FieldInfo describes a field of the table.
type FieldInfo struct {
	Name       string
	Type       Type
	Nth        int
	VLEncoded  bool // the value carries a VL length prefix
	Serialized bool // the field has a binary form; others exist only in JSON
	Signing    bool // the field is part of the data a signature covers
}

// fieldIndex is the validated lookup structure built from fieldSpecs.
type fieldIndex struct {
	defs   []fieldDef
	byName map[string]*fieldDef
	byCode [maxTypeCode + 1][256]*fieldDef // serialized fields only
}

// Errors found while validating the field table.
var (
	errDuplicateName = errors.New("duplicate field name")
	errDuplicateCode = errors.New("duplicate (type, nth)")
	errBadNth        = errors.New("nth out of range")
	errBadType       = errors.New("unknown type")
)

// fields is the process-wide field index, built in init and never modified
// afterwards, so concurrent readers need no locking.
var fields = mustFieldIndex(fieldSpecs)

// mustFieldIndex builds the index or stops the program: the table is
// compiled in, so an invalid table is a build defect, never bad input.
func mustFieldIndex(specs []fieldSpec) *fieldIndex {
	idx, err := buildFieldIndex(specs)
	if err != nil {
		panic(fmt.Errorf("codec: invalid field table: %w", err))
	}
	return idx
}

// buildFieldIndex validates the specs and derives each field's header,
// flags and lookup entries.
func buildFieldIndex(specs []fieldSpec) (*fieldIndex, error) {
	idx := &fieldIndex{
		defs:   make([]fieldDef, len(specs)),
		byName: make(map[string]*fieldDef, len(specs)),
	}
	for i, s := range specs {
		if s.typ == 0 || int(s.typ) > maxTypeCode || typeNames[s.typ] == "" {
			return nil, fmt.Errorf("%s: %w %d", s.name, errBadType, s.typ)
		}
		if s.nth == 0 || ((s.typ == TypeSTObject || s.typ == TypeSTArray) && s.nth == 1) {
			return nil, fmt.Errorf("%s: %w: %d", s.name, errBadNth, s.nth)
		}
		d := &idx.defs[i]
		*d = fieldDef{
			name:       s.name,
			typ:        s.typ,
			nth:        s.nth,
			code:       uint32(s.typ)<<16 | uint32(s.nth),
			vl:         s.typ.isVL(),
			serialized: s.nth < 256,
			signing:    s.nth < 256 && s.flag&notSigning == 0,
		}
		if _, dup := idx.byName[s.name]; dup {
			return nil, fmt.Errorf("%s: %w", s.name, errDuplicateName)
		}
		idx.byName[s.name] = d
		if !d.serialized {
			continue
		}
		h := appendHeader(nil, s.typ, uint8(s.nth))
		d.headerLen = uint8(copy(d.header[:], h))
		if prev := idx.byCode[s.typ][s.nth]; prev != nil {
			return nil, fmt.Errorf("%s and %s (%s %d): %w", prev.name, s.name, s.typ, s.nth, errDuplicateCode)
		}
		idx.byCode[s.typ][s.nth] = d
	}
	ranked := make([]*fieldDef, len(idx.defs))
	for i := range idx.defs {
		ranked[i] = &idx.defs[i]
	}
	sort.Slice(ranked, func(a, b int) bool { return ranked[a].name < ranked[b].name })
	for r, d := range ranked {
		d.jsonRank = r
	}
	return idx, nil
}

// appendHeader appends a field header by rippled's rules: type and nth
// each take a nibble of the first byte when below 16, and otherwise a byte
// of their own after it, type first.
func appendHeader(dst []byte, typ Type, nth uint8) []byte {
	t := uint8(typ)
	switch {
	case t < 16 && nth < 16:
		return append(dst, t<<4|nth)
	case t < 16:
		return append(dst, t<<4, nth)
	case nth < 16:
		return append(dst, nth, t)
	default:
		return append(dst, 0, t, nth)
	}
}

// info returns the public description of d.
func (d *fieldDef) info() FieldInfo {
	return FieldInfo{
		Name:       d.name,
		Type:       d.typ,
		Nth:        int(d.nth),
		VLEncoded:  d.vl,
		Serialized: d.serialized,
		Signing:    d.signing,
	}
}

// LookupField returns the description of the field called name.
func LookupField(name string) (FieldInfo, bool) {
	d, ok := fields.byName[name]
	if !ok {
		return FieldInfo{}, false
	}
	return d.info(), true
}

// Fields returns every field of the table in canonical order (by type
// code, then nth); fields without a binary form come last.
func Fields() []FieldInfo {
	out := make([]FieldInfo, 0, len(fields.defs))
	for i := range fields.defs {
		out = append(out, fields.defs[i].info())
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Serialized != out[b].Serialized {
			return out[a].Serialized
		}
		if out[a].Type != out[b].Type {
			return out[a].Type < out[b].Type
		}
		return out[a].Nth < out[b].Nth
	})
	return out
}
