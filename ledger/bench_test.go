package ledger_test

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/tx"
)

// benchSenders is the number of funded accounts that pay each other in
// BenchmarkApplyPayment.
const benchSenders = 100

// benchFunding caches the senders and their funding payments: signing
// them once serves every benchmark.
var benchFunding struct {
	wallets []*wallet
	fund    []*tx.Tx
}

// senders returns benchSenders wallets and the signed payments from
// genesis that fund them with 10,000 ZXC each.
func senders(b *testing.B) ([]*wallet, []*tx.Tx) {
	if benchFunding.wallets == nil {
		g := newWallet(b, "genesis")
		ws := make([]*wallet, benchSenders)
		fund := make([]*tx.Tx, benchSenders)
		for i := range ws {
			ws[i] = newWallet(b, fmt.Sprint("sender", i))
			fund[i] = payment(b, g, ws[i].id(), 10_000*ledger.DropsPerZXC, uint32(i+1))
		}
		benchFunding.wallets, benchFunding.fund = ws, fund
	}
	return benchFunding.wallets, benchFunding.fund
}

// fundedState returns a state at ledger 2 in which the senders exist.
func fundedState(b *testing.B) *ledger.State {
	_, fund := senders(b)
	st, _ := genesisState(b)
	if c := st.Close(fund, genesisTime+1); len(c.Txs) != len(fund) {
		b.Fatalf("funding ledger recorded %d of %d payments", len(c.Txs), len(fund))
	}
	return st
}

// transfers signs n payments of 1 ZXC between the senders, round robin,
// each sender paying the next.
func transfers(b *testing.B, n int) []*tx.Tx {
	ws, _ := senders(b)
	txs := make([]*tx.Tx, n)
	for i := range txs {
		from, to := ws[i%len(ws)], ws[(i+1)%len(ws)]
		txs[i] = payment(b, from, to.id(), ledger.DropsPerZXC, uint32(i/len(ws)+1))
	}
	return txs
}

// creations signs n payments of 10 ZXC from genesis, each to a new
// account.
func creations(b *testing.B, n int) []*tx.Tx {
	g := newWallet(b, "genesis")
	txs := make([]*tx.Tx, n)
	for i := range txs {
		var dst address.AccountID
		dst[0] = 0xAA
		binary.BigEndian.PutUint32(dst[16:], uint32(i))
		txs[i] = payment(b, g, dst, 10*ledger.DropsPerZXC, uint32(i+1))
	}
	return txs
}

// benchClose measures Close of txs on a fresh state from setup, per
// transaction: ns/tx and allocs/tx (setup excluded).
func benchClose(b *testing.B, txs []*tx.Tx, setup func(*testing.B) *ledger.State) {
	var mallocs uint64
	var ms runtime.MemStats
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		st := setup(b)
		runtime.ReadMemStats(&ms)
		before := ms.Mallocs
		b.StartTimer()
		c := st.Close(txs, st.Header().CloseTime+1)
		b.StopTimer()
		runtime.ReadMemStats(&ms)
		mallocs += ms.Mallocs - before
		if len(c.Txs) != len(txs) || c.Txs[len(c.Txs)-1].Meta.Result != 0 {
			b.Fatalf("%d of %d recorded, last %v", len(c.Txs), len(txs), c.Txs[len(c.Txs)-1].Meta.Result)
		}
		b.StartTimer()
	}
	b.StopTimer()
	n := float64(b.N * len(txs))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/tx")
	b.ReportMetric(float64(mallocs)/n, "allocs/tx")
}

// BenchmarkApplyPayment closes ledgers of pre-signed 1 ZXC payments
// between existing accounts.
func BenchmarkApplyPayment(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprint("txs=", n), func(b *testing.B) {
			txs := transfers(b, n)
			benchClose(b, txs, fundedState)
		})
	}
}

// BenchmarkApplyPaymentCreate closes ledgers of pre-signed payments from
// genesis that each create an account.
func BenchmarkApplyPaymentCreate(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprint("txs=", n), func(b *testing.B) {
			txs := creations(b, n)
			benchClose(b, txs, func(b *testing.B) *ledger.State {
				st, _ := genesisState(b)
				return st
			})
		})
	}
}

// BenchmarkStateHash measures the state hash: the whole-state
// recomputation CheckInvariants does, per account, over states of a
// thousand and ten thousand accounts. Close pays only the per-entry part
// (one digest of each changed entry's new value; the value it replaces
// keeps its digest) inside the figures above.
func BenchmarkStateHash(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint("accounts=", n), func(b *testing.B) {
			st, _ := genesisState(b)
			if c := st.Close(creations(b, n), genesisTime+1); len(c.Txs) != n {
				b.Fatalf("%d accounts created, want %d", len(c.Txs), n)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := st.CheckInvariants(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*(n+1)), "ns/account")
		})
	}
}
