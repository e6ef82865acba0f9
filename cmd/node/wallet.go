package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/rpc"
)

// runWallet prints a new key pair, like wallet_propose.
func runWallet(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("wallet", flag.ContinueOnError)
	passphrase := fs.String("passphrase", "", "derive the seed from this passphrase instead of randomly")
	ed := fs.Bool("ed25519", false, "make an ed25519 key pair (default secp256k1)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	alg := keys.Secp256k1
	if *ed {
		alg = keys.Ed25519
	}
	var seed keys.Seed
	if *passphrase != "" {
		seed = keys.SeedFromPassphrase(*passphrase)
		seed.Algorithm = alg
	} else {
		s, err := keys.RandomSeed(alg)
		if err != nil {
			return fmt.Errorf("random seed: %w", err)
		}
		seed = s
	}
	w, err := rpc.WalletJSON(seed)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(w, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, string(b))
	return err
}
