package metrics

import (
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
)

// Sources are what the metrics read when scraped. A nil source leaves
// its metrics out.
type Sources struct {
	// Sessions counts the open WebSocket sessions by dialect
	// (gateway.Server.SessionsByDialect).
	Sessions func() map[string]int
	// NotificationsDropped counts the notifications dropped from full
	// session queues (gateway.Stats.Dropped).
	NotificationsDropped func() uint64
	// OpenTxs is how many transactions wait for a ledger.
	OpenTxs func() int
	// HTTPInFlight is how many JSON-RPC requests are under way.
	HTTPInFlight func() int
	// ProjectionLag is how many ledgers the SQL store is behind.
	ProjectionLag func() uint32
	// LastLedger is the last closed ledger's sequence and close time.
	LastLedger func() (seq uint32, closed time.Time)
	// Failed reports that the node makes no more ledgers (its sequencer
	// stopped); /health then answers 503.
	Failed func() bool
}

// Bounds of the latency bookkeeping: a transaction submitted and never
// validated is forgotten after maxPending; at most maxSubmitted wait at
// once, and the validation times of the last validatedRing ledgers are
// kept for validated→db.
const (
	maxSubmitted  = 200_000
	maxPending    = 10 * time.Minute
	validatedRing = 4096
	sweepEvery    = 64
)

// Metrics counts what the node does. Its methods are safe for
// concurrent use.
type Metrics struct {
	reg *prometheus.Registry

	ledgersClosed     prometheus.Counter
	transactions      *prometheus.CounterVec
	submitToValidated prometheus.Histogram
	validatedToDB     prometheus.Histogram
	sqlResults        *prometheus.CounterVec
	appendSeconds     prometheus.Histogram
	sqlApplySeconds   prometheus.Histogram

	mu sync.Mutex
	// submitted are the submit times of transactions not yet validated.
	submitted map[hash.Hash256]time.Time
	// validated are the validation times of recent ledgers, by seq %
	// validatedRing.
	validated [validatedRing]struct {
		seq uint32
		at  time.Time
	}
	closes int
	now    func() time.Time
	src    Sources
}

// New returns the node's metrics, reading src at scrape time.
func New(src Sources) *Metrics {
	m := &Metrics{
		reg:       prometheus.NewRegistry(),
		submitted: make(map[hash.Hash256]time.Time),
		now:       time.Now,
		src:       src,
		ledgersClosed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "sqledger_ledgers_closed_total",
			Help: "Ledgers closed and made durable in the event log (validated) since the node started.",
		}),
		transactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sqledger_transactions_total",
			Help: "Transactions in validated ledgers, by engine result (tesSUCCESS, tec…).",
		}, []string{"result"}),
		submitToValidated: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "sqledger_submit_to_validated_seconds",
			Help:    "Time from a transaction's submit on this node to the durable ledger holding it.",
			Buckets: []float64{0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 60},
		}),
		validatedToDB: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "sqledger_validated_to_db_seconds",
			Help:    "Time from a table transaction's ledger being durable to its result in the SQL store (db_success, db_error).",
			Buckets: []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10},
		}),
		sqlResults: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sqledger_sql_results_total",
			Help: "Table transactions applied by the SQL store, by result (db_success, db_error).",
		}, []string{"status"}),
		appendSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "sqledger_eventlog_append_seconds",
			Help:    "Time to append one closed ledger to the event log (one synced batch).",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}),
		sqlApplySeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "sqledger_sql_apply_seconds",
			Help:    "Time for the SQL store to apply one ledger (one SQL transaction with the checkpoint).",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}),
	}
	m.reg.MustRegister(m.ledgersClosed, m.transactions, m.submitToValidated, m.validatedToDB,
		m.sqlResults, m.appendSeconds, m.sqlApplySeconds,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Known label values start at 0, so that rate() sees their first
	// increase.
	m.transactions.WithLabelValues("tesSUCCESS")
	m.sqlResults.WithLabelValues("db_success")
	m.sqlResults.WithLabelValues("db_error")
	m.registerSources(src)
	return m
}

// Registry is the private registry the metrics are in.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Submitted notes a transaction's submit time (actors.Observer).
func (m *Metrics) Submitted(tx hash.Hash256) {
	now := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.submitted[tx]; !ok && len(m.submitted) < maxSubmitted {
		m.submitted[tx] = now
	}
}

// LedgerClosed counts a durable ledger and its transactions
// (actors.Observer).
func (m *Metrics) LedgerClosed(seq uint32, hashes []hash.Hash256, results []ter.Code, appendTook time.Duration) {
	now := m.now()
	m.ledgersClosed.Inc()
	m.appendSeconds.Observe(appendTook.Seconds())
	for _, r := range results {
		m.transactions.WithLabelValues(r.String()).Inc()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.validated[seq%validatedRing] = struct {
		seq uint32
		at  time.Time
	}{seq, now}
	for _, h := range hashes {
		if at, ok := m.submitted[h]; ok {
			m.submitToValidated.Observe(now.Sub(at).Seconds())
			delete(m.submitted, h)
		}
	}
	if m.closes++; m.closes%sweepEvery == 0 {
		for h, at := range m.submitted {
			if now.Sub(at) > maxPending {
				delete(m.submitted, h)
			}
		}
	}
}

// Projected counts a ledger the SQL store applied (actors.Observer).
func (m *Metrics) Projected(seq uint32, statuses []string, took time.Duration) {
	now := m.now()
	m.sqlApplySeconds.Observe(took.Seconds())
	for _, s := range statuses {
		m.sqlResults.WithLabelValues(s).Inc()
	}
	if len(statuses) == 0 {
		return
	}
	m.mu.Lock()
	v := m.validated[seq%validatedRing]
	m.mu.Unlock()
	if v.seq != seq || v.at.IsZero() {
		return // validated before the node started, or too long ago
	}
	for range statuses {
		m.validatedToDB.Observe(now.Sub(v.at).Seconds())
	}
}
