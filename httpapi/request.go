package httpapi

import (
	"encoding/json"
	"fmt"

	"github.com/sqledger/sqledger/gateway"
)

// badRequest is a body rippled answers with HTTP 400 and a plain-text
// reason, before any command runs.
type badRequest struct{ reason string }

func (e *badRequest) Error() string { return e.reason }

// parseRequest turns a JSON-RPC body into the request a session
// handles, with rippled's checks and texts (ServerHandlerImp's
// processRequest): the body is an object; "method" is a non-empty
// string; "params" is absent, null, or an array of one object (or
// null). The request's members are that object's, with "command" set to
// the method, as rippled does; its ID is the object's "id", and its Body
// (echoed, masked, in an error answer) is the object.
func parseRequest(body []byte) (*gateway.Request, error) {
	var rpc map[string]json.RawMessage
	if err := json.Unmarshal(body, &rpc); err != nil || rpc == nil {
		reason := "not a JSON object"
		if err != nil {
			reason = err.Error()
		}
		return nil, &badRequest{"Unable to parse request: " + reason}
	}
	rawMethod, ok := rpc["method"]
	if !ok || string(rawMethod) == "null" {
		return nil, &badRequest{"Null method"}
	}
	var method string
	if err := json.Unmarshal(rawMethod, &method); err != nil {
		return nil, &badRequest{"method is not string"}
	}
	if method == "" {
		return nil, &badRequest{"method is empty"}
	}
	params, err := firstParams(rpc["params"])
	if err != nil {
		return nil, err
	}
	command, err := json.Marshal(method)
	if err != nil {
		return nil, fmt.Errorf("encode method: %w", err)
	}
	params["command"] = command
	echo, err := gateway.Marshal(params)
	if err != nil {
		return nil, fmt.Errorf("encode params: %w", err)
	}
	return &gateway.Request{Dialect: gateway.ChainSQL, ID: params["id"], Method: method, Params: params, Body: echo}, nil
}

// firstParams returns the members of params[0]: none when params is
// absent or null, or params[0] is null.
func firstParams(raw json.RawMessage) (map[string]json.RawMessage, error) {
	unparseable := &badRequest{"params unparseable"}
	if len(raw) == 0 || string(raw) == "null" {
		return make(map[string]json.RawMessage), nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil || len(list) != 1 {
		return nil, unparseable
	}
	var params map[string]json.RawMessage
	if err := json.Unmarshal(list[0], &params); err != nil {
		return nil, unparseable
	}
	if params == nil {
		params = make(map[string]json.RawMessage)
	}
	return params, nil
}
