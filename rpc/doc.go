// Package rpc is the command layer of both WebSocket dialects: ChainSQL's
// rippled-style command frames and the NKN-style Action frames. It
// decodes and checks each request's parameters, answers it, and renders
// every answer and notification frame. It sees the node only through the
// interfaces it defines, and knows nothing of actors, sockets or storage
// engines; package actors implements the interfaces and owns the
// sessions' connections.
//
// # The node as the commands see it
//
//	States    the committed state of the last closed ledger, taken once
//	          per request as an immutable State: header, fee schedule,
//	          accounts, tables, contract storage (actors.View)
//	Log       the event log's reads: ledgers by sequence or hash, headers,
//	          transactions, an account's transactions (*eventlog.Log)
//	SQLStore  the SQL projection: r_get, raw SELECTs, the tables a SELECT
//	          names, how far behind it is; nil without one
//	Server    facts of the running node: node key, clock, start time,
//	          open-ledger size, sessions
//	Asker     what other parts of the node answer, per session
//
// g_createrandom and g_cryptdata write files in Config.GMDir, the node's
// <data-dir>/gm; Node.Close stops the work they leave running.
//
// NewNode takes the first four and a logger (Config); each connection
// gets a Session from Node.NewSession with its Conn, its Asker and a done
// callback.
//
// # A session
//
// The owner of a Session calls it from one goroutine at a time, in
// order: Handle with each request, Resume with each answer to an ask.
// A request is answered in one of two ways:
//
//	at once:   Handle ──► Conn.Reply ──► done()
//	by an ask: Handle ──► park(token) ──► Asker.Submit(token, tx) ... returns
//	           ... Resume(token, Verdict) ──► Conn.Reply ──► done()
//
// Asker's methods never block and never answer at once: the answer
// comes back later through Resume with the ask's token (an unknown or
// used token is ignored). done is called exactly once per request, when
// its answer is written, which is how the owner counts the requests
// under way. The asks and their answers:
//
//	Submit(token, tx)         Verdict      submit (tx_blob, or tx_json signed here)
//	OpenAccount(token, id)    OpenAccount  account_info (current), sign and submit without Sequence
//	AcceptLedger(token)       Accepted     ledger_accept (admin)
//	Subscribe(sub)            —            subscribe, unsubscribe
//	JoinNKN()                 —            the session's first NKN request
//	Query(token, run)         Rows         r_get, r_get_sql_admin, r_get_sql_user
//	Query(token, run)         Written      g_cryptdata (its files written away from the session)
//
// A query runs away from the session (Query runs run on a goroutine of
// its own), so that a session answers its other requests while one of
// its queries takes seconds. Sessions that are not admin run at most
// QueryLimits.Session queries each and QueryLimits.Node together; past
// either a query is answered tooBusy at once, and nothing queues. A query past
// QueryLimits.Timeout is cancelled and answered disposeSqlErr "Query
// timed out".
//
// # ChainSQL
//
// A command is looked up in the command table (checked when the package
// loads); an unknown one is unknownCmd, an admin command from a session
// that is not admin is noPermission, and a handler's error is the
// envelope of its *rpcerr.Error. Any other error is a node fault:
// logged with the command's name and answered "internal" without its
// detail.
//
// # NKN
//
// The session's first NKN request joins the NKN push. An Action missing
// from the action table is refused with its name echoed and Result ""; a
// Hash, Addr or Assetid member that is not a string is refused before
// the action runs (Action "", Result ""); an
// action's own error carries its NKN code (45001 INTERNAL ERROR, logged,
// for a node fault) with the Action echoed and Result null. Blocks are
// ledgers and transactions are theirs, with lowercase hashes.
//
// # Notifications
//
// The subscription hub decides who receives what; the frames are built
// here (ValidatedFrame, DBFrame, LedgerClosedFrame, TransactionFrame,
// TableFrame, ContractEventFrame, NKNPushFrame, ...), each once per
// event, from the same TxJSON the submit answer carries.
package rpc
