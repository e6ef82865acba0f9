package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/gateway"
)

// answer rewraps a session's WebSocket envelope as rippled's JSON-RPC
// answer: the success envelope's result, or the error envelope's
// members but id and type, become "result", with "status" inside it;
// the id, if any, stays beside it, as rippled echoes params[0]'s id.
//
//	{"id":1,"result":{…},"status":"success","type":"response"} → {"id":1,"result":{…,"status":"success"}}
//	{"error":…,"id":1,"request":{…},"status":"error","type":"response"} → {"id":1,"result":{"error":…,"request":{…},"status":"error"}}
func answer(frame []byte) ([]byte, error) {
	var env map[string]json.RawMessage
	if err := json.Unmarshal(frame, &env); err != nil {
		return nil, fmt.Errorf("decode answer: %w", err)
	}
	out := make(map[string]json.RawMessage, 2)
	if id, ok := env["id"]; ok {
		out["id"] = id
	}
	var result map[string]json.RawMessage
	switch status := string(env["status"]); status {
	case `"success"`:
		if err := json.Unmarshal(env["result"], &result); err != nil || result == nil {
			return nil, errors.New("decode answer: the result is not an object")
		}
		result["status"] = env["status"]
	case `"error"`:
		delete(env, "id")
		delete(env, "type")
		result = env
	default:
		return nil, fmt.Errorf("decode answer: status %s", status)
	}
	r, err := gateway.Marshal(result)
	if err != nil {
		return nil, fmt.Errorf("encode answer: %w", err)
	}
	out["result"] = r
	return gateway.Marshal(out)
}
