package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"time"

	"github.com/sqledger/sqledger/protocol/tx"
)

// hostileOptions configure the hostile workload.
type hostileOptions struct {
	SlowReaders    int
	GarbageSenders int
	SlowPerAddr    int
	GarbagePerAddr int
	GarbageBytes   int
	// HonestRate is the honest client's transactions per second, half
	// payments and half inserts; InfoRate its server_info calls per
	// second.
	HonestRate float64
	InfoRate   float64
	// Phase is how long the honest client is measured before the attack
	// and again during it.
	Phase time.Duration
	// Ramp bounds the wait for every attacker to connect once.
	Ramp time.Duration
}

// maxOpenFiles is the descriptors the bench process may hold, with room
// under this machine's limit of 20,000 for the honest client, the
// setup's sessions and the process's own files.
const maxOpenFiles = 19_000

func defaultHostileOptions() hostileOptions {
	return hostileOptions{SlowReaders: 3000, GarbageSenders: 1000, SlowPerAddr: 100, GarbagePerAddr: 10,
		GarbageBytes: 2 << 20, HonestRate: 20, InfoRate: 20, Phase: 15 * time.Second, Ramp: time.Minute}
}

func hostileFlags(fs *flag.FlagSet, o *options) {
	h := &o.Hostile
	fs.IntVar(&h.SlowReaders, "slow-readers", h.SlowReaders, "attackers that subscribe to the ledger and transactions streams and never read")
	fs.IntVar(&h.GarbageSenders, "garbage-senders", h.GarbageSenders, "attackers that send non-JSON, large, deeply nested, binary and invalid UTF-8 frames in a loop")
	fs.IntVar(&h.SlowPerAddr, "slow-per-addr", h.SlowPerAddr, "slow readers per source address (127.0.2.1, 127.0.2.2, …)")
	fs.IntVar(&h.GarbagePerAddr, "garbage-per-addr", h.GarbagePerAddr, "garbage senders per source address (127.0.10.1, 127.0.10.2, …)")
	fs.IntVar(&h.GarbageBytes, "garbage-bytes", h.GarbageBytes, "size of the large garbage frame (bytes 0x01)")
	fs.Float64Var(&h.HonestRate, "honest-rate", h.HonestRate, "the honest client's transactions per second (half payments, half inserts), open loop")
	fs.Float64Var(&h.InfoRate, "info-rate", h.InfoRate, "the honest client's server_info calls per second")
	fs.DurationVar(&h.Phase, "phase", h.Phase, "how long the honest client is measured before the attack, and again during it")
	fs.DurationVar(&h.Ramp, "ramp", h.Ramp, "bound on the wait for every attacker to connect once")
}

func (h *hostileOptions) validate() error {
	switch {
	case h.SlowReaders < 0 || h.GarbageSenders < 0:
		return fmt.Errorf("%w: --slow-readers and --garbage-senders must not be negative", errBadOption)
	case h.SlowPerAddr <= 0 || h.GarbagePerAddr <= 0 || h.GarbageBytes <= 0:
		return fmt.Errorf("%w: --slow-per-addr, --garbage-per-addr and --garbage-bytes must be positive", errBadOption)
	case h.HonestRate <= 0 || h.InfoRate <= 0 || h.Phase <= 0 || h.Ramp <= 0:
		return fmt.Errorf("%w: --honest-rate, --info-rate, --phase and --ramp must be positive", errBadOption)
	case h.SlowReaders+h.GarbageSenders > maxOpenFiles:
		return fmt.Errorf("%w: %d attackers: the bench process holds one socket each, and the node as many; keep them under %d (the open-file limit is 20,000)",
			errBadOption, h.SlowReaders+h.GarbageSenders, maxOpenFiles)
	case (h.SlowReaders+h.SlowPerAddr-1)/h.SlowPerAddr > maxAttackAddrs || (h.GarbageSenders+h.GarbagePerAddr-1)/h.GarbagePerAddr > maxAttackAddrs:
		return fmt.Errorf("%w: each kind of attacker may use at most %d source addresses; raise --slow-per-addr or --garbage-per-addr", errBadOption, maxAttackAddrs)
	}
	return nil
}

// hostileAdmin is the admin network of the node the workload starts:
// 127.0.0.1 only, where the setup runs, so that the honest client and
// the attackers, on other loopback addresses, are not admins and meet
// every limit that applies to the public.
const hostileAdmin = "127.0.0.1/32"

// runHostile measures an honest client before and during an attack of
// slow readers and garbage senders.
func runHostile(ctx context.Context, e *env) (*Report, error) {
	e.opts.Node.Admin = []string{hostileAdmin}
	return onTarget(ctx, e, "hostile", hostileOn)
}

