package ledger_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// model is a deliberately naive ledger: a map of accounts and rippled's
// ZXC payment and AccountSet rules written out for the transactions the
// generator makes.
type model struct {
	p        ledger.Params
	accounts map[address.AccountID]*modelAccount
	total    uint64
}

type modelAccount struct {
	balance     uint64
	seq         uint32
	requireDest bool
}

// step is one generated transaction with the outcome the model gives it.
type step struct {
	tx      *tx.Tx
	code    ter.Code
	claimed bool
}

// apply applies a transaction to the model. pay is nil for an
// AccountSet that sets (requireDest) or clears lsfRequireDestTag.
func (m *model) apply(from address.AccountID, seq uint32, fee uint64, pay *modelPay, requireDest bool) (ter.Code, bool) {
	if pay != nil && pay.to == from {
		return ter.TemREDUNDANT, false
	}
	src := m.accounts[from]
	switch {
	case src == nil:
		return ter.TerNO_ACCOUNT, false
	case seq < src.seq:
		return ter.TefPAST_SEQ, false
	case seq > src.seq:
		return ter.TerPRE_SEQ, false
	case fee < m.p.BaseFee:
		return ter.TelINSUF_FEE_P, false
	case src.balance < fee:
		return ter.TerINSUF_FEE_B, false
	}
	src.balance -= fee
	src.seq++
	m.total -= fee
	if pay == nil {
		src.requireDest = requireDest
		return ter.TesSUCCESS, true
	}
	dst := m.accounts[pay.to]
	switch {
	case dst == nil && pay.drops < m.p.ReserveBase:
		return ter.TecNO_DST_INSUF_ZXC, true
	case dst != nil && dst.requireDest && !pay.tag:
		return ter.TecDST_TAG_NEEDED, true
	case src.balance+fee < pay.drops+max(m.p.ReserveBase, fee):
		return ter.TecUNFUNDED_PAYMENT, true
	}
	if dst == nil {
		dst = &modelAccount{seq: 1}
		m.accounts[pay.to] = dst
	}
	src.balance -= pay.drops
	dst.balance += pay.drops
	return ter.TesSUCCESS, true
}

type modelPay struct {
	to    address.AccountID
	drops uint64
	tag   bool
}

// generator makes random transactions between a dozen accounts and the
// genesis account, mostly valid, often at the edges: amounts around the
// reserve and around what the sender can spend, fees below the base fee
// and above the reserve, sequences one off.
type generator struct {
	t       *testing.T
	rng     *rand.Rand
	wallets []*wallet
	m       *model
}

func (g *generator) next() step {
	w := g.wallets[g.rng.IntN(len(g.wallets))]
	for range 3 { // prefer senders that exist
		if g.m.accounts[w.id()] != nil {
			break
		}
		w = g.wallets[g.rng.IntN(len(g.wallets))]
	}
	from := w.id()
	seq := uint32(1)
	var balance uint64
	if a := g.m.accounts[from]; a != nil {
		seq, balance = a.seq, a.balance
	}
	switch r := g.rng.IntN(20); {
	case r == 0 && seq > 1:
		seq--
	case r == 1:
		seq++
	}
	fee := g.m.p.BaseFee
	switch r := g.rng.IntN(30); {
	case r == 0:
		fee = g.m.p.BaseFee - 1
	case r == 1:
		fee = 2 * g.m.p.ReserveBase
	case r == 2 && w != g.wallets[0]: // all or more than all it has; never genesis
		fee = balance + uint64(g.rng.IntN(3))
	}
	fields := map[string]any{"Fee": fmt.Sprint(fee)}
	if g.rng.IntN(15) == 0 {
		set := g.rng.IntN(2) == 0
		if set {
			fields["SetFlag"] = tx.AsfRequireDest
		} else {
			fields["ClearFlag"] = tx.AsfRequireDest
		}
		tr := signTx(g.t, w, "AccountSet", seq, fields)
		code, claimed := g.m.apply(from, seq, fee, nil, set)
		return step{tx: tr, code: code, claimed: claimed}
	}
	to := g.wallets[g.rng.IntN(len(g.wallets))].id()
	var drops uint64
	reserve := g.m.p.ReserveBase
	switch r := g.rng.IntN(6); {
	case r == 0: // around the reserve
		drops = reserve - 2 + uint64(g.rng.IntN(5))
	case r == 1 && balance > max(reserve, fee)+2: // around what the sender can spend
		drops = balance - max(reserve, fee) - 2 + uint64(g.rng.IntN(5))
	case r == 2:
		drops = 1 + uint64(g.rng.IntN(1000))
	default:
		drops = 1 + g.rng.Uint64N(50*reserve)
	}
	pay := &modelPay{to: to, drops: drops, tag: g.rng.IntN(2) == 0}
	fields["Destination"] = to.String()
	fields["Amount"] = fmt.Sprint(drops)
	if pay.tag {
		fields["DestinationTag"] = uint32(7)
	}
	tr := signTx(g.t, w, "Payment", seq, fields)
	code, claimed := g.m.apply(from, seq, fee, pay, false)
	return step{tx: tr, code: code, claimed: claimed}
}

