// Package actors is the running node: the actor system (protoactor-go)
// that turns WebSocket requests into ledgers and notifications. The
// commands themselves are package rpc's: actors implements the
// interfaces rpc answers through and gives each connection an
// rpc.Session.
//
// # The actor tree
//
//	root
//	├── accounts    spawns one account actor per sending account
//	│   └── account admission: sequence, fee, balance, reserve (ledger.Preview)
//	├── tables      spawns one table actor per table
//	│   └── table   admission: table exists, NameInDB, grants, columns, strict mode
//	├── hub         subscriptions and fan-out: streams, accounts, hashes, tables, NKN pushes
//	└── session     one per WebSocket connection (gateway.Backend.Open): its rpc.Session
//
// Beside the actors, the orderer (Config.Orderer; consensus.Solo by
// default) runs on its own goroutine and drives the sequencer, the
// node's consensus.Application.
//
// # One transaction's path
//
// A session actor's rpc.Session decodes a submit, verifies the signature
// and computes the hash (the costly work, in parallel across sessions),
// and asks for admission. The session actor sends a TableListSet or
// SQLStatement to its table's actor first, every other transaction
// straight to its sender's account actor. The account actor
// previews the transaction against its committed account less what it
// has queued (ledger.Preview: the ledger's own rules), answers the
// session (tesSUCCESS, or a tec the ledger will record, means queued, as
// in rippled) and submits it to the orderer — unless the node already
// holds Config.MaxPendingTxs transactions (or MaxPendingBytes of them)
// not yet in a closed ledger: then it answers telCAN_NOT_QUEUE_FULL and
// queues nothing (pendingBudget). The orderer decides when a
// ledger closes and what is in it (the standalone Solo: every interval,
// when full, or on ledger_accept, in the order admitted) and hands the
// sequencer an ordered block with its close time: FinalizeBlock applies
// it with ledger.State.Close, and Commit appends it to the event log in
// one synced batch, publishes the next View snapshot, and only then
// sends it to the account, table and hub actors. Nothing is reported
// validated before it is durable.
//
// An orderer that admits transactions itself (consensus.Admitting: a
// validator network's CheckTx) gets the account actors' admission: its
// Admitter sends a checkTx to the transaction's account actor and waits
// on a channel for the verdict, at most admitTimeout. The account actor
// admits a transaction it queued already (submitted here) by its hash,
// and previews and queues a gossiped one without handing it to the
// orderer; after each ledger a recheck finds what the ledger made invalid
// no longer queued and refuses it (see consensus/comet's README).
//
// Replies travel as messages carrying the asker's PID and a token
// (STYLE #13): nothing on the hot path blocks on a future. A session
// actor turns its rpc.Session's asks (rpc.Asker) into such messages
// (ledger_accept: a call to the orderer, whose answer comes as one; a
// SQL query: a goroutine of its own, bounded by rpc, whose answer comes
// as a queryDone) and hands each answer back with rpc.Session.Resume and
// the ask's token.
// A session has at most 256 requests under way (maxInFlight): past that,
// its gateway Handler waits for a free slot, so that the connection's
// reader stops and TCP pushes back on that client alone. Notifications
// (rendered by rpc, delivered by the hub) go out through Conn.Notify,
// which never blocks: a slow session loses its oldest notifications and
// never slows the sequencer or the others.
//
// # State
//
// The sequencer owns ledger.State. The View publishes the committed
// state that everyone else reads (account_info, the account and table
// actors' starting points): an immutable ledger.Snapshot of the last
// durable ledger, replaced after each append; readers take no lock. On start, Start
// rebuilds the state by re-applying the whole event log and checking
// every recorded result and ledger hash (ledgerlog.Recover); an empty log
// gets the genesis ledger and a genesis record (the fee schedule), so
// that replay needs nothing but the log.
//
// A panic in the sequencer stops the orderer and the node (Node.Fatal)
// rather than restarting it on the same input; so does a failed append.
//
// # The log record
//
// The sequencer appends ledgerlog.Record of each closed ledger, and the
// hub answers a subscription to a hash already in the log with
// ledgerlog.Tx and ledgerlog.Result; rpc's readers (tx, account_tx,
// ledger, NKN getblock and gettransaction) decode records with
// ledgerlog's readers too, never by hand. Package ledgerlog's manual
// draws the record.
package actors
