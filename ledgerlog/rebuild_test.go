package ledgerlog_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledgerlog"
)

// TestRebuild re-applies a log of payments, tables and contracts: no
// mismatch, the state the chain reached, progress after every ledger.
func TestRebuild(t *testing.T) {
	c := newChain(t)
	c.mixed()
	var progress []string
	st, rep, err := ledgerlog.Rebuild(c.log, func(seq uint32, txs int) { progress = append(progress, fmt.Sprintf("%d:%d", seq, txs)) })
	if err != nil || len(rep.Mismatches) != 0 || rep.Ledgers != 6 || rep.Txs != 8 {
		t.Fatalf("rebuild: %+v, %v", rep, err)
	}
	if got := strings.Join(progress, " "); got != "2:2 3:3 4:1 5:1 6:1" {
		t.Errorf("progress %s", got)
	}
	if st.Hash() != c.st.Hash() || st.Header() != c.st.Header() || st.Accounts() != c.st.Accounts() {
		t.Fatalf("rebuilt ledger %d %X, closed %d %X", st.Header().Seq, st.Hash(), c.st.Header().Seq, c.st.Hash())
	}
	if len(st.SlotList()) == 0 || len(st.TableList()) != 1 {
		t.Fatalf("rebuilt %d slots, %d tables", len(st.SlotList()), len(st.TableList()))
	}
}

// TestRebuildDetectsTampering rebuilds a log of two payments (no
// mismatch), then the log with a forged last ledger that records ledger
// 3's payment again with ledger 2's metadata and hash: a mismatch at that
// ledger.
func TestRebuildDetectsTampering(t *testing.T) {
	c := newChain(t)
	frank := wallet(t, "frank")
	c.close(c.pay(c.genesis, frank, 7_000_000))
	c.close(c.pay(c.genesis, frank, 1_000))
	st, rep, err := ledgerlog.Rebuild(c.log, nil)
	if err != nil || len(rep.Mismatches) != 0 || rep.Ledgers != 3 || rep.Txs != 2 {
		t.Fatalf("rebuild: %v %+v", err, rep)
	}
	if st.Header().Seq != 3 {
		t.Fatalf("rebuilt to ledger %d", st.Header().Seq)
	}

	l2, err := c.log.Ledger(2)
	if err != nil {
		t.Fatal(err)
	}
	l3, err := c.log.Ledger(3)
	if err != nil {
		t.Fatal(err)
	}
	forged := &eventlog.Ledger{Seq: 4, Hash: l2.Hash, Header: l3.Header, Txs: []eventlog.Tx{{Hash: l3.Txs[0].Hash, Blob: l3.Txs[0].Blob, Meta: l2.Txs[0].Meta}}}
	if err := c.log.Append(forged); err != nil {
		t.Fatal(err)
	}
	_, rep, err = ledgerlog.Rebuild(c.log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Mismatches) == 0 || rep.Mismatches[0].Seq != 4 {
		t.Fatalf("tampered log: %+v", rep)
	}
}

// TestRebuildTamperedResult: a recorded result the transaction does not
// give is a mismatch at its ledger; the ledger hash, recomputed from
// what the transactions do, still matches, so the rebuild goes on.
func TestRebuildTamperedResult(t *testing.T) {
	c := newChain(t)
	c.mixed()
	failed := c.closed[1].Txs[1] // tecUNFUNDED_PAYMENT
	log := copyLog(t, c.log, func(rec *eventlog.Ledger) {
		if rec.Seq == 3 {
			rec.Txs[1].Meta = rec.Txs[0].Meta // tesSUCCESS
		}
	})
	_, rep, err := ledgerlog.Rebuild(log, nil)
	if err != nil || rep.Ledgers != 6 || len(rep.Mismatches) != 1 {
		t.Fatalf("rebuild: %+v, %v", rep, err)
	}
	m := rep.Mismatches[0]
	if want := fmt.Sprintf("transaction %X: metadata differs (recorded tesSUCCESS, now tecUNFUNDED_PAYMENT)", failed.Tx.Hash); m.Seq != 3 || m.Detail != want {
		t.Fatalf("mismatch %+v", m)
	}
	if _, _, err := ledgerlog.Recover(log, ledgerlog.Genesis{}); !errors.Is(err, ledgerlog.ErrMismatch) || !strings.Contains(err.Error(), "ledger 3: transaction") {
		t.Fatalf("Recover: %v", err)
	}
}

