package projections

import (
	"strings"
)

// create creates a table from its Raw (create, OpType 1) or creates it
// again, empty (recreate, OpType 12), from the Raw the transaction
// carries (t_prepare fills in the create's) or else the create's. As in
// chainsqld, a table of the same name is dropped first.
func (a *applier) create(o tableOp, again bool) error {
	raw := o.raw
	if raw == nil && again {
		if s, err := a.schema(o.table); err == nil {
			raw = []byte(s.CreateRaw)
		}
	}
	v, err := rawArray(tableOp{raw: raw})
	if err != nil {
		return err
	}
	cols, err := parseColumns(v)
	if err != nil {
		return err
	}
	s := &Schema{Columns: cols, Indexes: []Index{}, CreateRaw: string(raw)}
	if _, err := a.exec("DROP TABLE IF EXISTS " + quote(o.table)); err != nil {
		return err
	}
	for _, ddl := range a.d.CreateTable(o.table, s) {
		if _, err := a.exec(ddl); err != nil {
			return err
		}
	}
	return a.setSchema(o.table, s)
}

// drop drops a table; dropping one the store lacks succeeds, as in
// chainsqld.
func (a *applier) drop(o tableOp) error {
	if _, err := a.exec("DROP TABLE IF EXISTS " + quote(o.table)); err != nil {
		return err
	}
	return a.setSchema(o.table, nil)
}

// migrate turns a table into schema to, keeping its rows.
func (a *applier) migrate(table string, from, to *Schema) error {
	stmts, err := a.d.Migrate(table, from, to)
	if err != nil {
		return err
	}
	for _, st := range stmts {
		if _, err := a.exec(st.SQL, st.Args...); err != nil {
			return err
		}
	}
	return a.setSchema(table, to)
}

// addFields adds columns (OpType 14): existing rows get the new
// columns' defaults, or NULL.
func (a *applier) addFields(o tableOp) error {
	return a.alterColumns(o, func(to *Schema, c Column) error {
		if to.column(c.Field) >= 0 {
			return stmtErrorf("Duplicate column name '%s'", c.Field)
		}
		to.Columns = append(to.Columns, c)
		return nil
	})
}

// deleteFields removes columns (OpType 15), and them from the named
// indexes, dropping an index left without columns, as MySQL does.
func (a *applier) deleteFields(o tableOp) error {
	from, err := a.schema(o.table)
	if err != nil {
		return err
	}
	v, err := rawArray(o)
	if err != nil {
		return err
	}
	if len(v.arr) == 0 {
		return stmtErrorf("Raw names no field")
	}
	to := from.clone()
	for _, el := range v.arr {
		f, ok := el.get("field")
		if el.kind != jObject || !ok || f.kind != jString {
			return stmtErrorf(`each element must be {"field":name}`)
		}
		if err := checkIdent("field", f.str); err != nil {
			return err
		}
		i := to.column(f.str)
		if i < 0 {
			return stmtErrorf("Can't DROP '%s'; check that column/key exists", f.str)
		}
		to.Columns = append(to.Columns[:i], to.Columns[i+1:]...)
		kept := to.Indexes[:0]
		for _, ix := range to.Indexes {
			fields := ix.Fields[:0]
			for _, name := range ix.Fields {
				if !strings.EqualFold(name, f.str) {
					fields = append(fields, name)
				}
			}
			if len(fields) > 0 {
				kept = append(kept, Index{Name: ix.Name, Fields: fields})
			}
		}
		to.Indexes = kept
	}
	if len(to.Columns) == 0 {
		return stmtErrorf("You can't delete all columns with ALTER TABLE; use DROP TABLE instead")
	}
	return a.migrate(o.table, from, to)
}

// modifyFields replaces the definitions of existing columns (OpType 16),
// keeping their place and their values.
func (a *applier) modifyFields(o tableOp) error {
	return a.alterColumns(o, func(to *Schema, c Column) error {
		i := to.column(c.Field)
		if i < 0 {
			return stmtErrorf("Unknown column '%s'", c.Field)
		}
		c.Field = to.Columns[i].Field
		to.Columns[i] = c
		return nil
	})
}

