package projections

import (
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// ordersRaw is the create Raw of chainsql-lib's signed vector (an int
// primary key with a unique index, a varchar, a decimal, a datetime),
// plus a column for the transaction hash.
const ordersRaw = `[{"field":"id","type":"int","length":11,"PK":1,"NN":1,"UQ":1,"index":1},` +
	`{"field":"item","type":"varchar","length":64},{"field":"price","type":"decimal","length":10,"accuracy":2},` +
	`{"field":"at","type":"datetime"},{"field":"txid","type":"varchar","length":64}]`

func TestCreateMapsTypes(t *testing.T) {
	p := openTest(t, Options{})
	c := newChain(t)
	wantResults(t, mustApply(t, p, c.ledger(c.tableTx(tx.OpCreate, tableA, ordersRaw))), "")
	r, err := p.b.Writer().Query(`SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, TableName(tableA))
	if err != nil {
		t.Fatal(err)
	}
	got, err := scanLines(r, 100, p.d)
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	want := "name=id notnull=1 pk=1 type=INTEGER\n" +
		"name=item notnull=0 pk=0 type=TEXT\n" +
		"name=price notnull=0 pk=0 type=REAL\n" +
		"name=at notnull=0 pk=0 type=NUMERIC\n" +
		"name=txid notnull=0 pk=0 type=TEXT\n"
	if render(got) != want {
		t.Errorf("columns:\n%s\nwant:\n%s", render(got), want)
	}
	var idx int
	if err := p.b.Reader().QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?`,
		indexName(TableName(tableA), "id")).Scan(&idx); err != nil || idx != 1 {
		t.Errorf("index on id: %d, %v", idx, err)
	}
}

func TestInsertAutoFill(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := s.open(t, Options{})
		c := newChain(t)
		mustApply(t, p, c.ledger(c.tableTx(tx.OpCreate, tableA,
			`[{"field":"id","type":"int","PK":1},{"field":"item","type":"varchar"},{"field":"h","type":"varchar"},`+
				`{"field":"h2","type":"text"},{"field":"seq","type":"int"},{"field":"at","type":"datetime"}]`)))
		ins := c.tableTx(tx.OpInsert, tableA, `[{"id":7,"item":"书"},{"id":8,"item":null}]`,
			"AutoFillField", "h", "TxsHashFillField", "h2", "LedgerSeqField", "seq", "LedgerTimeField", "at")
		wantResults(t, mustApply(t, p, c.ledger(ins)), "")
		hash := fmt.Sprintf("%X", ins.Hash[:])
		at := "2025-05-08 06:13:22" // closeTimeOf(2) in LedgerTimeField's form
		want := fmt.Sprintf("at=%s h=%s h2=%s id=7 item=书 seq=2\nat=%s h=%s h2=%s id=8 item=<nil> seq=2\n", at, hash, hash, at, hash, hash)
		if got := render(rows(t, p, tableA, "id")); got != want {
			t.Errorf("rows:\n%s\nwant:\n%s", got, want)
		}
	})
}

// opCase is one scenario: ledgers of operations on tableA after a
// create, the results of the last ledger and the rows after it.
type opCase struct {
	name    string
	create  string
	ledgers [][]func(c *chain) any
	results []string
	// pgResults are the results on PostgreSQL, where its words differ
	// (nil: results).
	pgResults []string
	rows      string
}

