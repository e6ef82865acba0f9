package comet_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/consensus/comet"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// sequencer is a consensus.Application on a ledger.State without a log:
// Commit records the finalized ledger.
type sequencer struct {
	st        *ledger.State
	committed consensus.Info
	finalized *ledger.Closed
	blocks    []consensus.Block
	commitErr error
}

func newSequencer(t *testing.T, genesis *keys.KeyPair) *sequencer {
	t.Helper()
	st, err := ledger.Genesis(ledger.DefaultParams(), genesis.AccountID(), 100)
	if err != nil {
		t.Fatal(err)
	}
	return &sequencer{st: st, committed: consensus.Info{Height: st.Header().Seq, Hash: st.Hash()}}
}

func (s *sequencer) Info() consensus.Info { return s.committed }

func (s *sequencer) FinalizeBlock(b consensus.Block) (*ledger.Closed, error) {
	if b.Height != s.committed.Height+1 {
		return nil, fmt.Errorf("block %d after ledger %d", b.Height, s.committed.Height)
	}
	s.blocks = append(s.blocks, b)
	s.finalized = s.st.Close(b.Txs, b.Time)
	return s.finalized, nil
}

func (s *sequencer) Commit() error {
	if s.commitErr != nil {
		return s.commitErr
	}
	s.committed = consensus.Info{Height: s.finalized.Header.Seq, Hash: s.finalized.Hash}
	return nil
}

