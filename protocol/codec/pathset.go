package codec

import (
	"github.com/sqledger/sqledger/protocol/address"
)

// Path step type bits, rippled's STPathElement types.
const (
	PathAccount  = 0x01
	PathCurrency = 0x10
	PathIssuer   = 0x20

	pathTypeAll   = PathAccount | PathCurrency | PathIssuer
	pathBoundary  = 0xFF // between two paths
	pathSetEnd    = 0x00 // after the last path
	pathFieldSize = 20
)

// PathStep is one step of a payment path. Type says which of Account,
// Currency and Issuer are present; the others are ignored.
type PathStep struct {
	Type     uint8
	Account  address.AccountID
	Currency Currency
	Issuer   address.AccountID
}

// Path is a sequence of steps.
type Path []PathStep

// PathSet is the value of a PathSet field ("Paths"): one or more non-empty
// paths. In binary each step is its type byte followed by the present
// parts (account, currency, issuer, 20 bytes each); paths are separated by
// 0xFF and the set ends with 0x00.
type PathSet []Path

// appendBinary appends the set's binary form. The set must be valid.
func (ps PathSet) appendBinary(dst []byte) []byte {
	for i, p := range ps {
		if i > 0 {
			dst = append(dst, pathBoundary)
		}
		for _, s := range p {
			dst = append(dst, s.Type)
			if s.Type&PathAccount != 0 {
				dst = append(dst, s.Account[:]...)
			}
			if s.Type&PathCurrency != 0 {
				dst = append(dst, s.Currency[:]...)
			}
			if s.Type&PathIssuer != 0 {
				dst = append(dst, s.Issuer[:]...)
			}
		}
	}
	return append(dst, pathSetEnd)
}

// validate checks what rippled's reader requires: at least one path, no
// empty path, and step types made of known bits and not zero.
func (ps PathSet) validate() error {
	if len(ps) == 0 {
		return newError(ErrBadValue, "", -1, "empty path set")
	}
	for _, p := range ps {
		if len(p) == 0 {
			return newError(ErrBadValue, "", -1, "empty path")
		}
		for _, s := range p {
			if s.Type == 0 || s.Type&^pathTypeAll != 0 {
				return newError(ErrBadValue, "", -1, "bad path step type")
			}
		}
	}
	return nil
}

// scanPathSet measures the binary path set at the start of b, checking it
// as rippled's STPathSet(SerialIter&) does, and returns its size.
func scanPathSet(b []byte) (int, error) {
	pos, steps := 0, 0
	for {
		if pos >= len(b) {
			return 0, newError(ErrTruncated, "", -1, "path set")
		}
		t := b[pos]
		pos++
		switch {
		case t == pathSetEnd || t == pathBoundary:
			if steps == 0 {
				return 0, newError(ErrBadValue, "", -1, "empty path")
			}
			if t == pathSetEnd {
				return pos, nil
			}
			steps = 0
		case t&^pathTypeAll != 0:
			return 0, newError(ErrBadValue, "", -1, "bad path step type")
		default:
			n := 0
			for _, bit := range [...]uint8{PathAccount, PathCurrency, PathIssuer} {
				if t&bit != 0 {
					n += pathFieldSize
				}
			}
			if len(b)-pos < n {
				return 0, newError(ErrTruncated, "", -1, "path step")
			}
			pos += n
			steps++
		}
	}
}

// parsePathSet reads a binary path set that scanPathSet accepted.
func parsePathSet(b []byte) PathSet {
	var ps PathSet
	var p Path
	for pos := 0; pos < len(b); {
		t := b[pos]
		pos++
		if t == pathSetEnd || t == pathBoundary {
			ps = append(ps, p)
			p = nil
			continue
		}
		s := PathStep{Type: t}
		if t&PathAccount != 0 {
			pos += copy(s.Account[:], b[pos:])
		}
		if t&PathCurrency != 0 {
			pos += copy(s.Currency[:], b[pos:])
		}
		if t&PathIssuer != 0 {
			pos += copy(s.Issuer[:], b[pos:])
		}
		p = append(p, s)
	}
	return ps
}