// hostileAccounts are the honest client's: a payer and an inserter for
// each phase, so that a phase's refusals cannot leave a gap in the
// sequences of the next, and the owner of the table they insert into.
type hostileAccounts struct {
	payers, inserters []*account
	owner             *account
}

func hostileOn(ctx context.Context, e *env, tg *target) (*Report, error) {
	h := e.opts.Hostile
	perPhase := int(math.Ceil(h.HonestRate / 2 * h.Phase.Seconds()))
	accts, err := deriveAccounts(ctx, "sqledger-bench-hostile-", 4)
	if err != nil {
		return nil, err
	}
	owners, err := deriveAccounts(ctx, "sqledger-bench-hostile-owner-", 1)
	if err != nil {
		return nil, err
	}
	ha := hostileAccounts{payers: accts[:2], inserters: accts[2:], owner: owners[0]}
	fees, err := readFees(ctx, tg.url)
	if err != nil {
		return nil, err
	}
	need := int64(perPhase)*max(paymentDrops+paymentFee, fees.fee(len(insertRaw(ha.owner.kp.AccountID().String(), 0, 1)))) + fees.fee(len(benchColumns)) + 2*fees.fee(len(grantRaw))
	if err := fund(ctx, e, tg, append(append([]*account{}, accts...), ha.owner), need+fundingMargin); err != nil {
		return nil, err
	}
	tables, err := createTables(ctx, e, tg.url, fees, owners, []string{tableName("hostile", time.Now().Unix(), 0)})
	if err != nil {
		return nil, err
	}
	if err := grantInserts(ctx, e, tg.url, fees, tables, [][]*account{ha.inserters}); err != nil {
		return nil, err
	}
	e.progress.phase("signing %d payments and %d inserts for each phase", perPhase, perPhase)
	phases, err := signHonest(ctx, tg.url, ha, tables[0], fees, perPhase)
	if err != nil {
		return nil, err
	}

	res := &hostileResult{Options: h, Interval: Duration(tg.config.LedgerInterval)}
	e.progress.phase("before the attack: %s honest tx/s and %s server_info/s for %s", formatRate(h.HonestRate), formatRate(h.InfoRate), h.Phase)
	res.Before = runHonest(ctx, tg, phases[0], h.HonestRate, h.InfoRate, h.Phase)

	e.progress.phase("starting the attack: %d slow readers, %d garbage senders", h.SlowReaders, h.GarbageSenders)
	a := newAttack(tg.url, h)
	usage := startTargetUsage(tg)
	a.start(ctx)
	rampStart := time.Now()
	rampErr := a.waitStarted(ctx, h.Ramp)
	res.RampSeconds = time.Since(rampStart).Seconds()
	if rampErr != nil {
		res.RampError = rampErr.Error()
	}
	e.progress.phase("during the attack: the same honest client for %s", h.Phase)
	res.During = runHonest(ctx, tg, phases[1], h.HonestRate, h.InfoRate, h.Phase)
	a.stop()
	res.Usage = usage.stop()
	res.Opened = [2]int64{a.opened[slowIdx].Load(), a.opened[garbageIdx].Load()}
	res.Ended = a.endings()
	res.Lifetimes = a.sessionLifetimes()
	if tg.pid > 0 {
		res.PeakRSSBytes, _ = peakResidentBytes(tg.pid)
	}
	res.finish()
	cfg := tg.config
	return &Report{Node: &cfg, Result: res, Notes: hostileNotes(res, tg)}, nil
}

// signHonest signs each phase's honest transactions: lanes of the payer's
// payments (to the table owner) and the inserter's one-row inserts, with
// row ids that no other insert of the run uses.
func signHonest(ctx context.Context, url string, ha hostileAccounts, tbl *benchTable, fees feeSchedule, n int) ([2][]*lane, error) {
	var out [2][]*lane
	if err := readSequences(ctx, url, append(append([]*account{}, ha.payers...), ha.inserters...)); err != nil {
		return out, err
	}
	for p := range out {
		payer, ins := ha.payers[p], ha.inserters[p]
		ps := make([]payment, n)
		ts := make([]tableTx, n)
		for k := range n {
			ps[k] = payment{from: payer.kp, to: ha.owner.kp.AccountID(), seq: payer.seq + uint32(k), drops: paymentDrops}
			raw := insertRaw(ins.kp.AccountID().String(), p*n+k, 1)
			ts[k] = tableTx{from: ins.kp, seq: ins.seq + uint32(k), fee: fees.fee(len(raw)), op: tx.OpInsert, table: tbl, raw: raw}
		}
		pays, err := signAll(ctx, ps, nil)
		if err != nil {
			return out, err
		}
		inserts, err := signTableTxs(ctx, ts, nil)
		if err != nil {
			return out, err
		}
		out[p] = []*lane{newLane(pays), newLane(inserts)}
	}
	return out, nil
}
