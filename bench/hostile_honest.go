package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// infoProbe is the honest client's server_info caller: on its own
// session it sends server_info at a fixed rate (open loop: it does not
// wait for the previous answer) and times each answer.
type infoProbe struct {
	c    *conn
	mu   sync.Mutex
	sent map[int64]time.Time
	lat  []time.Duration
	// failed are answers other than success.
	failed int
}

// InfoTotals are one phase's server_info calls.
type InfoTotals struct {
	Issued     int     `json:"issued"`
	Answered   int     `json:"answered"`
	Failed     int     `json:"failed"`
	Unanswered int     `json:"unanswered"`
	Latency    Latency `json:"latency"`
}

func (p *infoProbe) onFrame(frame []byte, at time.Time) {
	in, err := parseInbound(frame)
	if err != nil || !in.isResponse() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	sent, ok := p.sent[*in.ID]
	if !ok {
		return
	}
	delete(p.sent, *in.ID)
	if in.Status != "success" {
		p.failed++
		return
	}
	p.lat = append(p.lat, at.Sub(sent))
}

// probeInfo calls server_info rate times a second for d from localIP,
// then waits up to wait for the answers still due.
func probeInfo(ctx context.Context, url, localIP string, rate float64, d, wait time.Duration) (InfoTotals, error) {
	p := &infoProbe{sent: make(map[int64]time.Time)}
	c, err := dialConn(ctx, url, localIP, p.onFrame)
	if err != nil {
		return InfoTotals{}, fmt.Errorf("server_info session: %w", err)
	}
	p.c = c
	defer c.close()
	t := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer t.Stop()
	stop := time.After(d)
	issued := 0
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case <-stop:
			break loop
		case <-t.C:
		}
		issued++
		id := int64(issued)
		p.mu.Lock()
		p.sent[id] = time.Now()
		p.mu.Unlock()
		if c.send(commandFrame("server_info", id)) != nil {
			break
		}
	}
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		p.mu.Lock()
		due := len(p.sent)
		p.mu.Unlock()
		if due == 0 || c.closed() {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return InfoTotals{Issued: issued, Answered: len(p.lat) + p.failed, Failed: p.failed, Unanswered: len(p.sent),
		Latency: summarize(p.lat)}, nil
}

// HonestPhase is what the honest client saw in one phase.
type HonestPhase struct {
	Info InfoTotals   `json:"server_info"`
	Txs  engineTotals `json:"transactions"`
	// Planned are the transactions the phase was to send; those not
	// submitted are unanswered too (a session that could not connect).
	Planned int `json:"planned"`
	// Errors say why a session of the honest client could not work (it
	// could not connect, say): what it would have sent counts as
	// unanswered.
	Errors []string `json:"errors,omitempty"`
	// NodeRSSBytes is the node's resident memory at the end of the
	// phase; KernelTCPBytes the kernel's TCP socket memory then.
	NodeRSSBytes   uint64 `json:"node_rss_bytes,omitempty"`
	KernelTCPBytes uint64 `json:"kernel_tcp_bytes,omitempty"`
}

// runHonest runs one phase of the honest client from honestIP: its
// payments and inserts (lanes, at rate transactions per second, each
// until validate_success) and server_info at infoRate, for d. A session
// that cannot connect is not an error of the run but a finding: the
// phase records it, and what the session would have sent is unanswered.
func runHonest(ctx context.Context, tg *target, lanes []*lane, rate, infoRate float64, d time.Duration) HonestPhase {
	var ph HonestPhase
	for _, l := range lanes {
		ph.Planned += len(l.txs)
	}
	eng := newEngine(engineConfig{url: tg.url, localIP: honestIP, rate: rate, duration: d,
		drain: drainTime(tg.config.LedgerInterval)}, lanes)
	var infoErr error
	var wg sync.WaitGroup
	wg.Go(func() { ph.Info, infoErr = probeInfo(ctx, tg.url, honestIP, infoRate, d, 10*time.Second) })
	err := eng.run(ctx)
	wg.Wait()
	if err != nil {
		ph.Errors = append(ph.Errors, "transactions: "+err.Error())
	}
	if infoErr != nil {
		ph.Errors = append(ph.Errors, infoErr.Error())
	}
	ph.Txs = eng.totals()
	ph.NodeRSSBytes = rss(tg.pid)
	ph.KernelTCPBytes, _ = kernelTCPBytes()
	return ph
}

// unanswered are the phase's transactions that got no answer, sent or
// not.
func (ph *HonestPhase) unanswered() int { return ph.Txs.Unresolved + ph.Planned - ph.Txs.Submitted }
