package actors

import (
	"fmt"
	"time"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/rpc"
)

// defaultTxTimeout is how long a subscription to a transaction hash
// waits for the transaction before validate_timeout (chainsqld's
// TX_TIMEOUT).
const defaultTxTimeout = 30 * time.Second

// hubActor fans published ledgers out to subscribers: the ledger and
// transactions streams, accounts, transactions by hash, and the NKN
// sessions' updateSigChainBlockHash push (nkn_push.go). It builds
// each frame once and queues it on every subscriber's connection with
// Notify, which never blocks: a slow session loses its oldest
// notifications, and never slows the ledger or other sessions.
type hubActor struct {
	node *Node

	ledgerSubs map[uint64]Conn
	txSubs     map[uint64]Conn
	acctSubs   subIndex[address.AccountID]
	hashSubs   subIndex[hash.Hash256]
	// sql are the table transactions waiting for their SQL results and
	// the recent results (sql_results.go; the hub's use, hub_db.go).
	sql *sqlResults
	// contractSubs are subscriptions to contracts' events.
	contractSubs subIndex[address.AccountID]
	// tableSubs are subscriptions to tables, by table key.
	tableSubs subIndex[hash.Hash256]
	// nknSubs are the sessions that spoke the NKN dialect.
	nknSubs map[uint64]Conn
	// deadlines are hash subscriptions in subscription order, which is
	// deadline order.
	deadlines []hashDeadline
	// published is the last ledger the hub has published. A ledger is
	// in the log before the hub gets it, so a subscription may find a
	// transaction in the log that the hub has yet to publish: it waits
	// for the publication then, which answers it once.
	published uint32
	stop      chan struct{}
}

type hashDeadline struct {
	hash hash.Hash256
	conn uint64
	at   time.Time
}

// subscription is a session's subscribe or unsubscribe request for the
// hub.
type subscription struct {
	conn Conn
	rpc.Subscription
}

// dropSession removes a closed session's subscriptions.
type dropSession struct{ conn uint64 }

// sweepTick asks the hub to time out stale hash subscriptions.
type sweepTick struct{}

// newHub is n's hub, with no subscriptions, after ledger published.
func newHub(n *Node, published uint32) *hubActor {
	return &hubActor{
		node:         n,
		ledgerSubs:   make(map[uint64]Conn),
		txSubs:       make(map[uint64]Conn),
		acctSubs:     newSubIndex[address.AccountID](),
		hashSubs:     newSubIndex[hash.Hash256](),
		sql:          newSQLResults(recentDBResults),
		contractSubs: newSubIndex[address.AccountID](),
		tableSubs:    newSubIndex[hash.Hash256](),
		nknSubs:      make(map[uint64]Conn),
		published:    published,
	}
}

func (h *hubActor) Receive(ctx actor.Context) {
	switch m := ctx.Message().(type) {
	case *actor.Started:
		h.stop = make(chan struct{})
		go sweep(ctx.ActorSystem().Root, ctx.Self(), h.stop)
	case *actor.Stopping:
		close(h.stop)
	case *subscription:
		if m.Remove {
			h.unsubscribe(m)
		} else {
			h.subscribe(m)
		}
	case *nknJoin:
		h.nknSubs[m.conn.ID()] = m.conn
	case *dropSession:
		h.drop(m.conn)
	case *published:
		h.publish(m.closed)
	case *dbOutcome:
		h.dbResults(m.out)
	case sweepTick:
		h.timeouts()
	}
}

func sweep(root *actor.RootContext, pid *actor.PID, stop <-chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			root.Send(pid, sweepTick{})
		}
	}
}

func (h *hubActor) subscribe(m *subscription) {
	id := m.conn.ID()
	if m.Ledger {
		h.ledgerSubs[id] = m.conn
	}
	if m.Transactions {
		h.txSubs[id] = m.conn
	}
	for _, a := range m.Accounts {
		h.acctSubs.add(a, m.conn)
	}
	for _, a := range m.Contracts {
		h.contractSubs.add(a, m.conn)
	}
	for _, r := range m.Tables {
		h.tableSubs.add(r.Key(), m.conn)
	}
	for _, th := range m.Hashes {
		// A transaction already in the log is reported at once, and a
		// table transaction's SQL result too, or as soon as it comes.
		if rec, err := h.node.log.Tx(th); err == nil && rec.LedgerSeq <= h.published {
			h.fromLog(rec, m.conn)
			continue
		}
		h.hashSubs.add(th, m.conn)
		h.deadlines = append(h.deadlines, hashDeadline{hash: th, conn: id, at: h.node.clock().Add(h.node.cfg.TxTimeout)})
	}
}

func (h *hubActor) unsubscribe(m *subscription) {
	id := m.conn.ID()
	if m.Ledger {
		delete(h.ledgerSubs, id)
	}
	if m.Transactions {
		delete(h.txSubs, id)
	}
	for _, a := range m.Accounts {
		h.acctSubs.remove(a, id)
	}
	for _, th := range m.Hashes {
		h.hashSubs.remove(th, id)
	}
	for _, r := range m.Tables {
		h.tableSubs.remove(r.Key(), id)
	}
	for _, a := range m.Contracts {
		h.contractSubs.remove(a, id)
	}
}

// drop removes a closed session's subscriptions.
func (h *hubActor) drop(id uint64) {
	delete(h.ledgerSubs, id)
	delete(h.txSubs, id)
	delete(h.nknSubs, id)
	h.acctSubs.drop(id)
	h.hashSubs.drop(id)
	h.tableSubs.drop(id)
	h.contractSubs.drop(id)
}

