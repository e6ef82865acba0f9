package projections

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/tx"
)

// pgStore returns a new PostgreSQL store (newStores' second).
func pgStore(t *testing.T) testStore {
	t.Helper()
	return newStores(t)[1]
}

func TestCreateMapsTypesPostgres(t *testing.T) {
	s := pgStore(t)
	p := s.open(t, Options{})
	c := newChain(t)
	wantResults(t, mustApply(t, p, c.ledger(c.tableTx(tx.OpCreate, tableA, ordersRaw))), "")
	r, err := p.b.Writer().Query(`SELECT column_name AS name, data_type AS type, is_nullable AS nullable,
		COALESCE(numeric_precision, 0) AS precision, COALESCE(numeric_scale, 0) AS scale
		FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`,
		strings.ToLower(TableName(tableA)))
	if err != nil {
		t.Fatal(err)
	}
	got, err := scanLines(r, 100, p.d)
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	want := "name=id nullable=NO precision=64 scale=0 type=bigint\n" +
		"name=item nullable=YES precision=0 scale=0 type=text\n" +
		"name=price nullable=YES precision=10 scale=2 type=numeric\n" +
		"name=at nullable=YES precision=0 scale=0 type=timestamp without time zone\n" +
		"name=txid nullable=YES precision=0 scale=0 type=text\n"
	if render(got) != want {
		t.Errorf("columns:\n%s\nwant:\n%s", render(got), want)
	}
	var idx int
	if err := p.b.Reader().QueryRow(`SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?`,
		strings.ToLower(indexName(TableName(tableA), "id"))).Scan(&idx); err != nil || idx != 1 {
		t.Errorf("index on id: %d, %v", idx, err)
	}
}

