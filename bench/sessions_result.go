package main

import (
	"fmt"
	"time"
)

// sessionsResult is the sessions workload's outcome.
type sessionsResult struct {
	Requested      int      `json:"requested"`
	PerAddr        int      `json:"per_address"`
	Push           string   `json:"push"`
	Heartbeat      Duration `json:"heartbeat"`
	DialFailed     int      `json:"dial_failed"`
	FirstDialError string   `json:"first_dial_error,omitempty"`
	ConnectSeconds float64  `json:"connect_seconds"`
	// HeldBefore is the sessions open when the ledgers began; Held those
	// still open at the end.
	HeldBefore int `json:"held_before"`
	Held       int `json:"held"`

	RSSBefore uint64 `json:"node_rss_before_bytes"`
	RSSHeld   uint64 `json:"node_rss_held_bytes"`
	RSSAfter  uint64 `json:"node_rss_after_bytes"`
	// PerSession is (RSSHeld − RSSBefore) / HeldBefore.
	PerSession uint64 `json:"node_bytes_per_session"`

	HeartbeatsSent     int64 `json:"heartbeats_sent"`
	HeartbeatsAnswered int64 `json:"heartbeats_answered"`

	Pushes     int `json:"pushes"`
	Deliveries int `json:"deliveries"`
	Expected   int `json:"expected_deliveries"`
	// Delivery is each session's receipt of each push, from the first
	// session's receipt of it; ToAll is, per push, the time until the
	// last session had it.
	Delivery Latency `json:"delivery"`
	ToAll    Latency `json:"to_all"`

	pushTimes []pushTiming
}

// pushTiming is one push: when the first session got it (from the start
// of the ledgers), and its delivery times.
type pushTiming struct {
	at     time.Duration
	p50    time.Duration
	p99    time.Duration
	max    time.Duration
	events []event
}

// summarize computes the delivery figures once every session has ended.
func (r *sessionsResult) summarize(p *idlePool) {
	if r.HeldBefore > 0 && r.RSSHeld > r.RSSBefore {
		r.PerSession = (r.RSSHeld - r.RSSBefore) / uint64(r.HeldBefore)
	}
	first := make(map[string]time.Time, len(p.order))
	for _, s := range p.sessions {
		if s == nil {
			continue
		}
		for _, a := range s.arrivals {
			if f, ok := first[a.key]; !ok || a.at.Before(f) {
				first[a.key] = a.at
			}
		}
	}
	per := make(map[string][]time.Duration, len(p.order))
	for _, s := range p.sessions {
		if s == nil {
			continue
		}
		for _, a := range s.arrivals {
			per[a.key] = append(per[a.key], a.at.Sub(first[a.key]))
		}
	}
	var all, toAll []time.Duration
	for _, key := range p.order {
		lat := per[key]
		all = append(all, lat...)
		sum := summarize(lat)
		toAll = append(toAll, time.Duration(sum.Max))
		t := pushTiming{at: first[key].Sub(p.start), p50: time.Duration(sum.P50), p99: time.Duration(sum.P99), max: time.Duration(sum.Max)}
		for _, l := range lat {
			t.events = append(t.events, event{at: t.at + l})
		}
		r.pushTimes = append(r.pushTimes, t)
	}
	r.Pushes = len(p.order)
	r.Deliveries = len(all)
	r.Expected = r.Pushes * r.HeldBefore
	r.Delivery = summarize(all)
	r.ToAll = summarize(toAll)
}

