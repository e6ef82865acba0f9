package eventlog

import (
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"
)

// The errors a Log returns. They are sentinels, always wrapped with context
// ("eventlog: ledger 7: not found"): match them with errors.Is, never on
// the message.
var (
	// ErrNotFound: the ledger, transaction or meta key is not in the log
	// (or not yet acknowledged: nothing above Head is ever visible).
	ErrNotFound = errors.New("not found")
	// ErrFailed: a write to the store failed. The Log refuses every later
	// write; the error also wraps the first cause. Reopen the log to recover:
	// it then holds every acknowledged ledger.
	ErrFailed = errors.New("log failed")
	// ErrOutOfOrder: Append was given a sequence other than Head+1, or
	// sequence 0, which no ledger has. Nothing was written and the Log
	// stays usable.
	ErrOutOfOrder = errors.New("ledger out of order")
	// ErrCorrupt: a stored record does not decode, or the records
	// contradict each other. It also wraps pebble.ErrCorruption.
	ErrCorrupt = errors.New("corrupt record")
	// ErrInvalid: the caller's argument is malformed (nil ledger, duplicate
	// transaction hashes in one ledger, negative limit, empty meta key).
	// Nothing was written and the Log stays usable.
	ErrInvalid = errors.New("invalid argument")
	// ErrClosed: the Log was closed.
	ErrClosed = errors.New("log closed")
	// ErrNoLog: Open with Options.ReadOnly found no log in the directory
	// (missing, or holding no Pebble store). Nothing was created.
	ErrNoLog = errors.New("no event log")
	// ErrInUse: another process holds the directory's lock (a running
	// node, or a replay). The error names the holder's process ID when
	// the system reports it.
	ErrInUse = errors.New("in use")
)

// Errors built inside the package carry context but no "eventlog:"
// prefix; each exported method adds it once, with the operation.

// corruptf returns an error wrapping ErrCorrupt with context.
func corruptf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}

// readErr classifies an error from a pebble read: pebble's corruption
// errors also match ErrCorrupt.
func readErr(what string, err error) error {
	if errors.Is(err, pebble.ErrCorruption) {
		return fmt.Errorf("%s: %w: %w", what, ErrCorrupt, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}
