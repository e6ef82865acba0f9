package gateway

import (
	"encoding/json"
)

// The NKN error codes: the Error member of every NKN-dialect frame, with
// the Desc text of the NKN WebSocket API document's table (nknDesc).
const (
	NKNSuccess            = 0
	NKNMethodNotFound     = 32601 // listed by the document, sent only by NKN's HTTP JSON-RPC
	NKNSessionExpired     = 41001
	NKNServiceCeiling     = 41002
	NKNIllegalDataFormat  = 41003
	NKNInvalidMethod      = 42001
	NKNInvalidParams      = 42002
	NKNVerifyTokenError   = 42003
	NKNInvalidTransaction = 43001
	NKNInvalidAsset       = 43002
	NKNInvalidBlock       = 43003
	NKNInvalidHash        = 43004
	NKNInvalidVersion     = 43005
	NKNUnknownTransaction = 44001
	NKNUnknownAsset       = 44002
	NKNUnknownBlock       = 44003
	NKNUnknownHash        = 44004
	NKNInternalError      = 45001
	NKNSmartcodeExecError = 47001
)

// nknVersion is the Version member of every NKN frame.
const nknVersion = "1.0.0"

// nknDesc is the error table of the NKN WebSocket API document: the Desc
// text for each Error code. Codes outside the table get an empty Desc, as
// NKN's ErrMessage map lookup gives.
var nknDesc = map[int]string{
	NKNSuccess:            "SUCCESS",
	NKNMethodNotFound:     "Method not found",
	NKNSessionExpired:     "SESSION EXPIRED",
	NKNServiceCeiling:     "SERVICE CEILING",
	NKNIllegalDataFormat:  "ILLEGAL DATAFORMAT",
	NKNInvalidMethod:      "INVALID METHOD",
	NKNInvalidParams:      "INVALID PARAMS",
	NKNVerifyTokenError:   "VERIFY TOKEN ERROR",
	NKNInvalidTransaction: "INVALID TRANSACTION",
	NKNInvalidAsset:       "INVALID ASSET",
	NKNInvalidBlock:       "INVALID BLOCK",
	NKNInvalidHash:        "INVALID HASH",
	NKNInvalidVersion:     "INVALID VERSION",
	NKNUnknownTransaction: "UNKNOWN TRANSACTION",
	NKNUnknownAsset:       "UNKNOWN ASSET",
	NKNUnknownBlock:       "UNKNOWN BLOCK",
	NKNUnknownHash:        "UNKNOWN HASH",
	NKNInternalError:      "INTERNAL ERROR",
	NKNSmartcodeExecError: "SMARTCODE EXEC ERROR",
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
// Id is present only when id is valid JSON (re-encoded if it is not valid
// UTF-8). For a handled request pass its
// Action (NKN answers handler errors with a nil result, written null); for
// errors raised before dispatch NKN sends Action "" and Result "". If result
// cannot be marshalled, the frame is a 45001 INTERNAL ERROR for the same
// action with a null Result.
func NKNReply(action string, id json.RawMessage, code int, result any) []byte {
	env := nknEnvelope{
		Action:  action,
		Desc:    nknDesc[code],
		Error:   code,
		ID:      cleanJSON(id),
		Result:  result,
		Version: nknVersion,
	}
	frame, err := Marshal(env)
	if err != nil {
		env.Error, env.Desc, env.Result = NKNInternalError, nknDesc[NKNInternalError], nil
		// With a nil Result every field is a string, an int or validated
		// JSON, which always encodes.
		frame, _ = Marshal(env)
	}
	return frame
}

// Frames the gateway sends before or instead of dispatch, built once.
var (
	nknIllegalFormatFrame  = NKNReply("", nil, NKNIllegalDataFormat, "")
	nknSessionExpiredFrame = NKNReply("", nil, NKNSessionExpired, "")
	nknServiceCeilingFrame = NKNReply("", nil, NKNServiceCeiling, "")
	// nknSlowDownFrame answers a frame over the inbound rate limits. NKN
	// has no per-message limit and no code for it; 41002 SERVICE CEILING
	// is the table's nearest, and the Result names rippled's slowDown.
	nknSlowDownFrame = NKNReply("", nil, NKNServiceCeiling, "slowDown")
)

// nknInvalidMethodFrame is NKN's answer to an object without a string
// Action: 42001 with an empty Action, echoing Id when the frame had one.
func nknInvalidMethodFrame(id json.RawMessage) []byte {
	return NKNReply("", id, NKNInvalidMethod, "")
}

// NKNUnknownAction is the answer to an Action no handler has: 42001
// INVALID METHOD echoing the name sent (cut to a quarter of the server's
// Config.MaxEchoBytes) and the request's Id, with Result "".
func NKNUnknownAction(req *Request) []byte {
	name, _ := fitString(req.Method, echoLimit(req.echoLimit)/4)
	return NKNReply(name, req.ID, NKNInvalidMethod, "")
}
