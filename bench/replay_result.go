package main

import (
	"fmt"
	"time"
)

// replayResult is the replay workload's outcome.
type replayResult struct {
	PerLedger    int     `json:"per_ledger"`
	Accounts     int     `json:"accounts"`
	Reused       bool    `json:"reused_data_dir"`
	Written      int     `json:"written"`
	BuildSeconds float64 `json:"build_seconds,omitempty"`
	DataBytes    uint64  `json:"data_bytes"`

	Ledgers    int     `json:"ledgers"`
	Txs        int     `json:"transactions"`
	Mismatches int     `json:"mismatches"`
	Seconds    float64 `json:"seconds"`
	// TPS is transactions per second over Seconds, replay's own timing of
	// its rebuild; WallSeconds also counts opening the log.
	TPS         float64 `json:"transactions_per_second"`
	WallSeconds float64 `json:"wall_seconds"`
	CPUSeconds  float64 `json:"cpu_seconds,omitempty"`
	MaxRSS      uint64  `json:"max_rss_bytes,omitempty"`
	// ReadTPS is iterating the same log and decoding every record
	// without applying it.
	ReadTPS float64 `json:"read_decode_per_second"`

	progress []replayPoint
}

// replayPoint is the ledger replay had reached at a time.
type replayPoint struct {
	at     time.Duration
	ledger int
}

func (r *replayResult) rows() []row {
	out := []row{}
	if r.Reused {
		out = append(out, row{"data directory", "reused"})
	} else {
		out = append(out,
			row{"written: transactions (funding included) / per ledger", fmt.Sprintf("%s / %s", formatCount(int64(r.Written)), formatCount(int64(r.PerLedger)))},
			row{"untimed: writing the log", formatFloat(r.BuildSeconds, 1) + " s"})
	}
	out = append(out,
		row{"data directory size", formatBytes(r.DataBytes)},
		row{"replayed: ledgers / transactions", fmt.Sprintf("%s / %s", formatCount(int64(r.Ledgers)), formatCount(int64(r.Txs)))},
		row{"mismatches", formatCount(int64(r.Mismatches))},
		row{"replay time (replay's own) / process wall time", fmt.Sprintf("%s s / %s s", formatFloat(r.Seconds, 2), formatFloat(r.WallSeconds, 2))},
		row{"**replayed transactions per second**", "**" + formatRate(r.TPS) + "**"},
		row{"log read + decode, without applying", formatRate(r.ReadTPS) + " /s"},
	)
	if r.CPUSeconds > 0 {
		out = append(out, row{"replay CPU / peak resident memory", fmt.Sprintf("%s s / %s", formatFloat(r.CPUSeconds, 2), formatBytes(r.MaxRSS))})
	}
	return out
}

func (r *replayResult) ratios(l *Limits) []Ratio {
	return []Ratio{
		newRatio("replayed per second", r.TPS, "log read + decode (this run)", r.ReadTPS),
		newRatio("replayed per second", r.TPS, "transactions appended in large ledgers", l.AppendTxs),
	}
}

// panels are replay's rate over time, from its progress bar.
func (r *replayResult) panels() []Panel {
	if len(r.progress) < 2 || r.Ledgers == 0 {
		return nil
	}
	perLedger := float64(r.Txs) / float64(r.Ledgers)
	var rate, lat Series
	rate.Name, rate.Unit = "replayed", "transactions per second"
	lat.Name, lat.Unit = "per ledger", "seconds"
	prev := replayPoint{}
	for _, p := range r.progress {
		if p.ledger <= prev.ledger || p.at <= prev.at {
			continue
		}
		dt := (p.at - prev.at).Seconds()
		n := float64(p.ledger - prev.ledger)
		rate.X, rate.Y = append(rate.X, p.at.Seconds()), append(rate.Y, n*perLedger/dt)
		lat.X, lat.Y = append(lat.X, p.at.Seconds()), append(lat.Y, dt/n)
		prev = p
	}
	return []Panel{
		{Title: "time per ledger replayed", YLabel: "seconds", Series: []Series{lat}},
		{Title: "replay throughput", YLabel: "transactions per second", Series: []Series{rate}},
	}
}

// replayNotes say how the data was made and what the figures mean.
func replayNotes(r *replayResult) []string {
	return []string{
		"The log was written with the node's own packages rather than through the WebSocket API (which would take hours for a million payments): ledgerlog.Init for the genesis ledger, then ledger.State.Close and eventlog.Log.Append of its ledgerlog.Record per ledger, as the sequencer does, with payments signed by bench.",
		"Replay: `node replay --data-dir` as a subprocess, which rebuilds the state from the log and checks every result and ledger hash; its own timing excludes opening the log.",
	}
}
