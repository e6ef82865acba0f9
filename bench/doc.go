// Command bench is sqledger's load generator. It drives a node through its
// WebSocket API the way real clients do, and reports what the node
// sustained beside this machine's limits, measured in the same run, so
// that its figures mean something on any machine.
//
//	go run ./bench --help
//	go run ./bench payments [--sessions 100] [--count 100000] [--rate R | --window W]
//	go run ./bench inserts  [--sessions 100] [--tables 4] [--count 100000] [--rows-per-tx 1] [--rate R | --window W]
//	go run ./bench queries  [--sessions 100] [--rows 10000] [--duration 30s] [--kinds point,range,page,count,admin]
//	go run ./bench sessions [--sessions 10000] [--ledgers 10] [--push ledger|nkn]
//	go run ./bench hostile  [--slow-readers 3000] [--garbage-senders 1000] [--phase 15s] [--honest-rate 20] [--info-rate 20]
//	go run ./bench replay   [--txs 1000000] [--per-ledger 10000] [--data-dir DIR]
//	go run ./bench limits   [--limit-time 1s]
//
// Every workload takes --out FILE.json (the report as JSON), --plot
// FILE.svg or FILE.png (latency and throughput over time), --quiet and
// --timeout. The report is printed as Markdown tables, ready to paste into
// a README.
//
// # The node under test
//
// Without --url, bench builds ./cmd/node (go build, from the module root
// that `go list -m` names) into a temporary directory, starts it as a
// subprocess on a temporary data directory and a free loopback port, and
// stops it with SIGTERM at the end. A separate process is what makes the
// memory figures honest: they are the node's VmRSS from /proc/PID/status,
// and its CPU time from /proc/PID/stat. --node BINARY starts a binary
// already built; --url ws://127.0.0.1:PORT/ drives a node already running
// (with --node-pid PID for its memory and CPU); --inprocess runs the node
// inside bench, wired as cmd/node wires it, so that --cpuprofile shows the
// node's hot paths (its memory and CPU figures then include the client's).
//
// --network N (payments and inserts) runs `node testnet --validators N`
// into the temporary directory on a free range of 127.0.0.1 ports,
// starts the N node processes (`node run --config nodeI/config.toml`),
// waits until every node serves and has validated ledger 2, funds (and
// creates the tables) through node0, waits until every node has
// validated that, and spreads the timed phase's sessions round-robin
// over the N nodes' WebSocket URLs. The report has each node's CPU and
// resident memory, and their sums. Every node is stopped at the end,
// also on an error or an interrupt. --ledger-interval is then CometBFT's
// timeout_commit.
//
// bench sends traffic to loopback addresses only (--url must be one), and
// every run is bounded: in count by the workload's options, in time by
// --timeout and the workload's own bounds.
//
// # Limits
//
// Before a workload, bench measures (for --limit-time each; --limits=false
// skips them):
//
//   - signature verifications per second, tx.Tx.Verify of signed
//     payments, on one goroutine and on one per core;
//   - synced event-log appends per second, eventlog.Log.Append of
//     one-payment ledgers closed by ledger.State, and transactions per
//     second appended in 10,000-payment ledgers;
//   - SQLite inserts per second, one prepared INSERT per row in one
//     transaction, through modernc.org/sqlite, the driver of the node's
//     SQL projection (sqliteInsertRate is the one function to change to
//     swap it), into a table with the columns the inserts workload writes;
//   - WebSocket round trips per second through the node's own gateway
//     package (gws) on loopback, 100 sessions with 8 requests in flight
//     each, client and server in the bench process;
//   - the payment path: the same with submit {tx_blob}, where the server
//     decodes and verifies the blob before answering, which is one
//     verification plus one round trip per transaction on the same cores.
//
// Each report then prints its result as a ratio to the limits that bound
// it.
//
// # payments
//
// N sessions (default 100) submit payments between many accounts (default
// 1,000). Every account is funded from the genesis account through the
// API, and every payment is signed and every frame built before the timed
// phase, so the client's signing does not count. Session s owns accounts
// s, s+N, s+2N, …, sends from them in turn, and each account pays the next:
// an account's payments all travel in order on one session, as its account
// actor needs. Each payment is what the ChainSQL client does:
//
//	subscribe {"transaction": HASH}   then
//	submit    {"tx_blob": HEX}        answered tesSUCCESS, then
//	{"type":"singleTransaction","status":"validate_success",...}
//
// Latency runs from writing the submit to reading validate_success. With
// --rate R the run is an open loop: payment k of all is written R⁻¹·k
// seconds after the start, whatever the node does; otherwise it is a
// closed loop at full speed, each session keeping --window payments in
// flight. Sending stops after --duration; payments still in flight then
// have a few ledger intervals to resolve, and the rest are counted as
// unresolved. The report gives submitted, validated, failed (by reason),
// validated per second from the first submit to the last validation,
// latency percentiles (p50, p90, p99, max, nearest rank), the ledgers that
// closed (from a session on the ledger stream) and the CPU and memory the
// node and the client used.
//
// # inserts
//
// N sessions (default 100) submit SQLStatement inserts (OpType 6) from
// many accounts (default 1,000) into a few shared tables (default 4).
// Before the timed phase, bench funds the accounts and T table owners,
// creates the tables as the client does (t_prepare for NameInDB, then a
// signed TableListSet), has each owner grant insert to its accounts, one
// grant per account (a table holds at most ledger.MaxGrants, 256, so
// accounts/tables may not exceed it), and signs every insert. Account a
// inserts into table a mod T, and session s owns accounts s, s+N, …, as
// in payments. Shared tables rather than one table per account because
// that is how ChainSQL applications use tables (many users writing one
// application's tables), and it is the harder case for the node: one
// table actor checks every insert into its table, and one SQL table takes
// every row. Insert k holds rows k·R … k·R+R-1 (--rows-per-tx R, default
// 1), with the columns of the SQLite limit's table, so no two rows share
// a primary key and the store writes what the limit writes. Each insert
// is what the client does with expect "db_success":
//
//	subscribe {"transaction": HASH}   then
//	submit    {"tx_blob": HEX}        answered tesSUCCESS, then
//	{"type":"singleTransaction","status":"validate_success",...}   then
//	{"type":"singleTransaction","status":"db_success",...}   (or db_error)
//
// The loop is open (--rate) or closed (--window) as in payments, bounded
// by --count and --duration. The report gives submitted, validated,
// db_success, db_error, failed (by reason) and unresolved; rows per
// second reaching the SQL store (db_success rows from the first submit to
// the last db_success); latency percentiles from submit to db_success and
// to validate_success; the rows the tables hold after the run, counted by
// the node (r_get_sql_admin count(*)); and whether the run met the target
// of 10,000 rows per second with a p99 to db_success under three ledger
// intervals. Its ratios are rows per second to the SQLite limit (the same
// rows through the same driver, without the node) and inserts per second
// to the payment path and to signature verifications.
//
// # hostile
//
// The node bench starts has one admin network, 127.0.0.1/32, where the
// setup runs (funding, a table, its grants). An honest client on
// 127.0.1.1 then submits payments and one-row inserts (--honest-rate,
// half each, open loop, each subscribed to its hash and timed to
// validate_success) and calls server_info (--info-rate, open loop) for
// --phase; then the attack starts and, once every attacker has tried to
// connect (--ramp), the same client is measured again for --phase.
// Slow readers (--slow-readers, --slow-per-addr per source address from
// 127.0.2.1 up) subscribe to the ledger and transactions streams with a
// 4 KiB receive buffer and never read; a ping a second tells them when
// the node dropped them. Garbage senders (--garbage-senders,
// --garbage-per-addr from 127.0.10.1 up) write a non-JSON frame,
// --garbage-bytes of 0x01, JSON nested 50,000 deep, a binary frame and
// invalid UTF-8 in turn, as fast as the node takes them, reading and
// discarding the answers on a bare socket (rawConn) so that they cost the
// bench little memory. Attackers connect again 200 ms after a session
// ends. The report has both phases' latencies (also in ledger intervals),
// unanswered counts, the node's peak VmRSS, and the attackers' sessions by
// how they ended as the client saw it (the node's close code, a drop
// without a close frame, still open), checked against the targets:
// server_info p99 under 100 ms, submit to validate_success p99 under two
// ledger intervals, every honest request answered, the node under 1 GiB.
// The attackers and the node each hold one socket per attacker: bench
// refuses more than 19,000 (the open-file limit is 20,000).
//
// # queries
//
// bench creates one table, fills it with --rows rows (default 10,000, ids
// 0 … rows-1, in inserts of 100 rows, each waited for to db_success) and
// checks the count with r_get_sql_admin. N sessions (default 100) then
// keep --window queries each in flight (default 1: a closed loop) for
// --duration (default 30 s, at most --count queries), issuing the kinds
// of --kinds in turn:
//
//	point   r_get [[],{"id":K}]                                   one row, by primary key
//	range   r_get [["id","amount"],{"id":{"$gt":A-1,"$lt":A+50}}]  50 rows
//	page    r_get [[],{"$order":[{"id":-1}],"$limit":{"index":I,"total":20}}]
//	count   r_get [["count(*) as n"]]
//	admin   r_get_sql_admin SELECT id, amount FROM t_<NameInDB> WHERE id >= A AND id < A+10
//
// An r_get is what the published client sends: tx_json {Account, Owner,
// Tables, Raw, LedgerIndex}, its JSON text as signingData, the public key
// and the signature. bench signs 256 different queries of each kind
// before the timed phase, with the LedgerIndex the client uses (the
// current ledger - 1); the node takes one at most 5 ledgers old, so when
// ledgers close during the run (another client's traffic) a session on
// the ledger stream has the pool signed again two ledgers on. The admin
// kind is left out, with a note, when the node refuses admin commands to
// bench. Every answer is checked: its number of lines, the id of a point
// lookup, the count. The report gives queries per second (correct
// answers, from the first query to the last answer) and latency
// percentiles, overall and per kind, the errors and wrong answers by
// reason, and the diff the answers carried (the node's count of ledgers
// its SQL store is behind the last closed one). Its ratios are queries per second to the
// WebSocket round trips, and signed queries per second to signature
// verifications (each r_get verifies one).
//
// # sessions
//
// N idle sessions (default 10,000) connect, spread over source addresses
// 127.0.0.1, 127.0.0.2, … (--per-addr each, default 5,000, well below the
// 28,000 ephemeral ports of one address), and heartbeat every --heartbeat,
// spread evenly. bench then closes --ledgers ledgers one at a time (a
// ledger closes when a transaction waits, so it submits one payment per
// ledger) and records when each ledger's push reached each session. It
// reports the sessions held, the node's memory per session (the growth of
// its VmRSS from before the sessions to when they were all open, over the
// sessions held) and the push delivery times from the first session's
// receipt to each other's (p50, p99, max), with the time to reach them all.
//
// The default, --push nkn, times the NKN push updateSigChainBlockHash:
// each session sends an NKN heartbeat at once (which makes it an NKN
// session) and every 5 s after. --push ledger times the ChainSQL
// ledgerClosed frame instead, with ping as the heartbeat.
//
// # replay
//
// bench writes a data directory of --txs payments (default 1,000,000) in
// ledgers of --per-ledger, after a ledger that funds the accounts, with the
// node's own packages rather than the API (which would take hours): the
// genesis ledger from ledgerlog.Init (with a fixed close time, so the same
// options write the same log), then ledger.State.Close and
// eventlog.Log.Append of its ledgerlog.Record for each ledger, as the
// sequencer does. It then times `node replay
// --data-dir` as a subprocess, parses its summary (its own timing, which
// excludes opening the log) and its progress bar (for the plot), and reads
// the same log back without applying it, decoding every record
// (ledgerlog.Decode, the reader replay uses): the
// rate replay would reach if applying cost nothing. --data-dir keeps the
// data, and replays an existing log instead of writing one.
//
// # Tests
//
// bench_test.go runs every workload with tiny counts against a node built
// once by TestMain (a few seconds each), so that bench cannot silently rot;
// the other tests check the arithmetic and parsing against known vectors.
package main