// TestModel drives the ledger and the model with the same random
// transactions, closed in random batches at random times, and compares
// every result, balance, sequence and total after each ledger; then it
// replays the same transactions, decoded from their blobs, on a fresh
// genesis and checks that every ledger hash is the same.
func TestModel(t *testing.T) {
	const ledgers = 25
	seen := map[ter.Code]int{}
	for _, seed := range []uint64{1, 2, 3, 4, 5} {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			st, gw := genesisState(t)
			wallets := []*wallet{gw}
			for i := range 12 {
				wallets = append(wallets, newWallet(t, fmt.Sprint("account", i)))
			}
			m := &model{p: st.Params(), accounts: map[address.AccountID]*modelAccount{
				gw.id(): {balance: st.Params().GenesisDrops, seq: 1},
			}, total: st.Params().GenesisDrops}
			g := &generator{t: t, rng: rand.New(rand.NewPCG(seed, 0)), wallets: wallets, m: m}

			type batch struct {
				txs       []*tx.Tx
				closeTime uint32
			}
			var batches []batch
			var hashes []string
			claimedTotal := 0
			for range ledgers {
				n := g.rng.IntN(25)
				steps := make([]step, n)
				txs := make([]*tx.Tx, n)
				for i := range steps {
					steps[i] = g.next()
					txs[i] = steps[i].tx
					seen[steps[i].code]++
				}
				closeTime := st.Header().CloseTime + uint32(g.rng.IntN(5)) - 1
				c := st.Close(txs, closeTime)
				checkAgainstModel(t, st, c, steps, m)
				claimedTotal += len(c.Txs)
				batches = append(batches, batch{txs, closeTime})
				hashes = append(hashes, fmt.Sprintf("%X", c.Hash))
			}
			if claimedTotal < ledgers*5 {
				t.Fatalf("only %d transactions recorded: the generator is too timid", claimedTotal)
			}

			replay, _ := genesisState(t)
			for i, b := range batches {
				decoded := make([]*tx.Tx, len(b.txs))
				for j, tr := range b.txs {
					d, err := tx.Decode(tr.Blob)
					if err != nil {
						t.Fatal(err)
					}
					decoded[j] = d
				}
				c := replay.Close(decoded, b.closeTime)
				if got := fmt.Sprintf("%X", c.Hash); got != hashes[i] {
					t.Fatalf("replay: ledger %d hash %s, first run %s", c.Header.Seq, got, hashes[i])
				}
			}
		})
	}
	// Every rule the generator aims at was exercised.
	for _, code := range []ter.Code{
		ter.TesSUCCESS, ter.TecNO_DST_INSUF_ZXC, ter.TecUNFUNDED_PAYMENT, ter.TecDST_TAG_NEEDED,
		ter.TefPAST_SEQ, ter.TerPRE_SEQ, ter.TelINSUF_FEE_P, ter.TerINSUF_FEE_B, ter.TerNO_ACCOUNT, ter.TemREDUNDANT,
	} {
		if seen[code] == 0 {
			t.Errorf("no generated transaction gave %s", code.Token())
		}
	}
	t.Logf("results: %v", seen)
}

// checkAgainstModel compares a closed ledger with the model.
func checkAgainstModel(t *testing.T, st *ledger.State, c *ledger.Closed, steps []step, m *model) {
	t.Helper()
	recorded := map[*tx.Tx]ter.Code{}
	for _, a := range c.Txs {
		recorded[a.Tx] = a.Meta.Result
	}
	rejected := map[*tx.Tx]ter.Code{}
	for _, r := range c.Rejected {
		rejected[r.Tx] = r.Code
	}
	for i, s := range steps {
		code, claimed := recorded[s.tx]
		if !claimed {
			code = rejected[s.tx]
		}
		if code != s.code || claimed != s.claimed {
			t.Fatalf("ledger %d tx %d: %s (recorded %v), model %s (recorded %v)",
				c.Header.Seq, i, code.Token(), claimed, s.code.Token(), s.claimed)
		}
	}
	if c.Header.TotalDrops != m.total {
		t.Fatalf("ledger %d: total %d drops, model %d", c.Header.Seq, c.Header.TotalDrops, m.total)
	}
	if st.Accounts() != len(m.accounts) {
		t.Fatalf("ledger %d: %d accounts, model %d", c.Header.Seq, st.Accounts(), len(m.accounts))
	}
	for id, want := range m.accounts {
		got, ok := st.Account(id)
		if !ok || got.Balance != want.balance || got.Sequence != want.seq || (got.Flags&ledger.LsfRequireDestTag != 0) != want.requireDest {
			t.Fatalf("ledger %d: account %s is %+v, model %+v", c.Header.Seq, id, got, *want)
		}
	}
	list := st.AccountList()
	for i := 1; i < len(list); i++ {
		if string(list[i-1].Account[:]) >= string(list[i].Account[:]) {
			t.Fatalf("AccountList is not in account ID order at %d", i)
		}
	}
	if err := st.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
}
