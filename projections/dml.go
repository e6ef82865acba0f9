package projections

import (
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// fillValues returns the auto-fill columns and their values
// (chainsqld's ParseAutoFields): AutoFillField and TxsHashFillField get
// the transaction hash, LedgerSeqField the ledger sequence,
// LedgerTimeField its close time. An update leaves TxsHashFillField out
// (withHashFill false): it appends to it instead.
func (a *applier) fillValues(o op, withHashFill bool) (cols []string, vals []any) {
	hashFill := o.Fill.TxsHash
	if !withHashFill {
		hashFill = ""
	}
	for _, f := range []struct {
		col string
		val any
	}{
		{o.Fill.AutoFill, a.txHash}, {hashFill, a.txHash}, {o.Fill.LedgerSeq, int64(a.seq)}, {o.Fill.LedgerTime, a.time},
	} {
		if f.col != "" {
			cols = append(cols, f.col)
			vals = append(vals, f.val)
		}
	}
	return cols, vals
}

// columnSet collects the columns of one row or one SET, refusing a
// column given twice.
type columnSet struct {
	names []string
	args  []any
	seen  map[string]bool
}

func (c *columnSet) add(name string, v any) error {
	if err := checkIdent("field", name); err != nil {
		return err
	}
	key := strings.ToLower(name)
	if c.seen == nil {
		c.seen = make(map[string]bool)
	}
	if c.seen[key] {
		return stmtErrorf("column %s is given twice", name)
	}
	c.seen[key] = true
	c.names = append(c.names, name)
	c.args = append(c.args, v)
	return nil
}

// insert inserts the rows of an insert Raw (OpType 6): each an object of
// column values, plus the auto-fill columns and the defaults of the
// columns it leaves out.
func (a *applier) insert(o op) error {
	s, err := a.schema(o.table)
	if err != nil {
		return err
	}
	v, err := rawArray(&o.Raw)
	if err != nil {
		return err
	}
	if len(v.Elems()) == 0 {
		return stmtErrorf("Raw has no row to insert")
	}
	fillCols, fillVals := a.fillValues(o, true)
	var q strings.Builder
	for i, row := range v.Elems() {
		row = a.fillRow(s, row)
		if row.Kind() != tableop.Object || len(row.Members()) == 0 {
			return stmtErrorf("row %d must be a non-empty object", i)
		}
		var set columnSet
		for _, m := range row.Members() {
			arg, err := sqlArg(m.Value)
			if err != nil {
				return err
			}
			if err := set.add(m.Key, arg); err != nil {
				return err
			}
		}
		for j, c := range fillCols {
			if err := set.add(c, fillVals[j]); err != nil {
				return err
			}
		}
		for _, c := range s.Columns {
			if len(c.Default) == 0 || set.seen[strings.ToLower(c.Field)] {
				continue
			}
			d, err := defaultArg(c)
			if err != nil {
				return err
			}
			if err := set.add(c.Field, d); err != nil {
				return err
			}
		}
		q.Reset()
		q.WriteString("INSERT INTO " + a.d.Table(o.table) + " (")
		for j, n := range set.names {
			if j > 0 {
				q.WriteString(", ")
			}
			q.WriteString(quote(n))
		}
		q.WriteString(") VALUES (")
		q.WriteString(strings.Repeat("?, ", len(set.names)-1) + "?)")
		if _, err := a.execPrepared(q.String(), set.args...); err != nil {
			return err
		}
	}
	return nil
}

// update updates the rows matching the conditions of an update Raw
// (OpType 8): [{col: value, …}, cond…], the conditions OR-ed, none
// meaning every row. AutoFillField, LedgerSeqField and LedgerTimeField
// are set; TxsHashFillField gets ",<hash>" appended, as chainsqld's
// concat(col, ",<hash>") does.
func (a *applier) update(o op) error {
	s, err := a.schema(o.table)
	if err != nil {
		return err
	}
	v, err := rawArray(&o.Raw)
	if err != nil {
		return err
	}
	elems := v.Elems()
	if len(elems) == 0 || elems[0].Kind() != tableop.Object || len(elems[0].Members()) == 0 {
		return stmtErrorf("Raw must start with a non-empty object of new values")
	}
	var set columnSet
	fillCols, fillVals := a.fillValues(o, false)
	for j, c := range fillCols {
		if err := set.add(c, fillVals[j]); err != nil {
			return err
		}
	}
	for _, m := range elems[0].Members() {
		arg, err := sqlArg(m.Value)
		if err != nil {
			return err
		}
		if err := set.add(m.Key, arg); err != nil {
			return err
		}
	}
	var b sqlBuf
	b.WriteString("UPDATE " + a.d.Table(o.table) + " SET ")
	for j, n := range set.names {
		if j > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(n) + " = ")
		b.arg(set.args[j])
	}
	if hashFill := o.Fill.TxsHash; hashFill != "" {
		if err := checkIdent("field", hashFill); err != nil {
			return err
		}
		if set.seen[strings.ToLower(hashFill)] {
			return stmtErrorf("column %s is given twice", hashFill)
		}
		b.WriteString(", " + quote(hashFill) + " = " + quote(hashFill) + " || ")
		b.arg("," + a.txHash)
	}
	if err := writeWhere(&b, a.updateWhere(s, elems[1:])); err != nil {
		return err
	}
	_, err = a.exec(b.String(), b.args...)
	return err
}

// delete deletes the rows matching the conditions of a delete Raw
// (OpType 9); [] deletes every row.
func (a *applier) delete(o op) error {
	s, err := a.schema(o.table)
	if err != nil {
		return err
	}
	v, err := rawArray(&o.Raw)
	if err != nil {
		return err
	}
	var b sqlBuf
	b.WriteString("DELETE FROM " + a.d.Table(o.table))
	if err := writeWhere(&b, a.deleteWhere(s, v.Elems())); err != nil {
		return err
	}
	_, err = a.exec(b.String(), b.args...)
	return err
}

// writeWhere appends " WHERE" and the OR-ed conditions, if there are any.
func writeWhere(b *sqlBuf, conds []tableop.Value) error {
	if len(conds) == 0 {
		return nil
	}
	b.WriteString(" WHERE ")
	return writeOr(b, conds, columnKey)
}
