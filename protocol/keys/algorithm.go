package keys

import (
	"fmt"
	"strconv"
)

// Algorithm is a signing algorithm: rippled's KeyType.
type Algorithm uint8

// The two algorithms of rippled. Secp256k1 is the zero value, as it is
// rippled's default key_type.
const (
	Secp256k1 Algorithm = iota
	Ed25519
)

// String returns the key_type name: "secp256k1" or "ed25519".
func (a Algorithm) String() string {
	switch a {
	case Secp256k1:
		return "secp256k1"
	case Ed25519:
		return "ed25519"
	default:
		return "Algorithm(" + strconv.Itoa(int(a)) + ")"
	}
}

// ParseAlgorithm reads a key_type name as rippled's keyTypeFromString
// does: exactly "secp256k1" or "ed25519", lower case.
func ParseAlgorithm(name string) (Algorithm, error) {
	switch name {
	case "secp256k1":
		return Secp256k1, nil
	case "ed25519":
		return Ed25519, nil
	default:
		return 0, fmt.Errorf("%w: key_type %q", ErrUnknownAlgorithm, name)
	}
}

func (a Algorithm) check() error {
	if a != Secp256k1 && a != Ed25519 {
		return fmt.Errorf("%w: %v", ErrUnknownAlgorithm, a)
	}
	return nil
}
