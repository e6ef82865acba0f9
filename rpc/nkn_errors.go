package rpc

import (
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/gateway"
)

// nknError is an NKN-dialect request refused with one of the codes of the
// NKN error table (gateway.NKNInvalidParams, gateway.NKNUnknownBlock, ...).
// Any other error from an action is a node fault, answered 45001
// INTERNAL ERROR and logged.
type nknError struct {
	code int
	msg  string
}

func (e *nknError) Error() string { return fmt.Sprintf("nkn %d: %s", e.code, e.msg) }

// nknErr returns an nknError with code and a message for the log and
// tests; the wire carries only the code and its table text.
func nknErr(code int, format string, args ...any) error {
	return &nknError{code: code, msg: fmt.Sprintf(format, args...)}
}

// nknCode is the NKN error code of err: its own for an nknError,
// gateway.NKNInternalError for anything else.
func nknCode(err error) int {
	var e *nknError
	if errors.As(err, &e) {
		return e.code
	}
	return gateway.NKNInternalError
}
