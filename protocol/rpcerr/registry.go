package rpcerr

import (
	"errors"
	"fmt"
)

// info is one row of the error table: a code, its token and default text.
type info struct {
	code    Code
	token   string
	message string
}

// unknownInfo is chainsqld's ErrorInfo default, answered for any number
// that is not in the table.
var unknownInfo = info{Unknown, "unknown", "An unknown error code."}

// index is the validated lookup structure built once from the tables.
type index struct {
	byNumber []info          // dense, indexed by code; empty token: undefined
	byToken  map[string]Code // token -> code
}

// Errors found while validating the tables.
var (
	errBadCode        = errors.New("code out of range")
	errDuplicateCode  = errors.New("duplicate code")
	errDuplicateToken = errors.New("duplicate token")
	errEmpty          = errors.New("empty token or message")
)

// maxCode is chainsqld's rpcLAST; rpcSUCCESS (0) is not an error.
const maxCode = AccountAlreadyDeleted

// registry is the process-wide index, built in init and read-only after.
var registry = mustIndex(rippledErrors, chainsqlErrors)

// mustIndex builds the index or stops the program: the tables are compiled
// in, so an invalid table is a build defect, never bad input.
func mustIndex(tables ...[]info) *index {
	idx, err := buildIndex(tables...)
	if err != nil {
		panic(fmt.Errorf("rpcerr: invalid error table: %w", err))
	}
	return idx
}

// buildIndex validates the tables as chainsqld's sortErrorInfos does
// (codes in 1..rpcLAST, no code twice) and also refuses a token twice.
func buildIndex(tables ...[]info) (*index, error) {
	idx := &index{
		byNumber: make([]info, maxCode+1),
		byToken:  make(map[string]Code),
	}
	for _, t := range tables {
		for _, r := range t {
			if r.code < 1 || r.code > maxCode {
				return nil, fmt.Errorf("%s (%d): %w", r.token, r.code, errBadCode)
			}
			if r.token == "" || r.message == "" {
				return nil, fmt.Errorf("code %d: %w", r.code, errEmpty)
			}
			if prev := idx.byNumber[r.code]; prev.token != "" {
				return nil, fmt.Errorf("%d used by %s and %s: %w", r.code, prev.token, r.token, errDuplicateCode)
			}
			if prev, dup := idx.byToken[r.token]; dup {
				return nil, fmt.Errorf("%s used by %d and %d: %w", r.token, prev, r.code, errDuplicateToken)
			}
			idx.byNumber[r.code] = r
			idx.byToken[r.token] = r.code
		}
	}
	return idx, nil
}

// defined reports whether c is in the table.
func defined(c Code) bool {
	return c >= 1 && c <= maxCode && registry.byNumber[c].token != ""
}

// lookup returns the row for c, or unknownInfo.
func lookup(c Code) info {
	if !defined(c) {
		return unknownInfo
	}
	return registry.byNumber[c]
}
