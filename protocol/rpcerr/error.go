package rpcerr

import (
	"errors"
	"fmt"
)

// Error is an RPC error as the client sees it: a code and, when Message is
// not empty, a text that replaces the code's default one. Handlers return
// it as an error; the gateway turns it into the response envelope with
// Fields.
type Error struct {
	Code    Code
	Message string

	cause error  // the fmt.Errorf result when Newf wrapped errors with %w
	token string // Bare's token, in place of the code's
}

// Bare returns an error that chainsqld answers with a token of its own
// and no code (a handler setting result["error"] to a string, as
// ledger_entry's "entryNotFound" or "malformedRequest"): its Code is
// Unknown, and Fields give the token, -1 and message.
func Bare(token, message string) *Error { return &Error{Code: Unknown, Message: message, token: token} }

// New returns the error for c with its default text.
func New(c Code) *Error { return &Error{Code: c} }

// Newf returns the error for c with a formatted text. The format follows
// fmt.Errorf: errors given with %w are kept for errors.Is and errors.As,
// and their text becomes part of the message the client sees.
func Newf(c Code, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	e := &Error{Code: c, Message: err.Error()}
	switch err.(type) {
	case interface{ Unwrap() error }, interface{ Unwrap() []error }:
		e.cause = err
	}
	return e
}

// Fields returns the three values of the error envelope: "error" (the
// token), "error_code" and "error_message". A code chainsqld does not
// define gives "unknown" and -1, as chainsqld's inject_error does.
func (e *Error) Fields() (token string, code int, message string) {
	in := lookup(e.Code)
	message = e.Message
	if message == "" {
		message = in.message
	}
	if e.token != "" {
		return e.token, int(Unknown), message
	}
	return in.token, int(in.code), message
}

// Error returns "token: message".
func (e *Error) Error() string {
	token, _, message := e.Fields()
	return token + ": " + message
}

// Is reports whether target is an *Error with the same code, so that
// errors.Is(err, rpcerr.New(rpcerr.TabNotExist)) matches whatever the text.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t != nil && t.Code == e.Code && t.token == e.token
}

// Unwrap returns the errors wrapped with %w by Newf, if any.
func (e *Error) Unwrap() []error {
	switch c := e.cause.(type) {
	case interface{ Unwrap() []error }:
		return c.Unwrap()
	case interface{ Unwrap() error }:
		return []error{c.Unwrap()}
	}
	return nil
}

// From returns the *Error in err's chain. Any other non-nil error becomes
// Internal with the default text, so that node faults never leak their
// details to clients; the caller logs err itself. From(nil) is nil.
func From(err error) *Error {
	if err == nil {
		return nil
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e
	}
	return New(Internal)
}
