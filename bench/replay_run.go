package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledgerlog"
)

// replaySubprocess times `node replay --data-dir` and reads its summary,
// and its progress bar for the plot.
func replaySubprocess(ctx context.Context, e *env, bin, dataDir string, res *replayResult) error {
	e.progress.phase("timing %s replay --data-dir %s", filepath.Base(bin), dataDir)
	cmd := exec.CommandContext(ctx, bin, "replay", "--data-dir", dataDir)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start node replay: %w", err)
	}
	tail := &copyTail{max: 4 << 10}
	res.progress = readProgress(io.TeeReader(stderr, tail), start)
	waitErr := cmd.Wait()
	res.WallSeconds = time.Since(start).Seconds()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.MaxRSS = uint64(ru.Maxrss) * 1024
		res.CPUSeconds = time2s(ru.Utime) + time2s(ru.Stime)
	}
	sum, perr := parseReplaySummary(stdout.Bytes())
	if waitErr != nil && perr != nil {
		return fmt.Errorf("%w: node replay: %v\n%s%s", errReplay, waitErr, stdout.String(), tail)
	}
	if perr != nil {
		return fmt.Errorf("%w: %v\n%s", errReplay, perr, stdout.String())
	}
	res.Ledgers, res.Txs, res.Seconds, res.Mismatches = sum.ledgers, sum.txs, sum.seconds, sum.mismatches
	if sum.seconds > 0 {
		res.TPS = float64(sum.txs) / sum.seconds
	}
	if waitErr != nil {
		return fmt.Errorf("%w: node replay found %d mismatches: %v", errReplay, sum.mismatches, waitErr)
	}
	return nil
}

// replaySummary is what `node replay` prints on success.
type replaySummary struct {
	ledgers, txs, mismatches int
	seconds                  float64
}

// parseReplaySummary reads the "name: value" lines of `node replay`.
func parseReplaySummary(out []byte) (replaySummary, error) {
	var s replaySummary
	found := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || strings.HasPrefix(k, " ") {
			continue
		}
		v = strings.TrimSpace(v)
		var err error
		switch k {
		case "ledgers":
			s.ledgers, err = strconv.Atoi(v)
		case "transactions":
			s.txs, err = strconv.Atoi(v)
		case "seconds":
			s.seconds, err = strconv.ParseFloat(v, 64)
		case "mismatches":
			s.mismatches, err = strconv.Atoi(v)
		default:
			continue
		}
		if err != nil {
			return s, fmt.Errorf("replay summary line %q: %w", sc.Text(), err)
		}
		found[k] = true
	}
	for _, k := range []string{"ledgers", "transactions", "seconds", "mismatches"} {
		if !found[k] {
			return s, fmt.Errorf("replay summary has no %q line", k)
		}
	}
	return s, nil
}

// progressCount matches the "(done/total" of a progress bar line.
var progressCount = regexp.MustCompile(`\((\d+)/(\d+)`)

// readProgress reads `node replay`'s progress bar (lines separated by
// carriage returns when stderr is not a terminal) and returns the ledger
// it had reached over time. It reads until r ends.
func readProgress(r io.Reader, start time.Time) []replayPoint {
	var out []replayPoint
	sc := bufio.NewScanner(r)
	sc.Split(splitCR)
	for sc.Scan() {
		m := progressCount.FindSubmatch(sc.Bytes())
		if m == nil {
			continue
		}
		n, err := strconv.Atoi(string(m[1]))
		if err != nil {
			continue
		}
		out = append(out, replayPoint{at: time.Since(start), ledger: n})
	}
	return out
}

// splitCR splits on carriage returns and newlines.
func splitCR(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// readRate iterates the log in dataDir and decodes every record
// (ledgerlog.Decode: the header and every transaction), without
// applying any: how fast replay could go if applying cost nothing. It
// returns transactions per second.
func readRate(ctx context.Context, dataDir string) (float64, error) {
	log, err := eventlog.Open(filepath.Join(dataDir, "eventlog"), eventlog.Options{})
	if err != nil {
		return 0, fmt.Errorf("open event log: %w", err)
	}
	defer log.Close()
	start := time.Now()
	n := 0
	err = log.Iterate(1, func(led *eventlog.Ledger) error {
		if _, err := ledgerlog.Decode(led); err != nil {
			return err
		}
		n += len(led.Txs)
		return ctx.Err()
	})
	if err != nil {
		return 0, fmt.Errorf("read the log: %w", err)
	}
	return float64(n) / time.Since(start).Seconds(), nil
}
