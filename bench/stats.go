package main

import (
	"math"
	"slices"
	"time"
)

// Latency summarises a set of durations. Percentiles are nearest-rank:
// the smallest sample with at least q of the samples at or below it.
type Latency struct {
	Count int      `json:"count"`
	Mean  Duration `json:"mean"`
	P50   Duration `json:"p50"`
	P90   Duration `json:"p90"`
	P99   Duration `json:"p99"`
	Max   Duration `json:"max"`
}

// Duration is a time.Duration written in JSON as seconds, so that
// reports read without knowing Go's units.
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) {
	return []byte(formatFloat(time.Duration(d).Seconds(), 6)), nil
}

func (d Duration) String() string { return formatDuration(time.Duration(d)) }

// summarize sorts samples in place and summarises them.
func summarize(samples []time.Duration) Latency {
	if len(samples) == 0 {
		return Latency{}
	}
	slices.Sort(samples)
	var sum time.Duration
	for _, s := range samples {
		sum += s
	}
	return Latency{
		Count: len(samples),
		Mean:  Duration(sum / time.Duration(len(samples))),
		P50:   Duration(percentile(samples, 0.50)),
		P90:   Duration(percentile(samples, 0.90)),
		P99:   Duration(percentile(samples, 0.99)),
		Max:   Duration(samples[len(samples)-1]),
	}
}

// percentile is the nearest-rank q-quantile of sorted samples.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(q * float64(len(sorted))))
	if rank < 1 {
		rank = 1
	}
	return sorted[min(rank, len(sorted))-1]
}

// Series is one line of a plot: Y against X, X in seconds from the start
// of the timed phase.
type Series struct {
	Name string    `json:"name"`
	Unit string    `json:"unit"`
	X    []float64 `json:"x"`
	Y    []float64 `json:"y"`
}

// Panel is one chart of a plot: the series drawn on shared axes.
type Panel struct {
	Title  string   `json:"title"`
	YLabel string   `json:"y_label"`
	Series []Series `json:"series"`
}

// event is one timed occurrence for bucketing: when it happened (from the
// start of the phase) and, for latency series, how long it took.
type event struct {
	at      time.Duration
	latency time.Duration
}

// rateSeries counts events per bucket and divides by the bucket's
// length: events per second over time.
func rateSeries(name string, events []event, bucket, span time.Duration) Series {
	n := bucketCount(bucket, span)
	counts := make([]float64, n)
	for _, e := range events {
		if i := int(e.at / bucket); i >= 0 && i < n {
			counts[i]++
		}
	}
	s := Series{Name: name, Unit: "per second", X: make([]float64, n), Y: counts}
	for i := range counts {
		s.X[i] = (time.Duration(i) * bucket).Seconds()
		counts[i] /= bucket.Seconds()
	}
	return s
}

// quantileSeries is the q-quantile of the latencies of the events in
// each bucket, in seconds; buckets without events are left out.
func quantileSeries(name string, events []event, q float64, bucket, span time.Duration) Series {
	n := bucketCount(bucket, span)
	per := make([][]time.Duration, n)
	for _, e := range events {
		if i := int(e.at / bucket); i >= 0 && i < n {
			per[i] = append(per[i], e.latency)
		}
	}
	s := Series{Name: name, Unit: "seconds"}
	for i, lat := range per {
		if len(lat) == 0 {
			continue
		}
		slices.Sort(lat)
		s.X = append(s.X, (time.Duration(i) * bucket).Seconds())
		s.Y = append(s.Y, percentile(lat, q).Seconds())
	}
	return s
}

func bucketCount(bucket, span time.Duration) int {
	if bucket <= 0 || span <= 0 {
		return 0
	}
	return int((span + bucket - 1) / bucket)
}

// bucketFor picks a bucket length that gives a readable number of
// points (at most about 200) over span, and no shorter than least: per-second
// rates of a node that validates once per ledger are only smooth over
// buckets of a ledger interval or more.
func bucketFor(span, least time.Duration) time.Duration {
	b := max(least, 100*time.Millisecond)
	for span/b > 200 {
		b *= 2
	}
	return b
}
