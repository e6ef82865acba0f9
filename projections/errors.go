package projections

import (
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// The errors of this package. They are sentinels, wrapped with context:
// match them with errors.Is, never on the message.
var (
	// ErrStatement: a table operation the SQL store refused — a malformed
	// Raw, an illegal or unknown column, a duplicate key, a failed assert.
	// The refusal is deterministic: the transaction yields db_error with
	// the reason and the rest of its ledger applies. Match it with
	// errors.Is; errors.As finds the *StatementError with the reason.
	ErrStatement = errors.New("statement rejected")
	// ErrBadQuery: a query's Raw does not parse or breaks the query
	// language (rpc txJsonParsedErr, 101).
	ErrBadQuery = errors.New("malformed query")
	// ErrQueryFailed: the SQL store refused a well-formed query, for
	// example one naming a column the table lacks (rpc disposeSqlErr, 102).
	ErrQueryFailed = errors.New("query failed")
	// ErrSelectOnly: a raw SQL query is not a single SELECT statement (rpc
	// sqlSelectOnly, 103).
	ErrSelectOnly = errors.New("only a single SELECT statement is allowed")
	// ErrNoTable: the table is not in the SQL store: it does not exist,
	// or the projection has not yet applied the ledger that created it.
	ErrNoTable = errors.New("table is not in the SQL store")
	// ErrOutOfOrder: Apply was given a ledger other than the one after
	// the checkpoint. Nothing was written.
	ErrOutOfOrder = errors.New("ledger out of order")
	// ErrCorrupt: the store's bookkeeping does not decode.
	ErrCorrupt = errors.New("corrupt projection store")
	// ErrClosed: the Projection was closed.
	ErrClosed = errors.New("projection closed")
)

// StatementError is why the SQL store refused a table operation. Reason
// is the text db_error carries.
type StatementError struct {
	Reason string
	cause  error
}

// Error returns the reason.
func (e *StatementError) Error() string { return e.Reason }

// Is makes every StatementError match ErrStatement.
func (e *StatementError) Is(target error) bool { return target == ErrStatement }

// Unwrap returns the SQL store's error, if the store refused it.
func (e *StatementError) Unwrap() error { return e.cause }

// stmtErrorf returns a StatementError with a formatted reason.
func stmtErrorf(format string, args ...any) error {
	return &StatementError{Reason: fmt.Sprintf(format, args...)}
}

// RPCError maps an error of Get, QuerySQL or SelectTables to the RPC error
// chainsqld answers with: txJsonParsedErr (101) for a malformed query,
// disposeSqlErr (102) for one the store refused, sqlSelectOnly (103) for
// raw SQL that is not a SELECT, and general (123) for everything else,
// whose details stay out of the message (the caller logs them).
func RPCError(err error) *rpcerr.Error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrBadQuery):
		return rpcerr.Newf(rpcerr.JSONParsedErr, "%s", reason(err))
	case errors.Is(err, ErrQueryFailed):
		return rpcerr.Newf(rpcerr.SQLDisposeErr, "%s", reason(err))
	case errors.Is(err, ErrSelectOnly):
		return rpcerr.New(rpcerr.SQLSelectOnly)
	case errors.Is(err, ErrNoTable):
		return rpcerr.Newf(rpcerr.General, "%s", reason(err))
	}
	return rpcerr.New(rpcerr.General)
}

// queryError wraps err, the reason a query failed, under kind, keeping a
// reason that reads well on its own.
type queryError struct {
	kind   error
	reason string
	cause  error
}

func (e *queryError) Error() string { return e.kind.Error() + ": " + e.reason }
func (e *queryError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}

func newQueryError(kind error, cause error) error {
	return &queryError{kind: kind, reason: cause.Error(), cause: cause}
}

func queryErrorf(kind error, format string, args ...any) error {
	return &queryError{kind: kind, reason: fmt.Sprintf(format, args...)}
}

// reason returns the client-facing text of a query error.
func reason(err error) string {
	if qe, ok := errors.AsType[*queryError](err); ok {
		return qe.reason
	}
	return err.Error()
}

// isStatementError reports whether err is a refusal of the statement.
func isStatementError(err error) bool { return errors.Is(err, ErrStatement) }
