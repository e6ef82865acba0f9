package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress shows on the terminal what a long run is doing: a line per
// phase and a bar for phases that count towards a total. With --quiet,
// or when stderr is not a terminal, bars are off and only the phase
// lines are written (to stderr, so that stdout holds the report alone).
type progress struct {
	out   io.Writer
	quiet bool
	bars  bool
}

func newProgress(out io.Writer, quiet bool) *progress {
	return &progress{out: out, quiet: quiet, bars: !quiet && isTerminal(out)}
}

// phase announces a step of the run.
func (p *progress) phase(format string, args ...any) {
	if p.quiet {
		return
	}
	fmt.Fprintf(p.out, "bench: "+format+"\n", args...)
}

// bar is a counter towards a total, shown as a progress bar. It is safe
// for concurrent use, as progressbar is.
type bar struct{ pb *progressbar.ProgressBar }

// bar starts a progress bar for total units of what unit names.
func (p *progress) bar(total int64, desc, unit string) *bar {
	if !p.bars {
		return &bar{}
	}
	return &bar{pb: progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(p.out),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString(unit),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30))}
}

// set moves the bar to n.
func (b *bar) set(n int64) {
	if b.pb == nil {
		return
	}
	_ = b.pb.Set64(n)
}

// add moves the bar on by n.
func (b *bar) add(n int) {
	if b.pb == nil {
		return
	}
	_ = b.pb.Add(n)
}

// finish clears the bar.
func (b *bar) finish() {
	if b.pb == nil {
		return
	}
	_ = b.pb.Finish()
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
