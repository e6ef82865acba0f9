package main

import (
	"fmt"
	"maps"
	"slices"
	"time"
)

// The targets of the hostile workload, for the honest client during the
// attack.
const (
	targetInfoP99        = 100 * time.Millisecond
	targetSubmitInterval = 2
	targetPeakRSS        = 1 << 30
)

// hostileResult is the hostile workload's outcome.
type hostileResult struct {
	Options  hostileOptions `json:"options"`
	Interval Duration       `json:"ledger_interval"`
	Before   HonestPhase    `json:"before"`
	During   HonestPhase    `json:"during"`
	// RampSeconds is how long the attackers took to connect once each;
	// RampError says how many had not when --ramp ran out.
	RampSeconds float64 `json:"ramp_seconds"`
	RampError   string  `json:"ramp_error,omitempty"`
	// Opened are the sessions the attackers opened (slow readers,
	// garbage senders), reconnections included; Ended says how they
	// ended, by kind, as the client saw it.
	Opened [2]int64                  `json:"sessions_opened"`
	Ended  map[string]map[string]int `json:"sessions_ended"`
	// Lifetimes are, by kind, how long the sessions that did not last
	// until the attack stopped had been open.
	Lifetimes map[string]Latency `json:"ended_session_lifetimes"`
	// PeakRSSBytes is the node's peak resident memory over the run
	// (VmHWM); Usage the node's and client's CPU during the attack.
	PeakRSSBytes uint64        `json:"node_peak_rss_bytes,omitempty"`
	Usage        Usage         `json:"usage_during"`
	Targets      []hostileGoal `json:"targets"`
}

// hostileGoal is one target and whether the run met it.
type hostileGoal struct {
	Name string `json:"name"`
	Met  bool   `json:"met"`
}

// finish checks the targets.
func (r *hostileResult) finish() {
	d := &r.During
	bound := time.Duration(targetSubmitInterval) * time.Duration(r.Interval)
	r.Targets = []hostileGoal{
		{"honest server_info p99 under " + formatDuration(targetInfoP99), d.Info.Latency.Count > 0 && time.Duration(d.Info.Latency.P99) < targetInfoP99},
		{fmt.Sprintf("honest submit to validate_success p99 under %d ledger intervals (%s)", targetSubmitInterval, formatDuration(bound)),
			d.Txs.Latency.Count > 0 && time.Duration(d.Txs.Latency.P99) < bound},
		{"every honest transaction and server_info answered", d.unanswered() == 0 && d.Info.Unanswered == 0 && d.Info.Issued > 0 && len(d.Errors) == 0},
		{"node peak resident memory under " + formatBytes(targetPeakRSS), r.PeakRSSBytes > 0 && r.PeakRSSBytes < targetPeakRSS},
	}
}

// intervals writes a latency as a multiple of the ledger interval.
func (r *hostileResult) intervals(d Duration) string {
	if r.Interval <= 0 {
		return "n/a"
	}
	return formatFloat(float64(d)/float64(r.Interval), 2)
}

