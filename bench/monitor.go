package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// ledgerMonitor is a session subscribed to the ledger stream: it records
// every ledgerClosed frame, to report how many ledgers a run closed and
// how full they were.
type ledgerMonitor struct {
	c      *conn
	mu     sync.Mutex
	closes []ledgerClose
}

type ledgerClose struct {
	seq uint32
	txs int
	at  time.Time
}

func startLedgerMonitor(ctx context.Context, url string) (*ledgerMonitor, error) {
	m := &ledgerMonitor{}
	c, err := dialConn(ctx, url, "", m.onFrame)
	if err != nil {
		return nil, fmt.Errorf("ledger monitor: %w", err)
	}
	m.c = c
	if err := c.send(subscribeLedgerFrame(1)); err != nil {
		c.close()
		return nil, fmt.Errorf("ledger monitor: %w", err)
	}
	return m, nil
}

func (m *ledgerMonitor) onFrame(frame []byte, at time.Time) {
	in, err := parseInbound(frame)
	if err != nil || in.Type != "ledgerClosed" {
		return
	}
	m.mu.Lock()
	m.closes = append(m.closes, ledgerClose{seq: in.LedgerIndex, txs: in.TxnCount, at: at})
	m.mu.Unlock()
}

// LedgerStats describes the ledgers closed during a phase.
type LedgerStats struct {
	Count        int      `json:"count"`
	Transactions int      `json:"transactions"`
	MeanTxs      float64  `json:"mean_txs"`
	MaxTxs       int      `json:"max_txs"`
	MeanInterval Duration `json:"mean_interval"`
}

// stats closes the session and summarises the ledgers that closed
// between from and to.
func (m *ledgerMonitor) stats(from, to time.Time) LedgerStats {
	m.c.close()
	m.mu.Lock()
	defer m.mu.Unlock()
	var s LedgerStats
	var first, last time.Time
	for _, l := range m.closes {
		if l.at.Before(from) || l.at.After(to) {
			continue
		}
		if s.Count == 0 {
			first = l.at
		}
		last = l.at
		s.Count++
		s.Transactions += l.txs
		s.MaxTxs = max(s.MaxTxs, l.txs)
	}
	if s.Count > 0 {
		s.MeanTxs = float64(s.Transactions) / float64(s.Count)
	}
	if s.Count > 1 {
		s.MeanInterval = Duration(last.Sub(first) / time.Duration(s.Count-1))
	}
	return s
}
