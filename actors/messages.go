package actors

import (
	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Messages between actors are small and immutable once sent. Replies go
// to the PID carried in the message (STYLE #13): nothing on the hot path
// blocks on a future.

// submitTx asks an account actor to admit a verified transaction; the
// verdict goes back to replyTo as a *submitResult.
type submitTx struct {
	tx      *tx.Tx
	replyTo *actor.PID
	token   uint64 // the session's request token, echoed in the result
}

// submitResult is an account actor's verdict on a submitted transaction:
// queued (tesSUCCESS or a tec the ledger will record) or refused.
type submitResult struct {
	token  uint64
	tx     *tx.Tx
	code   ter.Code
	queued bool
	// detail says more than the code's message, e.g. why a Raw was
	// refused.
	detail string
}

// checkTx asks an account actor to admit a transaction that an engine
// checks (CometBFT's CheckTx: gossiped, submitted here, or rechecked after
// a block); tesSUCCESS admits it. reply has room for the verdict.
type checkTx struct {
	tx    *tx.Tx
	reply chan<- ter.Code
}

// forgetTx tells an account actor that the engine refused a
// transaction it had queued (consensus.Admitter.Forget).
type forgetTx struct{ tx *tx.Tx }

// nextSeqQuery asks an account actor for the sequence its next
// transaction must carry (committed sequence plus queued transactions).
type nextSeqQuery struct {
	account address.AccountID
	replyTo *actor.PID
	token   uint64
}

// nextSeqAnswer answers nextSeqQuery with the account as the open
// ledger sees it: its committed root with the sequence its next
// transaction must carry and the balance its queued transactions leave.
// root is nil for an account not in the ledger.
type nextSeqAnswer struct {
	token uint64
	root  *ledger.AccountRoot
}

// acceptedLedger answers a session's ledger_accept (Node.accept) with
// the new open ledger's sequence.
type acceptedLedger struct {
	token   uint64
	current uint32
	err     error
}

// published is a closed ledger, durable in the log, on its way to the
// account actors and the subscription hub.
type published struct {
	closed *ledger.Closed
}

// accountUpdate tells one account actor what a closed ledger did to it:
// its new committed root and the hashes of its transactions the ledger
// resolved (recorded or rejected).
type accountUpdate struct {
	root     *ledger.AccountRoot
	resolved []hash.Hash256
}
