package rpc

import (
	"encoding/json"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// Conn is what a session needs of its connection; *gateway.Conn is one.
type Conn interface {
	SessionID() string
	IsAdmin() bool
	// Reply queues a response; it does not block.
	Reply(frame []byte)
}

// Session answers the requests of one connection. Its owner calls it
// from one goroutine at a time (the session actor, one message at a
// time): Handle for each request in frame order and Resume for each
// answer to an ask.
type Session struct {
	node *Node
	conn Conn
	ask  Asker
	// done is called once for each request when its answer is written.
	done func()
	// spokeNKN is set by the session's first NKN request.
	spokeNKN bool

	nextToken uint64
	// waiting are the requests whose answer comes from an ask, by token.
	waiting map[uint64]*waiting
	// queries is the number of the session's SQL queries running.
	queries int
}

// waiting is a request parked until its ask is answered.
type waiting struct {
	req  *gateway.Request
	then func(answer Answer)
}

// NewSession returns the session of a connection. Its asks go to ask;
// done is called once for each request when its answer is written, at
// once or after the answer to an ask.
func (n *Node) NewSession(conn Conn, ask Asker, done func()) *Session {
	return &Session{node: n, conn: conn, ask: ask, done: done, waiting: make(map[uint64]*waiting)}
}

// Handle answers a request, at once or, for a command that asks, when
// Resume brings the answer.
func (s *Session) Handle(req *gateway.Request) {
	switch req.Dialect {
	case gateway.ChainSQL:
		s.chainsql(req) // every answer goes through ok or fail, which call done
	case gateway.NKN:
		s.nkn(req)
		s.done()
	}
}

// Resume finishes the request parked under token with the answer to its
// ask. A token that is not waiting is ignored.
func (s *Session) Resume(token uint64, answer Answer) {
	w, ok := s.waiting[token]
	if !ok {
		return
	}
	delete(s.waiting, token)
	w.then(answer)
}

// park registers a continuation and returns the token that the answer
// will carry.
func (s *Session) park(req *gateway.Request, then func(answer Answer)) uint64 {
	s.nextToken++
	s.waiting[s.nextToken] = &waiting{req: req, then: then}
	return s.nextToken
}

// chainsql answers a ChainSQL-dialect request, at once or, for a
// deferred command, when the answer to its ask comes.
func (s *Session) chainsql(req *gateway.Request) {
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
	r := &call{s: s, req: req, params: params, view: s.node.states.Current()}
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
func (s *Session) ok(req *gateway.Request, result any) {
	s.conn.Reply(gateway.ChainSQLResult(req.ID, result))
	s.done()
}

// okJSON sends a success envelope around a result that is already
// compact JSON.
func (s *Session) okJSON(req *gateway.Request, result []byte) {
	s.conn.Reply(gateway.ChainSQLResultJSON(req.ID, result))
	s.done()
}

// fail sends an error envelope. Errors that are not RPC errors are node
// faults: they are logged and answered as "internal".
func (s *Session) fail(req *gateway.Request, err error) {
	e := rpcerr.From(err)
	if e.Code == rpcerr.Internal {
		s.node.logger.Error("request failed", "command", req.Method, "err", err)
	}
	token, code, msg := e.Fields()
	s.conn.Reply(gateway.ChainSQLError(req, token, code, msg))
	s.done()
}
