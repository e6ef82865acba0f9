package codec

import (
	"errors"
	"strconv"
	"strings"
)

// The sentinel errors of the package. Every error the codec returns wraps
// exactly one of them inside a *FieldError; match with errors.Is.
var (
	// ErrTruncated reports binary input that ends inside a header, a value,
	// an object or an array.
	ErrTruncated = errors.New("codec: truncated input")
	// ErrUnknownField reports a field header or name that is not in the
	// field table (binary input, Set), or a field without a binary form
	// given to Set.
	ErrUnknownField = errors.New("codec: unknown field")
	// ErrNonCanonical reports binary input that is well formed but is not
	// the one encoding this codec would write: fields out of canonical order
	// or repeated, a header in a longer form than needed, a negative native
	// zero.
	ErrNonCanonical = errors.New("codec: non-canonical encoding")
	// ErrBadValue reports a value that is invalid for its field: wrong JSON
	// type, bad hex, wrong length, an amount out of range, an unknown
	// transaction type name.
	ErrBadValue = errors.New("codec: bad value")
	// ErrTooLarge reports a VL length above MaxVLLength or nesting deeper
	// than MaxDepth.
	ErrTooLarge = errors.New("codec: too large")
)

// FieldError is the error type of the package: a sentinel with where it
// happened.
type FieldError struct {
	// Path names the field, e.g. "Tables[0].Table.TableName"; empty when the
	// error concerns the input as a whole.
	Path string
	// Offset is the byte offset in the binary input where the failing field
	// (or structure) starts, or -1 for JSON input and Set.
	Offset int
	// Err is one of the package's sentinel errors.
	Err error
	// Detail says what exactly was wrong.
	Detail string
}

// Error formats the error as "codec: <sentinel text>: <path> at offset n: detail".
func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.Err.Error())
	if e.Path != "" {
		b.WriteString(": field ")
		b.WriteString(e.Path)
	}
	if e.Offset >= 0 {
		b.WriteString(" at offset ")
		b.WriteString(strconv.Itoa(e.Offset))
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// Unwrap returns the sentinel.
func (e *FieldError) Unwrap() error { return e.Err }

// newError returns a *FieldError for a field.
func newError(sentinel error, path string, offset int, detail string) *FieldError {
	return &FieldError{Path: path, Offset: offset, Err: sentinel, Detail: detail}
}

// prefixPath prepends an enclosing name to the path of a *FieldError and
// returns err; other errors are returned unchanged.
func prefixPath(err error, prefix string) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		if fe.Path == "" {
			fe.Path = prefix
		} else if strings.HasPrefix(fe.Path, "[") {
			fe.Path = prefix + fe.Path
		} else {
			fe.Path = prefix + "." + fe.Path
		}
	}
	return err
}
