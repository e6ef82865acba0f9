//go:build driver_mattn

package driverbench

import _ "github.com/mattn/go-sqlite3"

const (
	driverLabel = "mattn"
	driverName  = "sqlite3"
)

// dsn asks mattn/go-sqlite3 for WAL and synchronous=NORMAL on every
// connection.
func dsn(path string) string {
	return "file:" + path + "?_journal_mode=WAL&_synchronous=NORMAL"
}
