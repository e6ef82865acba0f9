// Package node assembles a running node from a configuration: the event
// log and the SQL projection in a data directory, the actors with their
// orderer, and the WebSocket gateway. Start is the one wiring function
// that the binary (cmd/node), the tests and the in-process bench use, so
// that all three run the same node.
//
//	n, err := node.Start(ctx, node.Config{DataDir: "./data", Listen: []string{"127.0.0.1:6006"}})
//	...
//	select {
//	case <-ctx.Done():
//	case err = <-n.Fatal():
//	}
//	n.Close()
package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/httpapi"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/metrics"
	"github.com/sqledger/sqledger/projections"
)

// Config is everything a node is started with. The zero value of a
// field is its default.
type Config struct {
	// DataDir holds the event log (eventlog/), the SQL store (sql/) and
	// the GM test data files of g_cryptdata and g_createrandom (gm/).
	DataDir string
	// Params is the fee schedule of a new chain; zero is
	// ledger.DefaultParams.
	Params ledger.Params
	// LedgerInterval and MaxTxsPerLedger configure the standalone
	// orderer; zero is actors.DefaultConfig's (DefaultLedgerInterval,
	// DefaultMaxTxsPerLedger).
	LedgerInterval  time.Duration
	MaxTxsPerLedger int
	// MaxPendingTxs and MaxPendingBytes bound the transactions admitted
	// and not yet in a closed ledger (actors.Config); zero is
	// actors.DefaultConfig's.
	MaxPendingTxs   int
	MaxPendingBytes int64
	// Orderer replaces the standalone orderer (a validator network).
	Orderer consensus.Orderer
	// Genesis is the chain's genesis (actors.Config.Genesis); nil makes
	// a new chain's from Params and the clock.
	Genesis *ledgerlog.Genesis
	// SQL chooses the SQL store: the SQLite file in DataDir (the
	// default) or a PostgreSQL server.
	SQL SQLConfig
	// SelectLimit caps the rows of one query (projections.Options).
	SelectLimit int
	// SyncTables are the confidential tables the SQL store decrypts
	// (projections.Options).
	SyncTables []projections.SyncTable
	// QueryTimeout, MaxQueries and MaxSessionQueries bound the SQL
	// queries (actors.Config.Queries; zero is the default).
	QueryTimeout      time.Duration
	MaxQueries        int
	MaxSessionQueries int
	// Listen are the WebSocket listen addresses; the rest configure the
	// gateway (gateway.Config).
	Listen        []string
	AdminNets     []netip.Prefix
	MaxSessions   int
	IdleTimeout   time.Duration
	MaxFrameBytes int
	// The gateway's socket, slow-consumer and inbound frame-rate limits,
	// gateway.Config's fields of the same names; zero takes the gateway's
	// default.
	SendBuffer     int
	SlowBytes      int
	SlowGrace      time.Duration
	FrameRate      float64
	FrameBurst     int
	AddrFrameRate  float64
	AddrFrameBurst int
	FrameCostBytes int
	FrameStrikes   int
	ThrottlePause  time.Duration
	BanStrikes     int
	BanTime        time.Duration
	MaxEchoBytes   int
	// HTTP are the JSON-RPC listeners and their limits; no listener
	// serves nothing. Its AdminNets and Logger are the node's.
	HTTP httpapi.Config
	// Metrics is the /metrics and /health listener; an empty Listen
	// serves neither (and counts nothing). Its AdminNets and Logger are
	// the node's, ClosesEmpty is set with an Orderer.
	Metrics metrics.Config
	// Clock is the wall clock; nil is time.Now.
	Clock  func() time.Time
	Logger *slog.Logger
}

// DefaultLedgerInterval and DefaultMaxTxsPerLedger are what a zero
// Config.LedgerInterval and Config.MaxTxsPerLedger mean.
var (
	DefaultLedgerInterval  = actors.DefaultConfig().LedgerInterval
	DefaultMaxTxsPerLedger = actors.DefaultConfig().MaxTxsPerLedger
)

// EventLogDir is the event log's directory inside a data directory.
func EventLogDir(dataDir string) string { return filepath.Join(dataDir, "eventlog") }

// SQLDir is the SQL projection's directory inside a data directory.
func SQLDir(dataDir string) string { return filepath.Join(dataDir, "sql") }

// GMDir holds the files of g_cryptdata and g_createrandom.
func GMDir(dataDir string) string { return filepath.Join(dataDir, "gm") }

// AsOfDir holds the scratch store of queries as of a past ledger
// (emptied at each start).
func AsOfDir(dataDir string) string { return filepath.Join(dataDir, "sql-asof") }

// ShutdownTimeout bounds how long Close waits for sessions to be told
// the node is going.
const ShutdownTimeout = 5 * time.Second

