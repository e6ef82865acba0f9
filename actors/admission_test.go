package actors_test

import (
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// engineSolo is the standalone orderer with an engine's admission seam
// (consensus.Admitting): the test calls the node's Admitter as
// CometBFT's CheckTx does for gossiped and rechecked transactions.
type engineSolo struct {
	*consensus.Solo
	admit consensus.Admitter
}

func (o *engineSolo) SetAdmitter(a consensus.Admitter) { o.admit = a }

// check admits t as CheckTx does and returns the verdict.
func (o *engineSolo) check(t *testing.T, x *tx.Tx) ter.Code {
	t.Helper()
	code, err := o.admit.Admit(x)
	if err != nil {
		t.Fatalf("admit: %v", err)
	}
	return code
}

// signed signs a payment from the genesis account with the given
// sequence, without submitting it: a transaction another node gossips.
func (c *client) signed(to string, drops uint64, seq uint32) *tx.Tx {
	c.t.Helper()
	res := c.ok(map[string]any{"command": "sign", "secret": genesisSecret, "tx_json": map[string]any{
		"TransactionType": "Payment", "Account": genesisAccount, "Destination": to,
		"Amount": formatUint(drops), "Sequence": seq}})
	return decodeBlob(c.t, res["tx_blob"].(string))
}

func decodeBlob(t *testing.T, s string) *tx.Tx {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	x, err := tx.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// openSequence is the genesis account's next sequence as its account
// actor counts it (account_info of the open ledger).
func (c *client) openSequence() float64 {
	c.t.Helper()
	res := c.ok(map[string]any{"command": "account_info", "account": genesisAccount})
	return res["account_data"].(map[string]any)["Sequence"].(float64)
}

func startEngineNode(t *testing.T) (*testNode, *engineSolo) {
	t.Helper()
	solo, err := consensus.NewSolo(consensus.SoloConfig{Interval: time.Hour, MaxTxs: 100})
	if err != nil {
		t.Fatal(err)
	}
	o := &engineSolo{Solo: solo}
	n := startNodeWith(t, "", 0, func(cfg *actors.Config, _ *gateway.Config) { cfg.Orderer = o })
	if o.admit == nil {
		t.Fatal("the node did not give an Admitting orderer its admission")
	}
	return n, o
}

// TestCheckTxAdmission: a gossiped transaction goes through its account
// actor's admission (a bad sequence is refused, a good one counted), and
// one submitted on this node is recognised by its hash, not counted twice.
func TestCheckTxAdmission(t *testing.T) {
	n, o := startEngineNode(t)
	c := n.client()
	dest, _ := c.wallet("admission-dest")
	if got := c.openSequence(); got != 1 {
		t.Fatalf("genesis sequence %v; want 1", got)
	}
	if code := o.check(t, c.signed(dest, 50_000_000, 3)); code != ter.TerPRE_SEQ {
		t.Fatalf("gossiped sequence ahead: %s; want terPRE_SEQ", code.Token())
	}
	local := decodeBlob(t, c.pay(genesisSecret, genesisAccount, dest, 50_000_000)["tx_blob"].(string))
	if code := o.check(t, local); code != ter.TesSUCCESS {
		t.Fatalf("CheckTx of the transaction submitted here: %s; want tesSUCCESS", code.Token())
	}
	if got := c.openSequence(); got != 2 {
		t.Fatalf("open sequence %v after one submit and its CheckTx; want 2 (counted once)", got)
	}
	if code := o.check(t, c.signed(dest, 60_000_000, 1)); code != ter.TefPAST_SEQ {
		t.Fatalf("gossiped sequence 1 after the local one: %s; want tefPAST_SEQ", code.Token())
	}
	gossiped := c.signed(dest, 70_000_000, 2)
	if code := o.check(t, gossiped); code != ter.TesSUCCESS {
		t.Fatalf("gossiped next sequence: %s; want tesSUCCESS", code.Token())
	}
	if got := c.openSequence(); got != 3 {
		t.Fatalf("open sequence %v after a gossiped admission; want 3", got)
	}
	res := c.pay(genesisSecret, genesisAccount, dest, 1_000_000)
	if seq := res["tx_json"].(map[string]any)["Sequence"]; seq != float64(3) {
		t.Fatalf("local submit after the gossiped one got sequence %v; want 3", seq)
	}
}

// TestCheckTxRecheck: after a ledger closes, a recheck keeps what is
// still pending and refuses what the new state makes invalid.
func TestCheckTxRecheck(t *testing.T) {
	n, o := startEngineNode(t)
	c := n.client()
	dest, _ := c.wallet("recheck-dest")
	local := decodeBlob(t, c.pay(genesisSecret, genesisAccount, dest, 50_000_000)["tx_blob"].(string))
	gossiped := c.signed(dest, 60_000_000, 2)
	if code := o.check(t, gossiped); code != ter.TesSUCCESS {
		t.Fatalf("gossiped: %s", code.Token())
	}
	c.accept() // closes the local payment (the gossiped one is in no queue of Solo's)
	if code := o.check(t, local); code != ter.TefPAST_SEQ {
		t.Fatalf("recheck of the validated payment: %s; want tefPAST_SEQ", code.Token())
	}
	if code := o.check(t, gossiped); code != ter.TesSUCCESS {
		t.Fatalf("recheck of the pending gossiped payment: %s; want tesSUCCESS", code.Token())
	}
	// Another transaction takes sequence 2 in the next ledger (as a block
	// proposed elsewhere would): the gossiped one's sequence is used.
	other := c.signed(dest, 80_000_000, 2)
	o.Submit(other)
	c.accept()
	if got := c.txResult(fmt.Sprintf("%X", other.Hash[:])); got != "tesSUCCESS" {
		t.Fatalf("other: %s", got)
	}
	if code := o.check(t, gossiped); code != ter.TefPAST_SEQ {
		t.Fatalf("recheck of a payment whose sequence another used: %s; want tefPAST_SEQ", code.Token())
	}
	if got := c.openSequence(); got != 3 {
		t.Fatalf("open sequence %v; want 3", got)
	}
}

// TestForgetRefused: a transaction the engine refused after this node
// admitted it (a full mempool) is let go with what was queued behind
// it, so the account's next sequence is the refused one's again and a
// new transaction with it is admitted.
func TestForgetRefused(t *testing.T) {
	n, o := startEngineNode(t)
	c := n.client()
	dest, _ := c.wallet("forget-dest")
	first := decodeBlob(t, c.pay(genesisSecret, genesisAccount, dest, 50_000_000)["tx_blob"].(string))
	c.pay(genesisSecret, genesisAccount, dest, 60_000_000)
	if got := c.openSequence(); got != 3 {
		t.Fatalf("open sequence %v after two submits; want 3", got)
	}
	o.admit.Forget(first)
	if got := c.openSequence(); got != 1 {
		t.Fatalf("open sequence %v after the first was refused; want 1", got)
	}
	if code := o.check(t, c.signed(dest, 70_000_000, 1)); code != ter.TesSUCCESS {
		t.Fatalf("a new transaction with the refused one's sequence: %s; want tesSUCCESS", code.Token())
	}
}
