package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/sqledger/sqledger/internal/cpuprofile"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/tx"
)

// insertOptions configure the inserts workload.
type insertOptions struct {
	Sessions  int
	Accounts  int
	Tables    int
	Count     int
	RowsPerTx int
	Duration  time.Duration
	Rate      float64
	Window    int
}

// maxRowsPerTx bounds --rows-per-tx: a Raw of 1,000 rows is about
// 120 KB, its submit frame twice that in hex, well inside the node's
// 4 MiB frame limit.
const maxRowsPerTx = 1000

func defaultInsertOptions() insertOptions {
	return insertOptions{Sessions: 100, Accounts: 1000, Tables: 4, Count: 100_000, RowsPerTx: 1, Duration: time.Minute, Window: 100}
}

func insertFlags(fs *flag.FlagSet, o *options) {
	p := &o.Inserts
	fs.IntVar(&p.Sessions, "sessions", p.Sessions, "WebSocket sessions submitting inserts")
	fs.IntVar(&p.Accounts, "accounts", p.Accounts, "sending accounts, funded and granted before the timed phase (each is used by one session)")
	fs.IntVar(&p.Tables, "tables", p.Tables, "tables the accounts share (account a inserts into table a mod tables), created before the timed phase")
	fs.IntVar(&p.Count, "count", p.Count, "SQLStatement inserts to submit (all signed before the timed phase)")
	fs.IntVar(&p.RowsPerTx, "rows-per-tx", p.RowsPerTx, "rows in each insert")
	fs.DurationVar(&p.Duration, "duration", p.Duration, "bound on the timed phase's sending")
	fs.Float64Var(&p.Rate, "rate", p.Rate, "open loop: total inserts (transactions) per second to offer; 0 is closed loop at full speed")
	fs.IntVar(&p.Window, "window", p.Window, "closed loop: inserts in flight per session")
}

func (p *insertOptions) validate() error {
	switch {
	case p.Sessions <= 0 || p.Accounts <= 0 || p.Tables <= 0 || p.Count <= 0 || p.Window <= 0:
		return fmt.Errorf("%w: --sessions, --accounts, --tables, --count and --window must be positive", errBadOption)
	case p.Accounts < p.Sessions:
		return fmt.Errorf("%w: --accounts (%d) must be at least --sessions (%d): an account belongs to one session", errBadOption, p.Accounts, p.Sessions)
	case (p.Accounts+p.Tables-1)/p.Tables > ledger.MaxGrants:
		return fmt.Errorf("%w: %d accounts over %d tables is more than the %d grants a table holds; add --tables", errBadOption, p.Accounts, p.Tables, ledger.MaxGrants)
	case p.RowsPerTx <= 0 || p.RowsPerTx > maxRowsPerTx:
		return fmt.Errorf("%w: --rows-per-tx must be within 1 to %d", errBadOption, maxRowsPerTx)
	case p.Duration <= 0 || p.Rate < 0:
		return fmt.Errorf("%w: --duration must be positive and --rate not negative", errBadOption)
	}
	return nil
}

// runInserts creates the tables, funds and grants the senders, signs
// every insert, then submits them over the sessions and reports what
// reached the SQL store and how fast.
func runInserts(ctx context.Context, e *env) (*Report, error) {
	return onTarget(ctx, e, "inserts", insertsOn)
}

