package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/sqledger/sqledger/internal/cpuprofile"
	"github.com/sqledger/sqledger/protocol/tx"
)

// queryOptions configure the queries workload.
type queryOptions struct {
	Sessions int
	Window   int
	Rows     int
	Count    int
	Duration time.Duration
	Kinds    string
}

// prefillRowsPerTx is how many rows each insert that fills the queried
// table holds.
const prefillRowsPerTx = 100

func defaultQueryOptions() queryOptions {
	return queryOptions{Sessions: 100, Window: 1, Rows: 10_000, Count: 1_000_000, Duration: 30 * time.Second, Kinds: kindNames()}
}

func queryFlags(fs *flag.FlagSet, o *options) {
	q := &o.Queries
	fs.IntVar(&q.Sessions, "sessions", q.Sessions, "WebSocket sessions issuing queries")
	fs.IntVar(&q.Window, "window", q.Window, "queries in flight per session (closed loop)")
	fs.IntVar(&q.Rows, "rows", q.Rows, "rows the queried table is filled with before the timed phase")
	fs.IntVar(&q.Count, "count", q.Count, "bound on the queries sent")
	fs.DurationVar(&q.Duration, "duration", q.Duration, "how long the sessions send queries")
	fs.StringVar(&q.Kinds, "kinds", q.Kinds, "query kinds, issued in turn: point (by primary key), range ($gt/$lt), page ($order+$limit), count (count(*)), admin (r_get_sql_admin)")
}

func (q *queryOptions) validate() error {
	if q.Sessions <= 0 || q.Window <= 0 || q.Rows <= 0 || q.Count <= 0 || q.Duration <= 0 {
		return fmt.Errorf("%w: --sessions, --window, --rows, --count and --duration must be positive", errBadOption)
	}
	_, err := parseKinds(q.Kinds)
	return err
}

// runQueries fills a table, signs the queries, then runs the query
// sessions and reports what the node answered and how fast.
func runQueries(ctx context.Context, e *env) (*Report, error) {
	return onTarget(ctx, e, "queries", queriesOn)
}

func queriesOn(ctx context.Context, e *env, tg *target) (*Report, error) {
	q := e.opts.Queries
	kinds, err := parseKinds(q.Kinds)
	if err != nil {
		return nil, err
	}
	setupStart := time.Now()
	tbl, err := filledTable(ctx, e, tg, q.Rows)
	if err != nil {
		return nil, err
	}
	res := &queriesResult{Sessions: q.Sessions, Window: q.Window, Rows: q.Rows, Count: q.Count, Duration: Duration(q.Duration)}
	kinds, res.AdminRefused, err = checkAdmin(ctx, tg.url, kinds, tbl, q.Rows)
	if err != nil {
		return nil, err
	}
	if len(kinds) == 0 {
		return nil, fmt.Errorf("%w: the node refused r_get_sql_admin, the only kind asked for", errBadOption)
	}
	for _, k := range kinds {
		res.Kinds = append(res.Kinds, k.name)
	}
	res.SetupSeconds = time.Since(setupStart).Seconds()

	signStart := time.Now()
	ledger, err := lastClosed(ctx, tg.url)
	if err != nil {
		return nil, err
	}
	e.progress.phase("signing %d queries of each of %d kinds", queryPoolSize, len(kinds))
	pools, err := startPoolKeeper(ctx, tg.url, kinds, tbl, q.Rows, ledger)
	if err != nil {
		return nil, err
	}
	res.SignSeconds = time.Since(signStart).Seconds()

	mon, err := startLedgerMonitor(ctx, tg.url)
	if err != nil {
		return nil, errors.Join(err, pools.stop())
	}
	bar := e.progress.bar(int64(q.Count), "queries answered", "q")
	eng := newQueryEngine(queryEngineConfig{url: tg.url, kinds: kinds, sessions: q.Sessions, window: q.Window,
		count: q.Count, duration: q.Duration, onDone: func() { bar.add(1) }}, pools)
	e.progress.phase("timed phase: %d sessions × %d in flight for %s (at most %s queries): %s",
		q.Sessions, q.Window, q.Duration, formatCount(int64(q.Count)), q.Kinds)

	usage := startUsage(tg.pid)
	stopProfile, err := cpuprofile.Start(e.opts.CPUProfile)
	if err != nil {
		mon.c.close()
		return nil, errors.Join(err, pools.stop())
	}
	runErr := eng.run(ctx)
	stopProfile()
	res.Usage = usage.stop()
	bar.finish()
	res.Ledgers = mon.stats(eng.start, time.Now())
	if err := errors.Join(runErr, pools.stop()); err != nil {
		return nil, err
	}
	res.Resigned = pools.refreshes.Load()
	res.Totals = eng.totals()
	cfgCopy := tg.config
	rep := &Report{Node: &cfgCopy, Result: res, Panels: res.panels(tg.config.LedgerInterval)}
	rep.Notes = queryNotes(res, tg)
	return rep, nil
}

