package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/projections"
)

// eventLogDir is the event log's directory inside the data directory.
func eventLogDir(dataDir string) string { return filepath.Join(dataDir, "eventlog") }

// sqlDir is the SQL projection's directory inside the data directory.
func sqlDir(dataDir string) string { return filepath.Join(dataDir, "sql") }

// runNode starts the node and serves until SIGINT or SIGTERM, or until
// the event log fails.
func runNode(args []string) error {
	cfg, _, err := loadConfig("run", args)
	if err != nil {
		return err
	}
	level, _ := cfg.level()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(logger)

	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	log, err := eventlog.Open(eventLogDir(cfg.DataDir), eventlog.Options{Logger: logger})
	if err != nil {
		return fmt.Errorf("open event log: %w", err)
	}
	defer log.Close()
	proj, err := projections.Open(sqlDir(cfg.DataDir), projections.Options{SelectLimit: cfg.SelectLimit})
	if err != nil {
		return fmt.Errorf("open SQL projection: %w", err)
	}
	defer proj.Close()

	params := ledger.DefaultParams()
	params.BaseFee, params.ReserveBase, params.ReserveInc = cfg.BaseFee, cfg.ReserveBase, cfg.ReserveInc
	node, err := actors.Start(log, actors.Config{
		Params:          params,
		LedgerInterval:  cfg.LedgerInterval.Duration,
		MaxTxsPerLedger: cfg.MaxTxsPerLedger,
		Projection:      proj,
		Logger:          logger,
	})
	if err != nil {
		return err
	}
	defer node.Stop()

	admin, _ := cfg.adminNets()
	gw := gateway.New(gateway.Config{
		Listen:        cfg.WS,
		AdminNets:     admin,
		MaxSessions:   cfg.MaxSessions,
		IdleTimeout:   cfg.IdleTimeout.Duration,
		MaxFrameBytes: cfg.MaxFrameBytes,
		Logger:        logger,
	}, node)
	node.SetSessionCounter(gw.Sessions)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := gw.Start(ctx); err != nil {
		return fmt.Errorf("start WebSocket listeners: %w", err)
	}
	h, _ := node.View().Closed()
	logger.Info("node started", "data_dir", cfg.DataDir, "ws", gw.Addrs(), "ledger", h.Seq, "ledger_interval", cfg.LedgerInterval.Duration)

	var fatal error
	select {
	case <-ctx.Done():
		logger.Info("stopping")
	case fatal = <-node.Fatal():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := gw.Shutdown(shutdown); err != nil {
		logger.Warn("gateway shutdown", "err", err)
	}
	return fatal
}
