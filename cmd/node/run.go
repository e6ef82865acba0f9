package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/sqledger/sqledger/httpapi"
	"github.com/sqledger/sqledger/internal/cpuprofile"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/metrics"
	"github.com/sqledger/sqledger/node"
)

// runNode starts the node and serves until SIGINT or SIGTERM, or until
// the event log fails.
func runNode(args []string) error {
	cfg, _, err := loadConfig("run", args)
	if err != nil {
		return err
	}
	stopProfile, err := cpuprofile.Start(cfg.CPUProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	level, _ := cfg.level()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(logger)

	params := ledger.DefaultParams()
	params.BaseFee, params.ReserveBase, params.ReserveInc = cfg.BaseFee, cfg.ReserveBase, cfg.ReserveInc
	admin, _ := cfg.adminNets()
	syncTables, _ := cfg.syncTables()
	ncfg := node.Config{
		DataDir:           cfg.DataDir,
		Params:            params,
		LedgerInterval:    cfg.LedgerInterval.Duration,
		MaxTxsPerLedger:   cfg.MaxTxsPerLedger,
		MaxPendingTxs:     cfg.MaxPendingTxs,
		MaxPendingBytes:   cfg.MaxPendingBytes,
		SQL:               cfg.sql(),
		SelectLimit:       cfg.SelectLimit,
		SyncTables:        syncTables,
		QueryTimeout:      cfg.QueryTimeout.Duration,
		MaxQueries:        cfg.MaxQueries,
		MaxSessionQueries: cfg.MaxSessionQueries,
		MaxEchoBytes:      cfg.MaxEchoBytes,
		Listen:            cfg.WS,
		AdminNets:         admin,
		MaxSessions:       cfg.MaxSessions,
		IdleTimeout:       cfg.IdleTimeout.Duration,
		MaxFrameBytes:     cfg.MaxFrameBytes,
		HTTP: httpapi.Config{
			Listen:         cfg.rpcHTTPListen(),
			MaxBodyBytes:   cfg.RPCHTTPMaxBodyBytes,
			RequestTimeout: cfg.RPCHTTPTimeout.Duration,
			MaxInFlight:    cfg.RPCHTTPMaxInFlight,
			ReadTimeout:    cfg.RPCHTTPReadTimeout.Duration,
			WriteTimeout:   cfg.RPCHTTPWriteTimeout.Duration,
			IdleTimeout:    cfg.RPCHTTPIdleTimeout.Duration,
			MaxHeaderBytes: cfg.RPCHTTPMaxHeader,
			AddrRate:       cfg.RPCHTTPRate,
			AddrBurst:      cfg.RPCHTTPBurst,
		},
		Metrics: metrics.Config{Listen: cfg.Metrics, MaxLedgerAge: cfg.HealthMaxLedgerAge.Duration,
			ScrapeTimeout: cfg.ScrapeTimeout.Duration, MaxScrapes: cfg.MaxScrapes},
		Logger: logger,
	}
	ncfg = cfg.withGatewayLimits(ncfg)
	if cfg.Consensus.Engine == engineComet {
		if ncfg.Orderer, ncfg.Genesis, err = cometOrderer(cfg, logger); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	n, err := node.Start(ctx, ncfg)
	if err != nil {
		return err
	}
	h := n.Actors.View().Snapshot().Header()
	logger.Info("node started", "data_dir", cfg.DataDir, "ws", n.Gateway.Addrs(), "rpc_http", n.HTTP.Addrs(), "ledger", h.Seq, "consensus", cfg.Consensus.Engine)

	var fatal error
	select {
	case <-ctx.Done():
		logger.Info("stopping")
	case fatal = <-n.Fatal():
	}
	if err := n.Close(); err != nil {
		logger.Warn("shutdown", "err", err)
	}
	return fatal
}
