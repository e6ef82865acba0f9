package main

import (
	"fmt"
	"strings"
)

// paymentsResult is the payments workload's outcome.
type paymentsResult struct {
	Sessions int     `json:"sessions"`
	Accounts int     `json:"accounts"`
	Count    int     `json:"count"`
	Mode     string  `json:"mode"`
	Rate     float64 `json:"offered_rate,omitempty"`

	Totals  engineTotals `json:"totals"`
	Ledgers LedgerStats  `json:"ledgers"`
	Usage   Usage        `json:"usage"`

	FundSeconds float64 `json:"fund_seconds"`
	SignSeconds float64 `json:"sign_seconds"`
}

func (r *paymentsResult) rows() []row {
	t := &r.Totals
	out := []row{
		{"sessions / sending accounts", fmt.Sprintf("%s / %s", formatCount(int64(r.Sessions)), formatCount(int64(r.Accounts)))},
		{"mode", r.Mode},
		{"payments planned", formatCount(int64(r.Count))},
		{"submitted", formatCount(int64(t.Submitted))},
		{"validated", formatCount(int64(t.Validated))},
		{"failed", formatCount(int64(t.Failed))},
		{"unresolved at the end", formatCount(int64(t.Unresolved))},
		{"**validated per second** (first submit to last validation)", "**" + formatRate(t.TPS) + "**"},
		{"span", t.Span.String()},
		{"latency p50 (submit to validate_success)", t.Latency.P50.String()},
		{"latency p90", t.Latency.P90.String()},
		{"latency p99", t.Latency.P99.String()},
		{"latency max", t.Latency.Max.String()},
		{"ledgers closed / mean transactions each", fmt.Sprintf("%d / %s", r.Ledgers.Count, formatRate(r.Ledgers.MeanTxs))},
		{"mean ledger interval", meanInterval(r.Ledgers)},
	}
	for _, k := range t.failureReasons() {
		out = append(out, row{"failure: " + k, formatCount(int64(t.Failures[k]))})
	}
	out = append(out, r.Usage.rows()...)
	out = append(out,
		row{"untimed: funding", formatFloat(r.FundSeconds, 1) + " s"},
		row{"untimed: signing", formatFloat(r.SignSeconds, 1) + " s"})
	return out
}

func (r *paymentsResult) ratios(l *Limits) []Ratio {
	v := r.Totals.TPS
	return []Ratio{
		newRatio("validated per second", v, "payment path (verify + round trip)", l.PaymentPath),
		newRatio("validated per second", v, "signature verifications, all cores", l.VerifyAll),
		newRatio("validated per second", v, "WebSocket round trips", l.EchoRoundTrips),
	}
}

// paymentNotes say how to read the figures.
func paymentNotes(r *paymentsResult, tg *target) []string {
	notes := []string{
		"Each payment is what the ChainSQL client sends: subscribe {transaction}, then submit {tx_blob}, then the singleTransaction validate_success notification; latency runs from writing the submit to reading the notification.",
		"Client and node share this machine's cores; the client's own CPU is in the table.",
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

// meanInterval is the mean time between ledgers, when there were two.
func meanInterval(l LedgerStats) string {
	if l.Count < 2 {
		return "n/a (fewer than two ledgers)"
	}
	return l.MeanInterval.String()
}

func (r *paymentsResult) rate() (string, float64) { return "validated per second", r.Totals.TPS }
