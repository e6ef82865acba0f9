//go:build driver_ncruces

package driverbench

import _ "github.com/ncruces/go-sqlite3/driver"

const (
	driverLabel = "ncruces"
	driverName  = "sqlite3"
)

// dsn asks ncruces/go-sqlite3 for WAL and synchronous=NORMAL on every
// connection.
func dsn(path string) string {
	return "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
}
