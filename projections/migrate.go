package projections

import "strings"

// copyMigration returns the statements that turn table from schema from
// into schema to in any SQL database with transactional DDL (SQLite's
// documented way to make any change to a table): create the new table
// beside it, copy the rows (columns in both keep their values, new ones
// get their default, bound through the dialect's Param), drop the old
// table and rename the new one, then create the indexes again.
func copyMigration(d Dialect, table string, from, to *Schema) ([]Stmt, error) {
	tmp := table + "_migrating"
	create := d.CreateTable(tmp, &Schema{Columns: to.Columns})
	out := []Stmt{{SQL: create[0]}}
	var cols, exprs []string
	var args []any
	for i := range to.Columns {
		c := &to.Columns[i]
		cols = append(cols, quote(c.Field))
		if from.column(c.Field) >= 0 {
			exprs = append(exprs, quote(c.Field))
			continue
		}
		var v any
		if len(c.Default) != 0 {
			var err error
			if v, err = defaultArg(*c); err != nil {
				return nil, err
			}
		}
		exprs = append(exprs, d.Param(c))
		args = append(args, v)
	}
	out = append(out,
		Stmt{SQL: "INSERT INTO " + d.Table(tmp) + " (" + strings.Join(cols, ", ") + ") SELECT " +
			strings.Join(exprs, ", ") + " FROM " + d.Table(table), Args: args},
		Stmt{SQL: "DROP TABLE " + d.Table(table)},
		Stmt{SQL: "ALTER TABLE " + d.Table(tmp) + " RENAME TO " + d.Table(table)},
	)
	for _, s := range d.CreateTable(table, to)[1:] {
		out = append(out, Stmt{SQL: s})
	}
	return out, nil
}
