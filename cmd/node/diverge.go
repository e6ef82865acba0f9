package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/ledger"
)

// divergeEnv names a test hook, read only here: a validator started with
// SQLEDGER_TEST_DIVERGE_AT=N reports to CometBFT, for every ledger from
// sequence N on, an app hash with its first byte flipped, as a validator
// whose state diverged would. Its event log keeps the true ledgers. The
// network's next block carries the true app hash, CometBFT's check finds
// the mismatch and the node stops (comet.ErrHalted). TestTestnetDivergence
// uses it; never set it on a real validator.
const divergeEnv = "SQLEDGER_TEST_DIVERGE_AT"

// divergeHook wraps o in the test hook when divergeEnv is set.
func divergeHook(o consensus.Orderer) (consensus.Orderer, error) {
	v, ok := os.LookupEnv(divergeEnv)
	if !ok {
		return o, nil
	}
	from, err := strconv.ParseUint(v, 10, 32)
	if err != nil || from < 2 {
		return nil, fmt.Errorf("%s=%q: want a ledger sequence of at least 2", divergeEnv, v)
	}
	return divergingOrderer{o, uint32(from)}, nil
}

// divergingOrderer runs its orderer on a divergingApp.
type divergingOrderer struct {
	consensus.Orderer
	from uint32
}

func (o divergingOrderer) Run(ctx context.Context, app consensus.Application) error {
	return o.Orderer.Run(ctx, divergingApp{app, o.from})
}

// divergingApp alters the hash of every ledger from sequence from on in
// what it returns, not in what the sequencer appends.
type divergingApp struct {
	consensus.Application
	from uint32
}

func (a divergingApp) FinalizeBlock(b consensus.Block) (*ledger.Closed, error) {
	c, err := a.Application.FinalizeBlock(b)
	if err != nil || b.Height < a.from {
		return c, err
	}
	forked := *c
	forked.Hash[0] ^= 0xff
	return &forked, nil
}
