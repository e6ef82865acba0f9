package main

import (
	"fmt"
	"strings"
	"time"
)

// The target the node is built toward for inserts: rows reaching the SQL
// store per second, sustained, with the p99 from submit to db_success
// within a number of ledger intervals.
const (
	targetRowsPerSecond = 10_000
	targetDBIntervals   = 3
)

// insertsResult is the inserts workload's outcome.
type insertsResult struct {
	Sessions  int     `json:"sessions"`
	Accounts  int     `json:"accounts"`
	Tables    int     `json:"tables"`
	Count     int     `json:"count"`
	RowsPerTx int     `json:"rows_per_tx"`
	Mode      string  `json:"mode"`
	Rate      float64 `json:"offered_rate,omitempty"`

	Totals  engineTotals `json:"totals"`
	Ledgers LedgerStats  `json:"ledgers"`
	Usage   Usage        `json:"usage"`

	// StoredRows is the rows the tables hold after the run, counted with
	// r_get_sql_admin (nil when the node refuses it to bench).
	StoredRows *int64 `json:"stored_rows,omitempty"`
	// RowsPerSecond is rows in db_success transactions per second, from
	// the first submit to the last db_success.
	RowsPerSecond float64 `json:"rows_per_second"`
	// Target says whether the run met targetRowsPerSecond with a p99
	// submit-to-db_success under targetDBIntervals ledger intervals.
	Target targetCheck `json:"target"`

	SetupSeconds float64 `json:"setup_seconds"`
	SignSeconds  float64 `json:"sign_seconds"`
}

// targetCheck is a run measured against the node's target.
type targetCheck struct {
	RowsPerSecond float64  `json:"rows_per_second"`
	P99Bound      Duration `json:"p99_bound"`
	Met           bool     `json:"met"`
}

// finish computes the figures derived from the totals.
func (r *insertsResult) finish(interval time.Duration) {
	db := r.Totals.DB
	r.RowsPerSecond = db.PerSecond * float64(r.RowsPerTx)
	bound := targetDBIntervals * interval
	r.Target = targetCheck{
		RowsPerSecond: targetRowsPerSecond,
		P99Bound:      Duration(bound),
		Met: r.RowsPerSecond >= targetRowsPerSecond && db.Latency.Count > 0 && time.Duration(db.Latency.P99) < bound &&
			db.Success == r.Totals.Submitted,
	}
}

func (r *insertsResult) rows() []row {
	t, db := &r.Totals, r.Totals.DB
	out := []row{
		{"sessions / sending accounts / tables", fmt.Sprintf("%s / %s / %d", formatCount(int64(r.Sessions)), formatCount(int64(r.Accounts)), r.Tables)},
		{"mode", r.Mode},
		{"inserts planned / rows each", fmt.Sprintf("%s / %d", formatCount(int64(r.Count)), r.RowsPerTx)},
		{"submitted", formatCount(int64(t.Submitted))},
		{"validated", formatCount(int64(t.Validated))},
		{"db_success", formatCount(int64(db.Success))},
		{"db_error", formatCount(int64(db.Error))},
		{"failed", formatCount(int64(t.Failed))},
		{"unresolved at the end", formatCount(int64(t.Unresolved))},
		{"rows counted in the SQL store after the run (r_get_sql_admin)", r.storedRows()},
		{"**rows per second in the SQL store** (first submit to last db_success)", "**" + formatRate(r.RowsPerSecond) + "**"},
		{"inserts per second: db_success / validated", formatRate(db.PerSecond) + " / " + formatRate(t.TPS)},
		{"span to the last db_success", db.Span.String()},
		{"latency submit to db_success: p50 / p90 / p99 / max", latencyFigures(db.Latency)},
		{"latency submit to validate_success: p50 / p90 / p99 / max", latencyFigures(t.Latency)},
		{"ledgers closed / mean transactions each", fmt.Sprintf("%d / %s", r.Ledgers.Count, formatRate(r.Ledgers.MeanTxs))},
		{"mean ledger interval", meanInterval(r.Ledgers)},
		{"target: " + formatCount(targetRowsPerSecond) + " rows/s, p99 to db_success under " + r.Target.P99Bound.String(), metOrShort(r.Target.Met)},
	}
	for _, k := range t.failureReasons() {
		out = append(out, row{"failure: " + k, formatCount(int64(t.Failures[k]))})
	}
	out = append(out, r.Usage.rows()...)
	out = append(out,
		row{"untimed: funding, tables and grants", seconds(r.SetupSeconds)},
		row{"untimed: signing", seconds(r.SignSeconds)})
	return out
}

