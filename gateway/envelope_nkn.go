package gateway

import (
	"encoding/json"
)

// NKN error codes the gateway itself produces. The full table, used for
// Desc, is nknDesc.
const (
	nknSessionExpired = 41001
	nknServiceCeiling = 41002
	nknIllegalFormat  = 41003
	nknInvalidMethod  = 42001
	nknInternalError  = 45001
	nknVersion        = "1.0.0"
)

// nknDesc is the error table of the NKN WebSocket API document: the Desc
// text for each Error code. Codes outside the table get an empty Desc, as
// NKN's ErrMessage map lookup gives.
var nknDesc = map[int]string{
	0:                 "SUCCESS",
	32601:             "Method not found",
	nknSessionExpired: "SESSION EXPIRED",
	nknServiceCeiling: "SERVICE CEILING",
	nknIllegalFormat:  "ILLEGAL DATAFORMAT",
	nknInvalidMethod:  "INVALID METHOD",
	42002:             "INVALID PARAMS",
	42003:             "VERIFY TOKEN ERROR",
	43001:             "INVALID TRANSACTION",
	43002:             "INVALID ASSET",
	43003:             "INVALID BLOCK",
	43004:             "INVALID HASH",
	43005:             "INVALID VERSION",
	44001:             "UNKNOWN TRANSACTION",
	44002:             "UNKNOWN ASSET",
	44003:             "UNKNOWN BLOCK",
	44004:             "UNKNOWN HASH",
	nknInternalError:  "INTERNAL ERROR",
	47001:             "SMARTCODE EXEC ERROR",
}

// nknEnvelope is the NKN reply. Its fields are in the order NKN's map
// marshalling produced (sorted keys); Id is Ontology's optional echo.
type nknEnvelope struct {
	Action  string          `json:"Action"`
	Desc    string          `json:"Desc"`
	Error   int             `json:"Error"`
	ID      json.RawMessage `json:"Id,omitempty"`
	Result  any             `json:"Result"`
	Version string          `json:"Version"`
}

// NKNReply builds an NKN-dialect frame:
//
//	{"Action":action,"Desc":<table text for code>,"Error":code,"Id":id,"Result":result,"Version":"1.0.0"}
//
// Id is present only when id is non-nil. For a handled request pass its
// Action (NKN answers handler errors with a nil result, written null); for
// errors raised before dispatch NKN sends Action "" and Result "". If result
// cannot be marshalled, the frame is a 45001 INTERNAL ERROR for the same
// action with a null Result.
func NKNReply(action string, id json.RawMessage, code int, result any) []byte {
	env := nknEnvelope{
		Action:  action,
		Desc:    nknDesc[code],
		Error:   code,
		ID:      validOrNil(id),
		Result:  result,
		Version: nknVersion,
	}
	frame, err := marshal(env)
	if err != nil {
		env.Error, env.Desc, env.Result = nknInternalError, nknDesc[nknInternalError], nil
		// With a nil Result every field is a string, an int or validated
		// JSON, which always encodes.
		frame, _ = marshal(env)
	}
	return frame
}

// Frames the gateway sends before or instead of dispatch, built once.
var (
	nknIllegalFormatFrame  = NKNReply("", nil, nknIllegalFormat, "")
	nknSessionExpiredFrame = NKNReply("", nil, nknSessionExpired, "")
	nknServiceCeilingFrame = NKNReply("", nil, nknServiceCeiling, "")
)

// nknInvalidMethodFrame is NKN's answer to an object without a string
// Action: 42001 with an empty Action, echoing Id when the frame had one.
func nknInvalidMethodFrame(id json.RawMessage) []byte {
	return NKNReply("", id, nknInvalidMethod, "")
}
