package actors

import (
	"encoding/json"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/protocol/rpcerr"
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

// sessionActor serves one WebSocket connection. It decodes each request,
// does the expensive per-request work (decoding blobs, verifying
// signatures) in parallel with other sessions, asks the account
// actors, the orderer and the hub for what it cannot answer itself, and writes replies.
type sessionActor struct {
	node *Node
	conn Conn
	// slots holds one token per request under way (see sessionHandler);
	// done closes when the actor stops.
	slots chan struct{}
	done  chan struct{}
	// spokeNKN is set by the session's first NKN request.
	spokeNKN bool

	nextToken uint64
	// waiting are the requests whose answer comes from another actor,
	// by token.
	waiting map[uint64]*waiting
}

// waiting is a request parked until another actor answers it.
type waiting struct {
	req  *gateway.Request
	then func(ctx actor.Context, answer any)
}

func (s *sessionActor) Receive(ctx actor.Context) {
	switch m := ctx.Message().(type) {
	case *actor.Started:
		s.waiting = make(map[uint64]*waiting)
	case *gateway.Request:
		s.handle(ctx, m)
	case *submitResult:
		s.resume(ctx, m.token, m)
	case *nextSeqAnswer:
		s.resume(ctx, m.token, m)
	case *acceptedLedger:
		s.resume(ctx, m.token, m)
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

// park registers a continuation and returns the token that the answer
// will carry.
func (s *sessionActor) park(req *gateway.Request, then func(ctx actor.Context, answer any)) uint64 {
	s.nextToken++
	s.waiting[s.nextToken] = &waiting{req: req, then: then}
	return s.nextToken
}

func (s *sessionActor) resume(ctx actor.Context, token uint64, answer any) {
	w, ok := s.waiting[token]
	if !ok {
		return
	}
	delete(s.waiting, token)
	w.then(ctx, answer)
}

func (s *sessionActor) handle(ctx actor.Context, req *gateway.Request) {
	switch req.Dialect {
	case gateway.ChainSQL:
		s.chainsql(ctx, req) // every answer goes through ok or fail, which release
	case gateway.NKN:
		s.nkn(ctx, req)
		s.release()
	}
}

// chainsql answers a ChainSQL-dialect request, at once or, for a
// deferred command, when another actor's answer comes.
func (s *sessionActor) chainsql(ctx actor.Context, req *gateway.Request) {
	cmd, ok := commands[req.Method]
	if !ok {
		s.fail(req, rpcerr.New(rpcerr.UnknownCommand))
		return
	}
	if cmd.admin && !s.conn.IsAdmin() {
		s.fail(req, rpcerr.New(rpcerr.NoPermission))
		return
	}
	params, err := requestParams(req)
	if err != nil {
		s.fail(req, rpcerr.New(rpcerr.BadSyntax))
		return
	}
	r := &call{s: s, ctx: ctx, req: req, params: params}
	result, err := cmd.run(r)
	switch {
	case err != nil:
		s.fail(req, err)
	case result == deferred:
	default:
		s.ok(req, result)
	}
}

// requestParams returns a request's members: as the gateway parsed them,
// or parsed from the body for a request built elsewhere.
func requestParams(req *gateway.Request) (map[string]json.RawMessage, error) {
	if req.Params != nil {
		return req.Params, nil
	}
	var params map[string]json.RawMessage
	if err := json.Unmarshal(req.Body, &params); err != nil {
		return nil, err
	}
	return params, nil
}

// ok sends a success envelope.
func (s *sessionActor) ok(req *gateway.Request, result any) {
	s.conn.Reply(gateway.ChainSQLResult(req.ID, result))
	s.release()
}

// fail sends an error envelope. Errors that are not RPC errors are node
// faults: they are logged and answered as "internal".
func (s *sessionActor) fail(req *gateway.Request, err error) {
	e := rpcerr.From(err)
	if e.Code == rpcerr.Internal {
		s.node.logger.Error("request failed", "command", req.Method, "err", err)
	}
	token, code, msg := e.Fields()
	s.conn.Reply(gateway.ChainSQLError(req, token, code, msg))
	s.release()
}