func keyPair(t *testing.T, pass string) *keys.KeyPair {
	t.Helper()
	kp, err := keys.SeedFromPassphrase(pass).KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

// payment is a signed payment of from with sequence seq.
func payment(t *testing.T, from *keys.KeyPair, seq uint32) []byte {
	t.Helper()
	return signed(t, from, seq).Blob
}

func signed(t *testing.T, from *keys.KeyPair, seq uint32) *tx.Tx {
	t.Helper()
	o, err := codec.FromMap(map[string]any{"TransactionType": "Payment", "Account": from.AccountID().String(),
		"Destination": keyPair(t, "comet-dest").AccountID().String(), "Amount": "1000000000", "Fee": "10",
		"Sequence": seq, "Flags": uint32(tx.FlagFullyCanonicalSig)})
	if err != nil {
		t.Fatal(err)
	}
	p, err := tx.Sign(o, from)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// forged is from's payment with sequence seq carrying the signature of
// another of its payments.
func forged(t *testing.T, from *keys.KeyPair, seq uint32) []byte {
	t.Helper()
	m := signed(t, from, seq).Fields.Map()
	m["TxnSignature"] = signed(t, from, seq+1).Fields.Map()["TxnSignature"]
	o, err := codec.FromMap(m)
	if err != nil {
		t.Fatal(err)
	}
	return o.Encode()
}

var garbage = []byte{0xde, 0xad}

type fixture struct {
	seq            *sequencer
	app            *comet.App
	master, other  *keys.KeyPair
	ctx            context.Context
	pay1, pay2     []byte
	forged, other1 []byte
}

func newFixture(t *testing.T, maxTxs int, admit consensus.Admitter) *fixture {
	t.Helper()
	f := &fixture{master: keyPair(t, "masterpassphrase"), other: keyPair(t, "comet-other"), ctx: context.Background()}
	f.seq = newSequencer(t, f.master)
	var err error
	if f.app, err = comet.NewApp(f.seq, maxTxs, admit); err != nil {
		t.Fatal(err)
	}
	f.pay1, f.pay2 = payment(t, f.master, 1), payment(t, f.master, 2)
	f.forged = forged(t, f.master, 3)
	f.other1 = payment(t, f.other, 1)
	return f
}

func TestInfoAndInitChain(t *testing.T) {
	f := newFixture(t, 10, nil)
	genesis := f.seq.Info()
	info, err := f.app.Info(f.ctx, &abci.RequestInfo{})
	if err != nil {
		t.Fatal(err)
	}
	if info.LastBlockHeight != 0 || string(info.LastBlockAppHash) != string(genesis.Hash[:]) {
		t.Fatalf("info of a genesis log: height %d hash %X", info.LastBlockHeight, info.LastBlockAppHash)
	}
	if _, err := f.app.InitChain(f.ctx, &abci.RequestInitChain{InitialHeight: 5}); err == nil {
		t.Fatal("InitChain at initial height 5 succeeded")
	}
	res, err := f.app.InitChain(f.ctx, &abci.RequestInitChain{InitialHeight: 1})
	if err != nil || string(res.AppHash) != string(genesis.Hash[:]) {
		t.Fatalf("InitChain: %X, %v; want the genesis hash", res.GetAppHash(), err)
	}

	fin, err := f.app.FinalizeBlock(f.ctx, &abci.RequestFinalizeBlock{Height: 1, Time: time.Unix(ledger.RippleEpoch+1000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.Commit(f.ctx, &abci.RequestCommit{}); err != nil {
		t.Fatal(err)
	}
	info, _ = f.app.Info(f.ctx, &abci.RequestInfo{})
	if info.LastBlockHeight != 1 || string(info.LastBlockAppHash) != string(fin.AppHash) || f.seq.Info().Height != 2 {
		t.Fatalf("after block 1: info height %d hash %X, ledger %d; want height 1, ledger 2, the block's app hash",
			info.LastBlockHeight, info.LastBlockAppHash, f.seq.Info().Height)
	}
	if _, err := f.app.InitChain(f.ctx, &abci.RequestInitChain{InitialHeight: 1}); err == nil {
		t.Fatal("InitChain on a log past its genesis succeeded")
	}
}

func TestFinalizeBlock(t *testing.T) {
	f := newFixture(t, 10, nil)
	blockTime := time.Unix(ledger.RippleEpoch+5000, 0)
	req := &abci.RequestFinalizeBlock{Height: 1, Time: blockTime, Txs: [][]byte{f.pay1, f.pay1, garbage, f.forged, f.pay2}}
	res, err := f.app.FinalizeBlock(f.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	var codes []uint32
	for _, r := range res.TxResults {
		codes = append(codes, r.Code)
	}
	want := []uint32{comet.CodeOK, comet.CodeNotSuccess, comet.CodeUndecodable, comet.CodeBadSignature, comet.CodeOK}
	if !slices.Equal(codes, want) {
		t.Fatalf("codes %v, want %v (%v)", codes, want, res.TxResults)
	}
	if res.TxResults[1].Info != "rejected" {
		t.Fatalf("the repeated payment: %v, want rejected", res.TxResults[1])
	}
	b := f.seq.blocks[0]
	if b.Height != 2 || b.Time != 5000 || len(b.Txs) != 3 {
		t.Fatalf("block handed over: height %d time %d %d txs; want ledger 2 at 5000 with 3 txs", b.Height, b.Time, len(b.Txs))
	}
	if string(res.AppHash) != string(f.seq.finalized.Hash[:]) {
		t.Fatalf("app hash %X, want the ledger hash %X", res.AppHash, f.seq.finalized.Hash)
	}
	if f.seq.Info().Height != 1 {
		t.Fatal("FinalizeBlock committed the ledger")
	}
}

func TestFinalizeAndCommitFailures(t *testing.T) {
	f := newFixture(t, 10, nil)
	if _, err := f.app.FinalizeBlock(f.ctx, &abci.RequestFinalizeBlock{Height: 3}); err == nil {
		t.Fatal("FinalizeBlock of height 3 after genesis succeeded")
	}
	select {
	case <-f.app.Failed():
	default:
		t.Fatal("a failed FinalizeBlock was not reported")
	}
	f = newFixture(t, 10, nil)
	f.seq.commitErr = errors.New("disk full")
	if _, err := f.app.FinalizeBlock(f.ctx, &abci.RequestFinalizeBlock{Height: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.Commit(f.ctx, &abci.RequestCommit{}); err == nil {
		t.Fatal("Commit hid the append's error")
	}
	if err := <-f.app.Failed(); !errors.Is(err, f.seq.commitErr) {
		t.Fatalf("Failed: %v", err)
	}
}

func TestProcessProposal(t *testing.T) {
	f := newFixture(t, 2, nil)
	for name, tc := range map[string]struct {
		txs  [][]byte
		want abci.ResponseProcessProposal_ProposalStatus
	}{
		"valid":         {[][]byte{f.pay1, f.pay2}, abci.ResponseProcessProposal_ACCEPT},
		"empty":         {nil, abci.ResponseProcessProposal_ACCEPT},
		"over MaxTxs":   {[][]byte{f.pay1, f.pay2, f.other1}, abci.ResponseProcessProposal_REJECT},
		"undecodable":   {[][]byte{f.pay1, garbage}, abci.ResponseProcessProposal_REJECT},
		"bad signature": {[][]byte{f.forged}, abci.ResponseProcessProposal_REJECT},
	} {
		res, err := f.app.ProcessProposal(f.ctx, &abci.RequestProcessProposal{Height: 1, Txs: tc.txs})
		if err != nil || res.Status != tc.want {
			t.Errorf("%s: %v, %v; want %v", name, res.GetStatus(), err, tc.want)
		}
	}
}

func TestPrepareProposal(t *testing.T) {
	f := newFixture(t, 4, nil)
	pay3 := payment(t, f.master, 3)
	other2 := payment(t, f.other, 2)
	propose := func(maxBytes int64, txs ...[]byte) [][]byte {
		t.Helper()
		res, err := f.app.PrepareProposal(f.ctx, &abci.RequestPrepareProposal{MaxTxBytes: maxBytes, Txs: txs})
		if err != nil {
			t.Fatal(err)
		}
		return res.Txs
	}
	// Each account's places get its transactions in sequence order.
	got := propose(1<<20, pay3, f.other1, garbage, f.pay1, f.pay2)
	if want := [][]byte{f.pay1, f.other1, f.pay2, pay3}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("proposal: %d txs, not the master's 1, other's 1, master's 2 and 3", len(got))
	}
	if got := propose(1<<20, f.pay1, f.pay2, pay3, f.other1, other2); len(got) != 4 {
		t.Fatalf("proposal of 5 with MaxTxs 4: %d", len(got))
	}
	if got := propose(int64(len(f.pay1)+len(f.pay2)), f.pay1, f.pay2, pay3); len(got) != 2 {
		t.Fatalf("proposal within two payments' bytes: %d", len(got))
	}
}

// admission refuses transactions of one account, or fails.
type admission struct {
	refuse *keys.KeyPair
	err    error
}

func (admission) Forget(*tx.Tx) {}

func (a admission) Admit(t *tx.Tx) (ter.Code, error) {
	if a.err != nil {
		return 0, a.err
	}
	if t.Account == a.refuse.AccountID() {
		return ter.TefPAST_SEQ, nil
	}
	return ter.TesSUCCESS, nil
}

func TestCheckTx(t *testing.T) {
	other := keyPair(t, "comet-other")
	f := newFixture(t, 4, admission{refuse: other})
	for name, tc := range map[string]struct {
		blob []byte
		code uint32
		log  string
	}{
		"valid":         {f.pay1, comet.CodeOK, ""},
		"undecodable":   {garbage, comet.CodeUndecodable, ""},
		"bad signature": {f.forged, comet.CodeBadSignature, ""},
		"refused":       {f.other1, comet.CodeNotAdmitted, "tefPAST_SEQ"},
	} {
		res, err := f.app.CheckTx(f.ctx, &abci.RequestCheckTx{Tx: tc.blob})
		if err != nil || res.Code != tc.code || (tc.log != "" && res.Log != tc.log) {
			t.Errorf("%s: %v, %v; want code %d %s", name, res, err, tc.code, tc.log)
		}
	}
	f = newFixture(t, 4, admission{err: errors.New("view unavailable")})
	res, err := f.app.CheckTx(f.ctx, &abci.RequestCheckTx{Tx: f.pay1, Type: abci.CheckTxType_Recheck})
	if err != nil || res.Code != comet.CodeNotAdmitted || res.Log != "view unavailable" {
		t.Fatalf("recheck with a failing admission: %v, %v; want a refusal, not an error (CometBFT panics on one)", res, err)
	}
}

// TestCheckLocal: a transaction handed over by CheckLocal (verified by the
// session that took it) is not verified again, and only the bytes being
// handed over are trusted: the same forged bytes gossiped are refused.
func TestCheckLocal(t *testing.T) {
	f := newFixture(t, 4, nil)
	forgedTx, err := tx.Decode(f.forged)
	if err != nil {
		t.Fatal(err)
	}
	check := func(blob []byte) uint32 {
		res, err := f.app.CheckTx(f.ctx, &abci.RequestCheckTx{Tx: blob})
		if err != nil {
			t.Fatal(err)
		}
		return res.Code
	}
	var inner, gossiped uint32
	if err := f.app.CheckLocal(forgedTx, func() error {
		// Another transaction checked while one is handed over is
		// verified as usual.
		gossiped = check(forged(t, f.master, 7))
		inner = check(f.forged)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if inner != comet.CodeOK {
		t.Errorf("the handed-over transaction: code %d, want %d (not verified again)", inner, comet.CodeOK)
	}
	if gossiped != comet.CodeBadSignature {
		t.Errorf("another forged transaction during the handover: code %d, want %d", gossiped, comet.CodeBadSignature)
	}
	g := newFixture(t, 4, nil)
	if res, err := g.app.CheckTx(g.ctx, &abci.RequestCheckTx{Tx: g.forged}); err != nil || res.Code != comet.CodeBadSignature {
		t.Errorf("the forged bytes not handed over: %v, %v; want code %d", res, err, comet.CodeBadSignature)
	}
}
