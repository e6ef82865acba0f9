// Package projections keeps the read models the node rebuilds from its
// event log. Its one projection today is the SQL table store: the rows of
// ChainSQL's tables, in an SQL database, that r_get, r_get_sql_admin and
// r_get_sql_user read and whose writes yield the db_success and db_error
// notifications.
//
// # The model
//
// The event log (package eventlog) is the only source of truth: every
// closed ledger with its transactions, their metadata and the ledger
// header. The ledger (package ledger) decides which table transactions
// succeed; this package only replays what it decided, reading each record
// through package ledgerlog (the header's sequence and close time, each
// transaction's recorded result and fields), never decoding its bytes
// itself. For each ledger, Apply runs one SQL transaction that
//
//  1. takes every transaction whose metadata records tesSUCCESS and whose
//     type is TableListSet, SQLStatement or SQLTransaction, in ledger
//     order (anything else is skipped);
//  2. runs each inside a SAVEPOINT: its operations become SQL (below); if
//     the database refuses one — a duplicate key, a NOT NULL column left
//     empty, an unknown column, a failed assert — the savepoint is rolled
//     back, the transaction's Result is db_error with the reason, and the
//     ledger goes on; otherwise the savepoint is released and the Result
//     is db_success (for a SQLTransaction: only when every statement
//     succeeded);
//  3. writes the checkpoint, the ledger's sequence and hash, in the same
//     SQL transaction, and commits.
//
// A transaction's operations are not parsed here: protocol/tableop reads
// them (tableop.Of), once per *tx.Tx, and this package reads that parse.
// Apply decodes each logged transaction and applies it; the apply under
// it takes the transactions as *tx.Tx, so that the transactions of a
// ledger the node has just closed, already parsed at their admission,
// are not parsed again. Which Raws the grammar accepts is tableop's (and
// the ledger's) decision; what is refused here are chainsqld's SQL-side
// checks (a column's bounds, default and foreign key, values, operators,
// names in rows and conditions) and what the database refuses.
//
// A refusal is deterministic: the same log always gives the same rows and
// the same Results. Anything else that fails — the disk, a corrupt record,
// a cancelled context — is a fault of the node: the whole ledger is rolled
// back, Apply returns the error, and nothing of the ledger is visible. The
// Dialect's Rejected method tells the two apart.
//
// Because the rows and the checkpoint commit together, a crash at any
// point leaves the store at the end of some ledger: on restart CatchUp
// applies the ledgers after the checkpoint, each exactly once. Apply
// refuses any ledger but the one after the checkpoint (ErrOutOfOrder).
// Notifications are sent by the caller after Apply returns, so a crash
// between the commit and the send loses them, never the rows; the rows are
// never applied twice.
//
// # Running it
//
// The projection never blocks the ledger. The node runs Follow in a
// goroutine of its own: it catches up from the checkpoint by reading the
// log, then applies each ledger the sequencer hands it through a Feed
// after the ledger's durable append. A fed ledger (Closed) carries the
// sequencer's own decoded and parsed transactions, so a table
// transaction's Raw is parsed once between its submit and its
// db_success; what the feed skips (it holds at most MaxFeed ledgers for
// a follower that is behind) Follow reads from the log:
//
//	p, err := projections.Open(filepath.Join(dataDir, "sql"), projections.Options{})
//	...
//	feed := projections.NewFeed()
//	go func() {
//		err := p.Follow(ctx, log, feed, func(o projections.Outcome) {
//			for _, r := range o.Results {
//				publish(r.TxHash, r.Status, r.Error) // db_success / db_error
//			}
//		})
//		...
//	}()
//	// after each append (never blocks):
//	feed.Push(projections.Closed{Seq: seq, Hash: hash, CloseTime: t, Txs: succeededTableTxs})
//
// Queries run on their own read-only connections, in parallel with the
// writer (SQLite in WAL mode: readers see the last committed ledger).
// Diff(head) gives the "diff" field of their responses. Rebuild empties
// the store and applies the whole log again (node replay --projections);
// Digest hashes every table's schema and rows, so that a rebuilt store can
// be compared with the live one.
//
// # Tables
//
// A ledger table is the SQL table t_<NameInDB as 40 uppercase hex digits>,
// as in chainsqld. Rename keeps NameInDB, so it changes nothing here;
// grants, assign and report are ledger-side only. The projection records
// each table's schema (columns, named indexes, the create's Raw) in its
// bookkeeping table sqledger_tables and the checkpoint in
// sqledger_checkpoint. A column is recorded as the store applied it (its
// type in lower case, its sizes decided, its attributes as booleans, its
// default as JSON text, its foreign key's table and field), the form this
// store has always written; in memory it is a tableop.Column.
//
// Operations and what they become (SQLite dialect):
//
//	create (1)          DROP TABLE IF EXISTS, CREATE TABLE, CREATE INDEX per "index":1 column
//	drop (2)            DROP TABLE IF EXISTS
//	recreate (12)       as create, from the transaction's Raw or else the create's
//	add fields (14)     rebuild of the table with the new columns (rows keep their values, new columns their default)
//	delete fields (15)  rebuild without the columns; they leave the named indexes
//	modify fields (16)  rebuild with the new definitions, in place
//	create index (17)   CREATE INDEX ix_<NameInDB>_<name>
//	delete index (18)   DROP INDEX
//	insert (6)          INSERT per row (prepared once per column set), plus auto-fill columns and defaults
//	update (8)          UPDATE ... SET ... WHERE <conditions OR-ed>
//	delete (9)          DELETE ... [WHERE ...]; [] deletes every row
//	assert (10)         $IsExisted: the table exists (1) or not (0); $RowCount: count(*) of the conditions
//
// Auto-fill columns, as chainsqld's ParseAutoFields fills them:
// AutoFillField and TxsHashFillField get the transaction hash (uppercase
// hex; for a SQLTransaction, its own hash), LedgerSeqField the ledger
// sequence, LedgerTimeField the ledger close time as "2006-01-02 15:04:05"
// UTC. An update sets the first, third and fourth and appends
// ",<hash>" to TxsHashFillField (chainsqld's concat).
//
// Column types map as chainsqld's SQLite dialect maps them: int and
// integer to INTEGER; float, double and decimal to REAL; varchar, char,
// text and longtext to TEXT; blob to BLOB; datetime and date to NUMERIC.
// Lengths are kept in the schema, not enforced. PK columns form a table
// PRIMARY KEY constraint (so a key may span columns, as in MySQL) and are
// NOT NULL; NN is NOT NULL, UQ UNIQUE; FK with REFERENCES is recorded as a
// FOREIGN KEY clause and not enforced. A column's default is not written
// into the DDL: the projection binds it when an insert leaves the column
// out, and when a schema change adds the column.
//
// # Values and names
//
// No value from a transaction or a query ever becomes SQL text: every
// value is a bound argument. Names (columns, indexes, aliases, auto-fill
// columns) must match ^[A-Za-z_][A-Za-z0-9_]{0,63}$ and are then quoted;
// table names are made from NameInDB. JSON values bind as they are:
// strings as text, integers (within int64) as integers, other numbers as
// reals, null as NULL; booleans, arrays and objects are refused as in
// chainsqld ("Unknown type when parsing fields").
//
// # Queries
//
// Get translates r_get's JSON query language. The Raw is an array: its
// first element the columns ([] for *; a name, or count/sum/avg/min/max
// of a name or count(*), each with an optional "as alias"), then objects.
// An object holding $limit, $order, $group or $having shapes the query;
// every other object is a condition, and conditions are OR-ed, the
// members of one object AND-ed:
//
//	{"c": v}                     "c" = ?            (v null: "c" IS NULL)
//	{"c": {"$eq"|"$ne"|"$lt"|"$le"|"$gt"|"$ge": v}}   = != < <= > >=   ($eq null: IS NULL, $ne null: IS NOT NULL)
//	{"c": {"$in"|"$nin": [v…]}}  "c" IN (?, …) / NOT IN
//	{"c": {"$is"|"$isnot": null}} "c" IS NULL / IS NOT NULL
//	{"c": {"$regex": "/x/"}}     "c" LIKE '%x%'; "/^x/" → '%x', "/x^/" → 'x%' (chainsqld's mapping); else the text is the pattern
//	{"c": {op1: a, op2: b}}      op1 AND op2
//	{"$and": [obj…]}, {"$or": [obj…]}   nested groups
//	{"$order": [{"c": 1|-1|"asc"|"desc"}…]}   ORDER BY
//	{"$group": ["c"…]}, {"$having": cond}      GROUP BY, HAVING (keys: names or aggregates)
//	{"$limit": {"index": i, "total": n}}       LIMIT n OFFSET i
//
// Every query is capped at the select limit (chainsqld's select_limit,
// 200 by default). Results are rows of JSON values: NULL as nil, integers
// as int64, reals as float64, text and blobs as strings.
//
// Get takes the table's schema from an in-memory cache, which forgets a
// table after the commit of any ledger that changed it (and everything on
// Rebuild), so a query never sees a schema older than the last committed
// ledger's once that ledger's Apply has returned. Get and QuerySQL run
// through a bounded LRU of statements prepared on the read-only pool, by
// query text (values are always bound, so the queries of one shape share
// one); SQLite prepares a statement again by itself after a schema change.
//
// QuerySQL runs raw SQL for r_get_sql_admin and r_get_sql_user: one
// statement whose first word is SELECT, on a connection opened read-only
// whose authorizer allows reading and nothing else. SelectTables lists the
// t_<40 hex> tables a statement names, for the caller's grant checks.
//
// # Errors
//
// ErrStatement (with a *StatementError carrying the reason) is a refused
// table operation, reported as db_error and never returned by Apply.
// Queries fail with ErrBadQuery (txJsonParsedErr, 101), ErrQueryFailed
// (disposeSqlErr, 102), ErrSelectOnly (sqlSelectOnly, 103) or ErrNoTable;
// RPCError maps them. Apply, CatchUp and Rebuild fail with ErrOutOfOrder,
// ErrCorrupt or the database's own error; all of them leave the store at
// the end of the last ledger applied.
//
// # Backends
//
// The store is a Backend: a writer handle, a read-only pool and a Dialect
// (table names, the DDL, scanned values and the classification of
// errors). Open uses the embedded SQLite file (modernc.org/sqlite, pure
// Go: nothing to install) in the projection's directory unless Options
// give another Backend: OpenPostgres's, a PostgreSQL database through
// pgx, whose connections turn the shared SQL's "?" into "$n" and send
// every argument as text for the server to type (README.md, PostgreSQL).
package projections
