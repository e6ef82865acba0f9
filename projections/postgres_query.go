package projections

import "strings"

// pgRefusedPrefixes are the names a raw query may not use on
// PostgreSQL (compared in lower case, quoted or not): the server's own
// catalog and functions (pg_*: pg_terminate_backend, pg_sleep,
// pg_stat_activity, pg_catalog.…), large objects (lo_*), settings
// (set_config, current_setting), and the functions that run SQL or read
// a table given as a string (query_to_xml, table_to_xml, cursor_to_xml,
// schema_to_xml, database_to_xml and their variants, dblink), which
// would read tables whose names SelectTables cannot see, and so bypass
// r_get_sql_user's grant check.
var pgRefusedPrefixes = []string{"pg_", "lo_", "set_config", "current_setting", "query_to_xml", "table_to_xml",
	"cursor_to_xml", "schema_to_xml", "database_to_xml", "dblink"}

// CheckQuery implements Dialect: a raw query naming what
// pgRefusedPrefixes lists, outside string literals and comments, is
// refused.
func (pgDialect) CheckQuery(query string) error {
	for i := 0; i < len(query); {
		end := skipLexeme(query, i)
		word := ""
		switch c := query[i]; {
		case c == '"':
			word = strings.ReplaceAll(strings.TrimSuffix(query[i+1:end], `"`), `""`, `"`)
		case isPGIdentByte(c) && (c < '0' || c > '9'):
			word = query[i:end]
		}
		w := strings.ToLower(word)
		for _, p := range pgRefusedPrefixes {
			if strings.HasPrefix(w, p) {
				return queryErrorf(ErrQueryFailed, "%s is not allowed in a query of the SQL store", word)
			}
		}
		i = end
	}
	return nil
}
