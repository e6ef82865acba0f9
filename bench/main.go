package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// workload is one kind of run: its name, what it measures, its own flags
// and the function that runs it.
type workload struct {
	name    string
	summary string
	// flags registers the workload's own flags on fs, into o.
	flags func(fs *flag.FlagSet, o *options)
	run   func(ctx context.Context, e *env) (*Report, error)
}

// workloads are the runs bench knows, in the order --help lists them.
var workloads = []workload{
	{name: "payments", summary: "signed payments from many sessions; submitted, validated, failed, tx/s, submit-to-validated latency", flags: paymentFlags, run: runPayments},
	{name: "inserts", summary: "signed SQLStatement inserts from many sessions into shared tables; rows/s reaching the SQL store, submit-to-db_success latency", flags: insertFlags, run: runInserts},
	{name: "queries", summary: "signed r_get queries (point, range, page, count) and r_get_sql_admin on a filled table; queries/s and latency per kind", flags: queryFlags, run: runQueries},
	{name: "sessions", summary: "many idle sessions that heartbeat while ledgers close; sessions held, node memory per session, push latency", flags: sessionFlags, run: runSessions},
	{name: "hostile", summary: "an honest client's server_info and submit-to-validate_success latency before and during an attack of slow readers and garbage senders; node memory, attackers' sessions closed by reason", flags: hostileFlags, run: runHostile},
	{name: "replay", summary: "fill a data directory with transactions, then time `node replay` on it; tx/s", flags: replayFlags, run: runReplay},
	{name: "limits", summary: "this machine's limits on the node's own code paths: verifications, synced appends, SQLite inserts, WebSocket round trips", flags: func(*flag.FlagSet, *options) {}, run: runLimitsOnly},
}

// run parses the command line, runs one workload and prints its report.
// It returns the process exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	w, ok := findWorkload(args[0])
	if !ok {
		fmt.Fprintf(stderr, "bench: unknown workload %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	o := defaultOptions()
	fs := newFlagSet(w, &o, stderr)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bench %s: unexpected argument %q\n", w.name, fs.Arg(0))
		return 2
	}
	if w.name == "limits" && o.Plot != "" {
		fmt.Fprintf(stderr, "bench limits: %v: the limits workload has no time series to plot\n", errBadOption)
		return 2
	}
	if o.Network > 0 && w.name != "payments" && w.name != "inserts" {
		fmt.Fprintf(stderr, "bench %s: %v: --network applies to payments and inserts only\n", w.name, errBadOption)
		return 2
	}
	if err := o.validate(); err != nil {
		fmt.Fprintf(stderr, "bench %s: %v\n", w.name, err)
		return 2
	}
	rep, err := execute(ctx, w, &o, args, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "bench %s: %v\n", w.name, err)
		return 1
	}
	if err := rep.PrintTable(stdout); err != nil {
		fmt.Fprintf(stderr, "bench %s: %v\n", w.name, err)
		return 1
	}
	if err := writeOutputs(rep, &o); err != nil {
		fmt.Fprintf(stderr, "bench %s: %v\n", w.name, err)
		return 1
	}
	return 0
}

// execute runs a parsed workload within its time bound: it describes
// the machine, measures the limits unless told not to, runs the
// workload and computes the report's ratios.
func execute(ctx context.Context, w workload, o *options, args []string, stderr io.Writer) (*Report, error) {
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	started := time.Now().UTC().Truncate(time.Second)
	e := &env{opts: o, stderr: stderr, progress: newProgress(stderr, o.Quiet)}
	machine := describeMachine()
	if o.Limits || w.name == "limits" {
		lim, err := measureLimits(ctx, e)
		if err != nil {
			return nil, fmt.Errorf("limits: %w", err)
		}
		e.limits = lim
	}
	rep, err := w.run(ctx, e)
	if err != nil {
		return nil, err
	}
	if o.Node.Store == storePostgres {
		base, err := runOnSQLite(ctx, w, e)
		if err != nil {
			return nil, fmt.Errorf("SQLite run: %w", err)
		}
		rep.SQLite = base
	}
	if o.Network > 0 && o.Standalone {
		base, err := runStandalone(ctx, w, e)
		if err != nil {
			return nil, fmt.Errorf("standalone run: %w", err)
		}
		rep.Standalone = base
	}
	rep.Workload = w.name
	rep.Started = started
	rep.Command = append([]string{"bench"}, args...)
	rep.Machine = machine
	rep.Commit = gitCommit(ctx)
	rep.Limits = e.limits
	rep.addRatios()
	return rep, nil
}

// runStandalone runs workload w again on one standalone node, with the
// options of the network run e made, for the report's comparison.
func runStandalone(ctx context.Context, w workload, e *env) (*Report, error) {
	o := *e.opts
	o.Network = 0
	o.Node.CPUProfiles = ""
	return runAgain(ctx, w, e, &o, "the same on a standalone node")
}

// runAgain runs workload w again with options o (e's, changed), without
// a CPU profile, as the second run of a comparison in one report.
func runAgain(ctx context.Context, w workload, e *env, o *options, phase string) (*Report, error) {
	o.CPUProfile = ""
	e.progress.phase("%s", phase)
	rep, err := w.run(ctx, &env{opts: o, stderr: e.stderr, progress: e.progress, limits: e.limits})
	if err != nil {
		return nil, err
	}
	rep.Workload = w.name
	rep.Limits = e.limits
	rep.addRatios()
	rep.Panels = nil
	return rep, nil
}

func findWorkload(name string) (workload, bool) {
	for _, w := range workloads {
		if w.name == name {
			return w, true
		}
	}
	return workload{}, false
}

func usage(out io.Writer) {
	fmt.Fprint(out, `usage: go run ./bench <workload> [flags]

Drives a node through its WebSocket API as clients do and reports what it
sustained, beside this machine's limits measured in the same run. Without
--url, bench builds ./cmd/node, starts it on a temporary data directory and
a free loopback port, and stops it afterwards.

workloads:
`)
	for _, w := range workloads {
		fmt.Fprintf(out, "  %-9s %s\n", w.name, w.summary)
	}
	fmt.Fprint(out, "\nflags (go run ./bench <workload> --help for the workload's own):\n")
	o := defaultOptions()
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(out)
	commonFlags(fs, &o)
	fs.PrintDefaults()
}

// newFlagSet is the flag set of one workload: the common flags and its
// own.
func newFlagSet(w workload, o *options, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("bench "+w.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	commonFlags(fs, o)
	w.flags(fs, o)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run ./bench %s [flags]\n\n%s\n\nflags:\n", w.name, w.summary)
		fs.PrintDefaults()
	}
	return fs
}
