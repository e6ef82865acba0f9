package metrics

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"time"
)

// Health is /health's body.
type Health struct {
	// Status is "ok" (HTTP 200) or "unhealthy" (HTTP 503).
	Status string `json:"status"`
	// Reason says why the node is unhealthy; empty when ok.
	Reason string `json:"reason,omitempty"`
	// LedgerIndex is the last closed ledger, LedgerAge its age in whole
	// seconds, OpenTransactions the transactions waiting for a ledger.
	LedgerIndex      uint32 `json:"ledger_index"`
	LedgerAge        int64  `json:"ledger_age_seconds"`
	OpenTransactions int    `json:"open_transactions"`
}

// Check is the node's health now: unhealthy when its sequencer has
// stopped, or when its last ledger is older than Config.MaxLedgerAge
// while transactions wait for one (or at all, with Config.ClosesEmpty).
// A standalone node with nothing to do closes no ledger, and is healthy.
func (s *Server) Check() Health {
	src := s.m.src
	h := Health{Status: "ok"}
	var closed time.Time
	if src.LastLedger != nil {
		h.LedgerIndex, closed = src.LastLedger()
		h.LedgerAge = int64(math.Max(0, s.m.now().Sub(closed).Seconds()))
	}
	if src.OpenTxs != nil {
		h.OpenTransactions = src.OpenTxs()
	}
	old := src.LastLedger != nil && s.m.now().Sub(closed) > s.cfg.MaxLedgerAge
	switch {
	case src.Failed != nil && src.Failed():
		h.Status, h.Reason = "unhealthy", "the node stopped making ledgers (see its log)"
	case old && s.cfg.ClosesEmpty:
		h.Status, h.Reason = "unhealthy", fmt.Sprintf("no ledger closed for more than %s", s.cfg.MaxLedgerAge)
	case old && h.OpenTransactions > 0:
		h.Status, h.Reason = "unhealthy", fmt.Sprintf("no ledger closed for more than %s with %d transactions waiting", s.cfg.MaxLedgerAge, h.OpenTransactions)
	}
	return h
}

func (s *Server) health(w http.ResponseWriter, _ *http.Request) {
	h := s.Check()
	status := http.StatusOK
	if h.Status != "ok" {
		status = http.StatusServiceUnavailable
	}
	body, err := json.Marshal(h)
	if err != nil {
		http.Error(w, "Internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}
