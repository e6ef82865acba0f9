package projections

import (
	"encoding/hex"
	"strings"
)

// maxIdentLen is the longest column, index or alias name.
const maxIdentLen = 64

// isIdent reports whether name is what a column, index or alias name
// must look like: ^[A-Za-z_][A-Za-z0-9_]{0,63}$, an ASCII letter or
// underscore, then letters, digits and underscores. chainsqld rejects
// names with "special characters"; this is the strict form of that rule,
// the same the ledger checks at admission.
func isIdent(name string) bool {
	if name == "" || len(name) > maxIdentLen || name[0] >= '0' && name[0] <= '9' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isIdentByte(name[i]) {
			return false
		}
	}
	return true
}

// isIdentByte reports whether c may appear in an identifier.
func isIdentByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// checkIdent returns an error unless name is a valid identifier.
func checkIdent(what, name string) error {
	if !isIdent(name) {
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
