package actors_test

import (
	"errors"
	"testing"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
)

// TestChainGenesis starts a node on a chain's genesis, then checks that
// a restart on the same genesis passes and one on another chain's is
// refused.
func TestChainGenesis(t *testing.T) {
	dir := t.TempDir()
	g := ledgerlog.NewGenesis(ledger.DefaultParams(), 12345)
	start := func(g ledgerlog.Genesis) error {
		log, err := eventlog.Open(dir, eventlog.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer log.Close()
		cfg := actors.DefaultConfig()
		cfg.Genesis = &g
		n, err := actors.Start(log, cfg)
		if err != nil {
			return err
		}
		if h := n.View().Snapshot().Header(); h.CloseTime != g.CloseTime {
			t.Errorf("genesis ledger closed at %d, want the chain's %d", h.CloseTime, g.CloseTime)
		}
		n.Stop()
		return nil
	}
	if err := start(g); err != nil {
		t.Fatal(err)
	}
	if err := start(g); err != nil {
		t.Fatalf("restart on the same chain: %v", err)
	}
	other := g
	other.CloseTime++
	if err := start(other); !errors.Is(err, ledgerlog.ErrOtherChain) {
		t.Fatalf("start on another chain's genesis: %v, want ErrOtherChain", err)
	}
}