// TestRebuildTamperedHash: a recorded ledger hash that is not the
// recomputed one is a mismatch, and the rebuild stops there.
func TestRebuildTamperedHash(t *testing.T) {
	c := newChain(t)
	c.mixed()
	var recorded [32]byte
	log := copyLog(t, c.log, func(rec *eventlog.Ledger) {
		if rec.Seq == 4 {
			rec.Hash[0] ^= 1
			recorded = rec.Hash
		}
	})
	st, rep, err := ledgerlog.Rebuild(log, nil)
	if err != nil || rep.Ledgers != 4 || len(rep.Mismatches) != 1 {
		t.Fatalf("rebuild: %+v, %v", rep, err)
	}
	want := fmt.Sprintf("ledger hash: recorded %X, recomputed %X", recorded, c.closed[2].Hash)
	if m := rep.Mismatches[0]; m.Seq != 4 || m.Detail != want {
		t.Fatalf("mismatch %+v, want %s", m, want)
	}
	if st.Header().Seq != 4 {
		t.Fatalf("stopped at ledger %d", st.Header().Seq)
	}
	if _, _, err := ledgerlog.Recover(log, ledgerlog.Genesis{}); !errors.Is(err, ledgerlog.ErrMismatch) {
		t.Fatalf("Recover: %v", err)
	}
}

// TestRebuildBadRecord: a transaction that does not decode ends the
// rebuild with an error naming it, after the ledgers before it.
func TestRebuildBadRecord(t *testing.T) {
	c := newChain(t)
	c.mixed()
	log := copyLog(t, c.log, func(rec *eventlog.Ledger) {
		if rec.Seq == 3 {
			rec.Txs[2].Blob = rec.Txs[2].Blob[:30]
		}
	})
	var seen []uint32
	_, _, err := ledgerlog.Rebuild(log, func(seq uint32, _ int) { seen = append(seen, seq) })
	if err == nil || !strings.HasPrefix(err.Error(), "ledger 3 tx 2: ") || len(seen) != 1 {
		t.Fatalf("rebuild: %v after %v", err, seen)
	}

	// A log that does not start at genesis cannot be rebuilt.
	tail := openLog(t, vfs.NewMem(), "tail")
	if err := tail.SetMeta("genesis", mustMeta(t, c.log)); err != nil {
		t.Fatal(err)
	}
	if err := tail.Append(ledgerlog.Record(c.closed[0])); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ledgerlog.Rebuild(tail, nil); err == nil || !strings.Contains(err.Error(), "starts at ledger 2") {
		t.Fatalf("rebuild of a log from ledger 2: %v", err)
	}
}

// mustMeta is a log's genesis record, as bytes.
func mustMeta(t *testing.T, log *eventlog.Log) []byte {
	t.Helper()
	b, err := log.Meta("genesis")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// copyLog writes src again into a new log in memory, passing every
// ledger after genesis through spoil first.
func copyLog(t *testing.T, src *eventlog.Log, spoil func(rec *eventlog.Ledger)) *eventlog.Log {
	t.Helper()
	g, err := ledgerlog.ReadGenesis(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := openLog(t, vfs.NewMem(), "copy")
	if _, err := ledgerlog.Init(dst, g); err != nil {
		t.Fatal(err)
	}
	err = src.Iterate(2, func(rec *eventlog.Ledger) error {
		rec.Txs = append([]eventlog.Tx(nil), rec.Txs...)
		spoil(rec)
		return dst.Append(rec)
	})
	if err != nil {
		t.Fatal(err)
	}
	if h1, _, _ := src.Head(); h1 != mustHead(t, dst) {
		t.Fatalf("copied up to %d", mustHead(t, dst))
	}
	return dst
}

// mustHead is a log's head.
func mustHead(t *testing.T, log *eventlog.Log) uint32 {
	t.Helper()
	h, _, ok := log.Head()
	if !ok {
		t.Fatal("empty log")
	}
	return h
}