// alterColumns parses an operation's column definitions and migrates
// the table to its schema with edit applied to each of them in turn.
func (a *applier) alterColumns(o tableOp, edit func(to *Schema, c Column) error) error {
	from, err := a.schema(o.table)
	if err != nil {
		return err
	}
	v, err := rawArray(o)
	if err != nil {
		return err
	}
	cols, err := parseColumns(v)
	if err != nil {
		return err
	}
	to := from.clone()
	for _, c := range cols {
		if err := edit(to, c); err != nil {
			return err
		}
	}
	return a.migrate(o.table, from, to)
}

// parseIndexRaw parses [{"index":name},{"field":a},…] (create index) or
// [{"index":name}] (drop index).
func parseIndexRaw(o tableOp) (name string, fields []string, err error) {
	v, err := rawArray(o)
	if err != nil {
		return "", nil, err
	}
	if len(v.arr) == 0 {
		return "", nil, stmtErrorf(`Raw must start with {"index":name}`)
	}
	n, ok := v.arr[0].get("index")
	if v.arr[0].kind != jObject || !ok || n.kind != jString {
		return "", nil, stmtErrorf(`Raw must start with {"index":name}`)
	}
	if err := checkIdent("index", n.str); err != nil {
		return "", nil, err
	}
	for _, el := range v.arr[1:] {
		f, ok := el.get("field")
		if el.kind != jObject || !ok || f.kind != jString {
			return "", nil, stmtErrorf(`each field must be {"field":name}`)
		}
		if err := checkIdent("field", f.str); err != nil {
			return "", nil, err
		}
		fields = append(fields, f.str)
	}
	return n.str, fields, nil
}

// hasIndex reports whether the table has an index of that name, named or
// made by a column's "index":1.
func hasIndex(s *Schema, name string) bool {
	if s.indexNamed(name) >= 0 {
		return true
	}
	i := s.column(name)
	return i >= 0 && s.Columns[i].Index
}

// createIndex creates a named index (OpType 17).
func (a *applier) createIndex(o tableOp) error {
	from, err := a.schema(o.table)
	if err != nil {
		return err
	}
	name, fields, err := parseIndexRaw(o)
	if err != nil {
		return err
	}
	if len(fields) == 0 {
		return stmtErrorf("index %s names no field", name)
	}
	if hasIndex(from, name) {
		return stmtErrorf("Duplicate key name '%s'", name)
	}
	for _, f := range fields {
		if from.column(f) < 0 {
			return stmtErrorf("Key column '%s' doesn't exist in table", f)
		}
	}
	if _, err := a.exec(a.d.CreateIndex(o.table, name, fields)); err != nil {
		return err
	}
	to := from.clone()
	to.Indexes = append(to.Indexes, Index{Name: name, Fields: fields})
	return a.setSchema(o.table, to)
}

// deleteIndex drops an index (OpType 18): a named one, or the one a
// column's "index":1 made, which is named after the column.
func (a *applier) deleteIndex(o tableOp) error {
	from, err := a.schema(o.table)
	if err != nil {
		return err
	}
	name, fields, err := parseIndexRaw(o)
	if err != nil {
		return err
	}
	if len(fields) > 0 {
		return stmtErrorf(`drop index takes only {"index":name}`)
	}
	to := from.clone()
	if i := to.indexNamed(name); i >= 0 {
		name = to.Indexes[i].Name
		to.Indexes = append(to.Indexes[:i], to.Indexes[i+1:]...)
	} else if i := to.column(name); i >= 0 && to.Columns[i].Index {
		name = to.Columns[i].Field
		to.Columns[i].Index = false
	} else {
		return stmtErrorf("Can't DROP '%s'; check that column/key exists", name)
	}
	if _, err := a.exec(a.d.DropIndex(o.table, name)); err != nil {
		return err
	}
	return a.setSchema(o.table, to)
}
