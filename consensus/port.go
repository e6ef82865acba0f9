package consensus

import (
	"context"
	"errors"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Block is an ordered batch of transactions to close as one ledger.
type Block struct {
	// Height is the sequence of the ledger the block becomes: one past
	// the Application's Info height.
	Height uint32
	// Time is the close time, in Ripple epoch seconds.
	Time uint32
	Txs  []*tx.Tx
}

// Info is what an Application has committed: the last durable ledger.
type Info struct {
	Height uint32
	Hash   hash.Hash256
}

// Application is the sequencer as an orderer drives it, in ABCI 2.0's
// steps. One goroutine at a time calls it.
type Application interface {
	// Info returns the last committed ledger.
	Info() Info
	// FinalizeBlock applies b to the committed state and returns the
	// closed ledger: per-transaction results and the ledger hash. It
	// fails, changing nothing, when b is not the next height or the
	// application can no longer commit.
	FinalizeBlock(b Block) (*ledger.Closed, error)
	// Commit makes the last finalized block durable and then publishes
	// it. An error means the application has stopped for good.
	Commit() error
}

// Orderer orders admitted transactions into blocks and drives an
// Application.
type Orderer interface {
	// Submit hands the orderer a transaction the node has admitted. It
	// never blocks.
	Submit(t *tx.Tx)
	// Pending is the number of submitted transactions not yet in a
	// block.
	Pending() int
	// Accept closes a ledger now, empty or not (rippled's
	// ledger_accept), and calls done with the sequence of the next
	// ledger or the reason it could not. An engine that cannot close
	// ledgers on request calls done with ErrNotStandalone.
	Accept(done func(next uint32, err error))
	// Run drives app until ctx is done (nil) or app fails (its error).
	Run(ctx context.Context, app Application) error
}

// Admitter is the node's admission of a transaction whose signature
// verifies, as an engine that admits transactions itself asks it (a
// network's CheckTx of gossiped and rechecked transactions): tesSUCCESS
// admits it; any other code refuses it; an error (no answer in time)
// refuses it too. A transaction the node admitted already (it came
// through Submit) is recognised by its hash and not counted twice.
//
// Forget tells the admission that the engine refused a transaction the
// node admitted through Submit (its mempool was full): it will never be
// in a ledger, so the admission lets it go, with what its account
// queued behind it, and the account's next sequence is its again.
type Admitter interface {
	Admit(t *tx.Tx) (ter.Code, error)
	Forget(t *tx.Tx)
}

// Admitting is an Orderer that asks the node's admission itself; the
// node gives it its Admitter once, before Run.
type Admitting interface {
	SetAdmitter(a Admitter)
}

// ErrNotStandalone is Accept's error on an engine whose ledgers a network
// closes.
var ErrNotStandalone = errors.New("consensus: ledgers close by consensus, not on request")
