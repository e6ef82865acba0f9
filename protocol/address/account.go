package address

import (
	"fmt"

	"github.com/sqledger/sqledger/protocol/hash"
)

// AccountID is the 20-byte identifier of an account: RIPEMD160(SHA256) of
// its master public key. Its text form is the base58 token "z…".
type AccountID [20]byte

var (
	// ZeroAccount is the all-zero account ID, rippled's xrpAccount(): the
	// issuer of the native currency, "zzzzzzzzzzzzzzzzzzzzzhoLvTp".
	ZeroAccount = AccountID{}
	// NoAccount is rippled's noAccount(), "zzzzzzzzzzzzzzzzzzzzBZbvji":
	// an account no key can sign for, used where a field must name an
	// account but none is meant, such as a table grant to everyone.
	NoAccount = AccountID{19: 1}
)

// AccountIDFromPublicKey returns the account ID of a public key: the
// RIPEMD160 of its SHA-256. It does not check the key.
func AccountIDFromPublicKey(pub []byte) AccountID {
	return AccountID(hash.RIPESHA(pub))
}

// ParseAccountID decodes a "z…" address.
func ParseAccountID(s string) (AccountID, error) {
	payload, err := DecodeToken(s, TokenAccountID)
	if err != nil {
		return AccountID{}, fmt.Errorf("account ID: %w", err)
	}
	var id AccountID
	if len(payload) != len(id) {
		return AccountID{}, fmt.Errorf("account ID: %w: %d-byte payload, want %d", ErrLength, len(payload), len(id))
	}
	copy(id[:], payload)
	return id, nil
}

// String returns the "z…" address.
func (a AccountID) String() string {
	return EncodeToken(TokenAccountID, a[:])
}

// IsZero reports whether a is ZeroAccount.
func (a AccountID) IsZero() bool {
	return a == ZeroAccount
}

// MarshalText returns the "z…" address, so that AccountID reads and
// writes as a JSON string.
func (a AccountID) MarshalText() ([]byte, error) {
	return []byte(a.String()), nil
}

// UnmarshalText parses a "z…" address.
func (a *AccountID) UnmarshalText(text []byte) error {
	id, err := ParseAccountID(string(text))
	if err != nil {
		return err
	}
	*a = id
	return nil
}
