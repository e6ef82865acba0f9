package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
)

// replayEpoch is the fixed wall-clock time the replay data's genesis is
// created at, so that the same options always build the same log.
var replayEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// buildReplayData fills dataDir's event log with a chain of payments,
// the way the node's sequencer does, without the WebSocket API: the
// genesis ledger from actors.Start, then ledger.State.Close and
// eventlog.Log.Append for each ledger. Ledger 2 funds the accounts from
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
	st, err := genesisState(log, logger)
	if err != nil {
		return 0, err
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
		if err := log.Append(logRecord(closed)); err != nil {
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

// genesisState creates the genesis ledger in an empty log through
// actors.Start (with a fixed clock), as the node does on first start, and
// returns the state after it.
func genesisState(log *eventlog.Log, logger *slog.Logger) (*ledger.State, error) {
	if _, _, ok := log.Head(); ok {
		return nil, fmt.Errorf("%w: the event log is not empty", errBadOption)
	}
	cfg := actors.DefaultConfig()
	cfg.Clock = func() time.Time { return replayEpoch }
	cfg.Logger = logger
	node, err := actors.Start(log, cfg)
	if err != nil {
		return nil, fmt.Errorf("create the genesis ledger: %w", err)
	}
	node.Stop()
	st, rep, err := actors.Rebuild(log, nil)
	if err != nil {
		return nil, fmt.Errorf("read the genesis ledger: %w", err)
	}
	if len(rep.Mismatches) > 0 {
		return nil, fmt.Errorf("genesis ledger: %s", rep.Mismatches[0].Detail)
	}
	return st, nil
}

// fundingFor is what each account of the replay data gets.
func fundingFor(o replayOptions) int64 {
	per := int64(o.Txs/o.Accounts + 1)
	return 10*per*(paymentDrops+paymentFee) + 100_000_000
}
