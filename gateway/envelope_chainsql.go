package gateway

import (
	"bytes"
	"encoding/json"

	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// chainsqlResponse is rippled's success envelope; jsoncpp writes members in
// sorted order, and so do these field orders.
type chainsqlResponse struct {
	ID     json.RawMessage `json:"id,omitempty"`
	Result any             `json:"result"`
	Status string          `json:"status"`
	Type   string          `json:"type"`
}

// chainsqlErrorResponse is rippled's error envelope: the handler's error
// object unwrapped to the top level, with the masked request.
type chainsqlErrorResponse struct {
	Error            string          `json:"error"`
	Code             int             `json:"error_code,omitempty"`
	Message          string          `json:"error_message,omitempty"`
	ID               json.RawMessage `json:"id,omitempty"`
	Request          json.RawMessage `json:"request,omitempty"`
	RequestTruncated bool            `json:"request_truncated,omitempty"`
	Status           string          `json:"status"`
	Type             string          `json:"type"`
}

// ChainSQLResult builds a ChainSQL (rippled) success frame:
//
//	{"id":id,"result":result,"status":"success","type":"response"}
//
// id is omitted when nil or not valid JSON, and re-encoded if it is not
// valid UTF-8. If result cannot be marshalled the frame is the rippled
// "internal" (73) error envelope for the same id.
func ChainSQLResult(id json.RawMessage, result any) []byte {
	frame, err := Marshal(chainsqlResponse{
		ID:     cleanJSON(id),
		Result: result,
		Status: "success",
		Type:   "response",
	})
	if err != nil {
		token, code, message := rpcerr.New(rpcerr.Internal).Fields()
		return ChainSQLError(&Request{Dialect: ChainSQL, ID: id}, token, code, message)
	}
	return frame
}

// ChainSQLResultJSON is ChainSQLResult for a result that is already
// compact JSON (the caller built it, e.g. rpc's submit answer): the same
// bytes, without encoding/json's reflection and its second scan of the
// result.
func ChainSQLResultJSON(id json.RawMessage, result []byte) []byte {
	frame := make([]byte, 0, len(result)+len(id)+64)
	frame = append(frame, '{')
	if cid := cleanJSON(id); len(cid) > 0 {
		var buf bytes.Buffer
		if json.Compact(&buf, cid) == nil {
			frame = append(frame, `"id":`...)
			frame = append(frame, buf.Bytes()...)
			frame = append(frame, ',')
		}
	}
	frame = append(frame, `"result":`...)
	frame = append(frame, result...)
	return append(frame, `,"status":"success","type":"response"}`...)
}

// ChainSQLError builds a ChainSQL (rippled) error frame:
//
//	{"error":token,"error_code":code,"error_message":message,"id":req.ID,
//	 "request":<req.Body with secrets masked>,"status":"error","type":"response"}
//
// id and request are omitted when req is nil or has no ID or Body. The token,
// code and message are those of protocol/rpcerr (its Error.Fields).
//
// The frame is valid UTF-8 and at most the server's Config.MaxEchoBytes
// long, whatever the request: error_message is cut to a quarter of it, an
// id longer than a quarter is left out, and a request that does not fit in
// what remains is echoed as a JSON string holding the longest prefix of
// its masked text that fits, with "request_truncated":true.
func ChainSQLError(req *Request, token string, code int, message string) []byte {
	env := chainsqlErrorResponse{
		Error:  token,
		Code:   code,
		Status: "error",
		Type:   "response",
	}
	var body []byte
	limit := DefaultMaxEchoBytes
	if req != nil {
		limit = echoLimit(req.echoLimit)
		env.ID, body = echoID(req.ID, limit/4), req.Body
	}
	env.Message, _ = fitString(message, limit/4)
	return errorFrame(env, body, limit)
}

// errorFrame encodes env with body echoed as its request member, within
// limit bytes (echoRequest).
func errorFrame(env chainsqlErrorResponse, body []byte, limit int) []byte {
	// Strings, an int and validated JSON: these always encode.
	frame, _ := Marshal(env)
	if len(body) == 0 {
		return frame
	}
	env.Request, env.RequestTruncated = echoRequest(body, len(frame), limit)
	frame, _ = Marshal(env)
	return frame
}

// jsonInvalidFrame is rippled's answer to a frame that is not a JSON object
// (ServerHandlerImp::onWSMessage): the frame's text echoed back, each
// invalid UTF-8 byte replaced by U+FFFD. A text whose echo would make the
// frame longer than limit is cut to the longest prefix that fits beside
// "value_truncated":true.
//
//	{"error":"jsonInvalid","type":"error","value":"<frame text>"}
func jsonInvalidFrame(frame []byte, limit int) []byte {
	const (
		head = `{"error":"jsonInvalid","type":"error","value":`
		tail = `}`
	)
	room := echoLimit(limit) - len(head) - len(tail)
	// Every byte of the frame takes at least one byte of the echo: what
	// lies past room bytes can only be cut, so it is not copied.
	text := string(frame[:min(len(frame), max(room, 0)+1)])
	prefix, cut := fitString(text, room)
	if cut {
		room -= len(valueTruncatedMember)
		prefix, _ = fitString(text, room)
	}
	out := make([]byte, 0, min(echoLimit(limit), len(head)+6*len(prefix)+len(valueTruncatedMember)+len(tail)+2))
	out = append(out, head...)
	if room >= len(`""`) {
		out = AppendString(out, prefix)
	} else {
		out = append(out, `null`...)
	}
	if cut {
		out = append(out, valueTruncatedMember...)
	}
	return append(out, tail...)
}

// missingCommandFrame is rippled's answer to an object whose command is
// missing, not a string, or contradicted by method
// (ServerHandlerImp::processSession). rippled echoes the request unmasked;
// the gateway masks it and bounds it like every other echoed request
// (ChainSQLError).
//
//	{"error":"missingCommand","id":id,"request":{...},"status":"error","type":"response"}
func missingCommandFrame(req *Request) []byte {
	limit := echoLimit(req.echoLimit)
	env := chainsqlErrorResponse{Error: "missingCommand", ID: echoID(req.ID, limit/4), Status: "error", Type: "response"}
	return errorFrame(env, req.Body, limit)
}

// chainsqlSlowDownFrame answers a frame over the inbound rate limits. As
// rippled's ServerHandler does when a client exceeds its resource
// threshold, it carries neither id nor request: the frame was not decoded.
//
//	{"error":"slowDown","error_code":10,"error_message":"You are placing too much load on the server.","status":"error","type":"response"}
var chainsqlSlowDownFrame = func() []byte {
	token, code, message := rpcerr.New(rpcerr.SlowDown).Fields()
	return ChainSQLError(nil, token, code, message)
}()
