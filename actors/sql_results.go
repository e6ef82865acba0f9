package actors

import (
	"encoding/json"
	"time"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/projections"
	"github.com/sqledger/sqledger/protocol/hash"
)

// recentDBResults is how many SQL results the hub remembers, for
// subscriptions that arrive after a table transaction was applied.
const recentDBResults = 200_000

// sqlResults is the hub's bookkeeping of table transactions' SQL
// results: the validated transactions whose subscribers wait for
// theirs, each until a db_timeout deadline, and the last results the
// projection gave, for subscriptions that come after it applied a
// transaction. It sends nothing; the hub does. It has no lock.
type sqlResults struct {
	// pending are the transactions waiting, deadlines their db_timeout
	// deadlines in the order they were awaited, which is deadline order.
	pending   map[hash.Hash256]*dbWait
	deadlines []dbDeadline
	// recent are the last results, order their hashes oldest first; at
	// most capacity.
	recent   map[hash.Hash256]projections.Result
	order    []hash.Hash256
	capacity int
}

// dbWait is a validated table transaction whose SQL result its
// subscribers (by hash, kept after validate_success, and by table) are
// waiting for.
type dbWait struct {
	txj    json.RawMessage
	tables []ledger.TableRef
}

type dbDeadline struct {
	hash hash.Hash256
	at   time.Time
}

// newSQLResults remembers the last capacity results.
func newSQLResults(capacity int) *sqlResults {
	return &sqlResults{pending: make(map[hash.Hash256]*dbWait), recent: make(map[hash.Hash256]projections.Result), capacity: capacity}
}

// await records that th's subscribers wait for its result until
// deadline, which is no earlier than any awaited before.
func (r *sqlResults) await(th hash.Hash256, w *dbWait, deadline time.Time) {
	r.pending[th] = w
	r.deadlines = append(r.deadlines, dbDeadline{hash: th, at: deadline})
}

// waiting reports whether th's subscribers wait for its result.
func (r *sqlResults) waiting(th hash.Hash256) bool {
	_, ok := r.pending[th]
	return ok
}

// result returns th's result if it is among the recent ones.
func (r *sqlResults) result(th hash.Hash256) (projections.Result, bool) {
	res, ok := r.recent[th]
	return res, ok
}

// resolve remembers a result and returns what waited for it, which
// waits no longer; ok is false if nothing did.
func (r *sqlResults) resolve(res projections.Result) (w *dbWait, ok bool) {
	r.remember(res)
	w, ok = r.pending[res.TxHash]
	delete(r.pending, res.TxHash)
	return w, ok
}

// expire returns the transactions whose deadline is now or past and
// that still wait, in deadline order; they wait no longer.
func (r *sqlResults) expire(now time.Time) []hash.Hash256 {
	var out []hash.Hash256
	i := 0
	for ; i < len(r.deadlines) && !r.deadlines[i].at.After(now); i++ {
		th := r.deadlines[i].hash
		if _, ok := r.pending[th]; !ok {
			continue
		}
		delete(r.pending, th)
		out = append(out, th)
	}
	r.deadlines = r.deadlines[i:]
	return out
}

// remember keeps a result among the recent ones, forgetting the oldest
// past capacity.
func (r *sqlResults) remember(res projections.Result) {
	r.recent[res.TxHash] = res
	r.order = append(r.order, res.TxHash)
	if len(r.order) > r.capacity {
		delete(r.recent, r.order[0])
		r.order = r.order[1:]
	}
}
