package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// target is the node a workload drives: its URL, its process when known
// (for memory and CPU figures) and how to stop it.
type target struct {
	url    string
	pid    int // 0 when unknown
	config nodeConfig
	stop   func() error
	// urls and pids are every node's of a network (--network); nil for
	// one node.
	urls []string
	pids []int
}

// sessionURLs are the URLs the timed phase spreads its sessions over,
// round-robin: every node's of a network, else the one node's.
func (t *target) sessionURLs() []string {
	if len(t.urls) > 0 {
		return t.urls
	}
	return []string{t.url}
}

// nodePIDs are the node processes to measure.
func (t *target) nodePIDs() []int {
	if len(t.pids) > 0 {
		return t.pids
	}
	return []int{t.pid}
}

// startTarget gives the workload its node: the one at --url, one in this
// process (--inprocess), or a node binary started as a subprocess on a
// temporary data directory and a free loopback port. dir holds the
// temporary files; the caller removes it after stop.
func startTarget(ctx context.Context, e *env, dir string) (*target, error) {
	o := e.opts
	cfg := o.Node
	switch {
	case o.URL != "":
		cfg.Source, cfg.URL = "external", o.URL
		return &target{url: o.URL, pid: o.NodePID, config: cfg, stop: func() error { return nil }}, nil
	case o.InProcess:
		return startInProcess(filepath.Join(dir, "data"), cfg)
	}
	bin, err := nodeBinary(ctx, e, dir)
	if err != nil {
		return nil, err
	}
	if o.Network > 0 {
		e.progress.phase("starting a network of %d validators", o.Network)
		return startNetwork(ctx, bin, dir, o.Network, cfg)
	}
	return startSubprocess(ctx, bin, filepath.Join(dir, "data"), cfg)
}

// nodeBinary is --node, or ./cmd/node built into dir.
func nodeBinary(ctx context.Context, e *env, dir string) (string, error) {
	if e.opts.NodeBinary != "" {
		return e.opts.NodeBinary, nil
	}
	root, err := moduleRoot(ctx)
	if err != nil {
		return "", err
	}
	e.progress.phase("building ./cmd/node")
	return buildNode(ctx, root, dir)
}

// buildNode builds ./cmd/node of the module at root into dir.
func buildNode(ctx context.Context, root, dir string) (string, error) {
	bin := filepath.Join(dir, "node")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/node")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build ./cmd/node: %w\n%s", err, out)
	}
	return bin, nil
}

// startSubprocess starts bin on dataDir with a WebSocket listener on a
// free loopback port and waits until it accepts connections.
func startSubprocess(ctx context.Context, bin, dataDir string, cfg nodeConfig) (*target, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cfg.Source, cfg.URL = "subprocess", "ws://"+addr+"/"
	cfg.Version = nodeVersion(ctx, bin)
	// The node is not tied to ctx: it is stopped with SIGTERM by stop,
	// so that it shuts down cleanly even when the run was cancelled.
	args := []string{"run",
		"--data-dir", dataDir,
		"--ws", addr,
		"--ledger-interval", cfg.LedgerInterval.String(),
		"--max-txs-per-ledger", strconv.Itoa(cfg.MaxTxsPerLedger),
		"--log-level", "warn",
		// No JSON-RPC listener: its default port would keep two runs, or
		// a run beside a node, from starting.
		"--rpc-http", ""}
	if cfg.Store == storePostgres {
		args = append(args, "--sql-store", "postgres", "--sql-dsn", cfg.SQLDSN)
	}
	if cfg.MaxPendingTxs > 0 {
		args = append(args, "--max-pending-txs", strconv.Itoa(cfg.MaxPendingTxs))
	}
	for _, a := range cfg.Admin {
		args = append(args, "--admin", a)
	}
	cmd := exec.Command(bin, args...)
	tieToParent(cmd)
	logs := &copyTail{max: 8 << 10}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start node: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t := &target{url: cfg.URL, pid: cmd.Process.Pid, config: cfg}
	t.stop = func() error { return stopProcess(cmd.Process, exited, logs) }
	if err := waitListening(ctx, addr, exited); err != nil {
		_ = t.stop()
		return nil, fmt.Errorf("node did not start: %w\n%s", err, logs)
	}
	return t, nil
}

// stopProcess sends SIGTERM and waits for the exit, killing the process
// if it has not exited within 15 s.
func stopProcess(p *os.Process, exited <-chan error, logs *copyTail) error {
	if err := p.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("stop node: %w", err)
	}
	select {
	case err := <-exited:
		if err != nil {
			return fmt.Errorf("node exited with %w\n%s", err, logs)
		}
		return nil
	case <-time.After(15 * time.Second):
		_ = p.Kill()
		<-exited
		return fmt.Errorf("node did not stop within 15 s of SIGTERM and was killed\n%s", logs)
	}
}

// waitListening polls addr until it accepts a TCP connection from
// another socket, the node exits, or 30 s pass.
func waitListening(ctx context.Context, addr string, exited <-chan error) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			self := selfConnected(c)
			if cerr := c.Close(); cerr != nil || !self {
				return cerr
			}
			// Linux connects a socket to itself when the kernel picks
			// the very port dialled as the local one and nothing
			// listens there yet (TCP simultaneous open): not the node.
			err = errors.New("connected to itself: nothing listening yet")
		}
		select {
		case err := <-exited:
			return fmt.Errorf("node exited: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("nothing listening on %s after 30 s: %w", addr, err)
		}
	}
}

// selfConnected reports whether c is a socket connected to itself.
func selfConnected(c net.Conn) bool {
	return c.LocalAddr().String() == c.RemoteAddr().String()
}

// freePort asks the kernel for a free loopback port. Another process may
// take it before the node binds it; the node then fails to start and the
// error says so.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// nodeVersion is what `node version` prints, or "" if it fails.
func nodeVersion(ctx context.Context, bin string) string {
	out, err := exec.CommandContext(ctx, bin, "version").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// onTarget runs a workload against the node bench starts (or --url's) on
// a temporary data directory, and stops the node afterwards.
func onTarget(ctx context.Context, e *env, name string, run func(context.Context, *env, *target) (*Report, error)) (rep *Report, err error) {
	dir, err := os.MkdirTemp("", "sqledger-bench-"+name+"-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	removeStore, err := withStore(&e.opts.Node)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, removeStore()) }()
	tg, err := startTarget(ctx, e, dir)
	if err != nil {
		return nil, err
	}
	rep, err = run(ctx, e, tg)
	if stopErr := tg.stop(); err == nil && stopErr != nil {
		err = stopErr
	}
	return rep, err
}
