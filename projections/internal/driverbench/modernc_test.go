//go:build !driver_mattn && !driver_ncruces

package driverbench

import _ "modernc.org/sqlite"

const (
	driverLabel = "modernc"
	driverName  = "sqlite"
)

// dsn asks modernc.org/sqlite for WAL and synchronous=NORMAL on every
// connection.
func dsn(path string) string {
	return "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
}
