package ledgerlog_test

import (
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

// paymentLog is a log in memory of txs payments in ledgers of 1,000,
// after a ledger funding the 100 accounts that send them, each paying
// the next. It is closed at the end of b.
func paymentLog(b *testing.B, txs int) *eventlog.Log {
	const accounts, perLedger = 100, 1000
	c := newChain(b)
	kps := make([]*keys.KeyPair, accounts)
	funding := make([]*tx.Tx, accounts)
	for i := range kps {
		kps[i] = wallet(b, fmt.Sprint("bench-", i))
		funding[i] = c.pay(c.genesis, kps[i], 1_000_000_000)
	}
	c.close(funding...)
	batch := make([]*tx.Tx, 0, perLedger)
	for k := range txs {
		batch = append(batch, c.pay(kps[k%accounts], kps[(k+1)%accounts], 1_000))
		if len(batch) == perLedger || k == txs-1 {
			c.close(batch...)
			batch = batch[:0]
		}
	}
	return c.log
}

// BenchmarkRebuild rebuilds a log of payments (read, decode, apply and
// compare every ledger), as node replay and the node's start do.
func BenchmarkRebuild(b *testing.B) {
	benchPayments(b, func(log *eventlog.Log) error {
		_, rep, err := ledgerlog.Rebuild(log, nil)
		if err == nil && len(rep.Mismatches) != 0 {
			err = fmt.Errorf("rebuild: %+v", rep.Mismatches[0])
		}
		return err
	})
}

// BenchmarkDecode reads and decodes the same log without applying it:
// what Rebuild's reader does, the bound of its speed.
func BenchmarkDecode(b *testing.B) {
	benchPayments(b, func(log *eventlog.Log) error {
		return log.Iterate(1, func(rec *eventlog.Ledger) error {
			_, err := ledgerlog.Decode(rec)
			return err
		})
	})
}

// benchPayments times op on a log of 100,000 payments, built once, and
// reports the log's transactions per second.
func benchPayments(b *testing.B, op func(log *eventlog.Log) error) {
	const txs = 100_000
	log := paymentLog(b, txs)
	b.Run(fmt.Sprintf("txs=%d", txs), func(b *testing.B) {
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if err := op(log); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((txs+100)*b.N)/b.Elapsed().Seconds(), "tx/s")
	})
}

// BenchmarkHistoryAccount reads an account root as it stood after a
// past ledger (account_info with a ledger_index), in a log of 100,000
// payments among 100 accounts: one reverse seek of the entry index, one
// tx record read, its metadata decoded.
func BenchmarkHistoryAccount(b *testing.B) {
	log := paymentLog(b, 100_000)
	h, err := ledgerlog.NewHistory(log)
	if err != nil {
		b.Fatal(err)
	}
	head, _, _ := log.Head()
	ids := make([]address.AccountID, 100)
	for i := range ids {
		ids[i] = wallet(b, fmt.Sprint("bench-", i)).AccountID()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		seq := 2 + uint32(i*7919)%(head-1)
		if _, ok, err := h.Account(ids[i%len(ids)], seq); err != nil || !ok {
			b.Fatalf("account at %d: %v %v", seq, ok, err)
		}
	}
}

// BenchmarkHistoryEntries reads a ledger_data page (256 entries) of a
// past ledger in the same log.
func BenchmarkHistoryEntries(b *testing.B) {
	log := paymentLog(b, 100_000)
	h, err := ledgerlog.NewHistory(log)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		es, _, _, err := h.Entries(50, hash.Hash256{}, 256, 1024)
		if err != nil || len(es) != 101 {
			b.Fatalf("entries: %d %v", len(es), err)
		}
	}
}
