package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// queryTotals is what a query engine run got.
type queryTotals struct {
	Issued int `json:"issued"`
	// Answered are the correct answers; Failed the errors and wrong
	// answers; Unanswered the queries still in flight at the end.
	Answered   int            `json:"answered"`
	Failed     int            `json:"failed"`
	Unanswered int            `json:"unanswered"`
	Failures   map[string]int `json:"failures,omitempty"`
	// Span is from the first query sent to the last answer.
	Span Duration `json:"span"`
	// QPS is correct answers per second over Span.
	QPS float64 `json:"queries_per_second"`
	// Latency is from writing a query to reading its correct answer.
	Latency Latency      `json:"latency"`
	Kinds   []kindTotals `json:"kinds"`
	// Diff is the "diff" the answers carried: how many ledgers the SQL
	// store was behind, as the node reports it.
	Diff diffSeen `json:"diff"`

	sends   []event
	answers [][]event // by kind: when each correct answer came, with its latency
}

// kindTotals are one kind's figures.
type kindTotals struct {
	Kind     string  `json:"kind"`
	Title    string  `json:"title"`
	Issued   int     `json:"issued"`
	Answered int     `json:"answered"`
	Failed   int     `json:"failed"`
	QPS      float64 `json:"queries_per_second"`
	Latency  Latency `json:"latency"`
}

// diffSeen summarises the diff of the answers.
type diffSeen struct {
	Max     int64 `json:"max"`
	NonZero int   `json:"nonzero_answers"`
}

// totals reads the sessions' records once the engine has run.
func (e *queryEngine) totals() queryTotals {
	kinds := e.cfg.kinds
	t := queryTotals{Kinds: make([]kindTotals, len(kinds)), answers: make([][]event, len(kinds))}
	for k, q := range kinds {
		t.Kinds[k] = kindTotals{Kind: q.name, Title: q.title}
	}
	lat := make([][]time.Duration, len(kinds))
	var all []time.Duration
	var first, last int64 = -1, 0
	failures := map[string]int{}
	for _, s := range e.sessions {
		s.mu.Lock()
		t.Issued += s.issued
		for _, p := range s.pending {
			if p.id != 0 {
				t.Unanswered++
				t.Kinds[p.kind].Issued++
				t.sends = append(t.sends, event{at: time.Duration(p.sent)})
				first = earliest(first, p.sent)
			}
		}
		for _, r := range s.records {
			kt := &t.Kinds[r.kind]
			kt.Issued++
			t.sends = append(t.sends, event{at: time.Duration(r.sent)})
			first = earliest(first, r.sent)
			if r.failure != "" {
				kt.Failed++
				t.Failed++
				failures[r.failure]++
				continue
			}
			l := time.Duration(r.done - r.sent)
			kt.Answered++
			t.Answered++
			lat[r.kind] = append(lat[r.kind], l)
			all = append(all, l)
			t.answers[r.kind] = append(t.answers[r.kind], event{at: time.Duration(r.done), latency: l})
			last = max(last, r.done)
			t.Diff.Max = max(t.Diff.Max, r.diff)
			if r.diff != 0 {
				t.Diff.NonZero++
			}
		}
		s.mu.Unlock()
	}
	if len(failures) > 0 {
		t.Failures = failures
	}
	t.Latency = summarize(all)
	if first >= 0 && last > first {
		t.Span = Duration(last - first)
		t.QPS = float64(t.Answered) / time.Duration(t.Span).Seconds()
	}
	for k := range t.Kinds {
		t.Kinds[k].Latency = summarize(lat[k])
		if t.Span > 0 {
			t.Kinds[k].QPS = float64(t.Kinds[k].Answered) / time.Duration(t.Span).Seconds()
		}
	}
	return t
}

func earliest(first, at int64) int64 {
	if first < 0 || at < first {
		return at
	}
	return first
}

