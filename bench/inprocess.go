package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/projections"
)

// gatewayShutdown bounds the shutdown of a gateway bench started.
const gatewayShutdown = 5 * time.Second

// startInProcess runs a node inside the bench process, wired as
// cmd/node wires it (event log, SQL projection, actors, gateway with its
// defaults), so that a CPU profile of the bench process shows the node's
// hot paths. Its memory and CPU figures then include the client's.
func startInProcess(dataDir string, cfg nodeConfig) (*target, error) {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	log, err := eventlog.Open(dataDir+"/eventlog", eventlog.Options{Logger: logger})
	if err != nil {
		return nil, fmt.Errorf("open event log: %w", err)
	}
	proj, err := projections.Open(dataDir+"/sql", projections.Options{})
	if err != nil {
		log.Close()
		return nil, fmt.Errorf("open SQL projection: %w", err)
	}
	node, err := actors.Start(log, actors.Config{
		Params:          ledger.DefaultParams(),
		LedgerInterval:  cfg.LedgerInterval,
		MaxTxsPerLedger: cfg.MaxTxsPerLedger,
		Projection:      proj,
		Logger:          logger,
	})
	if err != nil {
		proj.Close()
		log.Close()
		return nil, fmt.Errorf("start node: %w", err)
	}
	gw := gateway.New(gateway.Config{Listen: []string{"127.0.0.1:0"}, Logger: logger}, node)
	node.SetSessionCounter(gw.Sessions)
	if err := gw.Start(context.Background()); err != nil {
		node.Stop()
		proj.Close()
		log.Close()
		return nil, fmt.Errorf("start gateway: %w", err)
	}
	cfg.Source, cfg.URL = "in-process", "ws://"+gw.Addrs()[0].String()+"/"
	cfg.Version = "sqledger " + actors.Version
	stop := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), gatewayShutdown)
		defer cancel()
		err := gw.Shutdown(ctx)
		if errors.Is(err, gateway.ErrClosed) {
			err = nil
		}
		node.Stop()
		return errors.Join(err, proj.Close(), log.Close())
	}
	return &target{url: cfg.URL, pid: os.Getpid(), config: cfg, stop: stop}, nil
}
