package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/node"
	"github.com/sqledger/sqledger/projections"
)

// replayGCPercent is the garbage collector's target while replay runs,
// unless GOGC is set: replay allocates about 3.4 KB per payment and keeps
// only a few ledgers live, so collecting at twice the default heap growth
// saves about 8 % of its CPU for a larger peak heap (bench/README,
// "replay").
const replayGCPercent = 200

// errMismatch reports a replay that did not reproduce the log.
var errMismatch = errors.New("replay found mismatches")

// runReplay rebuilds the state from the event log, checks every result
// and ledger hash, and prints a summary.
func runReplay(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	dataDir := fs.String("data-dir", "./data", "data directory")
	quiet := fs.Bool("quiet", false, "no progress bar")
	withSQL := fs.Bool("projections", false, "also drop the SQL store and rebuild it from the log")
	var store node.SQLConfig
	fs.StringVar(&store.Store, "sql-store", node.SQLite, `the SQL store --projections rebuilds: "sqlite" (the data directory's file) or "postgres"`)
	fs.StringVar(&store.DSN, "sql-dsn", "", "PostgreSQL server, database and role of the SQL store (postgres only)")
	configFile := fs.String("config", "", "the node's TOML configuration: --projections rebuilds its [sql] store, with its sync_tables (the flags above override the store)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	popts, err := replayStore(fs, *configFile, &store)
	if err != nil {
		return err
	}
	if err := store.Check(); err != nil {
		return err
	}
	// A check writes nothing: the log is opened read-only, and a missing
	// one is an error, not a new log.
	log, err := eventlog.Open(node.EventLogDir(*dataDir), eventlog.Options{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("replay %s: %w", *dataDir, err)
	}
	defer log.Close()
	head, _, ok := log.Head()
	if !ok {
		return fmt.Errorf("event log in %s is empty", *dataDir)
	}
	var bar *progressbar.ProgressBar
	if !*quiet {
		bar = newBar(stderr, head, "replaying ledgers",
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("ledgers"))
	}
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(replayGCPercent))
	}
	start := time.Now()
	_, rep, err := ledgerlog.Rebuild(log, func(seq uint32, _ int) {
		if bar != nil {
			_ = bar.Set64(int64(seq))
		}
	})
	endBar(bar, stderr, err == nil && len(rep.Mismatches) == 0)
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "ledgers:      %d\n", rep.Ledgers)
	fmt.Fprintf(stdout, "transactions: %d\n", rep.Txs)
	fmt.Fprintf(stdout, "seconds:      %.3f\n", secs)
	if secs > 0 {
		fmt.Fprintf(stdout, "tx/s:         %.0f\n", float64(rep.Txs)/secs)
	}
	fmt.Fprintf(stdout, "mismatches:   %d\n", len(rep.Mismatches))
	for _, m := range rep.Mismatches {
		fmt.Fprintf(stdout, "  ledger %d: %s\n", m.Seq, m.Detail)
	}
	if len(rep.Mismatches) > 0 {
		return fmt.Errorf("%w: %d", errMismatch, len(rep.Mismatches))
	}
	if *withSQL {
		return rebuildSQL(log, *dataDir, store, popts, *quiet, stdout, stderr)
	}
	return nil
}

// replayStore reads the node's configuration file, if any, into the
// store --projections rebuilds (unless --sql-store or --sql-dsn say
// otherwise) and the store's options: its sync_tables, so that a
// confidential table the node decrypts is rebuilt decrypted, and its
// select limit.
func replayStore(fs *flag.FlagSet, file string, store *node.SQLConfig) (projections.Options, error) {
	if file == "" {
		return projections.Options{}, nil
	}
	cfg, _, err := loadConfig("replay", []string{"--config", file})
	if err != nil {
		return projections.Options{}, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	fromFile := cfg.sql()
	if !set["sql-store"] {
		store.Store = fromFile.Store
	}
	if !set["sql-dsn"] {
		store.DSN = fromFile.DSN
	}
	sync, err := cfg.syncTables()
	if err != nil {
		return projections.Options{}, fmt.Errorf("config file %s: %w", file, err)
	}
	return projections.Options{SyncTables: sync, SelectLimit: cfg.SelectLimit}, nil
}

// rebuildSQL drops the SQL store and applies the whole log to it again.
func rebuildSQL(log *eventlog.Log, dataDir string, store node.SQLConfig, popts projections.Options, quiet bool, stdout, stderr io.Writer) error {
	proj, err := node.OpenProjection(context.Background(), dataDir, store, 0, popts)
	if err != nil {
		return fmt.Errorf("open SQL projection: %w", err)
	}
	defer proj.Close()
	head, _, _ := log.Head()
	var bar *progressbar.ProgressBar
	if !quiet {
		bar = newBar(stderr, head, "rebuilding SQL tables")
	}
	start := time.Now()
	err = proj.Rebuild(context.Background(), log, func(seq, _ uint32) {
		if bar != nil {
			_ = bar.Set64(int64(seq))
		}
	})
	endBar(bar, stderr, err == nil)
	if err != nil {
		return fmt.Errorf("rebuild SQL tables: %w", err)
	}
	digest, err := proj.Digest(context.Background())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "sql rebuilt:  %d ledgers in %.3f s, digest %X\n", head, time.Since(start).Seconds(), digest[:])
	return nil
}

// newBar is a progress bar to max on w. Its last state stays on the
// line, followed by a newline: at 100 % once Finish is called (the bar
// renders the maximum even when throttled), else where the work
// stopped.
func newBar(w io.Writer, max uint32, desc string, opts ...progressbar.Option) *progressbar.ProgressBar {
	opts = append([]progressbar.Option{
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100 * time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
		progressbar.OptionUseANSICodes(isTerminal(w)),
	}, opts...)
	return progressbar.NewOptions64(int64(max), opts...)
}

// endBar ends a bar (nil: none): at 100 % when the work is done, else
// where it stopped, which stays on its line.
func endBar(bar *progressbar.ProgressBar, w io.Writer, done bool) {
	switch {
	case bar == nil:
	case done:
		_ = bar.Finish()
	default:
		_ = bar.Exit()
		fmt.Fprintln(w)
	}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