func TestOperations(t *testing.T) {
	const people = `[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":32},{"field":"age","type":"int"}]`
	insert := func(raw string) func(c *chain) any {
		return func(c *chain) any { return c.tableTx(tx.OpInsert, tableA, raw) }
	}
	op := func(o tx.OpType, raw string) func(c *chain) any {
		return func(c *chain) any { return c.tableTx(o, tableA, raw) }
	}
	three := insert(`[{"id":1,"name":"ann","age":30},{"id":2,"name":"bob","age":40},{"id":3,"name":"cy","age":null}]`)
	cases := []opCase{
		{name: "insert batch", create: people, ledgers: [][]func(*chain) any{{three}},
			results: []string{""}, rows: "age=30 id=1 name=ann\nage=40 id=2 name=bob\nage=<nil> id=3 name=cy\n"},
		{name: "duplicate key rejected", create: people,
			ledgers: [][]func(*chain) any{{three}, {insert(`[{"id":4,"name":"dan"},{"id":1,"name":"again"}]`), insert(`[{"id":5,"name":"eve"}]`)}},
			results: []string{"UNIQUE constraint failed", ""}, pgResults: []string{"duplicate key value violates unique constraint", ""}, rows: "age=30 id=1 name=ann\nage=40 id=2 name=bob\nage=<nil> id=3 name=cy\nage=<nil> id=5 name=eve\n"},
		{name: "unknown column rejected", create: people, ledgers: [][]func(*chain) any{{insert(`[{"id":1,"nick":"x"}]`)}},
			results: []string{"no column named nick"}, pgResults: []string{`column "nick" of relation`}, rows: ""},
		{name: "boolean value rejected", create: people, ledgers: [][]func(*chain) any{{insert(`[{"id":1,"name":true}]`)}},
			results: []string{"Unknown type"}, rows: ""},
		{name: "update with OR-ed conditions", create: people,
			ledgers: [][]func(*chain) any{{three}, {op(tx.OpUpdate, `[{"age":50},{"id":1},{"name":"cy"}]`)}},
			results: []string{""}, rows: "age=50 id=1 name=ann\nage=40 id=2 name=bob\nage=50 id=3 name=cy\n"},
		{name: "update without condition", create: people,
			ledgers: [][]func(*chain) any{{three}, {op(tx.OpUpdate, `[{"name":"x"}]`)}},
			results: []string{""}, rows: "age=30 id=1 name=x\nage=40 id=2 name=x\nage=<nil> id=3 name=x\n"},
		{name: "delete with conditions", create: people,
			ledgers: [][]func(*chain) any{{three}, {op(tx.OpDelete, `[{"age":{"$ge":35}},{"age":null}]`)}},
			results: []string{""}, rows: "age=30 id=1 name=ann\n"},
		{name: "delete all", create: people,
			ledgers: [][]func(*chain) any{{three}, {op(tx.OpDelete, `[]`)}}, results: []string{""}, rows: ""},
		{name: "drop then insert fails", create: people,
			ledgers: [][]func(*chain) any{{three}, {op(tx.OpDrop, ""), insert(`[{"id":9}]`)}},
			results: []string{"", "does not exist"}},
		{name: "rename keeps the table", create: people,
			ledgers: [][]func(*chain) any{{three}, {func(c *chain) any {
				return c.sign(map[string]any{"TransactionType": "TableListSet", "OpType": int(tx.OpRename),
					"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexOf("old"),
						"NameInDB": fmt.Sprintf("%X", tableA[:]), "TableNewName": hexOf("new")}}}})
			}, insert(`[{"id":4,"name":"dan","age":1}]`)}},
			results: []string{"", ""}, rows: "age=30 id=1 name=ann\nage=40 id=2 name=bob\nage=<nil> id=3 name=cy\nage=1 id=4 name=dan\n"},
		{name: "grant is ledger-side only", create: people,
			ledgers: [][]func(*chain) any{{op(tx.OpGrant, `[{"select":true}]`)}}, results: []string{""}, rows: ""},
		{name: "recreate empties the table", create: people,
			ledgers: [][]func(*chain) any{{three}, {op(tx.OpRecreate, ""), insert(`[{"id":9,"name":"z"}]`)}},
			results: []string{"", ""}, rows: "age=<nil> id=9 name=z\n"},
		{name: "add fields with default", create: people,
			ledgers: [][]func(*chain) any{{three}, {op(tx.OpAddFields, `[{"field":"city","type":"varchar","default":"rome"},{"field":"n","type":"int"}]`),
				insert(`[{"id":4,"name":"dan"}]`)}},
			results: []string{"", ""}, rows: "age=30 city=rome id=1 n=<nil> name=ann\nage=40 city=rome id=2 n=<nil> name=bob\n" +
				"age=<nil> city=rome id=3 n=<nil> name=cy\nage=<nil> city=rome id=4 n=<nil> name=dan\n"},
		{name: "add existing field rejected", create: people,
			ledgers: [][]func(*chain) any{{op(tx.OpAddFields, `[{"field":"AGE","type":"int"}]`)}}, results: []string{"Duplicate column"}},
		{name: "delete fields", create: people,
			ledgers: [][]func(*chain) any{{three}, {op(tx.OpDeleteFields, `[{"field":"age"}]`)}},
			results: []string{""}, rows: "id=1 name=ann\nid=2 name=bob\nid=3 name=cy\n"},
		{name: "delete every field rejected", create: people,
			ledgers: [][]func(*chain) any{{op(tx.OpDeleteFields, `[{"field":"age"},{"field":"name"},{"field":"id"}]`)}},
			results: []string{"can't delete all columns"}},
		{name: "modify fields keeps values", create: people,
			ledgers: [][]func(*chain) any{{three}, {op(tx.OpModifyFields, `[{"field":"age","type":"varchar"}]`), insert(`[{"id":4,"age":"old"}]`)}},
			results: []string{"", ""}, rows: "age=30 id=1 name=ann\nage=40 id=2 name=bob\nage=<nil> id=3 name=cy\nage=old id=4 name=<nil>\n"},
		{name: "an insert after a type change in the same ledger", create: people,
			ledgers: [][]func(*chain) any{{insert(`[{"id":4,"age":5}]`), op(tx.OpModifyFields, `[{"field":"age","type":"varchar"}]`),
				insert(`[{"id":5,"age":"old"}]`)}},
			results: []string{"", "", ""}, rows: "age=5 id=4 name=<nil>\nage=old id=5 name=<nil>\n"},
		{name: "modify to NOT NULL over a NULL rejected", create: people,
			ledgers: [][]func(*chain) any{{three}, {op(tx.OpModifyFields, `[{"field":"age","type":"int","NN":1}]`)}},
			results: []string{"NOT NULL constraint failed"}, pgResults: []string{`null value in column "age"`}, rows: "age=30 id=1 name=ann\nage=40 id=2 name=bob\nage=<nil> id=3 name=cy\n"},
		{name: "create and drop index", create: people,
			ledgers: [][]func(*chain) any{{op(tx.OpCreateIndex, `[{"index":"by_name"},{"field":"name"},{"field":"age"}]`),
				op(tx.OpCreateIndex, `[{"index":"by_name"},{"field":"age"}]`), op(tx.OpDeleteIndex, `[{"index":"by_name"}]`),
				op(tx.OpDeleteIndex, `[{"index":"by_name"}]`)}},
			results: []string{"", "Duplicate key name", "", "check that column/key exists"}},
		{name: "index on a missing column rejected", create: people,
			ledgers: [][]func(*chain) any{{op(tx.OpCreateIndex, `[{"index":"ix"},{"field":"nope"}]`)}},
			results: []string{"doesn't exist"}},
		{name: "AI key word rejected", create: people,
			ledgers: [][]func(*chain) any{{op(tx.OpAddFields, `[{"field":"n","type":"int","AI":1}]`)}},
			results: []string{"key word : AI is not support"}},
		{name: "unknown type rejected", create: people,
			ledgers: [][]func(*chain) any{{op(tx.OpAddFields, `[{"field":"n","type":"bigint"}]`)}},
			results: []string{"type : bigint is not support"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eachStore(t, func(t *testing.T, s testStore) {
				p := s.open(t, Options{})
				c := newChain(t)
				wantResults(t, mustApply(t, p, c.ledger(c.tableTx(tx.OpCreate, tableA, tc.create))), "")
				var last []Result
				var lastTxs []any
				for _, fns := range tc.ledgers {
					lastTxs = lastTxs[:0]
					for _, fn := range fns {
						lastTxs = append(lastTxs, fn(c))
					}
					last = mustApply(t, p, c.ledger(lastTxs...))
				}
				results := tc.results
				if s.postgres && tc.pgResults != nil {
					results = tc.pgResults
				}
				wantResults(t, last, results...)
				if tc.rows != "" || tableExists(t, p, tableA) {
					if got := render(rows(t, p, tableA, "1")); got != tc.rows {
						t.Errorf("rows:\n%s\nwant:\n%s", got, tc.rows)
					}
				}
			})
		})
	}
}

