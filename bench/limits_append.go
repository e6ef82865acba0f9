package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
)

// appendRate appends ledgers of perLedger payments (cycling through the
// sample's records) to a new event log in dir for d, at least one, and
// returns transactions appended per second: for one-payment ledgers,
// synced appends per second.
func appendRate(ctx context.Context, dir string, s *sample, perLedger int, d time.Duration) (rate float64, err error) {
	log, err := eventlog.Open(dir, eventlog.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return 0, fmt.Errorf("open event log: %w", err)
	}
	defer func() { err = errors.Join(err, log.Close()) }()
	led := &eventlog.Ledger{Header: make([]byte, ledger.HeaderSize), Txs: make([]eventlog.Tx, perLedger)}
	start := time.Now()
	txs, next := 0, 0
	for seq := uint32(1); seq == 1 || time.Since(start) < d; seq++ {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		led.Seq = seq
		led.Hash = [32]byte{byte(seq >> 24), byte(seq >> 16), byte(seq >> 8), byte(seq)}
		for i := range led.Txs {
			led.Txs[i] = s.records[next%len(s.records)]
			next++
		}
		if err := log.Append(led); err != nil {
			return 0, fmt.Errorf("append ledger %d: %w", seq, err)
		}
		txs += perLedger
	}
	return float64(txs) / time.Since(start).Seconds(), nil
}
