package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is what one run prints as a table and writes as JSON: the
// workload's result beside the machine, the node's configuration, the
// git commit, the limits measured in the same run and the ratios to
// them.
type Report struct {
	Workload string      `json:"workload"`
	Command  []string    `json:"command"`
	Started  time.Time   `json:"started"`
	Commit   string      `json:"commit"`
	Machine  Machine     `json:"machine"`
	Node     *nodeConfig `json:"node,omitempty"`
	Limits   *Limits     `json:"limits,omitempty"`
	Result   result      `json:"result"`
	Ratios   []Ratio     `json:"ratios,omitempty"`
	// Panels are the run's time series, drawn by --plot.
	Panels []Panel `json:"series,omitempty"`
	// Notes say what the figures mean or leave out.
	Notes []string `json:"notes,omitempty"`
	// Standalone is the same workload on one standalone node, run after
	// a network's (--network, --standalone).
	Standalone *Report `json:"standalone,omitempty"`
	// SQLite is the same workload on a node with the SQLite store, run
	// after a PostgreSQL store's (--store postgres).
	SQLite *Report `json:"sqlite,omitempty"`
}

// result is a workload's outcome: JSON-ready, with the rows of its table
// and its ratios to the limits.
type result interface {
	rows() []row
	ratios(l *Limits) []Ratio
}

// rated is a result with one headline rate, which a network run compares
// with the standalone run's.
type rated interface {
	rate() (name string, perSecond float64)
}

// row is one line of a table.
type row struct{ name, value string }

// Ratio compares a workload's figure with one of the limits.
type Ratio struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Limit string  `json:"limit"`
	Of    float64 `json:"of"`
	Ratio float64 `json:"ratio"`
}

func newRatio(name string, value float64, limit string, of float64) Ratio {
	r := Ratio{Name: name, Value: value, Limit: limit, Of: of}
	if of > 0 {
		r.Ratio = value / of
	}
	return r
}

func (r *Report) addRatios() {
	if r.Limits != nil && r.Result != nil {
		r.Ratios = r.Result.ratios(r.Limits)
	}
}

// PrintTable writes the report as Markdown tables, ready to paste into a
// README.
func (r *Report) PrintTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	m := r.Machine
	fmt.Fprintf(tw, "## %s\n\n", r.Workload)
	fmt.Fprintf(tw, "commit %s; %d cores (%s), %s memory, %s %s/%s, load average %s at the start\n",
		r.Commit, m.Cores, orUnknown(m.CPU), formatBytes(m.MemoryBytes), m.GoVersion, m.OS, m.Arch, formatFloat(m.LoadAverage, 2))
	if n := r.Node; n != nil {
		fmt.Fprintf(tw, "node: %s\n", n.describe())
	}
	fmt.Fprintf(tw, "command: %s\n\n", strings.Join(r.Command, " "))
	if r.Result != nil {
		printRows(tw, "measure", "value", r.Result.rows())
	}
	if r.Limits != nil {
		printRows(tw, "limit on this machine", "rate", r.Limits.rows())
	}
	printRatios(tw, r.Ratios)
	for _, n := range r.Notes {
		fmt.Fprintf(tw, "- %s\n", n)
	}
	if b := r.SQLite; b != nil {
		fmt.Fprintf(tw, "\n### the same on the SQLite store, in the same run\n\n")
		if n := b.Node; n != nil {
			fmt.Fprintf(tw, "node: %s\n\n", n.describe())
		}
		if b.Result != nil {
			printRows(tw, "measure", "value", b.Result.rows())
		}
		if line := storeRatio(r); line != "" {
			fmt.Fprintln(tw, line)
		}
	}
	if b := r.Standalone; b != nil {
		fmt.Fprintf(tw, "\n### the same on one standalone node, in the same run\n\n")
		if n := b.Node; n != nil {
			fmt.Fprintf(tw, "node: %s\n\n", n.describe())
		}
		if b.Result != nil {
			printRows(tw, "measure", "value", b.Result.rows())
		}
		printRatios(tw, b.Ratios)
		if line := networkRatio(r); line != "" {
			fmt.Fprintln(tw, line)
		}
	}
	return tw.Flush()
}

