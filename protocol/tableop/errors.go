package tableop

import "fmt"

// Error is why a Raw (or a SQLTransaction's Statements) was refused, in
// ChainSQL's words: the detail of a temBAD_RAW or temMALFORMED result.
type Error struct {
	Msg string
	// What and Name are set when the Raw was refused for one illegal name
	// alone: What is the kind of name ("field", "index") and Name the
	// name. The SQL store words that refusal its own way.
	What, Name string
}

// Error returns the message.
func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) *Error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// nameError is a refusal for the illegal name of a field or an index.
func nameError(what, name, format string, args ...any) *Error {
	e := errorf(format, args...)
	e.What, e.Name = what, name
	return e
}
