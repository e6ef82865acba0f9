package main

import (
	"context"
	"fmt"
	"time"
)

// ledgerDriver makes the node close ledgers on demand: a ledger closes
// when a transaction waits, so it submits one payment from the genesis
// account per ledger, signed in advance.
type ledgerDriver struct {
	r     *rpc
	blobs []string
}

func newLedgerDriver(ctx context.Context, url string, ledgers int) (*ledgerDriver, error) {
	gk, err := genesisKey()
	if err != nil {
		return nil, err
	}
	r, err := dialRPC(url)
	if err != nil {
		return nil, err
	}
	seq, ok, err := r.nextSequence(ctx, genesisAddress)
	if err == nil && !ok {
		err = fmt.Errorf("the genesis account %s does not exist on this node", genesisAddress)
	}
	if err != nil {
		r.close()
		return nil, err
	}
	ps := make([]payment, ledgers)
	for i := range ps {
		ps[i] = payment{from: gk, to: sampleDestination(i), seq: seq + uint32(i), drops: reserveDrops}
	}
	txs, err := signAll(ctx, ps, nil)
	if err != nil {
		r.close()
		return nil, err
	}
	d := &ledgerDriver{r: r, blobs: make([]string, len(txs))}
	for i, t := range txs {
		d.blobs[i] = hexUpper(t.Blob)
	}
	return d, nil
}

func (d *ledgerDriver) close() { d.r.close() }

// closeLedgers closes one ledger per payment, in turn: it submits the
// payment, waits for the push of the ledger that follows, then for that
// push to reach the held sessions (or pushWait to pass), so that each
// push is timed alone.
func (d *ledgerDriver) closeLedgers(ctx context.Context, p *idlePool, held int, done func()) error {
	for i, blob := range d.blobs {
		_, before := p.seen("")
		res, err := d.r.call(ctx, map[string]any{"command": "submit", "tx_blob": blob})
		if err != nil {
			return fmt.Errorf("ledger %d of %d: %w", i+1, len(d.blobs), err)
		}
		if er, _ := res["engine_result"].(string); er != "tesSUCCESS" {
			return fmt.Errorf("ledger %d of %d: submit: %s", i+1, len(d.blobs), er)
		}
		key, err := waitFor(ctx, func() (string, bool) {
			_, n := p.seen("")
			return p.lastKey(), n > before
		})
		if err != nil {
			return fmt.Errorf("ledger %d of %d: %w within %s", i+1, len(d.blobs), errNoPush, pushWait)
		}
		// Sessions that missed the push show as missing deliveries; the
		// run goes on.
		_, _ = waitFor(ctx, func() (string, bool) {
			n, _ := p.seen(key)
			return key, n >= held
		})
		done()
	}
	return nil
}

// waitFor polls cond every millisecond until it holds, ctx ends or
// pushWait passes.
func waitFor(ctx context.Context, cond func() (string, bool)) (string, error) {
	deadline := time.Now().Add(pushWait)
	for {
		if v, ok := cond(); ok {
			return v, nil
		}
		if time.Now().After(deadline) {
			return "", context.DeadlineExceeded
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(time.Millisecond):
		}
	}
}
