package actors

import (
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"strings"
	"time"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/projections"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
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
	// dbPending are validated table transactions waiting for their SQL
	// result, with their db_timeout deadlines in order.
	dbPending   map[hash.Hash256]*dbWait
	dbDeadlines []dbDeadline
	// recentDB are the last SQL results, for late subscribers.
	recentDB    map[hash.Hash256]projections.Result
	recentOrder []hash.Hash256
	// contractSubs are subscriptions to contracts' events.
	contractSubs subIndex[address.AccountID]
	// tableSubs are subscriptions to tables, by table key.
	tableSubs subIndex[hash.Hash256]
	// nknSubs are the sessions that spoke the NKN dialect.
	nknSubs map[uint64]Conn
	// deadlines are hash subscriptions in subscription order, which is
	// deadline order.
	deadlines []hashDeadline
	stop      chan struct{}
}

type hashDeadline struct {
	hash hash.Hash256
	conn uint64
	at   time.Time
}

// subscription is a subscribe or unsubscribe request for the hub.
type subscription struct {
	conn         Conn
	remove       bool
	ledger       bool
	transactions bool
	accounts     []address.AccountID
	hashes       []hash.Hash256
	tables       []ledger.TableRef
	contracts    []address.AccountID
}

// dropSession removes a closed session's subscriptions.
type dropSession struct{ conn uint64 }

// sweepTick asks the hub to time out stale hash subscriptions.
type sweepTick struct{}