func TestIgnoresFailedAndNonTableTransactions(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := s.open(t, Options{})
		c := newChain(t)
		create := c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int"}]`)
		failed := c.tableTx(tx.OpInsert, tableA, `[{"id":1}]`)
		good := c.tableTx(tx.OpInsert, tableA, `[{"id":2}]`)
		res := mustApply(t, p, c.ledger(create, c.payment(), entry{failed, ter.TefTABLE_NOTEXIST}, good))
		if len(res) != 2 || res[0].TxHash != create.Hash || res[1].TxHash != good.Hash {
			t.Fatalf("results %+v, want the create and the good insert", res)
		}
		if got := render(rows(t, p, tableA, "id")); got != "id=2\n" {
			t.Errorf("rows %q", got)
		}
	})
}

func TestUpdateAppendsHash(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := s.open(t, Options{})
		c := newChain(t)
		mustApply(t, p, c.ledger(c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int"},{"field":"log","type":"text"},{"field":"seq","type":"int"}]`),
			c.tableTx(tx.OpInsert, tableA, `[{"id":1,"log":"a"},{"id":2,"log":"b"}]`)))
		up := c.tableTx(tx.OpUpdate, tableA, `[{"id":1},{"id":1}]`, "TxsHashFillField", "log", "LedgerSeqField", "seq")
		wantResults(t, mustApply(t, p, c.ledger(up)), "")
		want := fmt.Sprintf("id=1 log=a,%X seq=2\nid=2 log=b seq=<nil>\n", up.Hash[:])
		if got := render(rows(t, p, tableA, "id")); got != want {
			t.Errorf("rows:\n%s\nwant:\n%s", got, want)
		}
	})
}
