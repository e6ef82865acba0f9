package keys

import (
	"encoding/hex"
	"fmt"

	"github.com/sqledger/sqledger/protocol/address"
)

// ParseSecret turns the secret, seed or passphrase of an RPC request into
// a seed, trying what rippled's parseGenericSeed tries, in its order:
//
//  1. The empty string is not a seed.
//  2. A base58 account ID, node or account public key, or node or account
//     secret key is not a seed either: it is refused rather than taken as
//     a passphrase (ChainSQL's GM secret keys, "p…", land here).
//  3. Exactly 32 hexadecimal digits, in either case, are the entropy.
//  4. A base58 family seed "x…" is the seed; an ed25519 seed "xEd…"
//     (ripple-lib's encoding, which rippled detects in
//     RPC::parseRippleLibSeed) is the seed and always gives Ed25519.
//  5. rippled next tries RFC 1751 English words; sqledger leaves them out,
//     so twelve RFC 1751 words are taken as a passphrase (next step) and
//     give another account than rippled would.
//  6. Anything else is a passphrase: SeedFromPassphrase.
//
// alg is the algorithm the seed is for (rippled's key_type, Secp256k1 by
// default) except in step 4's "xEd…" case. Errors wrap ErrBadSeed or
// ErrUnknownAlgorithm.
func ParseSecret(secret string, alg Algorithm) (Seed, error) {
	if err := alg.check(); err != nil {
		return Seed{}, err
	}
	if secret == "" {
		return Seed{}, fmt.Errorf("%w: empty secret", ErrBadSeed)
	}
	if what := otherToken(secret); what != "" {
		return Seed{}, fmt.Errorf("%w: secret is a base58 %s", ErrBadSeed, what)
	}
	if len(secret) == 2*address.SeedLen {
		var s Seed
		if _, err := hex.Decode(s.Entropy[:], []byte(secret)); err == nil {
			s.Algorithm = alg
			return s, nil
		}
	}
	if entropy, ed, err := address.DecodeSeed(secret); err == nil {
		s := Seed{Entropy: entropy, Algorithm: alg}
		if ed {
			s.Algorithm = Ed25519
		}
		return s, nil
	}
	s := SeedFromPassphrase(secret)
	s.Algorithm = alg
	return s, nil
}

// otherToken names the kind of base58 token s is, if it is one that
// parseGenericSeed refuses, or returns "".
func otherToken(s string) string {
	if _, err := address.ParseAccountID(s); err == nil {
		return "account ID"
	}
	if pub, err := address.DecodeNodePublic(s); err == nil && publicKeyType(pub) == nil {
		return "node public key"
	}
	if pub, err := address.DecodeAccountPublic(s); err == nil && publicKeyType(pub) == nil {
		return "account public key"
	}
	for _, t := range []struct {
		typ  address.TokenType
		name string
	}{
		{address.TokenNodePrivate, "node secret key"},
		{address.TokenAccountSecret, "account secret key"},
	} {
		if key, err := address.DecodeToken(s, t.typ); err == nil && len(key) == 32 {
			return t.name
		}
	}
	return ""
}

// publicKeyType is rippled's publicKeyType: nil for 33 bytes starting
// 0x02 or 0x03 (secp256k1) or 0xED (ed25519).
func publicKeyType(pub []byte) error {
	if len(pub) != address.PublicKeyLen {
		return fmt.Errorf("%w: %d bytes, want %d", ErrBadPublicKey, len(pub), address.PublicKeyLen)
	}
	switch pub[0] {
	case 0x02, 0x03, ed25519Prefix:
		return nil
	default:
		return fmt.Errorf("%w: unknown key type byte %02X", ErrBadPublicKey, pub[0])
	}
}