func (r *hostileResult) rows() []row {
	o := r.Options
	out := []row{
		{"attack: slow readers / garbage senders", fmt.Sprintf("%s (%d per address) / %s (%d per address)",
			formatCount(int64(o.SlowReaders)), o.SlowPerAddr, formatCount(int64(o.GarbageSenders)), o.GarbagePerAddr)},
		{"honest client: transactions per second (half payments, half inserts) / server_info per second", formatRate(o.HonestRate) + " / " + formatRate(o.InfoRate)},
		{"phase length (before, then during)", o.Phase.String()},
	}
	for _, p := range []struct {
		name string
		ph   *HonestPhase
	}{{"before", &r.Before}, {"during", &r.During}} {
		i, t := p.ph.Info, p.ph.Txs
		out = append(out,
			row{p.name + ": server_info issued / answered / failed / unanswered", fmt.Sprintf("%d / %d / %d / %d", i.Issued, i.Answered, i.Failed, i.Unanswered)},
			row{p.name + ": server_info p50 / p99 / max", latencyTriple(i.Latency)},
			row{p.name + ": transactions planned / submitted / validated / failed / unanswered", fmt.Sprintf("%d / %d / %d / %d / %d", p.ph.Planned, t.Submitted, t.Validated, t.Failed, p.ph.unanswered())},
			row{p.name + ": submit to validate_success p50 / p99 / max", latencyTriple(t.Latency)},
			row{p.name + ": the same in ledger intervals (p50 / p99)", r.intervals(t.Latency.P50) + " / " + r.intervals(t.Latency.P99)},
		)
		for _, k := range t.failureReasons() {
			out = append(out, row{p.name + ": failure: " + k, formatCount(int64(t.Failures[k]))})
		}
		for _, e := range p.ph.Errors {
			out = append(out, row{p.name + ": the honest client could not work", truncate(e, 120)})
		}
		if p.ph.NodeRSSBytes > 0 {
			out = append(out, row{p.name + ": node resident memory at the end", formatBytes(p.ph.NodeRSSBytes)})
		}
		if p.ph.KernelTCPBytes > 0 {
			out = append(out, row{p.name + ": kernel TCP socket memory at the end (all processes)", formatBytes(p.ph.KernelTCPBytes)})
		}
	}
	out = append(out, row{"attackers connected once each in", seconds(r.RampSeconds)})
	if r.RampError != "" {
		out = append(out, row{"attackers not connected in time", r.RampError})
	}
	out = append(out, row{"sessions the attackers opened (slow readers / garbage senders)", fmt.Sprintf("%s / %s", formatCount(r.Opened[slowIdx]), formatCount(r.Opened[garbageIdx]))})
	for _, kind := range attackerKinds {
		m := r.Ended[kind]
		hows := slices.Collect(maps.Keys(m))
		slices.SortFunc(hows, func(a, b string) int {
			if d := m[b] - m[a]; d != 0 {
				return d
			}
			if a < b {
				return -1
			}
			return 1
		})
		for _, how := range hows {
			out = append(out, row{kind + " sessions ended: " + how, formatCount(int64(m[how]))})
		}
		if l := r.Lifetimes[kind]; l.Count > 0 {
			out = append(out, row{kind + " sessions that ended before the attack did: open for p50 / p99 / max", latencyTriple(l)})
		}
	}
	if r.PeakRSSBytes > 0 {
		out = append(out, row{"node peak resident memory (VmHWM)", formatBytes(r.PeakRSSBytes)})
	}
	out = append(out, r.Usage.rows()...)
	for _, g := range r.Targets {
		out = append(out, row{"target: " + g.Name, metOrShort(g.Met)})
	}
	return out
}

// latencyTriple is "p50 / p99 / max".
func latencyTriple(l Latency) string {
	if l.Count == 0 {
		return "n/a (none)"
	}
	return l.P50.String() + " / " + l.P99.String() + " / " + l.Max.String()
}

func (r *hostileResult) ratios(*Limits) []Ratio { return nil }

// hostileNotes say how to read the figures.
func hostileNotes(r *hostileResult, tg *target) []string {
	notes := []string{
		"The honest client dials from " + honestIP + ", the slow readers from 127.0.2.1 up and the garbage senders from 127.0.10.1 up; the node's only admin network is " + hostileAdmin + ", where the setup (funding, the table, its grants) ran, so no client of the timed phases is an admin.",
		"A slow reader subscribes to the ledger and transactions streams with a 4 KiB receive buffer and never reads; it writes a ping every second only to learn when the node has dropped it (the first write after the node closed fails), so the node's own ping timeout does not end it. A garbage sender writes, in turn, a non-JSON text frame, " + formatBytes(uint64(r.Options.GarbageBytes)) + " of 0x01, JSON nested 50,000 deep, a 64 KiB binary frame and a text frame with invalid UTF-8, as fast as the node takes them, and reads (and discards) the node's answers. Both connect again 200 ms after the node ends or refuses a session; how their sessions ended is what the client saw (the node's close frame, or a drop without one).",
		"Honest latencies run from writing the request to its answer (server_info) or to validate_success (payments and inserts, each subscribed to its hash first); an unanswered one had no answer within the drain time after its phase.",
		"Client and node share this machine's two cores: the attackers' writes cost the bench process CPU too, which the honest client's figures include.",
	}
	if tg.config.Source == "external" {
		notes = append(notes, "The node was given with --url: bench cannot restrict its admin networks, so attackers on an admin network may be exempt from its limits.")
	}
	return notes
}
