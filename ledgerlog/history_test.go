package ledgerlog_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

// stateAt is what the state held after one ledger, captured as it
// closed.
type stateAt struct {
	accounts map[address.AccountID]ledger.AccountRoot
	escrows  map[hash.Hash256]ledger.Escrow
	tables   map[hash.Hash256]ledger.Table
}

func capture(st *ledger.State) stateAt {
	s := stateAt{accounts: map[address.AccountID]ledger.AccountRoot{}, escrows: map[hash.Hash256]ledger.Escrow{}, tables: map[hash.Hash256]ledger.Table{}}
	for _, a := range st.AccountList() {
		a.Code = nil // not in the metadata after creation: History leaves it out
		s.accounts[a.Account] = a
	}
	for _, e := range st.EscrowList() {
		s.escrows[e.Key()] = *e
	}
	for _, t := range st.TableList() {
		s.tables[t.Key()] = *t
	}
	return s
}

// TestHistory closes ledgers of payments (new accounts), a table, a
// contract and escrows created, finished and cancelled, capturing the
// state after each; then History answers every account, every
// account's objects and the whole state (paged) of every ledger from
// the log alone, equal to what was captured; and Rebuild replays the
// log to the same state.
func TestHistory(t *testing.T) {
	c := newChain(t)
	states := map[uint32]stateAt{1: capture(c.st)}
	closeAndCapture := func(txs ...*tx.Tx) {
		t.Helper()
		c.close(txs...)
		states[c.st.Header().Seq] = capture(c.st)
	}
	alice, bob := wallet(t, "alice"), wallet(t, "bob")
	closeAndCapture(c.pay(c.genesis, alice, 1_000_000_000), c.pay(c.genesis, bob, 50_000_000))
	closeAndCapture(
		c.pay(alice, bob, 1_000_000),
		c.pay(bob, alice, 60_000_000), // more than bob holds: tecUNFUNDED_PAYMENT
		c.table(alice, tx.OpCreate, "people", `[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":20}]`),
	)
	closeAndCapture(c.table(alice, tx.OpInsert, "people", `[{"id":1,"name":"ann"},{"id":2,"name":"bo"}]`))
	deploy := c.sign(c.genesis, "Contract", "10", map[string]any{"ContractOpType": 1, "ContractData": contractCode(t), "Gas": 3_000_000})
	closeAndCapture(deploy)
	addr := ledger.ContractAddress(c.genesis.AccountID(), deploy.Sequence)
	closeAndCapture(c.sign(c.genesis, "Contract", "10", map[string]any{"ContractOpType": 2, "ContractAddress": addr.String(), "ContractData": setName("wawa"), "Gas": 100_000}))
	escrow := func(to *keys.KeyPair, drops uint64, finish, cancel uint32) map[string]any {
		m := map[string]any{"Destination": to.AccountID().String(), "Amount": fmt.Sprint(drops)}
		if finish != 0 {
			m["FinishAfter"] = finish
		}
		if cancel != 0 {
			m["CancelAfter"] = cancel
		}
		return m
	}
	aliceSeq := c.next[alice]
	bobSeq := c.next[bob]
	closeAndCapture(
		c.sign(alice, "EscrowCreate", "10", escrow(bob, 7_000_000, c.time+15, 0)),
		c.sign(bob, "EscrowCreate", "10", escrow(alice, 3_000_000, c.time+12, c.time+18)),
	)
	closeAndCapture(c.pay(c.genesis, wallet(t, "carol"), 90_000_000))
	closeAndCapture(
		c.sign(bob, "EscrowFinish", "10", map[string]any{"Owner": alice.AccountID().String(), "OfferSequence": aliceSeq}),
		c.sign(alice, "EscrowCancel", "10", map[string]any{"Owner": bob.AccountID().String(), "OfferSequence": bobSeq}),
	)
	// The table dropped, and an escrow that stays.
	closeAndCapture(c.table(alice, tx.OpDrop, "people", ""), c.sign(c.genesis, "EscrowCreate", "10", escrow(wallet(t, "carol"), 2_000_000, c.time+1_000, 0)))

	if len(states) != 10 {
		t.Fatalf("%d ledgers captured", len(states))
	}
	h, err := ledgerlog.NewHistory(c.log)
	if err != nil {
		t.Fatal(err)
	}
	if from, ok := h.From(); from != 1 || !ok {
		t.Fatalf("From %d %v", from, ok)
	}
	for seq := uint32(1); seq <= c.st.Header().Seq; seq++ {
		checkLedger(t, h, seq, states[seq])
	}
	if _, err := h.Objects(alice.AccountID(), 0); !errors.Is(err, ledgerlog.ErrNoHistory) {
		t.Fatalf("ledger 0: %v", err)
	}
	// Replay reproduces the chain, escrows included: every result and
	// hash, and the final state.
	st, rep, err := ledgerlog.Rebuild(c.log, nil)
	if err != nil || len(rep.Mismatches) != 0 || rep.Ledgers != 10 || rep.Txs != 15 {
		t.Fatalf("rebuild: %+v, %v", rep, err)
	}
	if st.Hash() != c.st.Hash() || len(st.EscrowList()) != 1 || len(st.TableList()) != 0 || st.Accounts() != 5 {
		t.Fatalf("rebuilt ledger %X with %d escrows, %d tables, %d accounts; closed %X", st.Hash(), len(st.EscrowList()), len(st.TableList()), st.Accounts(), c.st.Hash())
	}
}

