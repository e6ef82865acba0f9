package actors

import (
	"time"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/projections"
	"github.com/sqledger/sqledger/protocol/hash"
)

// dbTimeout is how long after validate_success a table transaction's
// subscribers wait for its SQL result before db_timeout (chainsqld: 30 s).
const dbTimeout = 30 * time.Second

// dbWait is a validated table transaction whose SQL result its
// subscribers (by hash, kept after validate_success, and by table) are
// waiting for.
type dbWait struct {
	txj    any
	tables []ledger.TableRef
}

type dbDeadline struct {
	hash hash.Hash256
	at   time.Time
}

// awaitDB records a validated table transaction with subscribers.
func (h *hubActor) awaitDB(th hash.Hash256, txj any, tables []ledger.TableRef) {
	if tables == nil {
		// Table subscribers may come later than the hash subscriber.
		tables = []ledger.TableRef{}
	}
	h.dbPending[th] = &dbWait{txj: txj, tables: tables}
	h.dbDeadlines = append(h.dbDeadlines, dbDeadline{hash: th, at: h.node.clock().Add(dbTimeout)})
}

// dbResults sends db_success or db_error for each table transaction of
// a ledger the projection applied: to its hash subscribers (whose
// subscription then ends) and to its tables' subscribers. The hub got
// the ledger before the projection did, so validate_success always
// precedes them.
func (h *hubActor) dbResults(out projections.Outcome) {
	for _, r := range out.Results {
		h.remember(r)
		w, ok := h.dbPending[r.TxHash]
		if !ok {
			continue
		}
		delete(h.dbPending, r.TxHash)
		single := dbFrame(w.txj, r)
		for id, conn := range h.hashSubs.subs(r.TxHash) {
			conn.Reply(single)
			h.hashSubs.remove(r.TxHash, id)
		}
		for _, ref := range w.tables {
			subs := h.tableSubs.subs(ref.Key())
			if len(subs) == 0 {
				continue
			}
			tf := map[string]any{"type": "table", "tablename": string(ref.Name), "owner": ref.Owner.String(), "transaction": w.txj, "status": string(r.Status)}
			if r.Error != "" {
				tf["error_message"] = r.Error
			}
			b := mustJSON(tf)
			for _, conn := range subs {
				conn.Notify(b)
			}
		}
	}
}

// dbTimeouts sends db_timeout to those still waiting after dbTimeout.
func (h *hubActor) dbTimeouts(now time.Time) {
	i := 0
	for ; i < len(h.dbDeadlines) && !h.dbDeadlines[i].at.After(now); i++ {
		th := h.dbDeadlines[i].hash
		if _, ok := h.dbPending[th]; !ok {
			continue
		}
		delete(h.dbPending, th)
		frame := mustJSON(map[string]any{"type": "singleTransaction", "transaction": map[string]any{"hash": hex256(th)}, "status": "db_timeout"})
		for id, conn := range h.hashSubs.subs(th) {
			conn.Reply(frame)
			h.hashSubs.remove(th, id)
		}
	}
	h.dbDeadlines = h.dbDeadlines[i:]
}

// recentDBResults is how many SQL results the hub remembers, for
// subscriptions that arrive after a table transaction was applied.
const recentDBResults = 200_000

// remember keeps a SQL result among the recent ones.
func (h *hubActor) remember(r projections.Result) {
	if h.recentDB == nil {
		h.recentDB = make(map[hash.Hash256]projections.Result)
	}
	h.recentDB[r.TxHash] = r
	h.recentOrder = append(h.recentOrder, r.TxHash)
	if len(h.recentOrder) > recentDBResults {
		delete(h.recentDB, h.recentOrder[0])
		h.recentOrder = h.recentOrder[1:]
	}
}

// dbFrame is the singleTransaction db_* notification of a result.
func dbFrame(txj any, r projections.Result) []byte {
	frame := map[string]any{"type": "singleTransaction", "transaction": txj, "status": string(r.Status)}
	if r.Error != "" {
		frame["error_message"] = r.Error
	}
	return mustJSON(frame)
}
