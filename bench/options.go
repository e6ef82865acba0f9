package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/sqledger/sqledger/node"
)

// options are every workload's settings. The common ones come first;
// each workload registers its own in its file.
type options struct {
	// URL is an already running node (ws://127.0.0.1:PORT/); empty starts
	// one.
	URL string
	// NodePID is the process of the node at URL, for its memory and CPU
	// figures.
	NodePID int
	// NodeBinary is a built node; empty builds ./cmd/node.
	NodeBinary string
	// InProcess runs the node inside the bench process (for profiling).
	InProcess bool
	// Network, when positive, starts that many validators of a local
	// CometBFT network (node testnet) instead of one standalone node.
	Network int
	// Standalone, with Network, runs the same workload on one standalone
	// node after the network, for the ratio of the two in one run.
	Standalone bool
	// Node is the configuration of a node bench starts.
	Node nodeConfig

	Out        string
	Plot       string
	CPUProfile string
	Quiet      bool
	Timeout    time.Duration

	Limits    bool
	LimitTime time.Duration

	Payments paymentOptions
	Inserts  insertOptions
	Queries  queryOptions
	Sessions sessionOptions
	Replay   replayOptions
	Hostile  hostileOptions
}

// nodeConfig is what bench passes to a node it starts.
type nodeConfig struct {
	LedgerInterval  time.Duration `json:"ledger_interval"`
	MaxTxsPerLedger int           `json:"max_txs_per_ledger"`
	// MaxPendingTxs, when positive, bounds the transactions the node
	// holds admitted and not yet in a closed ledger (--max-pending-txs);
	// zero keeps the node's default.
	MaxPendingTxs int `json:"max_pending_txs,omitempty"`
	// Admin, when set, replaces the node's admin networks (--admin):
	// the hostile workload keeps them to 127.0.0.1/32, so that its
	// clients on other loopback addresses are not admins.
	Admin []string `json:"admin,omitempty"`
	// Store is the node's SQL store, storeSQLite or storePostgres
	// (--store); SQLDSN is the PostgreSQL database bench made for it.
	Store  string `json:"sql_store"`
	SQLDSN string `json:"-"`
	// Source says how the node was run: "subprocess", "in-process" or
	// "external" (--url).
	Source string `json:"source"`
	URL    string `json:"url"`
	// Version is what `node version` printed, when bench ran the binary.
	Version string `json:"version,omitempty"`
	// Validators and URLs describe a network (--network): how many
	// nodes, and every node's URL (URL is node0's).
	Validators int      `json:"validators,omitempty"`
	URLs       []string `json:"urls,omitempty"`
	// CPUProfiles is a directory where each node of a network bench
	// starts writes its CPU profile (node<i>.prof).
	CPUProfiles string `json:"-"`
}

func defaultOptions() options {
	return options{
		Node:       nodeConfig{LedgerInterval: node.DefaultLedgerInterval, MaxTxsPerLedger: node.DefaultMaxTxsPerLedger, Store: storeSQLite},
		Timeout:    15 * time.Minute,
		Limits:     true,
		Standalone: true,
		LimitTime:  time.Second,
		Payments:   defaultPaymentOptions(),
		Inserts:    defaultInsertOptions(),
		Queries:    defaultQueryOptions(),
		Sessions:   defaultSessionOptions(),
		Replay:     defaultReplayOptions(),
		Hostile:    defaultHostileOptions(),
	}
}

