package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"

	"github.com/sqledger/sqledger/node"
	sqledgerrpc "github.com/sqledger/sqledger/rpc"
)

// sqlConfig is the node's SQL store as bench chose it.
func sqlConfig(cfg nodeConfig) node.SQLConfig {
	if cfg.Store == storePostgres {
		return node.SQLConfig{Store: node.Postgres, DSN: cfg.SQLDSN}
	}
	return node.SQLConfig{}
}

// startInProcess runs a node inside the bench process, wired by
// node.Start as cmd/node wires it (event log, SQL projection, actors,
// gateway with its defaults), so that a CPU profile of the bench process shows the node's
// hot paths. Its memory and CPU figures then include the client's.
func startInProcess(dataDir string, cfg nodeConfig) (*target, error) {
	var admin []netip.Prefix
	for _, a := range cfg.Admin {
		p, err := netip.ParsePrefix(a)
		if err != nil {
			return nil, fmt.Errorf("admin network %q: %w", a, err)
		}
		admin = append(admin, p)
	}
	n, err := node.Start(context.Background(), node.Config{
		DataDir:         dataDir,
		LedgerInterval:  cfg.LedgerInterval,
		MaxTxsPerLedger: cfg.MaxTxsPerLedger,
		MaxPendingTxs:   cfg.MaxPendingTxs,
		SQL:             sqlConfig(cfg),
		Listen:          []string{"127.0.0.1:0"},
		AdminNets:       admin,
		Logger:          slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		return nil, fmt.Errorf("start node: %w", err)
	}
	cfg.Source, cfg.URL = "in-process", n.URLs()[0]
	cfg.Version = "sqledger " + sqledgerrpc.Version
	return &target{url: cfg.URL, pid: os.Getpid(), config: cfg, stop: n.Close}, nil
}
