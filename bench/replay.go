package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/internal/cpuprofile"
	"github.com/sqledger/sqledger/ledgerlog"
)

// replayOptions configure the replay workload.
type replayOptions struct {
	Txs       int
	PerLedger int
	Accounts  int
	DataDir   string
}

func defaultReplayOptions() replayOptions {
	return replayOptions{Txs: 1_000_000, PerLedger: 10_000, Accounts: 1000}
}

func replayFlags(fs *flag.FlagSet, o *options) {
	r := &o.Replay
	fs.IntVar(&r.Txs, "txs", r.Txs, "payments to write to the log (plus one funding payment per account)")
	fs.IntVar(&r.PerLedger, "per-ledger", r.PerLedger, "payments per ledger")
	fs.IntVar(&r.Accounts, "accounts", r.Accounts, "sending accounts")
	fs.StringVar(&r.DataDir, "data-dir", r.DataDir, "write the data here and keep it; if it already holds an event log, replay that instead (default: a temporary directory)")
}

func (r *replayOptions) validate() error {
	if r.Txs <= 0 || r.PerLedger <= 0 || r.Accounts <= 0 {
		return fmt.Errorf("%w: --txs, --per-ledger and --accounts must be positive", errBadOption)
	}
	return nil
}

// runReplay builds (or reuses) a data directory and times the node's
// replay of it.
func runReplay(ctx context.Context, e *env) (*Report, error) {
	o := e.opts.Replay
	if e.opts.URL != "" {
		return nil, fmt.Errorf("%w: replay runs the node binary on a data directory; --url does not apply", errBadOption)
	}
	tmp, err := os.MkdirTemp("", "sqledger-bench-replay-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	dataDir := o.DataDir
	if dataDir == "" {
		dataDir = filepath.Join(tmp, "data")
	}
	res := &replayResult{PerLedger: o.PerLedger, Accounts: o.Accounts}
	if hasLog(dataDir) {
		e.progress.phase("replaying the existing log in %s", dataDir)
		res.Reused = true
	} else {
		start := time.Now()
		n, err := buildReplayData(ctx, e, dataDir, o)
		if err != nil {
			return nil, err
		}
		res.Written, res.BuildSeconds = n, time.Since(start).Seconds()
	}
	res.DataBytes = dirSize(dataDir)
	cfg := nodeConfig{Source: "subprocess (node replay)"}
	if e.opts.InProcess {
		cfg.Source = "in-process (ledgerlog.Rebuild)"
		err = replayInProcess(ctx, e, dataDir, res)
	} else {
		var bin string
		if bin, err = nodeBinary(ctx, e, tmp); err == nil {
			cfg.Version = nodeVersion(ctx, bin)
			err = replaySubprocess(ctx, e, bin, dataDir, res)
		}
	}
	if err != nil {
		return nil, err
	}
	e.progress.phase("reading the log back without applying it")
	if res.ReadTPS, err = readRate(ctx, dataDir); err != nil {
		return nil, err
	}
	rep := &Report{Node: &cfg, Result: res, Panels: res.panels()}
	rep.Notes = replayNotes(res)
	return rep, nil
}

// replayInProcess times ledgerlog.Rebuild in this process, for profiling.
func replayInProcess(ctx context.Context, e *env, dataDir string, res *replayResult) error {
	log, err := eventlog.Open(filepath.Join(dataDir, "eventlog"), eventlog.Options{})
	if err != nil {
		return fmt.Errorf("open event log: %w", err)
	}
	defer log.Close()
	stopProfile, err := cpuprofile.Start(e.opts.CPUProfile)
	if err != nil {
		return err
	}
	start := time.Now()
	_, rep, err := ledgerlog.Rebuild(log, func(seq uint32, _ int) {
		res.progress = append(res.progress, replayPoint{at: time.Since(start), ledger: int(seq)})
	})
	stopProfile()
	if err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	res.Seconds = time.Since(start).Seconds()
	res.WallSeconds = res.Seconds
	res.Ledgers, res.Txs, res.Mismatches = rep.Ledgers, rep.Txs, len(rep.Mismatches)
	res.TPS = float64(rep.Txs) / res.Seconds
	return ctx.Err()
}

// hasLog reports whether dataDir holds an event log.
func hasLog(dataDir string) bool {
	_, err := os.Stat(filepath.Join(dataDir, "eventlog"))
	return err == nil
}

// dirSize is the total size of the files under dir.
func dirSize(dir string) uint64 {
	var n uint64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if info, err := d.Info(); err == nil && info.Mode().IsRegular() {
			n += uint64(info.Size())
		}
		return nil
	})
	return n
}

// errReplay is a replay that failed or did not reproduce the log.
var errReplay = errors.New("replay failed")
