package actors

import (
	"fmt"
	"sync"
)

// pendingBudget bounds what the node holds admitted and not yet resolved
// by a closed ledger: the transactions the account actors have queued
// (and handed to the orderer), counted and by blob bytes, node-wide, as
// rippled's TxQ bounds its queue. An account actor reserves a
// transaction's share before it queues it and gives it back when a
// closed ledger resolves it (applied or rejected) or drops it (left
// behind a gap, forgotten by the engine). A reservation past either
// bound fails: the transaction is refused with telCAN_NOT_QUEUE_FULL and
// never queued. Account actors on many goroutines share one budget, so
// it takes a lock: a burst gets exactly the excess refused.
type pendingBudget struct {
	maxTxs   int
	maxBytes int64

	mu    sync.Mutex
	txs   int
	bytes int64
}

func newPendingBudget(maxTxs int, maxBytes int64) *pendingBudget {
	return &pendingBudget{maxTxs: maxTxs, maxBytes: maxBytes}
}

// reserve takes room for one transaction of n blob bytes, or reports
// that the node holds too much already.
func (b *pendingBudget) reserve(n int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.txs+1 > b.maxTxs || b.bytes+int64(n) > b.maxBytes {
		return false
	}
	b.txs++
	b.bytes += int64(n)
	return true
}

// release gives back the room of txs transactions of n bytes in all.
func (b *pendingBudget) release(txs int, n int64) {
	if txs == 0 && n == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.txs -= txs
	b.bytes -= n
}

// fullDetail is the engine_result_message of a transaction the budget
// refused.
func (b *pendingBudget) fullDetail() string {
	return fmt.Sprintf("Can not queue at this time: queue is full (at most %d transactions or %d bytes wait for a ledger on this node).", b.maxTxs, b.maxBytes)
}