func insertsOn(ctx context.Context, e *env, tg *target) (*Report, error) {
	p := e.opts.Inserts
	e.progress.phase("deriving %d accounts and %d table owners", p.Accounts, p.Tables)
	senders, err := benchAccounts(ctx, p.Accounts)
	if err != nil {
		return nil, err
	}
	owners, err := ownerAccounts(ctx, p.Tables)
	if err != nil {
		return nil, err
	}
	fees, err := readFees(ctx, tg.url)
	if err != nil {
		return nil, err
	}
	plan := planInserts(p, senders, fees)

	setupStart := time.Now()
	need := max(plan.maxFees, ownerFees(fees, p.Accounts, p.Tables))
	if err := fund(ctx, e, tg, append(append([]*account{}, senders...), owners...), need+fundingMargin); err != nil {
		return nil, err
	}
	tag := time.Now().Unix()
	names := make([]string, p.Tables)
	for i := range names {
		names[i] = tableName("inserts", tag, i)
	}
	tables, err := createTables(ctx, e, tg.url, fees, owners, names)
	if err != nil {
		return nil, err
	}
	users := make([][]*account, p.Tables)
	for a, s := range senders {
		users[a%p.Tables] = append(users[a%p.Tables], s)
	}
	if err := grantInserts(ctx, e, tg.url, fees, tables, users); err != nil {
		return nil, err
	}
	setupTime := time.Since(setupStart)

	signStart := time.Now()
	lanes, err := plan.sign(ctx, e, tg.url, senders, tables)
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
	bar := e.progress.bar(int64(p.Count), "inserts resolved", "tx")
	cfg := engineConfig{url: tg.url, urls: tg.sessionURLs(), rate: p.Rate, window: p.Window, duration: p.Duration, waitDB: true,
		drain: drainTime(tg.config.LedgerInterval), onDone: func() { bar.add(1) }}
	eng := newEngine(cfg, lanes)
	mode := fmt.Sprintf("closed loop, %d in flight per session", p.Window)
	if p.Rate > 0 {
		mode = fmt.Sprintf("open loop at %s tx/s", formatRate(p.Rate))
	}
	e.progress.phase("timed phase: %s inserts of %d rows over %d sessions into %d tables, %s",
		formatCount(int64(p.Count)), p.RowsPerTx, p.Sessions, p.Tables, mode)

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
	stored, counted, err := countAllRows(ctx, tg.url, tables)
	if err != nil {
		return nil, err
	}
	res := &insertsResult{
		Sessions: p.Sessions, Accounts: p.Accounts, Tables: p.Tables, Count: p.Count, RowsPerTx: p.RowsPerTx,
		Mode: mode, Rate: p.Rate, Totals: totals, Ledgers: ledgers, Usage: used,
		SetupSeconds: setupTime.Seconds(), SignSeconds: signTime.Seconds(),
	}
	if counted {
		res.StoredRows = &stored
	}
	res.finish(tg.config.LedgerInterval)
	cfgCopy := tg.config
	rep := &Report{Node: &cfgCopy, Result: res, Panels: res.panels(tg.config.LedgerInterval)}
	rep.Notes = insertNotes(res, tg)
	return rep, nil
}

// fundingMargin is what every funded account gets beyond its fees: the
// account reserve, the reserve of the tables an owner holds, and room
// to spare (100 ZXC).
const fundingMargin = 100_000_000

// ownerFees is what a table's owner pays: the create and one grant per
// account it serves.
func ownerFees(fees feeSchedule, accounts, tables int) int64 {
	grants := int64((accounts + tables - 1) / tables)
	return fees.fee(len(benchColumns)) + grants*fees.fee(len(grantRaw))
}

// insertPlan is every insert of the timed phase before it is signed:
// which account sends it on which session, into which table, with which
// rows and fee.
type insertPlan struct {
	perLane [][]tableTx
	// account[l][i] is the sender of perLane[l][i], by index.
	account [][]int
	// maxFees is the most that one sender pays in fees.
	maxFees int64
}

// planInserts lays the inserts out as the payments workload lays out
// payments: session s owns accounts s, s+S, s+2S, … and sends from them
// in turn; account a inserts into table a mod T. Insert k holds rows
// k·R … k·R+R-1, so that no two rows share a primary key.
func planInserts(p insertOptions, senders []*account, fees feeSchedule) *insertPlan {
	owned := make([][]int, p.Sessions)
	for a := range senders {
		owned[a%p.Sessions] = append(owned[a%p.Sessions], a)
	}
	plan := &insertPlan{perLane: make([][]tableTx, p.Sessions), account: make([][]int, p.Sessions)}
	paid := make([]int64, len(senders))
	for k := range p.Count {
		s := k % p.Sessions
		a := owned[s][len(plan.perLane[s])%len(owned[s])]
		raw := insertRaw(senders[a].kp.AccountID().String(), k*p.RowsPerTx, p.RowsPerTx)
		fee := fees.fee(len(raw))
		paid[a] += fee
		plan.perLane[s] = append(plan.perLane[s], tableTx{from: senders[a].kp, fee: fee, op: tx.OpInsert, raw: raw})
		plan.account[s] = append(plan.account[s], a)
	}
	for _, f := range paid {
		plan.maxFees = max(plan.maxFees, f)
	}
	return plan
}

// sign gives each insert its sender's next sequence and its table, signs
// them all and builds the lanes.
func (plan *insertPlan) sign(ctx context.Context, e *env, url string, senders []*account, tables []*benchTable) ([]*lane, error) {
	if err := readSequences(ctx, url, senders); err != nil {
		return nil, err
	}
	var all []tableTx
	for l, txs := range plan.perLane {
		for i := range txs {
			a := plan.account[l][i]
			txs[i].seq = senders[a].seq
			txs[i].table = tables[a%len(tables)]
			senders[a].seq++
		}
		all = append(all, txs...)
	}
	e.progress.phase("signing %s inserts on every core", formatCount(int64(len(all))))
	bar := e.progress.bar(int64(len(all)), "signing", "tx")
	signed, err := signTableTxs(ctx, all, func() { bar.add(1) })
	bar.finish()
	if err != nil {
		return nil, err
	}
	lanes := make([]*lane, len(plan.perLane))
	off := 0
	for l, txs := range plan.perLane {
		lanes[l] = newLane(signed[off : off+len(txs)])
		off += len(txs)
	}
	return lanes, nil
}
