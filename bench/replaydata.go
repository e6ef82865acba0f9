package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
)

// replayEpoch is the fixed wall-clock time the replay data's genesis is
// created at, so that the same options always build the same log.
var replayEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// replayGenesis is the replay data's chain: the node's default fee
// schedule and genesis account, closed at replayEpoch.
var replayGenesis = ledgerlog.NewGenesis(ledger.DefaultParams(), uint32(replayEpoch.Unix()-ledger.RippleEpoch))

// buildReplayData fills dataDir's event log with a chain of payments,
// the way the node's sequencer does, without the WebSocket API: the
// genesis ledger from ledgerlog.Init, as the node writes it on first
// start, then ledger.State.Close and eventlog.Log.Append of its
// ledgerlog.Record for each ledger. Ledger 2 funds the accounts from
// the genesis account; the following ledgers hold perLedger payments
// each, every account paying the next, until txs payments are in. It
// returns the number of transactions written, funding included.
func buildReplayData(ctx context.Context, e *env, dataDir string, o replayOptions) (written int, err error) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	log, err := eventlog.Open(filepath.Join(dataDir, "eventlog"), eventlog.Options{Logger: logger})
	if err != nil {
		return 0, fmt.Errorf("open event log: %w", err)
	}
	defer func() { err = errors.Join(err, log.Close()) }()
	if _, _, ok := log.Head(); ok {
		return 0, fmt.Errorf("%w: the event log is not empty", errBadOption)
	}
	st, err := ledgerlog.Init(log, replayGenesis)
	if err != nil {
		return 0, fmt.Errorf("create the genesis ledger: %w", err)
	}
	accts, err := benchAccounts(ctx, o.Accounts)
	if err != nil {
		return 0, err
	}
	gk, err := genesisKey()
	if err != nil {
		return 0, err
	}
	closeTime := st.Header().CloseTime
	appendLedger := func(ps []payment) error {
		txs, err := signAll(ctx, ps, nil)
		if err != nil {
			return err
		}
		closeTime++
		closed := st.Close(txs, closeTime)
		if len(closed.Rejected) > 0 {
			r := closed.Rejected[0]
			return fmt.Errorf("ledger %d: %d transactions rejected, first %X: %s", closed.Header.Seq, len(closed.Rejected), r.Tx.Hash, r.Code.Token())
		}
		if err := log.Append(ledgerlog.Record(closed)); err != nil {
			return fmt.Errorf("append ledger %d: %w", closed.Header.Seq, err)
		}
		written += len(txs)
		return nil
	}
	funding := make([]payment, len(accts))
	for i, a := range accts {
		funding[i] = payment{from: gk, to: a.kp.AccountID(), seq: uint32(i + 1), drops: fundingFor(o)}
	}
	e.progress.phase("writing %s payments in ledgers of %s to %s", formatCount(int64(o.Txs)), formatCount(int64(o.PerLedger)), dataDir)
	bar := e.progress.bar(int64(o.Txs), "writing the log", "tx")
	defer bar.finish()
	if err := appendLedger(funding); err != nil {
		return written, err
	}
	ps := make([]payment, 0, o.PerLedger)
	for k := range o.Txs {
		a := k % len(accts)
		ps = append(ps, payment{from: accts[a].kp, to: accts[(a+1)%len(accts)].kp.AccountID(), seq: accts[a].seq, drops: paymentDrops})
		accts[a].seq++
		if len(ps) == o.PerLedger || k == o.Txs-1 {
			if err := appendLedger(ps); err != nil {
				return written, err
			}
			bar.add(len(ps))
			ps = ps[:0]
		}
	}
	return written, ctx.Err()
}

// fundingFor is what each account of the replay data gets.
func fundingFor(o replayOptions) int64 {
	per := int64(o.Txs/o.Accounts + 1)
	return 10*per*(paymentDrops+paymentFee) + 100_000_000
}
