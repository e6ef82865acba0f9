package main

import (
	"context"
	"crypto/sha256"
	"fmt"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/tx"
)

// sample is a set of real signed payments and the ledger they close
// into, for the limit measurements: what they verify, append and send
// is what the node verifies, appends and receives.
type sample struct {
	txs     []*tx.Tx
	blobHex []string
	// records are the payments as the event log keeps them, with their
	// metadata from ledger.State.Close.
	records []eventlog.Tx
}

// newSample signs n payments from the genesis account to n new accounts
// and closes them into a ledger on a fresh genesis state.
func newSample(ctx context.Context, n int) (*sample, error) {
	gk, err := genesisKey()
	if err != nil {
		return nil, err
	}
	ps := make([]payment, n)
	for i := range ps {
		ps[i] = payment{from: gk, to: sampleDestination(i), seq: uint32(i + 1), drops: 10 * reserveDrops}
	}
	txs, err := signAll(ctx, ps, nil)
	if err != nil {
		return nil, err
	}
	st, err := ledger.Genesis(ledger.DefaultParams(), gk.AccountID(), 0)
	if err != nil {
		return nil, fmt.Errorf("genesis: %w", err)
	}
	closed := st.Close(txs, 1)
	if len(closed.Rejected) > 0 {
		return nil, fmt.Errorf("sample ledger: %d payments rejected, first %s", len(closed.Rejected), closed.Rejected[0].Code.Token())
	}
	s := &sample{txs: txs, blobHex: make([]string, n), records: ledgerlog.Record(closed).Txs}
	for i, t := range txs {
		s.blobHex[i] = hexUpper(t.Blob)
	}
	return s, nil
}

// reserveDrops is the default account reserve (5 ZXC).
const reserveDrops = 5_000_000

// sampleDestination is a made-up account: nobody needs to sign for it.
func sampleDestination(i int) address.AccountID {
	h := sha256.Sum256(fmt.Appendf(nil, "sqledger-bench-destination-%d", i))
	return address.AccountID(h[:20])
}
