package ledger

import (
	"bytes"
	"encoding/binary"
	"sort"

	"github.com/sqledger/sqledger/protocol/address"
)

// UserToken is one account's Token for a confidential table: the
// table's password sealed to the account's public key
// (protocol/confidential). chainsqld keeps it in the user's grant entry
// (sfToken); the ledger stores it as given and never opens it.
type UserToken struct {
	User  address.AccountID
	Token []byte
}

// Confidential reports whether the table was created with a Token
// (chainsqld's isConfidential: the owner's grant carries one).
func (t *Table) Confidential() bool {
	_, ok := t.Token(t.Owner)
	return ok
}

// Token returns user's Token for the table, if it has one.
func (t *Table) Token(user address.AccountID) ([]byte, bool) {
	i := t.tokenIndex(user)
	if i < len(t.Tokens) && t.Tokens[i].User == user {
		return t.Tokens[i].Token, true
	}
	return nil, false
}

func (t *Table) tokenIndex(user address.AccountID) int {
	return sort.Search(len(t.Tokens), func(i int) bool { return bytes.Compare(t.Tokens[i].User[:], user[:]) >= 0 })
}

// setToken records user's Token, keeping Tokens ordered by account. It
// copies Tokens first: a clone shares the slice with the state's entry.
func (t *Table) setToken(user address.AccountID, token []byte) {
	i := t.tokenIndex(user)
	toks := make([]UserToken, 0, len(t.Tokens)+1)
	toks = append(toks, t.Tokens[:i]...)
	toks = append(toks, UserToken{User: user, Token: token})
	if i < len(t.Tokens) && t.Tokens[i].User == user {
		i++
	}
	t.Tokens = append(toks, t.Tokens[i:]...)
}

// appendTokens appends the Tokens to the entry's form in the state hash.
// A table without Tokens appends nothing, so plain tables hash as they
// did before confidential tables existed.
func (t *Table) appendTokens(b []byte) []byte {
	if len(t.Tokens) == 0 {
		return b
	}
	b = binary.AppendUvarint(b, uint64(len(t.Tokens)))
	for _, u := range t.Tokens {
		b = append(b, u.User[:]...)
		b = binary.AppendUvarint(b, uint64(len(u.Token)))
		b = append(b, u.Token...)
	}
	return b
}

// tokensLen is the length appendTokens appends.
func (t *Table) tokensLen() int {
	if len(t.Tokens) == 0 {
		return 0
	}
	n := uvarintLen(len(t.Tokens))
	for _, u := range t.Tokens {
		n += 20 + uvarintLen(len(u.Token)) + len(u.Token)
	}
	return n
}
