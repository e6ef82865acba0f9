package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"runtime"
	"time"

	"github.com/sqledger/sqledger/internal/cpuprofile"
)

// sessionOptions configure the sessions workload.
type sessionOptions struct {
	Sessions  int
	PerAddr   int
	Ledgers   int
	Heartbeat time.Duration
	Push      string
}

func defaultSessionOptions() sessionOptions {
	return sessionOptions{Sessions: 10_000, PerAddr: 5_000, Ledgers: 10, Heartbeat: 5 * time.Second, Push: defaultPush}
}

func sessionFlags(fs *flag.FlagSet, o *options) {
	s := &o.Sessions
	fs.IntVar(&s.Sessions, "sessions", s.Sessions, "idle sessions to open")
	fs.IntVar(&s.PerAddr, "per-addr", s.PerAddr, "sessions per source address (127.0.0.1, 127.0.0.2, …)")
	fs.IntVar(&s.Ledgers, "ledgers", s.Ledgers, "ledgers to close, and pushes to time, while the sessions are open")
	fs.DurationVar(&s.Heartbeat, "heartbeat", s.Heartbeat, "how often each session heartbeats")
	fs.StringVar(&s.Push, "push", s.Push, `push to time: "ledger" (ChainSQL ledger stream, ping heartbeats) or "nkn" (updateSigChainBlockHash, NKN heartbeats)`)
}

func (s *sessionOptions) validate() error {
	if _, ok := pushModes[s.Push]; !ok {
		return fmt.Errorf("%w: --push must be ledger or nkn, not %q", errBadOption, s.Push)
	}
	if s.Sessions <= 0 || s.PerAddr <= 0 || s.Ledgers <= 0 || s.Heartbeat <= 0 {
		return fmt.Errorf("%w: --sessions, --per-addr, --ledgers and --heartbeat must be positive", errBadOption)
	}
	if s.PerAddr > 28_000 {
		return fmt.Errorf("%w: --per-addr %d exceeds the ephemeral ports of one address", errBadOption, s.PerAddr)
	}
	return nil
}

// pushWait bounds the wait for one push to appear and to reach every
// session.
const pushWait = 10 * time.Second

// runSessions opens the idle sessions, closes ledgers while they
// heartbeat, and reports the node's memory per session and the push
// delivery times.
func runSessions(ctx context.Context, e *env) (*Report, error) {
	return onTarget(ctx, e, "sessions", sessionsOn)
}

func sessionsOn(ctx context.Context, e *env, tg *target) (*Report, error) {
	o := e.opts.Sessions
	driver, err := newLedgerDriver(ctx, tg.url, o.Ledgers)
	if err != nil {
		return nil, err
	}
	defer driver.close()
	res := &sessionsResult{Requested: o.Sessions, PerAddr: o.PerAddr, Push: o.Push, Heartbeat: Duration(o.Heartbeat)}
	settle(tg.pid)
	res.RSSBefore = rss(tg.pid)

	pool := &idlePool{mode: pushModes[o.Push], expect: o.Ledgers}
	e.progress.phase("opening %s sessions, %d per source address", formatCount(int64(o.Sessions)), o.PerAddr)
	bar := e.progress.bar(int64(o.Sessions), "sessions", "sessions")
	connStart := time.Now()
	failed, firstErr := pool.connect(ctx, tg.url, o.Sessions, o.PerAddr, func() { bar.add(1) })
	bar.finish()
	res.ConnectSeconds = time.Since(connStart).Seconds()
	res.DialFailed = failed
	if firstErr != nil {
		res.FirstDialError = firstErr.Error()
	}
	defer pool.closeAll()
	if err := waitReady(ctx, pool, o.Sessions-failed); err != nil {
		return nil, err
	}
	settle(tg.pid)
	res.RSSHeld = rss(tg.pid)
	res.HeldBefore = pool.open()

	// The client's own garbage, not the node, would otherwise set the
	// p99: a collection of its 19,000 connections' heap takes about 90
	// ms of both cores and falls in about one push of ten, a tenth of
	// all deliveries. Collected now, the next one comes after the timed
	// pushes (as testing.B collects before it times).
	runtime.GC()
	hbCtx, stopHB := context.WithCancel(ctx)
	hbDone := make(chan struct{})
	go func() { defer close(hbDone); pool.heartbeat(hbCtx, o.Heartbeat) }()
	pool.start = time.Now()
	e.progress.phase("closing %d ledgers while the sessions heartbeat every %s", o.Ledgers, o.Heartbeat)
	lbar := e.progress.bar(int64(o.Ledgers), "ledgers", "ledgers")
	stopProfile, err := cpuprofile.Start(e.opts.CPUProfile)
	if err != nil {
		stopHB()
		<-hbDone
		return nil, err
	}
	err = driver.closeLedgers(ctx, pool, res.HeldBefore, func() { lbar.add(1) })
	stopProfile()
	lbar.finish()
	stopHB()
	<-hbDone
	if err != nil {
		return nil, err
	}
	res.RSSAfter = rss(tg.pid)
	res.Held = pool.open()
	res.HeartbeatsSent, res.HeartbeatsAnswered = pool.sent.Load(), pool.answered.Load()
	pool.closeAll()
	res.summarize(pool)
	cfg := tg.config
	rep := &Report{Node: &cfg, Result: res, Panels: res.panels(pool)}
	rep.Notes = sessionNotes(res, tg)
	return rep, nil
}

// waitReady waits until want sessions have answered their setup (a
// subscription), when the mode has one.
func waitReady(ctx context.Context, p *idlePool, want int) error {
	if p.mode.setup == nil {
		return nil
	}
	deadline := time.Now().Add(30 * time.Second)
	for p.ready.Load() < int64(want) {
		if n := p.ceiling.Load(); n > 0 && p.ready.Load()+n >= int64(want) {
			return fmt.Errorf("%d of %d sessions were refused at the node's session ceiling (max_sessions, 19,000 by default; the bench's ledger driver holds one session too): ask for fewer sessions or raise max_sessions", n, want)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d of %d sessions answered their subscription within 30 s (%d refused at the node's session ceiling)", p.ready.Load(), want, p.ceiling.Load())
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
	return nil
}

// settle gives a node a moment to finish what it was doing before its
// memory is read.
func settle(pid int) {
	if pid > 0 {
		time.Sleep(time.Second)
	}
}

// rss is a process's resident memory, 0 when unknown.
func rss(pid int) uint64 {
	if pid <= 0 {
		return 0
	}
	n, err := residentBytes(pid)
	if err != nil {
		return 0
	}
	return n
}

// errNoPush is a ledger whose push did not arrive.
var errNoPush = errors.New("no push arrived")
