package gateway

import (
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
	Error   string          `json:"error"`
	Code    int             `json:"error_code"`
	Message string          `json:"error_message"`
	ID      json.RawMessage `json:"id,omitempty"`
	Request json.RawMessage `json:"request,omitempty"`
	Status  string          `json:"status"`
	Type    string          `json:"type"`
}

// ChainSQLResult builds a ChainSQL (rippled) success frame:
//
//	{"id":id,"result":result,"status":"success","type":"response"}
//
// id is omitted when nil. If result cannot be marshalled the frame is the
// rippled "internal" (73) error envelope for the same id.
func ChainSQLResult(id json.RawMessage, result any) []byte {
	frame, err := marshal(chainsqlResponse{
		ID:     validOrNil(id),
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

// ChainSQLError builds a ChainSQL (rippled) error frame:
//
//	{"error":token,"error_code":code,"error_message":message,"id":req.ID,
//	 "request":<req.Body with secrets masked>,"status":"error","type":"response"}
//
// id and request are omitted when req is nil or has no ID or Body. The token,
// code and message are those of protocol/rpcerr (its Error.Fields).
func ChainSQLError(req *Request, token string, code int, message string) []byte {
	env := chainsqlErrorResponse{
		Error:   token,
		Code:    code,
		Message: message,
		Status:  "error",
		Type:    "response",
	}
	if req != nil {
		env.ID = validOrNil(req.ID)
		if len(req.Body) > 0 {
			env.Request = MaskSecrets(req.Body)
		}
	}
	// Strings, an int and validated JSON: this always encodes.
	frame, _ := marshal(env)
	return frame
}

// jsonInvalidFrame is rippled's answer to a frame that is not a JSON object
// (ServerHandlerImp::onWSMessage): the raw text echoed back.
//
//	{"error":"jsonInvalid","type":"error","value":"<frame text>"}
func jsonInvalidFrame(frame []byte) []byte {
	out, _ := marshal(struct {
		Error string `json:"error"`
		Type  string `json:"type"`
		Value string `json:"value"`
	}{"jsonInvalid", "error", string(frame)})
	return out
}

// missingCommandFrame is rippled's answer to an object whose command is
// missing, not a string, or contradicted by method
// (ServerHandlerImp::processSession). rippled echoes the request unmasked;
// the gateway masks it like every other echoed request.
//
//	{"error":"missingCommand","id":id,"request":{...},"status":"error","type":"response"}
func missingCommandFrame(id json.RawMessage, body []byte) []byte {
	out, _ := marshal(struct {
		Error   string          `json:"error"`
		ID      json.RawMessage `json:"id,omitempty"`
		Request json.RawMessage `json:"request,omitempty"`
		Status  string          `json:"status"`
		Type    string          `json:"type"`
	}{"missingCommand", validOrNil(id), MaskSecrets(body), "error", "response"})
	return out
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
