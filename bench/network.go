package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/sqledger/sqledger/internal/ports"
)

// Ports of node i of a `node testnet` network: base + netPortStride*i +
// one of these (cmd/node/testnet.go).
const (
	netPortStride = 10
	netPortWS     = 2
)

// startNetwork writes an n-validator network with `node testnet` into
// dir on free loopback ports, starts its n node processes and waits
// until every node serves and the network closes ledgers. The target's
// url is node0's (setup goes through it); urls are every node's, for the
// timed phase's sessions. stop stops every node.
func startNetwork(ctx context.Context, bin, dir string, n int, cfg nodeConfig) (*target, error) {
	base, err := ports.FreeRange(n*netPortStride, netPortStride)
	if err != nil {
		return nil, err
	}
	netDir := filepath.Join(dir, "net")
	out, err := exec.CommandContext(ctx, bin, "testnet", "--validators", strconv.Itoa(n), "--dir", netDir,
		"--port-base", strconv.Itoa(base), "--ledger-interval", cfg.LedgerInterval.String()).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("node testnet: %w\n%s", err, out)
	}
	cfg.Source = fmt.Sprintf("network of %d validators (CometBFT)", n)
	cfg.Validators = n
	cfg.Version = nodeVersion(ctx, bin)
	t := &target{config: cfg}
	var procs []*netProc
	t.stop = func() error {
		errs := make([]error, len(procs))
		var wg sync.WaitGroup
		for i, p := range procs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := stopProcess(p.cmd.Process, p.exited, p.logs); err != nil {
					errs[i] = fmt.Errorf("node%d: %w", i, err)
				}
			}()
		}
		wg.Wait()
		return errors.Join(errs...)
	}
	for i := range n {
		addr := "127.0.0.1:" + strconv.Itoa(base+netPortStride*i+netPortWS)
		// As for one node, the processes are not tied to ctx: stop ends
		// them with SIGTERM, also when the run was cancelled.
		args := []string{"run",
			"--config", filepath.Join(netDir, fmt.Sprintf("node%d", i), "config.toml"),
			"--max-txs-per-ledger", strconv.Itoa(cfg.MaxTxsPerLedger),
			"--log-level", "warn"}
		if cfg.CPUProfiles != "" {
			args = append(args, "--cpuprofile", filepath.Join(cfg.CPUProfiles, fmt.Sprintf("node%d.prof", i)))
		}
		cmd := exec.Command(bin, args...)
		tieToParent(cmd)
		p := &netProc{cmd: cmd, addr: addr, logs: &copyTail{max: 8 << 10}, exited: make(chan error, 1)}
		cmd.Stdout, cmd.Stderr = p.logs, p.logs
		if err := cmd.Start(); err != nil {
			_ = t.stop()
			return nil, fmt.Errorf("start node%d: %w", i, err)
		}
		go func() { p.exited <- cmd.Wait() }()
		procs = append(procs, p)
		t.urls = append(t.urls, "ws://"+addr+"/")
		t.pids = append(t.pids, cmd.Process.Pid)
	}
	for i, p := range procs {
		if err := waitListening(ctx, p.addr, p.exited); err != nil {
			_ = t.stop()
			return nil, fmt.Errorf("node%d did not start: %w\n%s", i, err, p.logs)
		}
	}
	t.url, t.pid = t.urls[0], t.pids[0]
	t.config.URL = t.url
	t.config.URLs = t.urls
	// Every node has validated ledger 2: the validators found each other
	// and agree.
	if err := waitAllLedger(ctx, t.urls, 2, time.Minute); err != nil {
		_ = t.stop()
		return nil, fmt.Errorf("network closes no ledgers: %w", err)
	}
	return t, nil
}

// netProc is one node process of a network.
type netProc struct {
	cmd    *exec.Cmd
	addr   string
	logs   *copyTail
	exited chan error
}

// closedLedger is a node's last validated ledger.
func closedLedger(ctx context.Context, url string) (uint32, error) {
	r, err := dialRPC(url)
	if err != nil {
		return 0, err
	}
	defer r.close()
	res, err := r.call(ctx, map[string]any{"command": "ledger_closed"})
	if err != nil {
		return 0, err
	}
	v, ok := res["ledger_index"].(float64)
	if !ok {
		return 0, fmt.Errorf("ledger_closed: no ledger_index in %v", res)
	}
	return uint32(v), nil
}

// waitAllLedger waits until every node at urls has validated ledger seq.
func waitAllLedger(ctx context.Context, urls []string, seq uint32, within time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	for i, u := range urls {
		for {
			got, err := closedLedger(ctx, u)
			if err == nil && got >= seq {
				break
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("node%d at %s has not validated ledger %d within %s (last: %d, %v)", i, u, seq, within, got, err)
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	return nil
}

// sync waits, on a network, until every node has validated the ledger
// node0 last validated, so that what the setup did through node0 (the
// funding, the tables) is on every node before the timed phase. It does
// nothing for one node.
func (t *target) sync(ctx context.Context) error {
	if len(t.urls) < 2 {
		return nil
	}
	seq, err := closedLedger(ctx, t.url)
	if err != nil {
		return err
	}
	return waitAllLedger(ctx, t.urls, seq, time.Minute)
}

// networkNote says how a network run was driven.
func networkNote(tg *target) string {
	return fmt.Sprintf("The node was a local network of %d CometBFT validators, one process each on 127.0.0.1, all on this machine's cores with the client: the setup (funding, tables) went through node0 and was validated on every node before the timed phase, whose sessions were spread round-robin over the %d nodes; each transaction's latency is to the validate_success of the node it was submitted to. The ledger interval is CometBFT's timeout_commit.", tg.config.Validators, len(tg.urls))
}
