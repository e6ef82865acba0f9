package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/sqledger/sqledger/internal/cpuprofile"
)

// paymentOptions configure the payments workload.
type paymentOptions struct {
	Sessions int
	Accounts int
	Count    int
	Duration time.Duration
	Rate     float64
	Window   int
}

func defaultPaymentOptions() paymentOptions {
	return paymentOptions{Sessions: 100, Accounts: 1000, Count: 100_000, Duration: time.Minute, Window: 100}
}

func paymentFlags(fs *flag.FlagSet, o *options) {
	p := &o.Payments
	fs.IntVar(&p.Sessions, "sessions", p.Sessions, "WebSocket sessions submitting payments")
	fs.IntVar(&p.Accounts, "accounts", p.Accounts, "sending accounts, funded before the timed phase (each is used by one session)")
	fs.IntVar(&p.Count, "count", p.Count, "payments to submit (all signed before the timed phase)")
	fs.DurationVar(&p.Duration, "duration", p.Duration, "bound on the timed phase's sending")
	fs.Float64Var(&p.Rate, "rate", p.Rate, "open loop: total payments per second to offer; 0 is closed loop at full speed")
	fs.IntVar(&p.Window, "window", p.Window, "closed loop: payments in flight per session")
}

func (p *paymentOptions) validate() error {
	switch {
	case p.Sessions <= 0 || p.Accounts <= 0 || p.Count <= 0 || p.Window <= 0:
		return fmt.Errorf("%w: --sessions, --accounts, --count and --window must be positive", errBadOption)
	case p.Accounts < p.Sessions:
		return fmt.Errorf("%w: --accounts (%d) must be at least --sessions (%d): an account belongs to one session", errBadOption, p.Accounts, p.Sessions)
	case p.Duration <= 0 || p.Rate < 0:
		return fmt.Errorf("%w: --duration must be positive and --rate not negative", errBadOption)
	}
	return nil
}

// runPayments funds the accounts, signs every payment, then submits them
// over the sessions and reports what the node validated and how fast.
func runPayments(ctx context.Context, e *env) (*Report, error) {
	return onTarget(ctx, e, "payments", paymentsOn)
}

func paymentsOn(ctx context.Context, e *env, tg *target) (*Report, error) {
	p := e.opts.Payments
	e.progress.phase("deriving %d accounts", p.Accounts)
	accts, err := benchAccounts(ctx, p.Accounts)
	if err != nil {
		return nil, err
	}
	fundStart := time.Now()
	if err := fund(ctx, e, tg, accts, fundingDrops(p)); err != nil {
		return nil, err
	}
	fundTime := time.Since(fundStart)

	signStart := time.Now()
	lanes, err := signPayments(ctx, e, tg.url, accts)
	if err != nil {
		return nil, err
	}
	signTime := time.Since(signStart)

	if err := tg.sync(ctx); err != nil {
		return nil, err
	}
	mon, err := startLedgerMonitor(ctx, tg.url)
	if err != nil {
		return nil, err
	}
	bar := e.progress.bar(int64(p.Count), "payments resolved", "tx")
	cfg := engineConfig{url: tg.url, urls: tg.sessionURLs(), rate: p.Rate, window: p.Window, duration: p.Duration,
		drain: drainTime(tg.config.LedgerInterval), onDone: func() { bar.add(1) }}
	eng := newEngine(cfg, lanes)
	mode := fmt.Sprintf("closed loop, %d in flight per session", p.Window)
	if p.Rate > 0 {
		mode = fmt.Sprintf("open loop at %s tx/s", formatRate(p.Rate))
	}
	e.progress.phase("timed phase: %s payments over %d sessions, %s", formatCount(int64(p.Count)), p.Sessions, mode)

	usage := startTargetUsage(tg)
	stopProfile, err := cpuprofile.Start(e.opts.CPUProfile)
	if err != nil {
		mon.c.close()
		return nil, err
	}
	runErr := eng.run(ctx)
	stopProfile()
	used := usage.stop()
	bar.finish()
	ledgers := mon.stats(eng.start, time.Now())
	if runErr != nil {
		return nil, runErr
	}
	totals := eng.totals()
	res := &paymentsResult{
		Sessions: p.Sessions, Accounts: p.Accounts, Count: p.Count, Mode: mode, Rate: p.Rate,
		Totals: totals, Ledgers: ledgers, Usage: used,
		FundSeconds: fundTime.Seconds(), SignSeconds: signTime.Seconds(),
	}
	cfgCopy := tg.config
	rep := &Report{Node: &cfgCopy, Result: res, Panels: totals.panels(tg.config.LedgerInterval)}
	rep.Notes = paymentNotes(res, tg)
	return rep, nil
}

// fundingDrops is what each account gets: enough for its share of the
// payments and their fees, and the reserve, with room to spare.
func fundingDrops(p paymentOptions) int64 {
	per := int64(p.Count/p.Accounts + 1)
	return 10*per*(paymentDrops+paymentFee) + 100_000_000
}

// drainTime is how long the engine waits for transactions in flight once
// sending has stopped: a few ledger intervals.
func drainTime(interval time.Duration) time.Duration {
	return max(10*time.Second, 5*interval)
}

// signPayments signs every payment of the timed phase and builds the
// lanes: session s owns accounts s, s+S, s+2S, …, sends in turn from each
// of them, and each account pays the next account.
func signPayments(ctx context.Context, e *env, url string, accts []*account) ([]*lane, error) {
	p := e.opts.Payments
	if err := readSequences(ctx, url, accts); err != nil {
		return nil, err
	}
	owned := make([][]int, p.Sessions)
	for a := range accts {
		owned[a%p.Sessions] = append(owned[a%p.Sessions], a)
	}
	perLane := make([][]payment, p.Sessions)
	for k := range p.Count {
		s := k % p.Sessions
		n := len(perLane[s])
		a := owned[s][n%len(owned[s])]
		from := accts[a]
		perLane[s] = append(perLane[s], payment{from: from.kp, to: accts[(a+1)%len(accts)].kp.AccountID(), seq: from.seq, drops: paymentDrops})
		from.seq++
	}
	var all []payment
	for _, ps := range perLane {
		all = append(all, ps...)
	}
	e.progress.phase("signing %s payments on every core", formatCount(int64(len(all))))
	bar := e.progress.bar(int64(len(all)), "signing", "tx")
	signed, err := signAll(ctx, all, func() { bar.add(1) })
	bar.finish()
	if err != nil {
		return nil, err
	}
	lanes := make([]*lane, p.Sessions)
	off := 0
	for s, ps := range perLane {
		lanes[s] = newLane(signed[off : off+len(ps)])
		off += len(ps)
	}
	return lanes, nil
}

// readSequences sets each account's next sequence from the node (they
// are 1 on a new chain, more on a node that ran bench before).
func readSequences(ctx context.Context, url string, accts []*account) error {
	r, err := dialRPC(url)
	if err != nil {
		return err
	}
	defer r.close()
	for i, a := range accts {
		seq, ok, err := r.nextSequence(ctx, a.kp.AccountID().String())
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("account %d (%s) does not exist after funding", i, a.kp.AccountID())
		}
		a.seq = seq
	}
	return nil
}
