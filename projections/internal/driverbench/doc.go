// Package driverbench measures the SQLite drivers sqledger could embed, on
// the projection's write pattern: many single-row INSERTs through one
// prepared statement inside one transaction, on a WAL database in a
// temporary directory.
//
// Each driver registers itself under a database/sql name that another one
// also claims ("sqlite3" for both mattn/go-sqlite3 and ncruces/go-sqlite3),
// so each is compiled in alone, chosen by a build tag:
//
//	go test -bench . -benchtime 3x ./projections/internal/driverbench/                       # modernc.org/sqlite (pure Go, transpiled C)
//	go test -tags driver_ncruces -bench . -benchtime 3x ./projections/internal/driverbench/  # ncruces/go-sqlite3 (pure Go, wasm2go)
//	go test -tags driver_mattn -bench . -benchtime 3x ./projections/internal/driverbench/    # mattn/go-sqlite3 (cgo)
//
// The package holds no code the node runs; the figures and the choice are
// in ../../README.md.
package driverbench
