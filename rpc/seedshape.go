package rpc

import (
	"strings"

	"github.com/sqledger/sqledger/protocol/address"
)

// seedShape is what every encoded seed of one kind looks like: its
// length range, widened by seedSlack, and the characters all of them
// start with.
type seedShape struct {
	minLen, maxLen int
	prefix         string
}

// seedShapes are the shapes of secp256k1 and ed25519 seeds, found from
// the least and the greatest entropy's encodings.
var seedShapes = []seedShape{shapeOf(false), shapeOf(true)}

func shapeOf(ed25519 bool) seedShape {
	var lo, hi [address.SeedLen]byte
	for i := range hi {
		hi[i] = 0xFF
	}
	a, b := address.EncodeSeed(lo, ed25519), address.EncodeSeed(hi, ed25519)
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return seedShape{minLen: min(len(a), len(b)) - seedSlack, maxLen: max(len(a), len(b)) + seedSlack, prefix: a[:n]}
}

// seedSlack is how many characters a mistyped seed may have lost or
// gained and still be taken for one.
const seedSlack = 2

// malformedSeed reports whether s has the form of an encoded seed (its
// length give or take seedSlack, its first characters, only base58
// characters) but does not decode as one: a seed with a typo, which
// rippled would take for the passphrase of some other account.
func malformedSeed(s string) bool {
	for _, sh := range seedShapes {
		if len(s) >= sh.minLen && len(s) <= sh.maxLen && strings.HasPrefix(s, sh.prefix) && strings.Trim(s, address.Alphabet) == "" {
			_, _, err := address.DecodeSeed(s)
			return err != nil
		}
	}
	return false
}
