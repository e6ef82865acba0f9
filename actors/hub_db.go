package actors

import (
	"encoding/json"
	"time"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/projections"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/rpc"
)

// dbTimeout is how long after validate_success a table transaction's
// subscribers wait for its SQL result before db_timeout (chainsqld: 30 s).
const dbTimeout = 30 * time.Second

// awaitDB records a validated table transaction with subscribers.
func (h *hubActor) awaitDB(th hash.Hash256, txj json.RawMessage, tables []ledger.TableRef) {
	if tables == nil {
		// Table subscribers may come later than the hash subscriber.
		tables = []ledger.TableRef{}
	}
	h.sql.await(th, &dbWait{txj: txj, tables: tables}, h.node.clock().Add(dbTimeout))
}

// dbResults sends db_success or db_error for each table transaction of
// a ledger the projection applied: to its hash subscribers (whose
// subscription then ends) and to its tables' subscribers. The hub got
// the ledger before the projection did, so validate_success always
// precedes them.
func (h *hubActor) dbResults(out projections.Outcome) {
	for _, r := range out.Results {
		w, ok := h.sql.resolve(r)
		if !ok {
			continue
		}
		single := rpc.DBFrame(w.txj, string(r.Status), r.Error)
		for id, conn := range h.hashSubs.subs(r.TxHash) {
			conn.Reply(single)
			h.hashSubs.remove(r.TxHash, id)
		}
		for _, ref := range w.tables {
			subs := h.tableSubs.subs(ref.Key())
			if len(subs) == 0 {
				continue
			}
			b := rpc.TableDBFrame(ref, w.txj, string(r.Status), r.Error)
			for _, conn := range subs {
				conn.Notify(b)
			}
		}
	}
}

// dbTimeouts sends db_timeout to those still waiting after dbTimeout.
func (h *hubActor) dbTimeouts(now time.Time) {
	for _, th := range h.sql.expire(now) {
		frame := rpc.DBTimeoutFrame(th)
		for id, conn := range h.hashSubs.subs(th) {
			conn.Reply(frame)
			h.hashSubs.remove(th, id)
		}
	}
}
