package rpcerr

import "strconv"

// Code is an RPC error code with chainsqld's numbering: rippled's 1..79,
// ChainSQL's 38 and 100..133.
type Code int

// Unknown is the code chainsqld reports for any number missing from its
// table: token "unknown", code -1, text "An unknown error code.".
const Unknown Code = -1

// Token returns the wire token, e.g. "tabNotExist", or "unknown" for a
// number chainsqld does not define.
func (c Code) Token() string { return lookup(c).token }

// Message returns chainsqld's default text, e.g. "Table does not exist.",
// or "An unknown error code." for a number chainsqld does not define.
func (c Code) Message() string { return lookup(c).message }

// String returns the token, or "Code(n)" for an undefined number so that
// logs keep the number.
func (c Code) String() string {
	if c == Unknown || defined(c) {
		return c.Token()
	}
	return "Code(" + strconv.Itoa(int(c)) + ")"
}

// FromToken returns the code whose wire token is token, e.g. 106 for
// "tabNotExist". Tokens are case-sensitive. "unknown" is not a defined
// code and reports false.
func FromToken(token string) (Code, bool) {
	c, ok := registry.byToken[token]
	return c, ok
}
