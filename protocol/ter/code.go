package ter

import (
	"errors"
	"fmt"
	"strconv"
)

// Code is a transaction engine result ("TER") with ChainSQL's positive
// numbering. The zero value is TesSUCCESS.
type Code int32

// unknownText is what chainsqld's transToken and transHuman return for a
// number that has no entry in its result table.
const unknownText = "-"

var (
	// ErrUnknownCode reports a number that is not a ChainSQL result.
	ErrUnknownCode = errors.New("ter: unknown result code")
	// ErrUnknownToken reports a token that is not a ChainSQL result.
	ErrUnknownToken = errors.New("ter: unknown result token")
)

// Token returns the result's token, e.g. "tefTABLE_NOTEXIST", or "-" for a
// number ChainSQL does not define (as chainsqld's transToken does).
func (c Code) Token() string {
	if r, ok := lookup(c); ok {
		return r.token
	}
	return unknownText
}

// Message returns ChainSQL's human text for the result, e.g. "Table is not
// exist.", or "-" for a number ChainSQL does not define (as chainsqld's
// transHuman does).
func (c Code) Message() string {
	if r, ok := lookup(c); ok {
		return r.message
	}
	return unknownText
}

// String returns the token, or "Code(n)" for an undefined number so that
// logs keep the number.
func (c Code) String() string {
	if r, ok := lookup(c); ok {
		return r.token
	}
	return "Code(" + strconv.Itoa(int(c)) + ")"
}

// MarshalText encodes the result as its token, the form rippled and
// ChainSQL use in JSON ("engine_result", "TransactionResult", the "error"
// of a validate_error notification). Undefined numbers are refused rather
// than written as "-".
func (c Code) MarshalText() ([]byte, error) {
	r, ok := lookup(c)
	if !ok {
		return nil, fmt.Errorf("marshal %d: %w", int(c), ErrUnknownCode)
	}
	return []byte(r.token), nil
}

// UnmarshalText decodes a token such as "tesSUCCESS".
func (c *Code) UnmarshalText(text []byte) error {
	code, ok := FromToken(string(text))
	if !ok {
		return fmt.Errorf("unmarshal %q: %w", text, ErrUnknownToken)
	}
	*c = code
	return nil
}

// FromToken returns the result named by token, e.g. "tecNO_DST_INSUF_ZXC".
// Tokens are case-sensitive, as in chainsqld's transCode.
func FromToken(token string) (Code, bool) {
	c, ok := results.byToken[token]
	return c, ok
}

// FromNumber returns the result with ChainSQL number n, e.g. 330 for
// TefTABLE_NOTEXIST. It reports false for numbers ChainSQL does not define.
func FromNumber(n int) (Code, bool) {
	c := Code(n)
	if int(c) != n {
		return 0, false
	}
	if _, ok := lookup(c); !ok {
		return 0, false
	}
	return c, true
}

// All returns every defined result in ascending numeric order. The slice
// is a fresh copy.
func All() []Code {
	out := make([]Code, len(results.ordered))
	copy(out, results.ordered)
	return out
}
