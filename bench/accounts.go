package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

// The genesis account of a new chain (passphrase "masterpassphrase").
const (
	genesisSecret  = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
	genesisAddress = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"
)

// Amounts, in drops (1 ZXC = 1,000,000 drops).
const (
	// paymentFee is what the ChainSQL client pays: the 10-drop base fee
	// times 1.2.
	paymentFee = 12
	// paymentDrops is what each benchmark payment moves.
	paymentDrops = 1_000
)

// account is a sending account: its key pair and the next sequence it
// signs with.
type account struct {
	kp  *keys.KeyPair
	seq uint32
}

// benchAccounts derives n accounts from the passphrases
// "sqledger-bench-0", "sqledger-bench-1", …: the same accounts on every
// run, so that runs and replay data are reproducible. New accounts start
// at sequence 1.
func benchAccounts(ctx context.Context, n int) ([]*account, error) {
	return deriveAccounts(ctx, "sqledger-bench-", n)
}

// ownerAccounts derives the n accounts that own the tables bench
// creates, from "sqledger-bench-owner-0", …
func ownerAccounts(ctx context.Context, n int) ([]*account, error) {
	return deriveAccounts(ctx, "sqledger-bench-owner-", n)
}

// deriveAccounts derives n accounts from the passphrases prefix+"0",
// prefix+"1", …
func deriveAccounts(ctx context.Context, prefix string, n int) ([]*account, error) {
	out := make([]*account, n)
	err := parallel(ctx, n, func(i int) error {
		kp, err := keys.SeedFromPassphrase(prefix + strconv.Itoa(i)).KeyPair()
		if err != nil {
			return fmt.Errorf("account %d: %w", i, err)
		}
		out[i] = &account{kp: kp, seq: 1}
		return nil
	})
	return out, err
}

// genesisKey is the genesis account's key pair.
func genesisKey() (*keys.KeyPair, error) {
	seed, err := keys.ParseSeed(genesisSecret)
	if err != nil {
		return nil, fmt.Errorf("genesis secret: %w", err)
	}
	return seed.KeyPair()
}

// payment is one payment to sign.
type payment struct {
	from  *keys.KeyPair
	to    address.AccountID
	seq   uint32
	drops int64
}

// sign builds and signs the payment as the ChainSQL client does: Flags
// tfFullyCanonicalSig, Fee 12 drops, no LastLedgerSequence (the payments
// are signed before the run, so no window of ledgers would fit them all).
func (p payment) sign() (*tx.Tx, error) {
	var o codec.Object
	for _, f := range []struct {
		name  string
		value any
	}{
		{"TransactionType", "Payment"},
		{"Flags", tx.FlagFullyCanonicalSig},
		{"Sequence", p.seq},
		{"Amount", codec.NativeAmount(p.drops)},
		{"Fee", codec.NativeAmount(paymentFee)},
		{"Account", p.from.AccountID()},
		{"Destination", p.to},
	} {
		if err := o.Set(f.name, f.value); err != nil {
			return nil, fmt.Errorf("payment field %s: %w", f.name, err)
		}
	}
	t, err := tx.Sign(&o, p.from)
	if err != nil {
		return nil, fmt.Errorf("sign payment: %w", err)
	}
	return t, nil
}

// signAll signs payments on every core, calling done after each.
func signAll(ctx context.Context, ps []payment, done func()) ([]*tx.Tx, error) {
	out := make([]*tx.Tx, len(ps))
	err := parallel(ctx, len(ps), func(i int) error {
		t, err := ps[i].sign()
		if err != nil {
			return err
		}
		out[i] = t
		if done != nil {
			done()
		}
		return nil
	})
	return out, err
}

// parallel runs f(0..n-1) on GOMAXPROCS goroutines and returns the first
// error; it stops handing out work once ctx is done or f has failed.
func parallel(ctx context.Context, n int, f func(i int) error) error {
	var (
		next    atomic.Int64
		errOnce sync.Once
		first   error
		wg      sync.WaitGroup
		failed  atomic.Bool
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !failed.Load() && ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := f(i); err != nil {
					errOnce.Do(func() { first = err })
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}

// hexUpper is the upper-case hex the node writes and the ChainSQL client
// matches hashes in.
func hexUpper(b []byte) string { return strings.ToUpper(hex.EncodeToString(b)) }
