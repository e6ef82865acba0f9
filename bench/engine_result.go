package main

import (
	"maps"
	"slices"
	"time"
)

// engineTotals is what an engine run sustained.
type engineTotals struct {
	Submitted int `json:"submitted"`
	Validated int `json:"validated"`
	// Failed are the transactions that ended in an error: a refused
	// subscribe or submit, validate_error, a timeout, a closed session.
	Failed     int            `json:"failed"`
	Unresolved int            `json:"unresolved"`
	Failures   map[string]int `json:"failures,omitempty"`
	// Span is from the first submit to the last validation.
	Span Duration `json:"span"`
	// TPS is validated transactions per second over Span.
	TPS float64 `json:"validated_per_second"`
	// Latency is from writing the submit to receiving validate_success.
	Latency Latency `json:"latency"`
	// DB is what reached the SQL store, when the engine waited for it.
	DB *dbTotals `json:"db,omitempty"`

	submits     []event // when each transaction was submitted
	validations []event // when each was validated, with its latency
	applied     []event // when each got db_success, with its latency
}

// dbTotals are the db_success and db_error notifications of a run whose
// transactions are table transactions.
type dbTotals struct {
	Success int `json:"db_success"`
	Error   int `json:"db_error"`
	// Span is from the first submit to the last db_success.
	Span Duration `json:"span"`
	// PerSecond is db_success transactions per second over Span.
	PerSecond float64 `json:"db_success_per_second"`
	// Latency is from writing the submit to receiving db_success.
	Latency Latency `json:"latency"`
}

// totals reads the records once the engine has run.
func (e *engine) totals() engineTotals {
	var t engineTotals
	var db dbTotals
	var first, lastValid, lastDB int64 = -1, 0, 0
	var lat, dbLat []time.Duration
	for _, recs := range e.records {
		for i := range recs {
			r := &recs[i]
			sent, valid, done := r.sent.Load(), r.validated.Load(), r.done.Load()
			if sent == 0 {
				continue
			}
			t.Submitted++
			t.submits = append(t.submits, event{at: time.Duration(sent)})
			if first < 0 || sent < first {
				first = sent
			}
			if valid != 0 {
				t.Validated++
				l := time.Duration(valid - sent)
				lat = append(lat, l)
				t.validations = append(t.validations, event{at: time.Duration(valid), latency: l})
				lastValid = max(lastValid, valid)
			}
			switch r.outcome.Load() {
			case outDBSuccess:
				db.Success++
				l := time.Duration(done - sent)
				dbLat = append(dbLat, l)
				t.applied = append(t.applied, event{at: time.Duration(done), latency: l})
				lastDB = max(lastDB, done)
			case outDBError:
				db.Error++
			case outFailed:
				t.Failed++
			case outPending:
				t.Unresolved++
			}
		}
	}
	e.mu.Lock()
	if len(e.failures) > 0 {
		t.Failures = maps.Clone(e.failures)
	}
	e.mu.Unlock()
	t.Latency = summarize(lat)
	if first >= 0 && lastValid > first {
		t.Span = Duration(lastValid - first)
		t.TPS = float64(t.Validated) / time.Duration(t.Span).Seconds()
	}
	if e.cfg.waitDB {
		db.Latency = summarize(dbLat)
		if first >= 0 && lastDB > first {
			db.Span = Duration(lastDB - first)
			db.PerSecond = float64(db.Success) / time.Duration(db.Span).Seconds()
		}
		t.DB = &db
	}
	return t
}

// failureReasons lists the failure reasons, most frequent first.
func (t *engineTotals) failureReasons() []string {
	keys := slices.Collect(maps.Keys(t.Failures))
	slices.SortFunc(keys, func(a, b string) int {
		if d := t.Failures[b] - t.Failures[a]; d != 0 {
			return d
		}
		if a < b {
			return -1
		}
		return 1
	})
	return keys
}

// panels are the run's latency and throughput over time.
func (t *engineTotals) panels(least time.Duration) []Panel {
	span := time.Duration(0)
	for _, ev := range t.validations {
		span = max(span, ev.at)
	}
	for _, ev := range t.submits {
		span = max(span, ev.at)
	}
	if span == 0 {
		return nil
	}
	b := bucketFor(span, least)
	return []Panel{
		{Title: "submit to validate_success latency, by validation time (bucket " + b.String() + ")", YLabel: "seconds", Series: []Series{
			quantileSeries("p50", t.validations, 0.50, b, span),
			quantileSeries("p99", t.validations, 0.99, b, span),
			quantileSeries("max", t.validations, 1, b, span),
		}},
		{Title: "throughput (bucket " + b.String() + ")", YLabel: "transactions per second", Series: []Series{
			rateSeries("submitted", t.submits, b, span),
			rateSeries("validated", t.validations, b, span),
		}},
	}
}