// Node is a running node.
type Node struct {
	Log        *eventlog.Log
	Projection *projections.Projection
	// AsOf answers r_get as of a past ledger, from a scratch store in
	// AsOfDir.
	AsOf    *projections.AsOf
	Actors  *actors.Node
	Gateway *gateway.Server
	HTTP    *httpapi.Server
	// Metrics and MetricsServer are nil without Config.Metrics.Listen.
	Metrics       *metrics.Metrics
	MetricsServer *metrics.Server
}

// Start opens the data directory (creating it and the genesis ledger if
// new), rebuilds the state from the log, and starts the actors and the
// gateway's listeners. ctx bounds the listeners' lifetime.
func Start(ctx context.Context, cfg Config) (*Node, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if err := probeListeners("WebSocket", cfg.Listen); err != nil {
		return nil, err
	}
	if err := probeListeners("JSON-RPC", cfg.HTTP.Listen); err != nil {
		return nil, err
	}
	if cfg.Metrics.Listen != "" {
		if err := probeListeners("metrics", []string{cfg.Metrics.Listen}); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	n := &Node{}
	var err error
	if n.Log, err = eventlog.Open(EventLogDir(cfg.DataDir), eventlog.Options{Logger: cfg.Logger}); err != nil {
		if errors.Is(err, eventlog.ErrInUse) {
			return nil, fmt.Errorf("data directory %s is in use: %w", cfg.DataDir, err)
		}
		return nil, fmt.Errorf("open event log: %w", err)
	}
	popts := projections.Options{SelectLimit: cfg.SelectLimit, SyncTables: cfg.SyncTables}
	if n.Projection, err = OpenProjection(ctx, cfg.DataDir, cfg.SQL, cfg.QueryTimeout, popts); err != nil {
		n.Log.Close()
		return nil, fmt.Errorf("open SQL projection: %w", err)
	}
	if n.AsOf, err = projections.NewAsOf(n.Log, AsOfDir(cfg.DataDir), popts); err != nil {
		n.closeStores()
		return nil, fmt.Errorf("open the as-of store: %w", err)
	}
	acfg := actors.DefaultConfig()
	if cfg.Params != (ledger.Params{}) {
		acfg.Params = cfg.Params
	}
	if cfg.LedgerInterval > 0 {
		acfg.LedgerInterval = cfg.LedgerInterval
	}
	if cfg.MaxTxsPerLedger > 0 {
		acfg.MaxTxsPerLedger = cfg.MaxTxsPerLedger
	}
	if cfg.MaxPendingTxs > 0 {
		acfg.MaxPendingTxs = cfg.MaxPendingTxs
	}
	if cfg.MaxPendingBytes > 0 {
		acfg.MaxPendingBytes = cfg.MaxPendingBytes
	}
	acfg.Orderer, acfg.Genesis, acfg.Projection, acfg.AsOf, acfg.Clock, acfg.Logger = cfg.Orderer, cfg.Genesis, n.Projection, n.AsOf, cfg.Clock, cfg.Logger
	acfg.Queries.Timeout, acfg.Queries.Node, acfg.Queries.Session = cfg.QueryTimeout, cfg.MaxQueries, cfg.MaxSessionQueries
	acfg.GMDir = GMDir(cfg.DataDir)
	if cfg.Metrics.Listen != "" {
		n.Metrics = metrics.New(n.metricsSources())
		acfg.Observer = n.Metrics
	}
	if n.Actors, err = actors.Start(n.Log, acfg); err != nil {
		n.closeStores()
		return nil, err
	}
	n.Gateway = gateway.New(gateway.Config{
		Listen:         cfg.Listen,
		AdminNets:      cfg.AdminNets,
		MaxSessions:    cfg.MaxSessions,
		IdleTimeout:    cfg.IdleTimeout,
		MaxFrameBytes:  cfg.MaxFrameBytes,
		SendBuffer:     cfg.SendBuffer,
		SlowBytes:      cfg.SlowBytes,
		SlowGrace:      cfg.SlowGrace,
		FrameRate:      cfg.FrameRate,
		FrameBurst:     cfg.FrameBurst,
		AddrFrameRate:  cfg.AddrFrameRate,
		AddrFrameBurst: cfg.AddrFrameBurst,
		FrameCostBytes: cfg.FrameCostBytes,
		FrameStrikes:   cfg.FrameStrikes,
		ThrottlePause:  cfg.ThrottlePause,
		BanStrikes:     cfg.BanStrikes,
		BanTime:        cfg.BanTime,
		MaxEchoBytes:   cfg.MaxEchoBytes,
		Logger:         cfg.Logger,
	}, n.Actors)
	n.Actors.SetSessionCounter(n.Gateway.Sessions)
	if err := n.Gateway.Start(ctx); err != nil {
		n.Actors.Stop()
		n.closeStores()
		return nil, fmt.Errorf("start WebSocket listeners: %w", err)
	}
	hcfg := cfg.HTTP
	hcfg.AdminNets, hcfg.Logger = cfg.AdminNets, cfg.Logger
	n.HTTP = httpapi.New(hcfg, func(e *httpapi.Exchange) gateway.Handler { return n.Actors.OpenSession(e) })
	if err := n.HTTP.Start(ctx); err != nil {
		n.stopListeners()
		n.Actors.Stop()
		n.closeStores()
		return nil, fmt.Errorf("start JSON-RPC listeners: %w", err)
	}
	if n.Metrics != nil {
		mcfg := cfg.Metrics
		mcfg.AdminNets, mcfg.ClosesEmpty, mcfg.Logger = cfg.AdminNets, cfg.Orderer != nil, cfg.Logger
		n.MetricsServer = metrics.NewServer(mcfg, n.Metrics)
		if err := n.MetricsServer.Start(ctx); err != nil {
			n.stopListeners()
			n.Actors.Stop()
			n.closeStores()
			return nil, err
		}
	}
	return n, nil
}

// probeListeners binds and releases each listen address with a fixed
// port, so that a malformed or taken address is an error before the data
// directory is touched or anything starts; what names the listeners in
// the error. The gateway, the JSON-RPC server and the metrics server
// bind them again once the node is ready; an address taken in between
// is an error then.
func probeListeners(what string, addrs []string) error {
	for _, a := range addrs {
		if _, port, err := net.SplitHostPort(a); err == nil && port == "0" {
			continue
		}
		l, err := net.Listen("tcp", a)
		if err != nil {
			return fmt.Errorf("%s listener: %w", what, err)
		}
		if err := l.Close(); err != nil {
			return fmt.Errorf("%s listener %s: %w", what, a, err)
		}
	}
	return nil
}

// metricsSources are what the node's metrics read when scraped; they
// read n's parts, all set by the time the metrics listener starts.
func (n *Node) metricsSources() metrics.Sources {
	return metrics.Sources{
		Sessions:             func() map[string]int { return n.Gateway.SessionsByDialect() },
		NotificationsDropped: func() uint64 { return n.Gateway.Stats().Dropped },
		OpenTxs:              func() int { return n.Actors.OpenTxs() },
		HTTPInFlight:         func() int { return n.HTTP.InFlight() },
		ProjectionLag: func() uint32 {
			lag, _ := n.Actors.ProjectionLag()
			return lag
		},
		LastLedger: func() (uint32, time.Time) {
			h := n.Actors.View().Snapshot().Header()
			return h.Seq, ledgerlog.CloseTime(h)
		},
		Failed: func() bool { return n.Actors.Failed() },
	}
}

// Fatal delivers the error that stopped the node's sequencer, if any.
func (n *Node) Fatal() <-chan error { return n.Actors.Fatal() }

// HTTPURLs are the JSON-RPC addresses the node listens on.
func (n *Node) HTTPURLs() []string {
	var out []string
	for _, a := range n.HTTP.Addrs() {
		out = append(out, "http://"+a.String()+"/")
	}
	return out
}

// URLs are the WebSocket addresses the node listens on.
func (n *Node) URLs() []string {
	var out []string
	for _, a := range n.Gateway.Addrs() {
		out = append(out, "ws://"+a.String()+"/")
	}
	return out
}

// Close shuts the JSON-RPC listeners and the gateway down (answering
// the requests under way and telling sessions, within ShutdownTimeout),
// stops the actors and closes the stores.
func (n *Node) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	var merr error
	if n.MetricsServer != nil {
		merr = n.MetricsServer.Shutdown(ctx)
	}
	herr := n.HTTP.Shutdown(ctx)
	if errors.Is(herr, httpapi.ErrClosed) {
		herr = nil
	}
	err := n.Gateway.Shutdown(ctx)
	if errors.Is(err, gateway.ErrClosed) {
		err = nil
	}
	n.Actors.Stop()
	return errors.Join(merr, herr, err, n.closeStores())
}

// stopListeners shuts the JSON-RPC listeners and the gateway down
// after a failed start.
func (n *Node) stopListeners() {
	ctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	_ = n.HTTP.Shutdown(ctx)
	_ = n.Gateway.Shutdown(ctx)
}

func (n *Node) closeStores() error {
	var aerr error
	if n.AsOf != nil {
		aerr = n.AsOf.Close()
	}
	return errors.Join(aerr, n.Projection.Close(), n.Log.Close())
}
