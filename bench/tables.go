package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sqledger/sqledger/protocol/tx"
)

// setupTimeout bounds each untimed setup step that waits for the SQL
// store: creating the tables, granting, pre-filling.
const setupTimeout = 2 * time.Minute

// tableName is the plain name of table i of a run: bench_<kind>_<tag>_<i>,
// where tag (the run's start time in hex) keeps a run against a node
// that bench drove before (--url) from meeting its earlier tables.
func tableName(kind string, tag int64, i int) string {
	return fmt.Sprintf("bench_%s_%x_%d", kind, tag, i)
}

// createTables creates table i, named names[i], owned by owners[i], with
// the bench schema, as the client does: t_prepare for its NameInDB, then
// sign, subscribe, submit and wait for db_success. The owners must be
// funded.
func createTables(ctx context.Context, e *env, url string, fees feeSchedule, owners []*account, names []string) ([]*benchTable, error) {
	if err := readSequences(ctx, url, owners); err != nil {
		return nil, err
	}
	r, err := dialRPC(url)
	if err != nil {
		return nil, err
	}
	defer r.close()
	tables := make([]*benchTable, len(owners))
	creates := make([]tableTx, len(owners))
	for i, o := range owners {
		t := &benchTable{owner: o, name: names[i]}
		if t.nameInDB, err = prepareCreate(ctx, r, o, names[i]); err != nil {
			return nil, err
		}
		tables[i] = t
		creates[i] = tableTx{from: o.kp, seq: o.seq, fee: fees.fee(len(benchColumns)), op: tx.OpCreate, table: t, raw: []byte(benchColumns)}
		o.seq++
	}
	signed, err := signTableTxs(ctx, creates, nil)
	if err != nil {
		return nil, err
	}
	if err := applyAll(ctx, e, url, fmt.Sprintf("creating %d tables", len(signed)), [][]*tx.Tx{signed}); err != nil {
		return nil, err
	}
	return tables, nil
}

// prepareCreate asks the node for the NameInDB of a table to create,
// with t_prepare as the client does.
func prepareCreate(ctx context.Context, r *rpc, owner *account, name string) ([20]byte, error) {
	var id [20]byte
	res, err := r.call(ctx, map[string]any{"command": "t_prepare", "tx_json": map[string]any{
		"TransactionType": "TableListSet", "Account": owner.kp.AccountID().String(), "OpType": int(tx.OpCreate),
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexUpper([]byte(name))}}},
		"Raw":    hexUpper([]byte(benchColumns)),
	}})
	if err != nil {
		return id, fmt.Errorf("t_prepare of table %s: %w", name, err)
	}
	txj, _ := res["tx_json"].(map[string]any)
	tables, _ := txj["Tables"].([]any)
	var s string
	if len(tables) == 1 {
		wrap, _ := tables[0].(map[string]any)
		tbl, _ := wrap["Table"].(map[string]any)
		s, _ = tbl["NameInDB"].(string)
	}
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(id) {
		return id, fmt.Errorf("t_prepare of table %s: no 20-byte NameInDB in %v", name, res)
	}
	copy(id[:], b)
	return id, nil
}

// grantInserts has each table's owner grant insert to its users, one
// grant per user (a table holds at most ledger.MaxGrants), and waits for
// every grant's db_success.
func grantInserts(ctx context.Context, e *env, url string, fees feeSchedule, tables []*benchTable, users [][]*account) error {
	lanes := make([][]*tx.Tx, len(tables))
	total := 0
	for i, t := range tables {
		grants := make([]tableTx, len(users[i]))
		for j, u := range users[i] {
			grants[j] = tableTx{from: t.owner.kp, seq: t.owner.seq, fee: fees.fee(len(grantRaw)), op: tx.OpGrant, table: t, raw: []byte(grantRaw), user: u.kp.AccountID()}
			t.owner.seq++
		}
		signed, err := signTableTxs(ctx, grants, nil)
		if err != nil {
			return err
		}
		lanes[i] = signed
		total += len(signed)
	}
	return applyAll(ctx, e, url, fmt.Sprintf("granting insert to %d accounts", total), lanes)
}

// applyAll submits the transactions of each lane on a session of its
// own, all at once, and waits until every one has reached the SQL store
// (db_success). Anything else is an error that names what happened.
func applyAll(ctx context.Context, e *env, url, what string, lanes [][]*tx.Tx) error {
	e.progress.phase("%s", what)
	total, window := 0, 1
	ls := make([]*lane, len(lanes))
	for i, txs := range lanes {
		ls[i] = newLane(txs)
		total += len(txs)
		window = max(window, len(txs))
	}
	bar := e.progress.bar(int64(total), what, "tx")
	defer bar.finish()
	eng := newEngine(engineConfig{url: url, window: window, duration: setupTimeout, drain: setupTimeout, waitDB: true,
		onDone: func() { bar.add(1) }}, ls)
	if err := eng.run(ctx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	t := eng.totals()
	if t.DB.Success != total {
		return fmt.Errorf("%s: %d of %d transactions reached the SQL store (validated %d, db_error %d, failed %d, unresolved %d; %s)",
			what, t.DB.Success, total, t.Validated, t.DB.Error, t.Failed, t.Unresolved, describeFailures(t))
	}
	return ctx.Err()
}

// describeFailures lists the failure reasons of a run, most frequent
// first.
func describeFailures(t engineTotals) string {
	if len(t.Failures) == 0 {
		return "no failure reported"
	}
	parts := make([]string, 0, len(t.Failures))
	for _, k := range t.failureReasons() {
		parts = append(parts, fmt.Sprintf("%s × %d", k, t.Failures[k]))
	}
	return strings.Join(parts, ", ")
}

// errNoAdmin is a node that refuses admin commands (r_get_sql_admin) to
// bench: it does not count bench's address as an admin one.
var errNoAdmin = errors.New("the node refuses admin commands to bench")

// countRows counts a table's rows in the node's SQL store with
// r_get_sql_admin.
func countRows(ctx context.Context, r *rpc, tbl *benchTable) (int64, error) {
	sql := "SELECT count(*) AS n FROM t_" + hexUpper(tbl.nameInDB[:])
	res, err := r.call(ctx, map[string]any{"command": "r_get_sql_admin", "sql": sql})
	if re := (*rpcError)(nil); errors.As(err, &re) && re.token == "noPermission" {
		return 0, fmt.Errorf("r_get_sql_admin: %w", errNoAdmin)
	}
	if err != nil {
		return 0, fmt.Errorf("count the rows of %s: %w", tbl.name, err)
	}
	lines, _ := res["lines"].([]any)
	if len(lines) == 1 {
		first, _ := lines[0].(map[string]any)
		if n, ok := first["n"].(float64); ok {
			return int64(n), nil
		}
	}
	return 0, fmt.Errorf("count the rows of %s: no count in %v", tbl.name, res)
}

// countAllRows counts the rows of every table; ok is false when the node
// refuses bench admin commands.
func countAllRows(ctx context.Context, url string, tables []*benchTable) (n int64, ok bool, err error) {
	r, err := dialRPC(url)
	if err != nil {
		return 0, false, err
	}
	defer r.close()
	for _, t := range tables {
		c, err := countRows(ctx, r, t)
		if errors.Is(err, errNoAdmin) {
			return 0, false, nil
		}
		if err != nil {
			return 0, false, err
		}
		n += c
	}
	return n, true, nil
}
