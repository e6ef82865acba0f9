package projections

import "github.com/sqledger/sqledger/protocol/tableop"

// assert checks an assert Raw (OpType 10, inside a SQLTransaction):
// [{"$IsExisted":1}] holds when the table exists (0: when it does not);
// [{"$RowCount":n}, cond…] when n rows match the conditions, OR-ed. A
// failed assert is a StatementError, which rolls back its transaction.
func (a *applier) assert(o op) error {
	v, err := rawArray(&o.Raw)
	if err != nil {
		return err
	}
	elems := v.Elems()
	if len(elems) == 0 || elems[0].Kind() != tableop.Object {
		return stmtErrorf("Assert statement may be malformed")
	}
	head := elems[0]
	if want, ok := head.Get("$IsExisted"); ok {
		n, isInt := want.Int()
		if !isInt || (n != 0 && n != 1) || len(elems) > 1 {
			return stmtErrorf("$IsExisted takes 0 or 1")
		}
		_, err := a.schema(o.table)
		exists := err == nil
		if err != nil && !isStatementError(err) {
			return err
		}
		if exists != (n == 1) {
			return stmtErrorf("assert false: table %s exists: %t", o.table, exists)
		}
		return nil
	}
	want, ok := head.Get("$RowCount")
	if !ok {
		return stmtErrorf("Assert statement may be malformed: %s", head.Text())
	}
	n, isInt := want.Int()
	if !isInt || n < 0 {
		return stmtErrorf("$RowCount takes a non-negative integer")
	}
	if _, err := a.schema(o.table); err != nil {
		return err
	}
	var b sqlBuf
	b.WriteString("SELECT count(*) FROM " + a.d.Table(o.table))
	if err := writeWhere(&b, elems[1:]); err != nil {
		return err
	}
	var got int64
	if err := a.tx.QueryRowContext(a.ctx, b.String(), b.args...).Scan(&got); err != nil {
		return a.classify(err)
	}
	if got != n {
		return stmtErrorf("assert false: $RowCount is %d, expected %d", got, n)
	}
	return nil
}
