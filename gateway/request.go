package gateway

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	gojson "github.com/goccy/go-json"
)

// Dialect is the API a request frame speaks.
type Dialect uint8

// The two dialects served on every listener.
const (
	// ChainSQL is the rippled-style dialect: {"id":…,"command":"…",…}.
	ChainSQL Dialect = iota + 1
	// NKN is the NKN-style dialect: {"Action":"…","Id":…,…}.
	NKN
)

// String returns "chainsql", "nkn" or "unknown".
func (d Dialect) String() string {
	switch d {
	case ChainSQL:
		return "chainsql"
	case NKN:
		return "nkn"
	}
	return "unknown"
}

// Request is one well-formed request frame, handed to the Handler.
type Request struct {
	Dialect Dialect
	// ID is the raw JSON of "id" (ChainSQL) or "Id" (NKN), as replies
	// echo it: in valid UTF-8, and nil if absent or if its JSON is longer
	// than a quarter of Config.MaxEchoBytes.
	ID json.RawMessage
	// Method is the value of "command" (or rippled's alias "method") for
	// ChainSQL, of "Action" for NKN. It may be empty: an unknown name is the
	// Handler's to answer.
	Method string
	// Params are the frame's members, already parsed once here so that
	// the Handler need not parse the frame again. The Handler owns them.
	Params map[string]json.RawMessage
	// Body is the whole frame, a valid JSON object; the Handler decodes its
	// parameters from it. The Handler owns it.
	Body []byte
	// echoLimit is the Config.MaxEchoBytes of the server that read the
	// request; zero (a request built elsewhere) means the default.
	echoLimit int
}

// frameVerdict is what decodeRequest made of a frame.
type frameVerdict uint8

const (
	// frameOK: a request with a known dialect and a string method.
	frameOK frameVerdict = iota
	// frameNotObject: not JSON, or JSON that is not an object.
	frameNotObject
	// frameNoMethod: an object without a usable method; Request.Dialect
	// says whose error frame to send and ID is that dialect's id.
	frameNoMethod
)

// decodeRequest recognises a frame's dialect and method. Member names match
// exactly (case-sensitive), as in rippled's jsoncpp and NKN's map lookup; a
// frame naming both dialects' methods is ChainSQL. The ChainSQL checks are
// rippled's: "command" or "method" must be present, each present one must
// be a string, and if both are present they must agree. A frame naming
// neither is answered in the session's dialect: NKN if nknSession, else
// ChainSQL.
func decodeRequest(frame []byte, nknSession bool) (Request, frameVerdict) {
	members, ok := parseMembers(frame)
	if !ok {
		return Request{}, frameNotObject
	}
	command, hasCommand := members["command"]
	method, hasMethod := members["method"]
	if hasCommand || hasMethod {
		req := Request{Dialect: ChainSQL, ID: members["id"], Params: members, Body: frame}
		c, cOK := String(command)
		m, mOK := String(method)
		switch {
		case hasCommand && !cOK, hasMethod && !mOK, hasCommand && hasMethod && c != m:
			return req, frameNoMethod
		case hasCommand:
			req.Method = c
		default:
			req.Method = m
		}
		return req, frameOK
	}
	if action, ok := members["Action"]; ok {
		req := Request{Dialect: NKN, ID: members["Id"], Params: members, Body: frame}
		a, aOK := String(action)
		if !aOK {
			return req, frameNoMethod
		}
		req.Method = a
		return req, frameOK
	}
	if nknSession {
		return Request{Dialect: NKN, ID: members["Id"], Body: frame}, frameNoMethod
	}
	return Request{Dialect: ChainSQL, ID: members["id"], Body: frame}, frameNoMethod
}

// parseMembers parses a frame that is one JSON object into its members,
// as encoding/json.Unmarshal into a map[string]json.RawMessage does
// (FuzzParseMembersLikeStd), with github.com/goccy/go-json, in a third
// of the time (BenchmarkParseMembers): every request frame is parsed
// here.
func parseMembers(frame []byte) (map[string]json.RawMessage, bool) {
	var members map[string]json.RawMessage
	if err := gojson.Unmarshal(frame, &members); err != nil || members == nil {
		return nil, false
	}
	return members, true
}

// String decodes raw if it is a JSON string, as json.Unmarshal into a
// string does. A string of printable ASCII without escapes (a hex blob,
// an address, a command name: nearly every string a request carries) is
// its bytes between the quotes, without a parse; any other (a signed
// query's signingData, full of escaped quotes) is parsed with go-json,
// as encoding/json would (FuzzParseMembersLikeStd checks String too).
func String(raw json.RawMessage) (string, bool) {
	if plain := len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"'; plain {
		inner := raw[1 : len(raw)-1]
		for i := 0; plain && i < len(inner); i++ {
			b := inner[i]
			plain = b >= 0x20 && b < utf8.RuneSelf && b != '"' && b != '\\'
		}
		if plain {
			return string(inner), true
		}
	}
	if t := bytes.TrimLeft(raw, " \t\r\n"); len(t) == 0 || t[0] != '"' {
		return "", false // null, too, which json.Unmarshal leaves as ""
	}
	var s string
	if err := gojson.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

// nknAction is the quoted member name that marks an NKN frame.
var nknAction = []byte(`"Action"`)

// looksNKN reports whether an unparseable frame was meant as NKN.
func looksNKN(frame []byte) bool {
	return bytes.Contains(frame, nknAction)
}
