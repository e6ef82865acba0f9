// Package httpapi serves the ChainSQL commands over HTTP JSON-RPC, in
// rippled's format, on listeners of its own (port 5005 by convention):
//
//	POST / {"method":"server_info","params":[{}]}
//	→ {"result":{…,"status":"success"}}
//	→ {"result":{"error":"…","error_code":N,"error_message":"…","request":{…},"status":"error"}}
//
// Each request runs through the same command handlers as a WebSocket
// request (package rpc): the Backend opens a session for it whose
// connection is an Exchange, the session's one reply is the answer, and
// the session is closed. The admin rule is the gateway's (the remote
// address in Config.AdminNets); subscribe and unsubscribe stay
// WebSocket-only, as in rippled. Requests are bounded in size, time and
// number (Config).
package httpapi
