// Package actors is the running node: the actor system (protoactor-go)
// that turns WebSocket requests into ledgers and notifications.
//
// # The actor tree
//
//	root
//	├── ledger      the sequencer: the open ledger, ledger.State, the event log
//	├── accounts    spawns one account actor per sending account
//	│   └── account admission: sequence, fee, balance, reserve (ledger.Preview)
//	├── tables      spawns one table actor per table
//	│   └── table   admission: table exists, NameInDB, grants, columns, strict mode
//	├── hub         subscriptions and fan-out: streams, accounts, hashes, tables, NKN pushes
//	└── session     one per WebSocket connection (gateway.Backend.Open)
//
// # One transaction's path
//
// A session actor decodes a submit, verifies the signature and computes
// the hash (the costly work, in parallel across sessions). A TableListSet
// or SQLStatement goes to its table's actor first, every other
// transaction straight to its sender's account actor. The account actor
// previews the transaction against its committed account less what it
// has queued (ledger.Preview: the ledger's own rules), answers the
// session (tesSUCCESS, or a tec the ledger will record, means queued, as
// in rippled) and forwards it to the sequencer. The sequencer closes the
// open ledger every interval (or when it is full, or on ledger_accept),
// applies it with ledger.State.Close, appends it to the event log in one
// synced batch, updates the View, and only then publishes it to the
// account, table and hub actors. Nothing is reported validated before it
// is durable.
//
// Replies travel as messages carrying the asker's PID and a token
// (STYLE #13): nothing on the hot path blocks on a future. Notifications
// go out through Conn.Notify, which never blocks: a slow session loses
// its oldest notifications and never slows the sequencer or the others.
//
// # State
//
// The sequencer owns ledger.State. The View is the committed state that
// everyone else reads (account_info, the account and table actors'
// starting points): the last closed header and every account and table,
// updated under a lock after each durable append. On start, Start
// rebuilds the state by re-applying the whole event log and checking
// every recorded result and ledger hash (ledgerlog.Recover); an empty log
// gets the genesis ledger and a genesis record (the fee schedule), so
// that replay needs nothing but the log.
//
// # The log record
//
// The sequencer appends ledgerlog.Record of each closed ledger; the
// readers of the log (tx, account_tx, ledger, NKN getblock and
// gettransaction, a subscription to a hash already in the log) decode
// records with ledgerlog's readers, never by hand. Package ledgerlog's
// manual draws the record.
//
// A panic in the sequencer stops it and the node (Node.Fatal) rather
// than restarting it on the same input; so does a failed append.
package actors