// filledTable creates the queried table, owned by the first owner
// account, and inserts rows rows into it (ids 0 … rows-1, in inserts of
// prefillRowsPerTx), waiting until every insert reached the SQL store.
func filledTable(ctx context.Context, e *env, tg *target, rows int) (*benchTable, error) {
	url := tg.url
	owners, err := ownerAccounts(ctx, 1)
	if err != nil {
		return nil, err
	}
	owner := owners[0]
	fees, err := readFees(ctx, url)
	if err != nil {
		return nil, err
	}
	addr := owner.kp.AccountID().String()
	var inserts []tableTx
	need := fees.fee(len(benchColumns))
	for first := 0; first < rows; first += prefillRowsPerTx {
		raw := insertRaw(addr, first, min(prefillRowsPerTx, rows-first))
		inserts = append(inserts, tableTx{from: owner.kp, fee: fees.fee(len(raw)), op: tx.OpInsert, raw: raw})
		need += inserts[len(inserts)-1].fee
	}
	if err := fund(ctx, e, tg, owners, need+fundingMargin); err != nil {
		return nil, err
	}
	tables, err := createTables(ctx, e, url, fees, owners, []string{tableName("queries", time.Now().Unix(), 0)})
	if err != nil {
		return nil, err
	}
	for i := range inserts {
		inserts[i].seq = owner.seq
		inserts[i].table = tables[0]
		owner.seq++
	}
	signed, err := signTableTxs(ctx, inserts, nil)
	if err != nil {
		return nil, err
	}
	what := fmt.Sprintf("filling the table with %s rows in %d inserts", formatCount(int64(rows)), len(signed))
	if err := applyAll(ctx, e, url, what, [][]*tx.Tx{signed}); err != nil {
		return nil, err
	}
	return tables[0], nil
}

// checkAdmin asks the node, once, for the table's row count with
// r_get_sql_admin, which checks the pre-fill. A node that refuses bench
// admin commands (noPermission) has the admin kind left out of kinds,
// and refused reports whether it was in them; a wrong count is an error.
func checkAdmin(ctx context.Context, url string, kinds []queryKind, tbl *benchTable, rows int) (_ []queryKind, refused bool, err error) {
	r, err := dialRPC(url)
	if err != nil {
		return nil, false, err
	}
	defer r.close()
	n, err := countRows(ctx, r, tbl)
	if errors.Is(err, errNoAdmin) {
		out := make([]queryKind, 0, len(kinds))
		for _, k := range kinds {
			if !k.admin {
				out = append(out, k)
			}
		}
		return out, len(out) < len(kinds), nil
	}
	if err != nil {
		return nil, false, err
	}
	if n != int64(rows) {
		return nil, false, fmt.Errorf("r_get_sql_admin: the table holds %d rows, want %d", n, rows)
	}
	return kinds, false, nil
}

// lastClosed is the index of the last closed ledger: what the client
// puts in a query's LedgerIndex (ledger_current_index - 1).
func lastClosed(ctx context.Context, url string) (uint32, error) {
	r, err := dialRPC(url)
	if err != nil {
		return 0, err
	}
	defer r.close()
	res, err := r.call(ctx, map[string]any{"command": "ledger_current"})
	if err != nil {
		return 0, err
	}
	cur, ok := res["ledger_current_index"].(float64)
	if !ok || cur < 2 {
		return 0, fmt.Errorf("ledger_current: no ledger_current_index in %v", res)
	}
	return uint32(cur) - 1, nil
}
