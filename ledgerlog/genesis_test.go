package ledgerlog_test

import (
	"errors"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
)

// TestGenesis: Init records the chain's genesis (its bytes pinned: replay
// of every existing log reads them) and ledger 1; ReadGenesis reads it
// back; a log with ledgers is never initialised again.
func TestGenesis(t *testing.T) {
	fs := vfs.NewMem()
	log := openLog(t, fs, "log")
	if _, err := ledgerlog.ReadGenesis(log); !errors.Is(err, ledgerlog.ErrNoGenesis) {
		t.Fatalf("ReadGenesis of an empty log: %v", err)
	}
	if _, _, err := ledgerlog.Rebuild(log, nil); !errors.Is(err, ledgerlog.ErrNoGenesis) {
		t.Fatalf("Rebuild of an empty log: %v", err)
	}
	p := ledger.DefaultParams()
	p.BaseFee = 12
	g := ledgerlog.NewGenesis(p, 820454400)
	if g.Account.String() != "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh" {
		t.Fatalf("genesis account %s", g.Account)
	}
	st, err := ledgerlog.Init(log, g)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := log.Meta("genesis")
	const want = `{"params":{"BaseFee":12,"ReserveBase":5000000,"ReserveInc":1000000,"DropsPerByte":976,"GenesisDrops":100000000000000000,"GasPrice":10},"account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","close_time":820454400}`
	if err != nil || string(raw) != want {
		t.Fatalf("genesis record %s, %v", raw, err)
	}
	if got, err := ledgerlog.ReadGenesis(log); err != nil || got != g {
		t.Fatalf("ReadGenesis = %+v, %v", got, err)
	}
	rec, err := log.Ledger(1)
	if err != nil {
		t.Fatal(err)
	}
	if h, err := ledgerlog.Header(rec); err != nil || h != st.Header() || rec.Hash != st.Hash() || len(rec.Txs) != 0 || h.CloseTime != 820454400 {
		t.Fatalf("genesis ledger %+v %X, %v", h, rec.Hash, err)
	}
	if acct, ok := st.Account(g.Account); !ok || acct.Balance != p.GenesisDrops || st.Params() != p {
		t.Fatalf("genesis state: %+v %+v", acct, st.Params())
	}

	if _, err := ledgerlog.Init(log, ledgerlog.NewGenesis(ledger.DefaultParams(), 1)); err == nil {
		t.Fatal("Init of a log with ledgers")
	}
	if got, err := ledgerlog.ReadGenesis(log); err != nil || got != g {
		t.Fatalf("the refused Init changed the genesis record: %+v, %v", got, err)
	}
	if _, err := ledgerlog.Init(log, ledgerlog.Genesis{Params: ledger.Params{}}); err == nil {
		t.Fatal("Init with an invalid fee schedule")
	}
}

// TestRecover: an empty log gets the genesis, a log with ledgers the
// state at its head, after a reopen as after a restart of the node.
func TestRecover(t *testing.T) {
	dir := t.TempDir()
	log := openLog(t, vfs.Default, dir)
	g := ledgerlog.NewGenesis(ledger.DefaultParams(), genesisTime)
	st, rep, err := ledgerlog.Recover(log, g)
	if err != nil || rep.Ledgers != 0 || st.Header().Seq != 1 {
		t.Fatalf("Recover of an empty log: %+v, %v", rep, err)
	}
	c := chainOn(t, log, st)
	c.mixed()
	if err := log.Close(); err != nil {
		t.Fatal(err)
	}

	log = openLog(t, vfs.Default, dir)
	other := ledgerlog.NewGenesis(ledger.DefaultParams(), 1) // ignored: the log has its own
	st2, rep, err := ledgerlog.Recover(log, other)
	if err != nil || rep.Ledgers != 6 || rep.Txs != 8 || len(rep.Mismatches) != 0 {
		t.Fatalf("Recover: %+v, %v", rep, err)
	}
	if st2.Hash() != c.st.Hash() || st2.Header() != c.st.Header() {
		t.Fatalf("recovered ledger %d %X, closed %d %X", st2.Header().Seq, st2.Hash(), c.st.Header().Seq, c.st.Hash())
	}
}