// storedRows is the count of rows after the run, beside the rows of the
// db_success inserts when the two differ.
func (r *insertsResult) storedRows() string {
	if r.StoredRows == nil {
		return "n/a (no admin access)"
	}
	s := formatCount(*r.StoredRows)
	if want := int64(r.Totals.DB.Success) * int64(r.RowsPerTx); *r.StoredRows != want {
		s += fmt.Sprintf(" (db_success inserts hold %s)", formatCount(want))
	}
	return s
}

// seconds writes a duration given in seconds in the unit that suits it.
func seconds(s float64) string { return formatDuration(time.Duration(s * float64(time.Second))) }

// latencyFigures is "p50 / p90 / p99 / max".
func latencyFigures(l Latency) string {
	if l.Count == 0 {
		return "n/a (none)"
	}
	return strings.Join([]string{l.P50.String(), l.P90.String(), l.P99.String(), l.Max.String()}, " / ")
}

func metOrShort(met bool) string {
	if met {
		return "met"
	}
	return "short"
}

func (r *insertsResult) ratios(l *Limits) []Ratio {
	return []Ratio{
		newRatio("rows per second in the SQL store", r.RowsPerSecond, "SQLite inserts, one transaction", l.SQLiteInserts),
		newRatio("inserts validated per second", r.Totals.TPS, "payment path (verify + round trip)", l.PaymentPath),
		newRatio("inserts validated per second", r.Totals.TPS, "signature verifications, all cores", l.VerifyAll),
	}
}

// panels are the run's latency and throughput over time, throughput in
// rows per second.
func (r *insertsResult) panels(least time.Duration) []Panel {
	t := &r.Totals
	span := time.Duration(0)
	for _, evs := range [][]event{t.submits, t.validations, t.applied} {
		for _, ev := range evs {
			span = max(span, ev.at)
		}
	}
	if span == 0 {
		return nil
	}
	b := bucketFor(span, least)
	rows := func(s Series) Series {
		for i := range s.Y {
			s.Y[i] *= float64(r.RowsPerTx)
		}
		return s
	}
	return []Panel{
		{Title: "latency from submit, by arrival time (bucket " + b.String() + ")", YLabel: "seconds", Series: []Series{
			quantileSeries("db_success p50", t.applied, 0.50, b, span),
			quantileSeries("db_success p99", t.applied, 0.99, b, span),
			quantileSeries("db_success max", t.applied, 1, b, span),
			quantileSeries("validate_success p99", t.validations, 0.99, b, span),
		}},
		{Title: "throughput (bucket " + b.String() + ")", YLabel: "rows per second", Series: []Series{
			rows(rateSeries("submitted", t.submits, b, span)),
			rows(rateSeries("validated", t.validations, b, span)),
			rows(rateSeries("db_success", t.applied, b, span)),
		}},
	}
}

// insertNotes say how to read the figures.
func insertNotes(r *insertsResult, tg *target) []string {
	notes := []string{
		"Each insert is what the ChainSQL client sends with expect db_success: subscribe {transaction}, submit {tx_blob} of a signed SQLStatement (OpType 6, NameInDB from t_prepare), then validate_success and db_success on the same subscription. Latencies run from writing the submit.",
		fmt.Sprintf("The %d tables are shared: each account was granted insert by the table's owner and inserts into table (account mod %d), so a table's actor and SQL table serve many writers, as a ChainSQL application's tables do.", r.Tables, r.Tables),
		"The SQLite limit is the same rows inserted through the same driver with one prepared statement in one transaction, without the node: the store's ceiling on this machine.",
		"Client and node share this machine's cores; the client's own CPU is in the table.",
	}
	if tg.config.Source == "external" {
		notes = append(notes, "The target's ledger interval is --ledger-interval as given, which bench cannot check on a node it did not start.")
	}
	if tg.config.Validators > 0 {
		notes = append(notes, networkNote(tg))
	}
	if tg.config.Source == "in-process" {
		notes = append(notes, "The node ran inside the bench process (--inprocess): its CPU and memory include the client's.")
	}
	if len(r.Totals.Failures) > 0 {
		notes = append(notes, "Failures: "+strings.Join(r.Totals.failureReasons(), ", ")+".")
	}
	return notes
}

func (r *insertsResult) rate() (string, float64) {
	return "rows per second in the SQL store", r.RowsPerSecond
}
