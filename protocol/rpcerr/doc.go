// Package rpcerr defines the RPC errors sqledger answers ChainSQL-dialect
// requests with: chainsqld's codes, wire tokens and default texts, and an
// error type that carries them through the node.
//
// # The model
//
// An RPC error is a Code plus a message. The Code fixes the token and the
// number a client sees; the message defaults to the code's text and may be
// replaced by a more specific one:
//
//	rpcerr.New(rpcerr.TabNotExist)
//	    -> error "tabNotExist", error_code 106, error_message "Table does not exist."
//	rpcerr.Newf(rpcerr.InvalidParams, "Invalid field 'limit', not unsigned integer.")
//	    -> error "invalidParams", error_code 31, error_message "Invalid field ..."
//
// Handlers return *Error values as ordinary errors, wrapped with %w as
// they travel up if need be. The gateway finds the *Error with From (or
// errors.As) and lays its Fields into the ChainSQL error envelope, where
// the result object is unwrapped to the top level:
//
//	{"id": 1, "error": "tabNotExist", "error_code": 106,
//	 "error_message": "Table does not exist.", "request": {...},
//	 "status": "error", "type": "response"}
//
// From turns any other error into Internal with its default text, so a
// node fault (I/O, corruption) never shows its details to a client; log
// the original. errors.Is(err, rpcerr.New(c)) matches on the code alone.
//
// # Codes
//
// The numbers are chainsqld's (src/ripple/protocol/ErrorCodes.h, v3.4.5):
// rippled's 1..79 with their gaps, ChainSQL's ActNotMatchPubkey at 38, and
// ChainSQL's 100..133 for tables, SQL, contracts, schemas, proofs and
// deleted accounts. Go names follow chainsqld's enum identifiers (rpcNODB
// is NoDB, rpcUNKNOWN_COMMAND is UnknownCommand); each constant's comment
// gives its wire token, which often differs (NoDB is "NoDbConfig",
// RawInvalid is "rawNotValidated", UnknownCommand is "unknownCmd").
// Tokens, including their irregular capitals, and texts are chainsqld's
// byte for byte.
//
// A number missing from the table (0, gaps such as 4 or 20, anything past
// 133) behaves as chainsqld's get_error_info does: token "unknown", code
// -1 (the constant Unknown), text "An unknown error code.".
//
// chainsqld's table has no entry for rpcINVALID_TRANSACTION (128); its
// submit and tx handlers write the token "invalidTransaction" by hand and
// always give their own message. Here 128 has that token and the default
// text "Invalid transaction.", so New and Newf produce what those
// handlers send.
//
// # Parameter errors
//
// MissingField, InvalidField, ObjectField and ExpectedField build the
// invalidParams errors rippled's handlers share, with rippled's texts:
//
//	rpcerr.MissingField("tx_json") // "Missing field 'tx_json'."
//
// # Validation
//
// The tables (rippled.go, chainsql.go) are checked when the package
// initialises, as chainsqld's sortErrorInfos checks its own at compile
// time: codes within 1..133, no code or token twice, no empty token or
// text. The tables are read-only afterwards and safe for concurrent use.
//
// Left out: chainsqld's eth_* error codes (ethERROR_DEFAULT and the
// others belong to the Ethereum JSON-RPC dialect) and the rippled warning
// codes 1001 and 1002, which are not errors.
package rpcerr
