package actors

import (
	"time"

	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
)

// Observer is told what the node does, for its metrics (package
// metrics implements it). Its methods are called from the node's own
// goroutines, concurrently, and must return at once.
type Observer interface {
	// Submitted: a session handed a verified transaction to admission.
	Submitted(tx hash.Hash256)
	// LedgerClosed: a ledger is durable in the event log (validated);
	// hashes and results are its transactions' in ledger order, and
	// appendTook is how long the append took.
	LedgerClosed(seq uint32, hashes []hash.Hash256, results []ter.Code, appendTook time.Duration)
	// Projected: the SQL store applied a ledger in took; statuses are its
	// table transactions' results (db_success, db_error).
	Projected(seq uint32, statuses []string, took time.Duration)
}

// noObserver is the Observer of a node without metrics.
type noObserver struct{}

func (noObserver) Submitted(hash.Hash256)                                         {}
func (noObserver) LedgerClosed(uint32, []hash.Hash256, []ter.Code, time.Duration) {}
func (noObserver) Projected(uint32, []string, time.Duration)                      {}
