package main

import (
	"fmt"

	"github.com/sqledger/sqledger/projections"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/keys"
)

// syncTableConfig is one [[sync_tables]] entry: chainsqld's
// "[sync_tables] owner secret" line for confidential tables, with an
// optional table name (empty: every table of the owner).
type syncTableConfig struct {
	Owner  string `toml:"owner"`
	Table  string `toml:"table"`
	Secret string `toml:"secret"`
}

// syncTables turns the [[sync_tables]] entries into the projection's
// keys. An entry whose secret is not the owner's is refused; errors
// never quote the secret.
func (c *config) syncTables() ([]projections.SyncTable, error) {
	out := make([]projections.SyncTable, 0, len(c.SyncTables))
	for i, e := range c.SyncTables {
		owner, err := address.ParseAccountID(e.Owner)
		if err != nil {
			return nil, fmt.Errorf("sync_tables[%d].owner %q: %w", i, e.Owner, err)
		}
		seed, err := keys.ParseSecret(e.Secret, keys.Secp256k1)
		if err != nil {
			return nil, fmt.Errorf("sync_tables[%d].secret of %s is not a secp256k1 secret", i, e.Owner)
		}
		kp, err := seed.KeyPair()
		if err != nil {
			return nil, fmt.Errorf("sync_tables[%d].secret of %s: no key pair", i, e.Owner)
		}
		if kp.AccountID() != owner {
			return nil, fmt.Errorf("sync_tables[%d].secret is not the secret of %s", i, e.Owner)
		}
		out = append(out, projections.SyncTable{Key: kp, Name: e.Table})
	}
	return out, nil
}