// failureReasons lists the failure reasons, most frequent first.
func (t *queryTotals) failureReasons() []string {
	keys := slices.Collect(maps.Keys(t.Failures))
	slices.SortFunc(keys, func(a, b string) int {
		if d := t.Failures[b] - t.Failures[a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return keys
}

// queriesResult is the queries workload's outcome.
type queriesResult struct {
	Sessions int      `json:"sessions"`
	Window   int      `json:"window"`
	Rows     int      `json:"rows"`
	Kinds    []string `json:"kinds"`
	Count    int      `json:"count"`
	Duration Duration `json:"duration"`
	// AdminRefused is set when the node refused r_get_sql_admin to bench
	// (not an admin address), and the admin kind was left out.
	AdminRefused bool `json:"admin_refused,omitempty"`

	Totals  queryTotals `json:"totals"`
	Ledgers LedgerStats `json:"ledgers"`
	// Resigned is how many times the queries were signed again for a
	// newer LedgerIndex because ledgers closed during the run.
	Resigned int64 `json:"resigned"`
	Usage    Usage `json:"usage"`

	SetupSeconds float64 `json:"setup_seconds"`
	SignSeconds  float64 `json:"sign_seconds"`
}

func (r *queriesResult) rows() []row {
	t := &r.Totals
	out := []row{
		{"sessions / queries in flight each", fmt.Sprintf("%s / %d (closed loop)", formatCount(int64(r.Sessions)), r.Window)},
		{"rows in the table", formatCount(int64(r.Rows))},
		{"kinds (in turn, equal shares)", strings.Join(r.Kinds, ", ")},
		{"issued", formatCount(int64(t.Issued))},
		{"answered correctly", formatCount(int64(t.Answered))},
		{"failed (errors and wrong answers)", formatCount(int64(t.Failed))},
		{"unanswered at the end", formatCount(int64(t.Unanswered))},
		{"**queries per second** (correct answers, first query to last answer)", "**" + formatRate(t.QPS) + "**"},
		{"span", t.Span.String()},
		{"latency p50 / p90 / p99 / max", latencyFigures(t.Latency)},
	}
	for _, k := range t.Kinds {
		out = append(out,
			row{k.Title + ": answered / per second", formatCount(int64(k.Answered)) + " / " + formatRate(k.QPS)},
			row{k.Title + ": p50 / p90 / p99 / max", latencyFigures(k.Latency)})
	}
	out = append(out,
		row{"diff seen: max / answers with diff > 0", fmt.Sprintf("%d / %s", t.Diff.Max, formatCount(int64(t.Diff.NonZero)))},
		row{"ledgers closed during the phase / queries signed again", fmt.Sprintf("%d / %d times", r.Ledgers.Count, r.Resigned)})
	for _, k := range t.failureReasons() {
		out = append(out, row{"failure: " + k, formatCount(int64(t.Failures[k]))})
	}
	out = append(out, r.Usage.rows()...)
	out = append(out,
		row{"untimed: funding, table and pre-fill", seconds(r.SetupSeconds)},
		row{"untimed: signing", seconds(r.SignSeconds)})
	return out
}

func (r *queriesResult) ratios(l *Limits) []Ratio {
	signed := 0.0
	for i, k := range r.Totals.Kinds {
		if kind, ok := findKind(k.Kind); ok && !kind.admin {
			signed += r.Totals.Kinds[i].QPS
		}
	}
	return []Ratio{
		newRatio("queries per second", r.Totals.QPS, "WebSocket round trips", l.EchoRoundTrips),
		newRatio("signed r_get per second", signed, "signature verifications, all cores", l.VerifyAll),
	}
}

// panels are the run's latency and throughput over time, throughput by
// kind.
func (r *queriesResult) panels(least time.Duration) []Panel {
	t := &r.Totals
	var answers []event
	for _, a := range t.answers {
		answers = append(answers, a...)
	}
	span := time.Duration(0)
	for _, ev := range append(answers, t.sends...) {
		span = max(span, ev.at)
	}
	if span == 0 {
		return nil
	}
	b := bucketFor(span, least)
	tput := []Series{rateSeries("all", answers, b, span)}
	for k, a := range t.answers {
		tput = append(tput, rateSeries(t.Kinds[k].Kind, a, b, span))
	}
	return []Panel{
		{Title: "query latency, by answer time (bucket " + b.String() + ")", YLabel: "seconds", Series: []Series{
			quantileSeries("p50", answers, 0.50, b, span),
			quantileSeries("p99", answers, 0.99, b, span),
			quantileSeries("max", answers, 1, b, span),
		}},
		{Title: "correct answers (bucket " + b.String() + ")", YLabel: "queries per second", Series: tput},
	}
}

// queryNotes say how to read the figures.
func queryNotes(r *queriesResult, tg *target) []string {
	notes := []string{
		"Each r_get is what the published client sends: tx_json {Account, Owner, Tables, Raw, LedgerIndex = current ledger - 1}, its JSON text as signingData, the public key and the signature, all signed before the timed phase by the table's owner; r_get_sql_admin is unsigned raw SQL. Every answer is checked (line count; the id of a point lookup; count(*) against the rows written).",
		"Latency runs from writing a query to reading its answer; a session keeps its queries in flight and sends the next kind as soon as a slot frees (closed loop), so the rate is what the node sustains at that concurrency.",
		"diff is the node's count of the ledgers its SQL store is behind the last closed ledger, in each answer.",
		"Per-kind rates are equal by construction (each session issues the kinds in turn); the latencies tell the kinds apart.",
		"Client and node share this machine's cores; the client's own CPU is in the table.",
	}
	if tg.config.Source != "external" {
		notes = append(notes, "bench submits nothing during the timed phase, so no ledger closes and the store has nothing to catch up on: a non-zero diff would mean it lags with nothing to apply.")
	}
	if r.AdminRefused {
		notes = append(notes, "The node refused r_get_sql_admin to bench (noPermission: not an admin address), so the admin kind was left out.")
	}
	if tg.config.Source == "in-process" {
		notes = append(notes, "The node ran inside the bench process (--inprocess): its CPU and memory include the client's.")
	}
	if len(r.Totals.Failures) > 0 {
		notes = append(notes, "Failures: "+strings.Join(r.Totals.failureReasons(), ", ")+".")
	}
	return notes
}