func (r *sessionsResult) rows() []row {
	return []row{
		{"push timed / heartbeat", fmt.Sprintf("%s / every %s", r.Push, r.Heartbeat)},
		{"sessions requested / per source address", fmt.Sprintf("%s / %s", formatCount(int64(r.Requested)), formatCount(int64(r.PerAddr)))},
		{"dials failed", formatCount(int64(r.DialFailed))},
		{"connect time", formatFloat(r.ConnectSeconds, 2) + " s"},
		{"**sessions held** (at the start / at the end)", fmt.Sprintf("**%s / %s**", formatCount(int64(r.HeldBefore)), formatCount(int64(r.Held)))},
		{"node resident memory: before / held / after the ledgers", fmt.Sprintf("%s / %s / %s", formatBytes(r.RSSBefore), formatBytes(r.RSSHeld), formatBytes(r.RSSAfter))},
		{"**node memory per session**", "**" + formatBytes(r.PerSession) + "**"},
		{"heartbeats sent / answered", fmt.Sprintf("%s / %s", formatCount(r.HeartbeatsSent), formatCount(r.HeartbeatsAnswered))},
		{"pushes timed", formatCount(int64(r.Pushes))},
		{"deliveries / expected", fmt.Sprintf("%s / %s", formatCount(int64(r.Deliveries)), formatCount(int64(r.Expected)))},
		{"delivery p50 (after the first session's)", r.Delivery.P50.String()},
		{"delivery p99", r.Delivery.P99.String()},
		{"**delivery max**", "**" + r.Delivery.Max.String() + "**"},
		{"time to reach all sessions: p50 / max over pushes", fmt.Sprintf("%s / %s", r.ToAll.P50, r.ToAll.Max)},
	}
}

// deliveryRate is pushes delivered per second while a push fans out.
func (r *sessionsResult) deliveryRate() float64 {
	if r.ToAll.Mean <= 0 {
		return 0
	}
	return float64(r.HeldBefore) / time.Duration(r.ToAll.Mean).Seconds()
}

func (r *sessionsResult) ratios(l *Limits) []Ratio {
	return []Ratio{newRatio("push deliveries per second during a fan-out", r.deliveryRate(), "WebSocket round trips", l.EchoRoundTrips)}
}

// panels are the delivery times of each push, and deliveries per second.
func (r *sessionsResult) panels(p *idlePool) []Panel {
	if len(r.pushTimes) == 0 {
		return nil
	}
	var p50, p99, mx Series
	var events []event
	span := time.Duration(0)
	for _, t := range r.pushTimes {
		x := t.at.Seconds()
		p50.X, p50.Y = append(p50.X, x), append(p50.Y, t.p50.Seconds())
		p99.X, p99.Y = append(p99.X, x), append(p99.Y, t.p99.Seconds())
		mx.X, mx.Y = append(mx.X, x), append(mx.Y, t.max.Seconds())
		events = append(events, t.events...)
		span = max(span, t.at+t.max)
	}
	p50.Name, p99.Name, mx.Name = "p50", "p99", "max (all sessions)"
	p50.Unit, p99.Unit, mx.Unit = "seconds", "seconds", "seconds"
	b := bucketFor(span, 100*time.Millisecond)
	return []Panel{
		{Title: "push delivery after the first session's, per push (" + r.Push + ")", YLabel: "seconds", Series: []Series{p50, p99, mx}},
		{Title: "push deliveries (bucket " + b.String() + ")", YLabel: "deliveries per second", Series: []Series{rateSeries("deliveries", events, b, span+b)}},
	}
}

// sessionNotes say how to read the figures.
func sessionNotes(r *sessionsResult, tg *target) []string {
	notes := []string{
		"Delivery times run from the moment the first session received a push to each other session's receipt: the node's own time from closing the ledger to the first delivery is not in them.",
		"Memory per session is the growth of the node's VmRSS from before the sessions opened to when they were all open and subscribed, divided by the sessions held.",
	}
	if r.Push == "ledger" {
		notes = append(notes, "Push: the ChainSQL ledger stream's ledgerClosed frame stands in for NKN's updateSigChainBlockHash until the node sends it (--push nkn).")
	}
	if tg.config.Source == "in-process" {
		notes = append(notes, "The node ran inside the bench process (--inprocess): its memory includes the client's sessions.")
	}
	return notes
}
