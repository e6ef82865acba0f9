package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
)

// dialects are the sessions gauge's label values.
var dialects = []string{"chainsql", "nkn", "none"}

// registerSources registers the metrics read from src at scrape time.
func (m *Metrics) registerSources(src Sources) {
	if src.Sessions != nil {
		m.reg.MustRegister(sessionsCollector{
			desc: prometheus.NewDesc("sqledger_sessions", "Open WebSocket sessions, by the dialect of their first request (none: no request yet).", []string{"dialect"}, nil),
			read: src.Sessions,
		})
	}
	if src.NotificationsDropped != nil {
		m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "sqledger_ws_notifications_dropped_total",
			Help: "Notifications dropped from full WebSocket session queues (slow readers).",
		}, func() float64 { return float64(src.NotificationsDropped()) }))
	}
	if src.OpenTxs != nil {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "sqledger_open_transactions",
			Help: "Transactions admitted and waiting for a ledger (the orderer's queue).",
		}, func() float64 { return float64(src.OpenTxs()) }))
	}
	if src.HTTPInFlight != nil {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "sqledger_rpc_http_requests_in_flight",
			Help: "JSON-RPC requests under way.",
		}, func() float64 { return float64(src.HTTPInFlight()) }))
	}
	if src.ProjectionLag != nil {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "sqledger_projection_lag_ledgers",
			Help: "Ledgers the SQL store is behind the last closed ledger (r_get's diff).",
		}, func() float64 { return float64(src.ProjectionLag()) }))
	}
	if src.LastLedger != nil {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "sqledger_ledger_index",
			Help: "Sequence of the last closed (validated) ledger.",
		}, func() float64 { seq, _ := src.LastLedger(); return float64(seq) }))
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "sqledger_ledger_close_time_seconds",
			Help: "Close time of the last closed ledger, in Unix seconds.",
		}, func() float64 { _, at := src.LastLedger(); return float64(at.Unix()) }))
	}
}

// sessionsCollector reads the sessions by dialect once per scrape.
type sessionsCollector struct {
	desc *prometheus.Desc
	read func() map[string]int
}

func (c sessionsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c sessionsCollector) Collect(ch chan<- prometheus.Metric) {
	counts := c.read()
	for _, d := range dialects {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(counts[d]), d)
	}
}
