package projections_test

import (
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/projections"
)

// The tables a raw SQL query reads, for the caller's grant checks.
func ExampleSelectTables() {
	tables, err := projections.SelectTables(
		"select o.id from t_43ACD1FF143986210A44AB8B609371B392F45A86 o " +
			"join t_b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3 u on o.uid = u.id")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range tables {
		fmt.Println(projections.TableName(t))
	}
	_, err = projections.SelectTables("delete from t_43ACD1FF143986210A44AB8B609371B392F45A86")
	fmt.Println(errors.Is(err, projections.ErrSelectOnly), projections.RPCError(err))
	// Output:
	// t_43ACD1FF143986210A44AB8B609371B392F45A86
	// t_B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFC0C1C2C3
	// true sqlSelectOnly: First word of SQL must be select.
}
