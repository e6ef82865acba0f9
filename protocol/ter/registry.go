package ter

import (
	"errors"
	"fmt"
	"strings"
)

// result is one row of a class table: a code, its token and its text.
type result struct {
	code    Code
	token   string
	message string
}

// index is the validated lookup structure built once from the class tables.
type index struct {
	byNumber []result        // dense, indexed by code; empty token: undefined
	byToken  map[string]Code // token -> code
	ordered  []Code          // every defined code, ascending
}

// Errors found while validating the result tables.
var (
	errNegativeCode   = errors.New("negative code")
	errDuplicateCode  = errors.New("duplicate code")
	errDuplicateToken = errors.New("duplicate token")
	errClassMismatch  = errors.New("token prefix does not match the code's class")
	errBadToken       = errors.New("malformed token")
	errNoMessage      = errors.New("empty message")
)

// results is the process-wide index. It is built in init and never
// modified afterwards, so concurrent readers need no locking.
var results = mustIndex(successRetryResults, claimedResults, malformedResults, failureResults, localResults)

// mustIndex builds the index or stops the program: the tables are compiled
// in, so an invalid table is a build defect, never bad input.
func mustIndex(tables ...[]result) *index {
	idx, err := buildIndex(tables...)
	if err != nil {
		panic(fmt.Errorf("ter: invalid result table: %w", err))
	}
	return idx
}

// buildIndex validates the tables and indexes them by number and token.
func buildIndex(tables ...[]result) (*index, error) {
	maxCode := Code(0)
	count := 0
	for _, t := range tables {
		for _, r := range t {
			if r.code < 0 {
				return nil, fmt.Errorf("%s (%d): %w", r.token, r.code, errNegativeCode)
			}
			maxCode = max(maxCode, r.code)
			count++
		}
	}
	idx := &index{
		byNumber: make([]result, int(maxCode)+1),
		byToken:  make(map[string]Code, count),
	}
	for _, t := range tables {
		for _, r := range t {
			if err := checkRow(r); err != nil {
				return nil, err
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
	idx.ordered = make([]Code, 0, count)
	for _, r := range idx.byNumber {
		if r.token != "" {
			idx.ordered = append(idx.ordered, r.code)
		}
	}
	return idx, nil
}

// checkRow validates one row on its own: a token made of its class prefix
// and upper-case letters, digits and underscores, and a non-empty text.
func checkRow(r result) error {
	prefix := r.code.Class().String()
	rest, ok := strings.CutPrefix(r.token, prefix)
	if !ok || r.code.Class() == ClassUnknown {
		return fmt.Errorf("%q (%d, class %s): %w", r.token, r.code, prefix, errClassMismatch)
	}
	if rest == "" || strings.TrimLeft(rest, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != "" {
		return fmt.Errorf("%q: %w", r.token, errBadToken)
	}
	if r.message == "" {
		return fmt.Errorf("%s: %w", r.token, errNoMessage)
	}
	return nil
}

// lookup returns the row for c, if c is defined.
func lookup(c Code) (result, bool) {
	if c < 0 || int(c) >= len(results.byNumber) {
		return result{}, false
	}
	r := results.byNumber[c]
	return r, r.token != ""
}
