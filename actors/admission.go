package actors

import (
	"errors"
	"time"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// admitTimeout bounds an engine's wait for an account actor's verdict.
// CometBFT calls CheckTx under the one mutex of its local client, which
// FinalizeBlock and Commit take too, so a verdict later than this (an
// account actor's mailbox a second deep: the node is overloaded)
// refuses the transaction rather than stall consensus. It is CometBFT's
// default recheck timeout, past which a recheck is abandoned anyway.
const admitTimeout = time.Second

// errAdmitTimeout is Admit's error when no verdict came in admitTimeout.
var errAdmitTimeout = errors.New("no admission verdict in time")

// admission is the account actors' admission as an engine that admits
// transactions itself asks it (consensus.Admitter: CometBFT's CheckTx of
// new and rechecked transactions). Admit runs on the engine's goroutine,
// which may block: it sends the transaction to its account actor and
// waits for the verdict on a channel, at most admitTimeout. No future:
// the channel has room for the verdict, so the actor never waits.
type admission struct {
	root     *actor.RootContext
	accounts *actor.PID
	timeout  time.Duration
}

// Forget lets go of a transaction the engine refused after this node
// admitted it.
func (a admission) Forget(t *tx.Tx) { a.root.Send(a.accounts, &forgetTx{tx: t}) }

func (a admission) Admit(t *tx.Tx) (ter.Code, error) {
	reply := make(chan ter.Code, 1)
	a.root.Send(a.accounts, &checkTx{tx: t, reply: reply})
	timer := time.NewTimer(a.timeout)
	defer timer.Stop()
	select {
	case code := <-reply:
		return code, nil
	case <-timer.C:
		return 0, errAdmitTimeout
	}
}
