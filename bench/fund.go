package main

import (
	"context"
	"fmt"
	"time"

	"github.com/sqledger/sqledger/protocol/address"
)

// fundTimeout bounds the funding of the accounts.
const fundTimeout = 2 * time.Minute

// fundWindow is how many funding payments are in flight at once.
const fundWindow = 1000

// fund pays drops from the genesis account to each account, through the
// node's API like any client, and waits until every payment is
// validated. It is not part of any timed phase.
func fund(ctx context.Context, e *env, tg *target, accts []*account, drops int64) error {
	gk, err := genesisKey()
	if err != nil {
		return err
	}
	r, err := dialRPC(tg.url)
	if err != nil {
		return err
	}
	seq, ok, err := r.nextSequence(ctx, genesisAddress)
	r.close()
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("the genesis account %s does not exist on this node", genesisAddress)
	}
	dests := make([]address.AccountID, len(accts))
	for i, a := range accts {
		dests[i] = a.kp.AccountID()
	}
	ps := make([]payment, len(dests))
	for i, d := range dests {
		ps[i] = payment{from: gk, to: d, seq: seq + uint32(i), drops: drops}
	}
	e.progress.phase("funding %d accounts with %s ZXC each from the genesis account", len(accts), formatFloat(float64(drops)/1e6, 6))
	signed, err := signAll(ctx, ps, nil)
	if err != nil {
		return err
	}
	bar := e.progress.bar(int64(len(signed)), "funding", "tx")
	defer bar.finish()
	// At most fundWindow in flight: a standalone node closes a session
	// that has thousands of requests outstanding (4,000 did).
	eng := newEngine(engineConfig{url: tg.url, window: min(len(signed), fundWindow), duration: fundTimeout, drain: fundTimeout,
		onDone: func() { bar.add(1) }}, []*lane{newLane(signed)})
	if err := eng.run(ctx); err != nil {
		return fmt.Errorf("funding: %w", err)
	}
	t := eng.totals()
	if t.Validated != len(signed) {
		return fmt.Errorf("funding: %d of %d payments validated (failures: %v)", t.Validated, len(signed), t.Failures)
	}
	return ctx.Err()
}