func (h *hubActor) Receive(ctx actor.Context) {
	switch m := ctx.Message().(type) {
	case *actor.Started:
		h.ledgerSubs = make(map[uint64]Conn)
		h.txSubs = make(map[uint64]Conn)
		h.acctSubs = newSubIndex[address.AccountID]()
		h.hashSubs = newSubIndex[hash.Hash256]()
		h.tableSubs = newSubIndex[hash.Hash256]()
		h.contractSubs = newSubIndex[address.AccountID]()
		h.dbPending = make(map[hash.Hash256]*dbWait)
		h.nknSubs = make(map[uint64]Conn)
		h.stop = make(chan struct{})
		go sweep(ctx.ActorSystem().Root, ctx.Self(), h.stop)
	case *actor.Stopping:
		close(h.stop)
	case *subscription:
		if m.remove {
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
	if m.ledger {
		h.ledgerSubs[id] = m.conn
	}
	if m.transactions {
		h.txSubs[id] = m.conn
	}
	for _, a := range m.accounts {
		h.acctSubs.add(a, m.conn)
	}
	for _, a := range m.contracts {
		h.contractSubs.add(a, m.conn)
	}
	for _, r := range m.tables {
		h.tableSubs.add(r.Key(), m.conn)
	}
	for _, th := range m.hashes {
		// A transaction already in the log is reported at once, and a
		// table transaction's SQL result too, or as soon as it comes.
		if rec, err := h.node.log.Tx(th); err == nil {
			h.fromLog(rec, m.conn)
			continue
		}
		h.hashSubs.add(th, m.conn)
		h.deadlines = append(h.deadlines, hashDeadline{hash: th, conn: id, at: h.node.clock().Add(h.node.cfg.TxTimeout)})
	}
}

func (h *hubActor) unsubscribe(m *subscription) {
	id := m.conn.ID()
	if m.ledger {
		delete(h.ledgerSubs, id)
	}
	if m.transactions {
		delete(h.txSubs, id)
	}
	for _, a := range m.accounts {
		h.acctSubs.remove(a, id)
	}
	for _, th := range m.hashes {
		h.hashSubs.remove(th, id)
	}
	for _, r := range m.tables {
		h.tableSubs.remove(r.Key(), id)
	}
	for _, a := range m.contracts {
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
		if _, validated := h.dbPending[d.hash]; !ok || validated {
			continue
		}
		conn.Reply(mustJSON(map[string]any{
			"type":        "singleTransaction",
			"transaction": map[string]any{"hash": hex256(d.hash)},
			"status":      "validate_timeout",
		}))
		h.hashSubs.remove(d.hash, d.conn)
	}
	h.deadlines = h.deadlines[i:]
	h.dbTimeouts(now)
}

// publish sends a closed ledger's notifications.
func (h *hubActor) publish(c *ledger.Closed) {
	h.pushSigChainBlockHash(c)
	if len(h.ledgerSubs) > 0 {
		frame := h.node.ledgerClosedFrame(c)
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
		frame := singleFrame(notificationJSON(r.Tx), r.Code)
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
		frame := contractEventFrame(l)
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
		tables = ledger.TablesOf(ap.Tx)
	}
	if len(h.txSubs) == 0 && len(accts) == 0 && len(hashSubs) == 0 && len(tables) == 0 {
		return
	}
	txj := notificationJSON(ap.Tx)
	for _, r := range tables {
		subs := h.tableSubs.subs(r.Key())
		if len(subs) == 0 {
			continue
		}
		frame := tableFrame(r, txj, ap.Meta.Result)
		for _, conn := range subs {
			conn.Notify(frame)
		}
	}
	waitDB := ap.Tx.Type.IsTable() && ap.Meta.Result == ter.TesSUCCESS && h.node.cfg.Projection != nil
	if waitDB && (len(hashSubs) > 0 || len(tables) > 0) {
		h.awaitDB(ap.Tx.Hash, txj, tables)
	}
	if len(hashSubs) > 0 {
		frame := singleFrameDetail(txj, ap.Meta.Result, ap.Meta.Detail)
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
	meta, err := ledger.DecodeMeta(ap.MetaBlob)
	if err != nil {
		h.node.logger.Error("hub: metadata does not decode", "tx", hex256(ap.Tx.Hash), "err", err)
		return
	}
	frame := mustJSON(engineResult(map[string]any{
		"type":         "transaction",
		"ledger_hash":  hex256(c.Hash),
		"ledger_index": c.Header.Seq,
		"meta":         meta,
		"status":       "closed",
		"transaction":  txj,
		"validated":    true,
	}, ap.Meta.Result))
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

// notificationJSON is a transaction as submit answers and notifications
// carry it: its JSON with hash, built once per transaction; as chainsqld
// does, without a Raw longer than rawShowSize.
func notificationJSON(t *tx.Tx) json.RawMessage {
	if t.Type.IsTable() {
		if raw, ok := t.Fields.Blob("Raw"); ok && 2*len(raw) > rawShowSize {
			m := t.JSON()
			delete(m, "Raw")
			return mustJSON(m)
		}
	}
	return t.JSONBytes()
}

// singleFrame is the singleTransaction notification of a validated (or
// rejected) transaction.
func singleFrame(txj any, code ter.Code) []byte {
	return singleFrameDetail(txj, code, "")
}

// singleFrameDetail is singleFrame with the result's detail (a
// contract's revert reason) as error_message, as chainsqld sends it.
func singleFrameDetail(txj any, code ter.Code, detail string) []byte {
	m := map[string]any{"type": "singleTransaction", "transaction": txj, "status": "validate_success"}
	if code != ter.TesSUCCESS {
		m["status"] = "validate_error"
		m["error"] = code.Token()
		m["error_message"] = code.Message()
		if detail != "" {
			m["error_message"] = detail
		}
	}
	return mustJSON(m)
}

// contractEventFrame is an accounts_contract subscriber's notification
// of one log.
func contractEventFrame(l ledger.ContractLog) []byte {
	topics := make([]string, len(l.Topics))
	for i, t := range l.Topics {
		topics[i] = hex256(t)
	}
	return mustJSON(map[string]any{
		"type":                "contract_event",
		"ContractAddress":     l.Address.String(),
		"ContractEventTopics": topics,
		"ContractEventInfo":   strings.ToUpper(hex.EncodeToString(l.Data)),
	})
}

// tableFrame is a table subscription's notification of a validated
// table transaction.
func tableFrame(r ledger.TableRef, txj any, code ter.Code) []byte {
	m := map[string]any{"type": "table", "tablename": string(r.Name), "owner": r.Owner.String(), "transaction": txj, "status": "validate_success"}
	if code != ter.TesSUCCESS {
		m["status"] = "validate_error"
		m["error"] = code.Token()
		m["error_message"] = code.Message()
	}
	return mustJSON(m)
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
	txj := notificationJSON(t)
	conn.Reply(singleFrame(txj, code))
	if !t.Type.IsTable() || code != ter.TesSUCCESS || h.node.cfg.Projection == nil {
		return
	}
	if r, ok := h.recentDB[t.Hash]; ok {
		conn.Reply(dbFrame(txj, r))
		return
	}
	// Not among the recent results: the projection has not applied it
	// yet, or its result is on its way here; wait for it (db_timeout if
	// it is older than the results the hub remembers).
	h.hashSubs.add(t.Hash, conn)
	if _, waiting := h.dbPending[t.Hash]; !waiting {
		h.awaitDB(t.Hash, txj, nil)
	}
}

// ledgerClosedFrame is the ledger stream's message for a closed ledger.
func (n *Node) ledgerClosedFrame(c *ledger.Closed) []byte {
	p := n.view.Params()
	return mustJSON(map[string]any{
		"type":              "ledgerClosed",
		"fee_base":          p.BaseFee,
		"fee_ref":           p.BaseFee,
		"ledger_hash":       hex256(c.Hash),
		"ledger_index":      c.Header.Seq,
		"ledger_time":       c.Header.CloseTime,
		"reserve_base":      p.ReserveBase,
		"reserve_inc":       p.ReserveInc,
		"txn_count":         len(c.Txs),
		"validated_ledgers": n.validatedLedgers(),
	})
}

// mustJSON marshals a frame built from maps of JSON-ready values, which
// cannot fail.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		slog.Error("actors: frame does not marshal", "err", err)
		return []byte(`{"type":"error"}`)
	}
	return b
}
