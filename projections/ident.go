package projections

import (
	"encoding/hex"
	"strings"

	"github.com/sqledger/sqledger/protocol/tableop"
)

// checkIdent returns an error unless name is a valid identifier
// (tableop.IsIdent), the same rule the ledger checks at admission.
func checkIdent(what, name string) error {
	if !tableop.IsIdent(name) {
		return stmtErrorf("%s name is illegal: %q", what, name)
	}
	return nil
}

// quote returns name as a quoted SQL identifier. Every name quoted here
// has passed checkIdent or is built from hex digits, so it holds no
// quote; doubling them anyway keeps quote safe on its own.
func quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// TableName returns the SQL table of a ledger table: "t_" and its
// NameInDB in uppercase hex, as chainsqld names it.
func TableName(nameInDB [20]byte) string {
	return "t_" + strings.ToUpper(hex.EncodeToString(nameInDB[:]))
}

// indexName returns the SQL name of a table's index: index names are
// per table in MySQL but per database in SQLite, so the table's NameInDB
// is part of it.
func indexName(table, index string) string {
	return "ix_" + strings.TrimPrefix(table, "t_") + "_" + index
}
