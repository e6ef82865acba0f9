package actors_test

import (
	"testing"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/eventlog"
)

// TestRebuildDetectsTampering rebuilds a log written by a running node
// (no mismatch), then a copy of it whose last ledger records a different
// result (a mismatch at that ledger).
func TestRebuildDetectsTampering(t *testing.T) {
	dir := t.TempDir()
	n := startNode(t, dir, 0)
	c := n.client()
	frank, _ := c.wallet("frank")
	c.pay(genesisSecret, genesisAccount, frank, 7_000_000)
	c.accept()
	c.pay(genesisSecret, genesisAccount, frank, 1_000)
	c.accept()
	n.stop()

	log, err := eventlog.Open(dir, eventlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	st, rep, err := actors.Rebuild(log, nil)
	if err != nil || len(rep.Mismatches) != 0 || rep.Ledgers != 3 || rep.Txs != 2 {
		t.Fatalf("rebuild: %v %+v", err, rep)
	}
	if st.Header().Seq != 3 {
		t.Fatalf("rebuilt to ledger %d", st.Header().Seq)
	}

	// Record ledger 3's transaction in a forged ledger 4 with ledger 2's
	// metadata and hash: replay must see the difference.
	l2, err := log.Ledger(2)
	if err != nil {
		t.Fatal(err)
	}
	l3, err := log.Ledger(3)
	if err != nil {
		t.Fatal(err)
	}
	forged := &eventlog.Ledger{Seq: 4, Hash: l2.Hash, Header: l3.Header, Txs: []eventlog.Tx{{Hash: l3.Txs[0].Hash, Blob: l3.Txs[0].Blob, Meta: l2.Txs[0].Meta}}}
	if err := log.Append(forged); err != nil {
		t.Fatal(err)
	}
	_, rep, err = actors.Rebuild(log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Mismatches) == 0 || rep.Mismatches[0].Seq != 4 {
		t.Fatalf("tampered log: %+v", rep)
	}
}