// storeRatio is the line comparing a PostgreSQL run's headline rate with
// its SQLite run's, empty when the results have none.
func storeRatio(r *Report) string {
	pg, ok1 := r.Result.(rated)
	lite, ok2 := r.SQLite.Result.(rated)
	if !ok1 || !ok2 {
		return ""
	}
	name, v := pg.rate()
	_, b := lite.rate()
	if b <= 0 {
		return ""
	}
	return fmt.Sprintf("**%s: the PostgreSQL store reached %s of the SQLite store (%s / %s).**", name, formatRatio(v/b), formatRate(v), formatRate(b))
}

// networkRatio is the line comparing a network run's headline rate with
// its standalone run's, empty when the results have none.
func networkRatio(r *Report) string {
	net, ok1 := r.Result.(rated)
	solo, ok2 := r.Standalone.Result.(rated)
	if !ok1 || !ok2 {
		return ""
	}
	name, v := net.rate()
	_, b := solo.rate()
	if b <= 0 {
		return ""
	}
	return fmt.Sprintf("**%s: the network reached %s of the standalone node (%s / %s).**", name, formatRatio(v/b), formatRate(v), formatRate(b))
}

func printRatios(w io.Writer, ratios []Ratio) {
	if len(ratios) == 0 {
		return
	}
	fmt.Fprintln(w, "| ratio \t| value \t| limit \t| limit value \t| ratio |\n| --- \t| ---: \t| --- \t| ---: \t| ---: |")
	for _, q := range ratios {
		fmt.Fprintf(w, "| %s \t| %s \t| %s \t| %s \t| %s |\n", q.Name, formatRate(q.Value), q.Limit, formatRate(q.Of), formatRatio(q.Ratio))
	}
	fmt.Fprintln(w)
}

func printRows(w io.Writer, name, value string, rows []row) {
	fmt.Fprintf(w, "| %s \t| %s |\n| --- \t| ---: |\n", name, value)
	for _, r := range rows {
		fmt.Fprintf(w, "| %s \t| %s |\n", r.name, r.value)
	}
	fmt.Fprintln(w)
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown CPU"
	}
	return s
}

// writeOutputs writes the JSON report and the plot the options ask for.
func writeOutputs(r *Report, o *options) error {
	if o.Out != "" {
		b, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return fmt.Errorf("encode the report: %w", err)
		}
		if err := os.WriteFile(o.Out, append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("write the report: %w", err)
		}
	}
	if o.Plot != "" {
		if len(r.Panels) == 0 {
			return fmt.Errorf("%w: the %s workload has no time series to plot", errBadOption, r.Workload)
		}
		if err := writePlot(o.Plot, r.Workload, r.Panels); err != nil {
			return fmt.Errorf("plot: %w", err)
		}
	}
	return nil
}

// describe is the node line of a report: how it ran and with what
// configuration.
func (n *nodeConfig) describe() string {
	parts := []string{n.Source}
	if n.Store != "" {
		parts = append(parts, n.Store+" SQL store")
	}
	if n.URL != "" {
		parts = append(parts, "at "+n.URL)
	}
	if n.LedgerInterval > 0 {
		parts = append(parts, "ledger interval "+n.LedgerInterval.String())
	}
	if n.MaxTxsPerLedger > 0 {
		parts = append(parts, "at most "+formatCount(int64(n.MaxTxsPerLedger))+" transactions per ledger")
	}
	if n.MaxPendingTxs > 0 {
		parts = append(parts, "at most "+formatCount(int64(n.MaxPendingTxs))+" pending")
	}
	if len(n.Admin) > 0 {
		parts = append(parts, "admin "+strings.Join(n.Admin, ", "))
	}
	if n.Version != "" {
		parts = append(parts, n.Version)
	}
	return strings.Join(parts, ", ")
}