// TestPostgresValues stores a value of every ChainSQL type through a
// Raw, as text and as JSON numbers, and reads it back through Get in the
// SQLite store's forms; a value PostgreSQL cannot read as its column's
// type is db_error and leaves the row out.
func TestPostgresValues(t *testing.T) {
	p := pgStore(t).open(t, Options{})
	c := newChain(t)
	mustApply(t, p, c.ledger(c.tableTx(tx.OpCreate, tableA,
		`[{"field":"id","type":"int","PK":1},{"field":"f","type":"float"},{"field":"d","type":"decimal","length":10,"accuracy":2},`+
			`{"field":"s","type":"varchar"},{"field":"b","type":"blob"},{"field":"at","type":"datetime"},{"field":"day","type":"date"}]`)))
	res := mustApply(t, p, c.ledger(
		c.tableTx(tx.OpInsert, tableA, `[{"id":1,"f":1.5,"d":"12.345","s":5,"b":"x?y","at":"2024-01-02 03:04:05","day":"2024-01-02"}]`),
		c.tableTx(tx.OpInsert, tableA, `[{"id":"2","f":"2","d":7,"s":1.25}]`),
		c.tableTx(tx.OpInsert, tableA, `[{"id":3,"at":"not a time"}]`),
		c.tableTx(tx.OpInsert, tableA, `[{"id":1.5}]`),
		c.tableTx(tx.OpInsert, tableA, `[{"id":4,"s":"a\u0000b"}]`),
	))
	wantResults(t, res, "", "", `invalid input syntax for type timestamp: "not a time"`,
		`invalid input syntax for type bigint: "1.5"`, "invalid byte sequence")
	got, err := p.Get(context.Background(), tableA, []byte(`[[],{"$order":[{"id":1}]}]`), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := "at=2024-01-02 03:04:05 b=x?y d=12.35 day=2024-01-02 f=1.5 id=1 s=5\n" +
		"at=<nil> b=<nil> d=7 day=<nil> f=2 id=2 s=1.25\n"
	if render(got) != want {
		t.Errorf("rows:\n%s\nwant:\n%s", render(got), want)
	}
	got, err = p.Get(context.Background(), tableA, []byte(`[["count(*) as n","sum(id)","avg(d)"],{"s":"5"},{"id":{"$ge":"2"}}]`), 0)
	if err != nil {
		t.Fatal(err)
	}
	if r := render(got); r != "avg(d)=9.675 n=2 sum(id)=3\n" {
		t.Errorf("aggregates: %s", r)
	}
	// Typed comparisons: text that is no integer, and LIKE on a number,
	// are the query's error (SQLite compares them as text).
	for _, raw := range []string{`[["id"],{"id":"abc"}]`, `[["id"],{"id":{"$regex":"/1/"}}]`} {
		if _, err := p.Get(context.Background(), tableA, []byte(raw), 0); !errors.Is(err, ErrQueryFailed) {
			t.Errorf("Get %s: %v, want ErrQueryFailed", raw, err)
		}
	}
}

// TestPostgresReaderIsReadOnly checks the read-only pool: no Exec at
// all, every session read-only (a write is refused by PostgreSQL), a
// session a query made writable made read-only again before its next
// query, and the statement_timeout in force.
func TestPostgresReaderIsReadOnly(t *testing.T) {
	p := peopleStoreIn(t, pgStore(t), Options{Readers: 1})
	table := TableName(tableA)
	ctx := context.Background()
	if _, err := p.b.Reader().Exec(`DELETE FROM ` + table); !errors.Is(err, errExecOnReader) {
		t.Errorf("Exec on the reader: %v", err)
	}
	// A session a query made writable (set_config is refused in raw
	// queries: the pool's own Query does it here) is read-only again
	// for the next query.
	var off1, off2 string
	if err := p.b.Reader().QueryRow(`SELECT set_config('default_transaction_read_only', 'off', false), set_config('statement_timeout', '0', false)`).Scan(&off1, &off2); err != nil {
		t.Fatal(err)
	}
	if _, err := p.QuerySQL(ctx, `SELECT count(*) FROM `+table, 0); err != nil {
		t.Fatal(err)
	}
	var ro, timeout string
	if err := p.b.Reader().QueryRow(`SELECT current_setting('default_transaction_read_only'), current_setting('statement_timeout')`).Scan(&ro, &timeout); err != nil {
		t.Fatal(err)
	}
	if ro != "on" || timeout != "11s" {
		t.Errorf("after a query turned them off: read only %s, statement_timeout %s", ro, timeout)
	}
	_, err := p.QuerySQL(ctx, `SELECT * FROM `+table+` FOR UPDATE`, 0)
	if !errors.Is(err, ErrQueryFailed) || !strings.Contains(err.Error(), "cannot execute SELECT FOR UPDATE in a read-only transaction") {
		t.Errorf("a locking SELECT: %v", err)
	}
	if got := len(rows(t, p, tableA, "id")); got != 5 {
		t.Errorf("%d rows left", got)
	}
}

// TestPostgresRefusedQueries refuses raw queries that reach beyond the
// store's tables named in their text, and allows the same words inside
// literals and comments.
func TestPostgresRefusedQueries(t *testing.T) {
	p := peopleStoreIn(t, pgStore(t), Options{})
	ctx := context.Background()
	a := TableName(tableA)
	for _, q := range []string{
		`SELECT pg_terminate_backend(pid) FROM pg_stat_activity`,
		`SELECT "PG_SLEEP"(1)`,
		`SELECT pg_catalog.now()`,
		`SELECT query_to_xml('select * from t_' || 'X', true, true, '')`,
		`SELECT table_to_xml('t_x', true, true, '')`,
		`SELECT set_config('statement_timeout', '0', false)`,
		`SELECT lo_create(0)`,
		`SELECT * FROM ` + a + ` WHERE name = current_setting('x')`,
	} {
		if _, err := p.QuerySQL(ctx, q, 0); !errors.Is(err, ErrQueryFailed) || !strings.Contains(err.Error(), "is not allowed") {
			t.Errorf("%s: %v", q, err)
		}
	}
	lines, err := p.QuerySQL(ctx, `SELECT name /* pg_sleep */ FROM `+a+` WHERE name <> 'pg_x' -- lo_create
		ORDER BY id LIMIT 1`, 0)
	if err != nil || render(lines) != "name=ann\n" {
		t.Errorf("words in literals and comments: %v, %v", lines, err)
	}
}

// TestPostgresTimeout cancels a query past the readers' statement_timeout.
func TestPostgresTimeout(t *testing.T) {
	s := pgStore(t)
	b, err := OpenPostgres(context.Background(), PostgresOptions{DSN: s.dsn, StatementTimeout: 50e6})
	if err != nil {
		t.Fatal(err)
	}
	p := openAt(t, "", Options{Backend: b})
	_, err = p.QuerySQL(context.Background(), `SELECT count(*) FROM generate_series(1, 100000000)`, 0)
	if !errors.Is(err, ErrQueryFailed) || !strings.Contains(err.Error(), "statement timeout") {
		t.Errorf("a query past the timeout: %v", err)
	}
}

// TestPostgresRights opens stores that cannot work and checks the error
// says why: a server that does not answer, a role without CREATE on its
// schema, a table of the store that another role owns.
func TestPostgresRights(t *testing.T) {
	ctx := context.Background()
	_, err := OpenPostgres(ctx, PostgresOptions{DSN: "host=" + t.TempDir() + " port=5432 user=nobody dbname=none"})
	if err == nil || !strings.Contains(err.Error(), "is unreachable") {
		t.Errorf("no server: %v", err)
	}
	if err := pgServer.Exec("projections",
		"CREATE ROLE visitor LOGIN",
		"CREATE SCHEMA closed AUTHORIZATION projections",
		"GRANT USAGE ON SCHEMA closed TO visitor",
		"CREATE SCHEMA shared AUTHORIZATION projections",
		"CREATE TABLE shared.sqledger_checkpoint (id INTEGER)",
		"ALTER TABLE shared.sqledger_checkpoint OWNER TO visitor",
		"GRANT ALL ON shared.sqledger_checkpoint TO projections",
	); err != nil {
		t.Fatal(err)
	}
	_, err = OpenPostgres(ctx, PostgresOptions{DSN: pgServer.DSN("visitor", "projections") + " search_path=closed"})
	if !errors.Is(err, ErrRights) || !strings.Contains(err.Error(), "role visitor lacks CREATE on schema closed") {
		t.Errorf("no CREATE: %v", err)
	}
	_, err = OpenPostgres(ctx, PostgresOptions{DSN: pgDSN + " search_path=shared"})
	if !errors.Is(err, ErrRights) || !strings.Contains(err.Error(), "does not own sqledger_checkpoint (owner visitor)") {
		t.Errorf("a table of another role: %v", err)
	}
}

// TestPostgresReadRole: with a read_dsn the queries run as a role that
// can only read. The store grants it SELECT on its tables, present and
// future, and the queries see the rows; the role itself cannot write
// them, even outside a read-only transaction. A role that may create
// tables in the store's schema, or the writer's own, is refused.
func TestPostgresReadRole(t *testing.T) {
	ctx := context.Background()
	if err := pgServer.Exec("projections",
		"CREATE SCHEMA rr AUTHORIZATION projections",
		"CREATE ROLE rr_reader LOGIN",
		"CREATE ROLE rr_creator LOGIN",
		"GRANT USAGE, CREATE ON SCHEMA rr TO rr_creator",
	); err != nil {
		t.Fatal(err)
	}
	write := pgDSN + " search_path=rr"
	read := pgServer.DSN("rr_reader", "projections") + " search_path=rr"
	b, err := OpenPostgres(ctx, PostgresOptions{DSN: write, ReadDSN: read})
	if err != nil {
		t.Fatal(err)
	}
	p := people(t, openAt(t, "", Options{Backend: b}))
	lines, err := p.QuerySQL(ctx, "SELECT count(*) AS n FROM "+TableName(tableA), 0)
	if err != nil || render(lines) != "n=5\n" {
		t.Fatalf("a query as the reader: %q, %v", render(lines), err)
	}
	var who string
	if err := b.Reader().QueryRowContext(ctx, "SELECT current_user").Scan(&who); err != nil || who != "rr_reader" {
		t.Fatalf("the queries run as %q, %v", who, err)
	}
	direct, err := sql.Open("pgx", read)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close()
	for _, stmt := range []string{
		"INSERT INTO " + strings.ToLower(TableName(tableA)) + " (id, name) VALUES (9, 'x')",
		"CREATE TABLE rr.x (id INTEGER)",
	} {
		if _, err := direct.ExecContext(ctx, stmt); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s as the reader: %v", stmt, err)
		}
	}
	for dsn, want := range map[string]string{
		pgServer.DSN("rr_creator", "projections") + " search_path=rr": "may create tables in schema rr",
		write: "is the writer's",
	} {
		if _, err := OpenPostgres(ctx, PostgresOptions{DSN: write, ReadDSN: dsn}); !errors.Is(err, ErrRights) || !strings.Contains(err.Error(), want) {
			t.Errorf("read_dsn %s: %v, want %q", dsn, err, want)
		}
	}
}
