package ledger

import (
	"fmt"
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// CheckFits checks that a statement's Raw names only columns of the
// table: the row keys of an insert, the set keys of an update, and the
// column keys of conditions, also one level down in $and and $or (other
// keys starting with $ are operators). It names the first unknown
// column, keys taken in order.
func CheckFits(tbl *Table, op *tableop.Op) error {
	objs, err := op.Raw.Objects()
	if err != nil {
		return err
	}
	for _, obj := range objs {
		for _, m := range obj.Members() {
			if !strings.HasPrefix(m.Key, "$") {
				if !tbl.hasColumn(m.Key) {
					return fmt.Errorf("field %s does not exist in table %s", m.Key, tbl.Name)
				}
				continue
			}
			if m.Key != "$and" && m.Key != "$or" {
				continue
			}
			for _, n := range nested(m.Value) {
				for _, k := range n.Members() {
					if !strings.HasPrefix(k.Key, "$") && !tbl.hasColumn(k.Key) {
						return fmt.Errorf("field %s does not exist", k.Key)
					}
				}
			}
		}
	}
	return nil
}

// nested returns the objects of a $and or $or list: none unless it is
// null or an array of objects and nulls.
func nested(list tableop.Value) []tableop.Value {
	if list.Kind() != tableop.Array {
		return nil
	}
	for _, el := range list.Elems() {
		if k := el.Kind(); k != tableop.Object && k != tableop.Null {
			return nil
		}
	}
	return list.Elems()
}
