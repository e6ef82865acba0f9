package actors

import (
	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
	"github.com/sqledger/sqledger/rpc"
)

// maxInFlight is how many requests of one session may be under way at
// once (queued in its mailbox, or waiting for another actor's answer).
const maxInFlight = 256

// sessionHandler is the gateway's handle on a session actor: it moves
// each request into the actor's mailbox. When the session already has
// maxInFlight requests under way, Handle waits for one to finish: the
// connection's reader stops reading, and TCP pushes back on that client
// alone, instead of queues growing without bound inside the node.
type sessionHandler struct {
	root  *actor.RootContext
	pid   *actor.PID
	slots chan struct{}
	done  chan struct{}
}

func (h *sessionHandler) Handle(req *gateway.Request) {
	select {
	case h.slots <- struct{}{}:
		h.root.Send(h.pid, req)
	case <-h.done:
	}
}

func (h *sessionHandler) Closed(reason gateway.CloseReason) {
	h.root.Send(h.pid, sessionClosed{reason: reason})
}

// sessionClosed tells a session actor that its connection is gone.
type sessionClosed struct{ reason gateway.CloseReason }

// sessionActor owns one WebSocket connection and serialises its
// requests: its rpc.Session answers them (decoding, verifying signatures:
// the expensive per-request work, in parallel with other sessions), and
// the actor carries the session's asks to the account and table actors,
// the orderer and the hub, and their answers back.
type sessionActor struct {
	node *Node
	conn Conn
	// slots holds one token per request under way (see sessionHandler);
	// done closes when the actor stops.
	slots chan struct{}
	done  chan struct{}
	rpc   *rpc.Session
}

func (s *sessionActor) Receive(ctx actor.Context) {
	switch m := ctx.Message().(type) {
	case *actor.Started:
		ask := &sessionAsker{node: s.node, root: ctx.ActorSystem().Root, self: ctx.Self(), conn: s.conn}
		s.rpc = s.node.rpc.NewSession(s.conn, ask, s.release)
	case *gateway.Request:
		s.rpc.Handle(m)
	case *submitResult:
		s.rpc.Resume(m.token, rpc.Verdict{Tx: m.tx, Code: m.code, Queued: m.queued, Detail: m.detail})
	case *nextSeqAnswer:
		s.rpc.Resume(m.token, rpc.OpenAccount{Root: m.root})
	case *acceptedLedger:
		s.rpc.Resume(m.token, rpc.Accepted{Current: m.current, Err: m.err})
	case *queryDone:
		s.rpc.Resume(m.token, m.answer)
	case sessionClosed:
		ctx.Send(s.node.hub, &dropSession{conn: s.conn.ID()})
		ctx.Stop(ctx.Self())
	case *actor.Stopped:
		close(s.done)
	}
}

// release frees the slot of a request that is done.
func (s *sessionActor) release() {
	select {
	case <-s.slots:
	default:
	}
}

// sessionAsker carries a session's asks to the actors that answer them,
// as messages whose answers come back to the session actor (self) with
// the ask's token.
type sessionAsker struct {
	node *Node
	root *actor.RootContext
	self *actor.PID
	conn Conn
}

// Submit sends a TableListSet or SQLStatement to its table's actor
// first, any other transaction to its sender's account actor. A table
// transaction is parsed here (tableop.Of), in parallel across sessions:
// the tables actor's routing and every later step read the parse it
// keeps.
func (a *sessionAsker) Submit(token uint64, t *tx.Tx) {
	a.node.cfg.Observer.Submitted(t.Hash)
	to := a.node.accounts
	if t.Type == tx.TableListSet || t.Type == tx.SQLStatement {
		tableop.Of(t)
		to = a.node.tables
	}
	a.root.Send(to, &submitTx{tx: t, replyTo: a.self, token: token})
}

func (a *sessionAsker) OpenAccount(token uint64, id address.AccountID) {
	a.root.Send(a.node.accounts, &nextSeqQuery{account: id, replyTo: a.self, token: token})
}

func (a *sessionAsker) AcceptLedger(token uint64) { a.node.accept(a.self, token) }

func (a *sessionAsker) Subscribe(sub *rpc.Subscription) {
	a.root.Send(a.node.hub, &subscription{conn: a.conn, Subscription: *sub})
}

func (a *sessionAsker) JoinNKN() { a.root.Send(a.node.hub, &nknJoin{conn: a.conn}) }

// Query runs a SQL query on a goroutine of the actors' pool, so that the
// session answers its other requests meanwhile; rpc bounds how many run
// at once.
func (a *sessionAsker) Query(token uint64, run func() rpc.Answer) {
	a.node.dispatch.pool.Go(func() { a.root.Send(a.self, &queryDone{token: token, answer: run()}) })
}

// queryDone brings a query's answer back to its session actor.
type queryDone struct {
	token  uint64
	answer rpc.Answer
}
