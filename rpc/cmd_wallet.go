package rpc

import (
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// WalletJSON is wallet_propose's answer for a seed, also printed by the
// node's wallet command.
func WalletJSON(seed keys.Seed) (map[string]any, error) {
	kp, err := seed.KeyPair()
	if err != nil {
		return nil, err
	}
	pub := kp.PublicKey()
	return map[string]any{
		"account_id":      kp.AccountID().String(),
		"key_type":        seed.Algorithm.String(),
		"master_seed":     seed.String(),
		"master_seed_hex": strings.ToUpper(hex.EncodeToString(seed.Entropy[:])),
		"public_key":      address.EncodeAccountPublic(pub),
		"public_key_hex":  strings.ToUpper(hex.EncodeToString(pub)),
	}, nil
}

// cmdWalletPropose makes a key pair from a new random seed, or from
// passphrase / seed / seed_hex when given, as rippled's wallet_propose.
func cmdWalletPropose(c *call) (any, error) {
	var seed keys.Seed
	alg, err := c.keyType()
	if err != nil {
		return nil, err
	}
	if c.has("passphrase") || c.has("seed") || c.has("seed_hex") {
		kp, err := c.keyPairSeed(alg)
		if err != nil {
			return nil, err
		}
		seed = kp
	} else {
		s, err := keys.RandomSeed(alg)
		if err != nil {
			return nil, err
		}
		seed = s
	}
	return WalletJSON(seed)
}

// keyType reads key_type: secp256k1 (the default) or ed25519.
func (c *call) keyType() (keys.Algorithm, error) {
	kt, ok, err := c.str("key_type")
	if err != nil || !ok {
		return keys.Secp256k1, err
	}
	alg, err := keys.ParseAlgorithm(kt)
	if err != nil {
		return 0, rpcerr.New(rpcerr.BadKeyType)
	}
	return alg, nil
}

// keyPairSeed reads passphrase, seed or seed_hex as a seed.
func (c *call) keyPairSeed(alg keys.Algorithm) (keys.Seed, error) {
	if s, ok, err := c.str("seed"); err != nil {
		return keys.Seed{}, err
	} else if ok {
		seed, err := keys.ParseSeed(s)
		if err != nil {
			return keys.Seed{}, rpcerr.New(rpcerr.BadSeed)
		}
		return seed, nil
	}
	if s, ok, err := c.str("seed_hex"); err != nil {
		return keys.Seed{}, err
	} else if ok {
		b, herr := hex.DecodeString(s)
		if herr != nil || len(b) != 16 {
			return keys.Seed{}, rpcerr.New(rpcerr.BadSeed)
		}
		return keys.Seed{Entropy: [16]byte(b), Algorithm: alg}, nil
	}
	s, _, err := c.str("passphrase")
	if err != nil {
		return keys.Seed{}, err
	}
	seed, err := keys.ParseSecret(s, alg)
	if err != nil {
		return keys.Seed{}, rpcerr.New(rpcerr.BadSeed)
	}
	return seed, nil
}

func formatUint(n uint64) string { return strconv.FormatUint(n, 10) }

// parseAccountField reads an account from a decoded JSON value.
func parseAccountField(v any) (address.AccountID, error) {
	s, ok := v.(string)
	if !ok {
		return address.AccountID{}, address.ErrLength
	}
	return address.ParseAccountID(s)
}
