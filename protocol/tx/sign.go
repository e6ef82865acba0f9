package tx

import (
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
)

// Sign sets SigningPubKey and TxnSignature on the fields with the key
// pair's key, as rippled's sign does, and returns the signed transaction.
// The Account must be the key pair's account.
func Sign(o *codec.Object, kp *keys.KeyPair) (*Tx, error) {
	acct, ok := o.AccountID("Account")
	if !ok {
		return nil, fmt.Errorf("%w: missing Account", ErrFormat)
	}
	if acct != kp.AccountID() {
		return nil, fmt.Errorf("sign: the secret is for %s, not %s", kp.AccountID(), acct)
	}
	if err := o.Set("SigningPubKey", kp.PublicKey()); err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	o.Delete("TxnSignature")
	t, err := fromObject(o)
	if err != nil {
		return nil, err
	}
	sig, err := kp.Sign(t.SigningData())
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	if err := o.Set("TxnSignature", sig); err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return FromObject(o)
}

// Verify checks the transaction's signature: the signing key must belong
// to the Account (this node has no regular keys or multi-signing) and the
// signature must verify over the signing data, fully canonical when the
// transaction asks for it with tfFullyCanonicalSig.
func (t *Tx) Verify() error {
	if len(t.TxnSignature) == 0 {
		return ErrUnsigned
	}
	if address.AccountIDFromPublicKey(t.SigningPubKey) != t.Account {
		return fmt.Errorf("%w: the signing key does not belong to the account", ErrSignature)
	}
	err := keys.Verify(t.SigningPubKey, t.SigningData(), t.TxnSignature, t.Flags&FlagFullyCanonicalSig != 0)
	if err != nil {
		return errors.Join(ErrSignature, err)
	}
	return nil
}