// checkLedger compares History at seq with the captured state.
func checkLedger(t *testing.T, h *ledgerlog.History, seq uint32, want stateAt) {
	t.Helper()
	for id, a := range want.accounts {
		got, ok, err := h.Account(id, seq)
		if err != nil || !ok || !accountEqual(got, a) {
			t.Fatalf("ledger %d: Account(%s) = %+v %v %v, want %+v", seq, id, got, ok, err, a)
		}
		objs, err := h.Objects(id, seq)
		if err != nil {
			t.Fatal(err)
		}
		var wantObjs int
		for _, e := range want.escrows {
			if e.Owner == id || e.Destination == id {
				wantObjs++
			}
		}
		if len(objs) != wantObjs {
			t.Fatalf("ledger %d: %s has %d objects, want %d", seq, id, len(objs), wantObjs)
		}
		for _, o := range objs {
			if e, ok := want.escrows[o.Key]; !ok || o.Escrow == nil || *o.Escrow != e {
				t.Fatalf("ledger %d: %s object %+v, want %+v", seq, id, o.Escrow, e)
			}
		}
	}
	if _, ok, err := h.Account(address.AccountID{1}, seq); ok || err != nil {
		t.Fatalf("ledger %d: an account never made: %v %v", seq, ok, err)
	}
	// The whole state, two entries a page, at most three keys read.
	seen := 0
	var from hash.Hash256
	for {
		page, next, more, err := h.Entries(seq, from, 2, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page {
			seen++
			switch e.Kind {
			case ledgerlog.KindAccountRoot:
				if a, ok := want.accounts[e.Account.Account]; !ok || !accountEqual(*e.Account, a) || e.Key != ledger.AccountKey(a.Account) {
					t.Fatalf("ledger %d: entry %+v", seq, e.Account)
				}
			case ledgerlog.KindEscrow:
				if w, ok := want.escrows[e.Key]; !ok || *e.Escrow != w {
					t.Fatalf("ledger %d: escrow %+v", seq, e.Escrow)
				}
			case ledgerlog.KindTable:
				w, ok := want.tables[e.Key]
				if !ok || e.Table.Owner != w.Owner || !bytes.Equal(e.Table.Name, w.Name) || e.Table.NameInDB != w.NameInDB ||
					e.Table.CreatedSeq != w.CreatedSeq || e.Table.CreatedTx != w.CreatedTx || e.Table.CheckHash != w.CheckHash {
					t.Fatalf("ledger %d: table %+v, want %+v", seq, e.Table, w)
				}
			default:
				t.Fatalf("ledger %d: entry kind %q", seq, e.Kind)
			}
		}
		if !more {
			break
		}
		from = next
	}
	if all := len(want.accounts) + len(want.escrows) + len(want.tables); seen != all {
		t.Fatalf("ledger %d: %d entries, want %d", seq, seen, all)
	}
}

func accountEqual(a, b ledger.AccountRoot) bool {
	return a.Account == b.Account && a.Balance == b.Balance && a.Sequence == b.Sequence && a.OwnerCount == b.OwnerCount &&
		a.Flags == b.Flags && bytes.Equal(a.Domain, b.Domain) && a.TransferRate == b.TransferRate &&
		bytes.Equal(a.TransferFeeMin, b.TransferFeeMin) && bytes.Equal(a.TransferFeeMax, b.TransferFeeMax) &&
		a.PreviousTxnID == b.PreviousTxnID && a.PreviousTxnLgrSeq == b.PreviousTxnLgrSeq
}
