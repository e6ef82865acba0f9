package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
)

// Limits are this machine's rates on the node's own code paths, measured
// in the same run as a workload so that its figures can be read as a
// share of what the hardware allows.
type Limits struct {
	// Seconds is how long each rate was measured.
	Seconds float64 `json:"seconds"`
	// VerifyOne and VerifyAll are transaction signature verifications
	// (tx.Tx.Verify, secp256k1) per second on one goroutine and on one per
	// core.
	VerifyOne float64 `json:"verify_one_core"`
	VerifyAll float64 `json:"verify_all_cores"`
	// Appends is synced event-log appends (eventlog.Log.Append, one
	// pebble batch with a synced WAL write) of one-payment ledgers per
	// second.
	Appends float64 `json:"synced_appends"`
	// AppendTxs is transactions per second appended in ledgers of
	// AppendLedgerTxs payments each.
	AppendTxs       float64 `json:"appended_txs"`
	AppendLedgerTxs int     `json:"append_ledger_txs"`
	// SQLiteInserts is rows per second inserted with a prepared statement
	// in one transaction, commit included (SQLiteDriver).
	SQLiteInserts float64 `json:"sqlite_inserts"`
	SQLiteDriver  string  `json:"sqlite_driver"`
	// EchoRoundTrips is ChainSQL request/response round trips per second
	// through the node's gateway (gws) on loopback, from EchoSessions
	// sessions with EchoWindow requests in flight each.
	EchoRoundTrips float64 `json:"ws_round_trips"`
	EchoSessions   int     `json:"echo_sessions"`
	EchoWindow     int     `json:"echo_window"`
	// PaymentPath is the same with a submit {tx_blob} whose handler
	// decodes the blob and verifies its signature before answering: one
	// verification plus one round trip per transaction on the same cores.
	PaymentPath float64 `json:"payment_path"`
}

// Echo parameters: as many sessions as the payments workload opens by
// default, each with a few requests in flight as a pipelining client has.
const (
	echoSessions = 100
	echoWindow   = 8
	// appendLedgerTxs is the size of the large ledgers appended: the
	// node's default max_txs_per_ledger.
	appendLedgerTxs = 10_000
	// sampleTxs is how many distinct signed payments the measurements
	// cycle through: a full large ledger, as the log refuses a
	// transaction twice in one ledger.
	sampleTxs = appendLedgerTxs
)

// runLimitsOnly is the limits workload: execute has measured them.
func runLimitsOnly(context.Context, *env) (*Report, error) {
	return &Report{Notes: limitNotes()}, nil
}

// measureLimits measures every limit for e.opts.LimitTime each.
func measureLimits(ctx context.Context, e *env) (*Limits, error) {
	d := e.opts.LimitTime
	e.progress.phase("measuring this machine's limits (%s each)", d)
	sample, err := newSample(ctx, sampleTxs)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "sqledger-bench-limits-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	l := &Limits{Seconds: d.Seconds(), AppendLedgerTxs: appendLedgerTxs, SQLiteDriver: sqliteDriver(), EchoSessions: echoSessions, EchoWindow: echoWindow}
	steps := []struct {
		name string
		f    func() error
	}{
		{"signature verification, one core", func() (err error) { l.VerifyOne, err = verifyRate(ctx, sample.txs, 1, d); return }},
		{"signature verification, all cores", func() (err error) {
			l.VerifyAll, err = verifyRate(ctx, sample.txs, runtime.GOMAXPROCS(0), d)
			return
		}},
		{"synced appends", func() (err error) { l.Appends, err = appendRate(ctx, dir+"/small", sample, 1, d); return }},
		{"appends of large ledgers", func() (err error) {
			l.AppendTxs, err = appendRate(ctx, dir+"/large", sample, appendLedgerTxs, d)
			return
		}},
		{"SQLite inserts", func() (err error) { l.SQLiteInserts, err = sqliteInsertRate(ctx, dir+"/sqlite.db", d); return }},
		{"WebSocket round trips", func() (err error) { l.EchoRoundTrips, err = echoRate(ctx, nil, d); return }},
		{"payment path", func() (err error) { l.PaymentPath, err = echoRate(ctx, sample.blobHex, d); return }},
	}
	for _, s := range steps {
		if err := s.f(); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return l, ctx.Err()
}

func (l *Limits) rows() []row {
	return []row{
		{"signature verifications, one core", formatRate(l.VerifyOne) + " /s"},
		{"signature verifications, all cores", formatRate(l.VerifyAll) + " /s"},
		{"synced event-log appends (one-payment ledgers)", formatRate(l.Appends) + " /s"},
		{fmt.Sprintf("transactions appended in %s-payment ledgers", formatCount(int64(l.AppendLedgerTxs))), formatRate(l.AppendTxs) + " /s"},
		{"SQLite inserts, one transaction", formatRate(l.SQLiteInserts) + " /s"},
		{fmt.Sprintf("WebSocket round trips (%d sessions × %d in flight)", l.EchoSessions, l.EchoWindow), formatRate(l.EchoRoundTrips) + " /s"},
		{"payment path: verify + round trip", formatRate(l.PaymentPath) + " /s"},
	}
}

// limitNotes say what the limits measure.
func limitNotes() []string {
	return []string{
		"Verifications: tx.Tx.Verify (SHA512Half of the signing data, DER parsing, secp256k1 through libsecp256k1 when cgo is on) of signed payments.",
		"Appends: eventlog.Log.Append of ledgers closed by ledger.State, each one pebble batch committed with a synced WAL write.",
		"SQLite: " + sqliteModule + " (pure Go, the driver of the node's SQL projection), WAL journal, synchronous=FULL, one prepared INSERT per row, one transaction.",
		"Round trips: the node's gateway package on a loopback port, answering each ChainSQL request from its Handler; client and server in this process, on the same cores.",
		"Payment path: the same with submit {tx_blob}; the Handler decodes the hex blob (tx.Decode) and verifies it before answering, as a session actor does.",
	}
}