// timeouts sends validate_timeout to hash subscriptions older than
// the transaction timeout that saw nothing.
func (h *hubActor) timeouts() {
	now := h.node.clock()
	i := 0
	for ; i < len(h.deadlines) && !h.deadlines[i].at.After(now); i++ {
		d := h.deadlines[i]
		conn, ok := h.hashSubs.subs(d.hash)[d.conn]
		if !ok || h.sql.waiting(d.hash) {
			continue
		}
		conn.Reply(rpc.ValidateTimeoutFrame(d.hash))
		h.hashSubs.remove(d.hash, d.conn)
	}
	h.deadlines = h.deadlines[i:]
	h.dbTimeouts(now)
}

// publish sends a closed ledger's notifications.
func (h *hubActor) publish(c *ledger.Closed) {
	h.published = c.Header.Seq
	h.pushSigChainBlockHash(c)
	if len(h.ledgerSubs) > 0 {
		st := h.node.view.Current()
		first, last := st.Complete()
		frame := rpc.LedgerClosedFrame(c, st.Params(), first, last)
		for _, conn := range h.ledgerSubs {
			conn.Notify(frame)
		}
	}
	for i := range c.Txs {
		h.publishTx(c, &c.Txs[i])
	}
	for _, r := range c.Rejected {
		subs := h.hashSubs.subs(r.Tx.Hash)
		if len(subs) == 0 {
			continue
		}
		frame := rpc.ValidatedFrame(rpc.TxJSON(r.Tx), r.Code, "")
		for id, conn := range subs {
			conn.Reply(frame)
			h.hashSubs.remove(r.Tx.Hash, id)
		}
	}
}

func (h *hubActor) publishTx(c *ledger.Closed, ap *ledger.Applied) {
	for _, l := range ap.Meta.Logs {
		subs := h.contractSubs.subs(l.Address)
		if len(subs) == 0 {
			continue
		}
		frame := rpc.ContractEventFrame(l)
		for _, conn := range subs {
			conn.Notify(frame)
		}
	}
	var accts []map[uint64]Conn
	for _, n := range ap.Meta.Nodes {
		if set := h.acctSubs.subs(n.After.Account); set != nil {
			accts = append(accts, set)
		}
	}
	hashSubs := h.hashSubs.subs(ap.Tx.Hash)
	var tables []ledger.TableRef
	if ap.Tx.Type.IsTable() && !h.tableSubs.empty() {
		tables = ap.Tables
	}
	if len(h.txSubs) == 0 && len(accts) == 0 && len(hashSubs) == 0 && len(tables) == 0 {
		return
	}
	txj := rpc.TxJSON(ap.Tx)
	for _, r := range tables {
		subs := h.tableSubs.subs(r.Key())
		if len(subs) == 0 {
			continue
		}
		frame := rpc.TableFrame(r, txj, ap.Meta.Result)
		for _, conn := range subs {
			conn.Notify(frame)
		}
	}
	waitDB := ap.Tx.Type.IsTable() && ap.Meta.Result == ter.TesSUCCESS && h.node.cfg.Projection != nil
	if waitDB && (len(hashSubs) > 0 || len(tables) > 0) {
		h.awaitDB(ap.Tx.Hash, txj, tables)
	}
	if len(hashSubs) > 0 {
		frame := rpc.ValidatedFrame(txj, ap.Meta.Result, ap.Meta.Detail)
		for id, conn := range hashSubs {
			conn.Reply(frame)
			if !waitDB {
				h.hashSubs.remove(ap.Tx.Hash, id)
			}
		}
	}
	if len(h.txSubs) == 0 && len(accts) == 0 {
		return
	}
	frame, err := rpc.TransactionFrame(c, ap, txj)
	if err != nil {
		h.node.logger.Error("hub: metadata does not decode", "tx", fmt.Sprintf("%X", ap.Tx.Hash[:]), "err", err)
		return
	}
	sent := make(map[uint64]bool, len(h.txSubs))
	for id, conn := range h.txSubs {
		sent[id] = true
		conn.Notify(frame)
	}
	for _, set := range accts {
		for id, conn := range set {
			if !sent[id] {
				sent[id] = true
				conn.Notify(frame)
			}
		}
	}
}

// fromLog answers a subscription to a transaction already in the log:
// its validate_* at once and, for a successful table transaction, its
// db_* from the recent results, or when the projection gets to it.
func (h *hubActor) fromLog(rec *eventlog.TxRecord, conn Conn) {
	t, err := ledgerlog.Tx(&rec.Tx)
	if err != nil {
		h.node.logger.Error("hub: stored transaction does not decode", "err", err)
		return
	}
	code := resultOf(&rec.Tx)
	txj := rpc.TxJSON(t)
	conn.Reply(rpc.ValidatedFrame(txj, code, ""))
	if !t.Type.IsTable() || code != ter.TesSUCCESS || h.node.cfg.Projection == nil {
		return
	}
	if r, ok := h.sql.result(t.Hash); ok {
		conn.Reply(rpc.DBFrame(txj, string(r.Status), r.Error))
		return
	}
	// Not among the recent results: the projection has not applied it
	// yet, or its result is on its way here; wait for it (db_timeout if
	// it is older than the results the hub remembers).
	h.hashSubs.add(t.Hash, conn)
	if !h.sql.waiting(t.Hash) {
		h.awaitDB(t.Hash, txj, nil)
	}
}

// resultOf returns the engine result recorded in a metadata blob.
func resultOf(t *eventlog.Tx) ter.Code {
	code, err := ledgerlog.Result(t)
	if err != nil {
		return ter.TefINTERNAL
	}
	return code
}
