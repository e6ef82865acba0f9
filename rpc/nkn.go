package rpc

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sqledger/sqledger/gateway"
)

// The NKN-style "Action" dialect (../shared/spec/nkn-websocket-api.md),
// answered as NKN's WebSocket server answered it in the document's era
// (../shared/reference/nkn-protocol.md §1.3):
//
//  1. the gateway answers frames that are not JSON objects (41003) and
//     objects without a string Action (42001) itself;
//  2. an Action missing from nknActions is 42001 echoing the name sent
//     (NKN echoed "": a client could not tell which request failed) with
//     Result ""; the lookup is case-sensitive;
//  3. a capitalised Hash, Addr or Assetid member that is present, not
//     null and not a string is 42002 with Action "" and Result ""
//     (NKN's IsValidMsg), whatever the action;
//  4. the action runs; its errors echo the Action with Result null.
//
// Every reply echoes the request's Id, as Ontology does, so that a
// client may match replies to requests; NKN itself had no Id.

// nknCall is one NKN-dialect request being answered.
type nknCall struct {
	s      *Session
	req    *gateway.Request
	params map[string]json.RawMessage
	// view is the committed state the whole request reads.
	view State
}

// nknAction answers one Action: its Result, or an error (an *nknError
// for a refusal, anything else for a node fault).
type nknAction func(c *nknCall) (any, error)

// nknActions is the Action table, checked when the package loads.
var nknActions map[string]nknAction

func init() {
	nknActions = map[string]nknAction{
		"getlatestblockheight": nknGetLatestBlockHeight,
		"getblock":             nknGetBlock,
		"getconnectioncount":   nknGetConnectionCount,
		"gettransaction":       nknGetTransaction,
		"heartbeat":            nknHeartbeat,
		"getsessioncount":      nknGetSessionCount,
	}
	for name, run := range nknActions {
		if run == nil || name == "" || strings.ToLower(name) != name {
			panic("rpc: bad NKN action table entry " + name)
		}
	}
}

// nknStringMembers are the members NKN checked before dispatch: present
// and not null, they must be strings.
var nknStringMembers = [...]string{"Hash", "Addr", "Assetid"}

// nkn answers an NKN-dialect request. The session's first one makes it
// an NKN session, which receives updateSigChainBlockHash pushes.
func (s *Session) nkn(req *gateway.Request) {
	if !s.spokeNKN {
		s.spokeNKN = true
		s.ask.JoinNKN()
	}
	run, ok := nknActions[req.Method]
	if !ok {
		s.conn.Reply(gateway.NKNUnknownAction(req))
		return
	}
	params, err := requestParams(req)
	if err != nil {
		// The gateway hands over only JSON objects.
		s.nknFail(req, fmt.Errorf("request body: %w", err))
		return
	}
	for _, name := range nknStringMembers {
		if raw, ok := params[name]; ok && !isJSONNull(raw) && !isJSONString(raw) {
			s.conn.Reply(gateway.NKNReply("", req.ID, gateway.NKNInvalidParams, ""))
			return
		}
	}
	result, err := run(&nknCall{s: s, req: req, params: params, view: s.node.states.Current()})
	if err != nil {
		s.nknFail(req, err)
		return
	}
	s.conn.Reply(gateway.NKNReply(req.Method, req.ID, gateway.NKNSuccess, result))
}

// nknFail answers a request whose action failed: the Action echoed, the
// code of err, Result null. Node faults are logged.
func (s *Session) nknFail(req *gateway.Request, err error) {
	code := nknCode(err)
	if code == gateway.NKNInternalError {
		s.node.logger.Error("NKN request failed", "action", req.Method, "err", err)
	}
	s.conn.Reply(gateway.NKNReply(req.Method, req.ID, code, nil))
}

func isJSONNull(raw json.RawMessage) bool { return string(raw) == "null" }

func isJSONString(raw json.RawMessage) bool { return len(raw) > 0 && raw[0] == '"' }