// commonFlags registers the flags every workload takes.
func commonFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.URL, "url", o.URL, "use the node already running at this loopback ws:// URL instead of starting one")
	fs.IntVar(&o.NodePID, "node-pid", o.NodePID, "process id of the --url node, for its memory and CPU figures")
	fs.StringVar(&o.NodeBinary, "node", o.NodeBinary, "node binary to start (default: build ./cmd/node into a temporary directory)")
	fs.IntVar(&o.Network, "network", o.Network, "start a local network of this many CometBFT validators (node testnet, 127.0.0.1) and spread the sessions over them; payments and inserts only")
	fs.BoolVar(&o.Standalone, "standalone", o.Standalone, "with --network: then run the same workload on one standalone node with the same parameters and print both, with the network's ratio to it")
	fs.BoolVar(&o.InProcess, "inprocess", o.InProcess, "run the node inside the bench process (for --cpuprofile; memory figures then include the client)")
	fs.DurationVar(&o.Node.LedgerInterval, "ledger-interval", o.Node.LedgerInterval, "ledger interval of the node bench starts")
	fs.IntVar(&o.Node.MaxTxsPerLedger, "max-txs-per-ledger", o.Node.MaxTxsPerLedger, "transactions per ledger before the node bench starts closes it early")
	fs.IntVar(&o.Node.MaxPendingTxs, "max-pending-txs", o.Node.MaxPendingTxs, "transactions admitted and not yet in a closed ledger that the node bench starts holds at most (0: the node's default, 10,000)")
	fs.StringVar(&o.Node.Store, "store", o.Node.Store, `SQL store of the node bench starts: "sqlite" or "postgres" (a throwaway PostgreSQL server; the workload then runs again on SQLite, both printed)`)
	fs.StringVar(&o.Out, "out", o.Out, "write the report as JSON to this file")
	fs.StringVar(&o.Plot, "plot", o.Plot, "draw latency and throughput over time to this .svg or .png file")
	fs.StringVar(&o.Node.CPUProfiles, "node-cpuprofiles", "", "with --network: write each node's CPU profile of the whole run to DIR/node<i>.prof (node run --cpuprofile)")
	fs.StringVar(&o.CPUProfile, "cpuprofile", o.CPUProfile, "write a CPU profile of the bench process (and of the node with --inprocess) during the timed phase")
	fs.BoolVar(&o.Quiet, "quiet", o.Quiet, "no progress on the terminal")
	fs.DurationVar(&o.Timeout, "timeout", o.Timeout, "bound on the whole run")
	fs.BoolVar(&o.Limits, "limits", o.Limits, "measure this machine's limits in the same run and print ratios to them")
	fs.DurationVar(&o.LimitTime, "limit-time", o.LimitTime, "how long each limit is measured")
}

// Errors of option validation.
var (
	errNotLoopback = errors.New("bench sends traffic to loopback addresses only")
	errBadOption   = errors.New("bad option")
)

func (o *options) validate() error {
	if o.URL != "" {
		if err := checkLoopbackURL(o.URL); err != nil {
			return err
		}
		if o.InProcess || o.NodeBinary != "" {
			return fmt.Errorf("%w: --url excludes --inprocess and --node", errBadOption)
		}
	}
	if o.Network < 0 {
		return fmt.Errorf("%w: --network must not be negative", errBadOption)
	}
	if o.Network > 0 && (o.URL != "" || o.InProcess) {
		return fmt.Errorf("%w: --network excludes --url and --inprocess", errBadOption)
	}
	if o.Node.Store != storeSQLite && o.Node.Store != storePostgres {
		return fmt.Errorf("%w: --store must be %q or %q", errBadOption, storeSQLite, storePostgres)
	}
	if o.Node.Store == storePostgres && (o.URL != "" || o.Network > 0) {
		return fmt.Errorf("%w: --store postgres excludes --url and --network", errBadOption)
	}
	if o.InProcess && o.NodeBinary != "" {
		return fmt.Errorf("%w: --inprocess excludes --node", errBadOption)
	}
	if o.Plot != "" && !strings.HasSuffix(o.Plot, ".svg") && !strings.HasSuffix(o.Plot, ".png") {
		return fmt.Errorf("%w: --plot must name a .svg or .png file", errBadOption)
	}
	switch {
	case o.Timeout <= 0:
		return fmt.Errorf("%w: --timeout must be positive", errBadOption)
	case o.LimitTime <= 0:
		return fmt.Errorf("%w: --limit-time must be positive", errBadOption)
	case o.Node.LedgerInterval <= 0:
		return fmt.Errorf("%w: --ledger-interval must be positive", errBadOption)
	case o.Node.MaxTxsPerLedger <= 0:
		return fmt.Errorf("%w: --max-txs-per-ledger must be positive", errBadOption)
	case o.Node.MaxPendingTxs < 0:
		return fmt.Errorf("%w: --max-pending-txs must not be negative", errBadOption)
	}
	if err := o.Payments.validate(); err != nil {
		return err
	}
	if err := o.Inserts.validate(); err != nil {
		return err
	}
	if err := o.Queries.validate(); err != nil {
		return err
	}
	if err := o.Sessions.validate(); err != nil {
		return err
	}
	if err := o.Hostile.validate(); err != nil {
		return err
	}
	return o.Replay.validate()
}

// checkLoopbackURL accepts ws:// URLs on loopback addresses only.
func checkLoopbackURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("--url %q: %w", s, err)
	}
	if u.Scheme != "ws" {
		return fmt.Errorf("%w: --url %q is not a ws:// URL", errBadOption, s)
	}
	if !isLoopbackHost(u.Hostname()) {
		return fmt.Errorf("%w: --url host %q", errNotLoopback, u.Hostname())
	}
	return nil
}

// env is what a running workload has: its options, its progress
// display, the limits measured before it (nil with --limits=false) and
// where diagnostics go.
type env struct {
	opts     *options
	stderr   io.Writer
	progress *progress
	limits   *Limits
}
