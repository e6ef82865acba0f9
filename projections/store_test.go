package projections

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	"github.com/sqledger/sqledger/internal/pgtest"
)

// pgServer is the package's throwaway PostgreSQL server (TestMain), and
// pgDSN the DSN of its database, whose owner role the stores write as.
var (
	pgServer *pgtest.Server
	pgDSN    string
	pgSchema atomic.Int64
)

func TestMain(m *testing.M) {
	s, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "projections tests need a PostgreSQL server:", err)
		os.Exit(1)
	}
	if pgDSN, err = s.NewDatabase("projections"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(removeAfterFailure(s))
	}
	pgServer = s
	code := m.Run()
	if err := s.Remove(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

// removeAfterFailure removes the server after a failed setup and
// returns the exit code 1.
func removeAfterFailure(s *pgtest.Server) int {
	if err := s.Remove(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	return 1
}

// testStore is one SQL store the store tests run on.
type testStore struct {
	name string
	// open opens the store; every call opens the same store again.
	open func(tb testing.TB, opts Options) *Projection
	// postgres is true for the PostgreSQL store.
	postgres bool
	// dsn is the PostgreSQL store's DSN (its own schema).
	dsn string
}

// newStores returns a new, empty store of each kind: an SQLite file in
// a test directory, and a schema of its own in the package's PostgreSQL
// database.
func newStores(tb testing.TB) []testStore {
	tb.Helper()
	dir := tb.TempDir()
	schema := fmt.Sprintf("s%d", pgSchema.Add(1))
	if err := pgServer.Exec("projections", "CREATE SCHEMA "+schema+" AUTHORIZATION projections"); err != nil {
		tb.Fatal(err)
	}
	dsn := pgDSN + " search_path=" + schema
	return []testStore{
		{name: "sqlite", open: func(tb testing.TB, opts Options) *Projection {
			tb.Helper()
			return openAt(tb, dir, opts)
		}},
		{name: "postgres", postgres: true, dsn: dsn, open: func(tb testing.TB, opts Options) *Projection {
			tb.Helper()
			b, err := OpenPostgres(context.Background(), PostgresOptions{DSN: dsn, Readers: opts.Readers})
			if err != nil {
				tb.Fatal(err)
			}
			opts.Backend = b
			return openAt(tb, "", opts)
		}},
	}
}

// eachStore runs fn as a subtest on a new store of each kind.
func eachStore(t *testing.T, fn func(t *testing.T, s testStore)) {
	t.Helper()
	for _, s := range newStores(t) {
		t.Run(s.name, func(t *testing.T) { fn(t, s) })
	}
}

// eachKind runs fn as a subtest for each kind of store, with a function
// that returns a new, empty store of that kind at each call.
func eachKind(t *testing.T, fn func(t *testing.T, fresh func() testStore)) {
	t.Helper()
	for i, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			fn(t, func() testStore { return newStores(t)[i] })
		})
	}
}

// openAt opens a projection in dir, closed at the end of the test.
func openAt(tb testing.TB, dir string, opts Options) *Projection {
	tb.Helper()
	p, err := Open(dir, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	return p
}

// pgWords are PostgreSQL's words for what SQLite's errors say.
var pgWords = map[string]string{
	"UNIQUE constraint failed": "duplicate key value violates unique constraint",
}

// words returns what the store says where SQLite says sqliteWords.
func (s testStore) words(sqliteWords string) string {
	if w, ok := pgWords[sqliteWords]; ok && s.postgres {
		return w
	}
	return sqliteWords
}

// pick returns the SQLite or the PostgreSQL form of an expectation.
func (s testStore) pick(sqlite, postgres string) string {
	if s.postgres {
		return postgres
	}
	return sqlite
}
