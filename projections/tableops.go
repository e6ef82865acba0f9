package projections

import (
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
)

// create creates a table from its Raw (create, OpType 1) or creates it
// again, empty (recreate, OpType 12), from the Raw the transaction
// carries (t_prepare fills in the create's) or else the create's; a
// recreate keeps the create's OperationRule, as the ledger's table entry
// does. As in chainsqld, a table of the same name is dropped first.
func (a *applier) create(o op, again bool) error {
	raw, rule := &o.Raw, o.OperationRule
	if again {
		rule = nil
		if s, err := a.schema(o.table); err == nil {
			rule = []byte(s.OperationRule)
			if len(raw.Bytes()) == 0 {
				raw = tableop.ParseRaw(tx.OpRecreate, []byte(s.CreateRaw))
			}
		}
	}
	cols, err := storeColumns(raw)
	if err != nil {
		return err
	}
	s := &Schema{Columns: cols, Indexes: []Index{}, CreateRaw: string(raw.Bytes())}
	if err := s.setRule(rule); err != nil {
		return err
	}
	if _, err := a.exec("DROP TABLE IF EXISTS " + a.d.Table(o.table)); err != nil {
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
func (a *applier) drop(o op) error {
	if _, err := a.exec("DROP TABLE IF EXISTS " + a.d.Table(o.table)); err != nil {
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
func (a *applier) addFields(o op) error {
	return a.alterColumns(o, func(to *Schema, c tableop.Column) error {
		if to.column(c.Field) >= 0 {
			return stmtErrorf("Duplicate column name '%s'", c.Field)
		}
		to.Columns = append(to.Columns, c)
		return nil
	})
}

// deleteFields removes columns (OpType 15), and them from the named
// indexes, dropping an index left without columns, as MySQL does.
func (a *applier) deleteFields(o op) error {
	from, err := a.schema(o.table)
	if err != nil {
		return err
	}
	if _, err := checked(&o.Raw); err != nil {
		return err
	}
	to := from.clone()
	for _, f := range o.Raw.Fields() {
		i := to.column(f)
		if i < 0 {
			return stmtErrorf("Can't DROP '%s'; check that column/key exists", f)
		}
		to.Columns = append(to.Columns[:i], to.Columns[i+1:]...)
		kept := to.Indexes[:0]
		for _, ix := range to.Indexes {
			fields := ix.Fields[:0]
			for _, name := range ix.Fields {
				if !strings.EqualFold(name, f) {
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
func (a *applier) modifyFields(o op) error {
	return a.alterColumns(o, func(to *Schema, c tableop.Column) error {
		i := to.column(c.Field)
		if i < 0 {
			return stmtErrorf("Unknown column '%s'", c.Field)
		}
		c.Field = to.Columns[i].Field
		to.Columns[i] = c
		return nil
	})
}

// alterColumns migrates the table to its schema with edit applied to
// each of the operation's column definitions in turn.
func (a *applier) alterColumns(o op, edit func(to *Schema, c tableop.Column) error) error {
	from, err := a.schema(o.table)
	if err != nil {
		return err
	}
	cols, err := storeColumns(&o.Raw)
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

// hasIndex reports whether the table has an index of that name, named or
// made by a column's "index":1.
func hasIndex(s *Schema, name string) bool {
	if s.indexNamed(name) >= 0 {
		return true
	}
	i := s.column(name)
	return i >= 0 && s.Columns[i].IsIndexed()
}

// createIndex creates a named index (OpType 17).
func (a *applier) createIndex(o op) error {
	from, err := a.schema(o.table)
	if err != nil {
		return err
	}
	if _, err := checked(&o.Raw); err != nil {
		return err
	}
	name, fields := o.Raw.Index(), o.Raw.Fields()
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
func (a *applier) deleteIndex(o op) error {
	from, err := a.schema(o.table)
	if err != nil {
		return err
	}
	if _, err := checked(&o.Raw); err != nil {
		return err
	}
	name := o.Raw.Index()
	to := from.clone()
	if i := to.indexNamed(name); i >= 0 {
		name = to.Indexes[i].Name
		to.Indexes = append(to.Indexes[:i], to.Indexes[i+1:]...)
	} else if i := to.column(name); i >= 0 && to.Columns[i].IsIndexed() {
		name = to.Columns[i].Field
		to.Columns[i].Index = nil
	} else {
		return stmtErrorf("Can't DROP '%s'; check that column/key exists", name)
	}
	if _, err := a.exec(a.d.DropIndex(o.table, name)); err != nil {
		return err
	}
	return a.setSchema(o.table, to)
}
