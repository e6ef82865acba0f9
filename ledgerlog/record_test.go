package ledgerlog_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/ter"
)

// TestRecordRoundTrip writes real ledgers (payments, a tec, a table
// created and written, a contract deployed and called) to a Pebble log
// and reads every one back through each reader: the header, the
// transactions, their results, metadata and accounts are the closed
// ledgers' own.
func TestRecordRoundTrip(t *testing.T) {
	c := newChain(t)
	c.mixed()
	for _, closed := range c.closed {
		seq := closed.Header.Seq
		rec, err := c.log.Ledger(seq)
		if err != nil {
			t.Fatal(err)
		}
		want := ledgerlog.Record(closed)
		if rec.Seq != want.Seq || rec.Hash != closed.Hash || !bytes.Equal(rec.Header, want.Header) || len(rec.Txs) != len(closed.Txs) {
			t.Fatalf("ledger %d: record %d %X, %d txs", seq, rec.Seq, rec.Hash, len(rec.Txs))
		}
		d, err := ledgerlog.Decode(rec)
		if err != nil {
			t.Fatal(err)
		}
		if d.Record != rec || d.Header != closed.Header || len(d.Txs) != len(closed.Txs) {
			t.Fatalf("ledger %d decoded: %+v", seq, d.Header)
		}
		if h, err := ledgerlog.LedgerHeader(c.log, seq); err != nil || h != closed.Header {
			t.Fatalf("LedgerHeader(%d) = %+v, %v", seq, h, err)
		}
		for i, ap := range closed.Txs {
			rt := &rec.Txs[i]
			if rt.Hash != ap.Tx.Hash || !bytes.Equal(rt.Blob, ap.Tx.Blob) || !bytes.Equal(rt.Meta, ap.MetaBlob) {
				t.Fatalf("ledger %d tx %d: recorded %X", seq, i, rt.Hash)
			}
			if got := d.Txs[i]; got.Hash != ap.Tx.Hash || got.Type != ap.Tx.Type || got.Sequence != ap.Tx.Sequence {
				t.Fatalf("ledger %d tx %d decoded as %X %v %d", seq, i, got.Hash, got.Type, got.Sequence)
			}
			if code, err := ledgerlog.Result(rt); err != nil || code != ap.Meta.Result {
				t.Fatalf("ledger %d tx %d: result %s, %v; closed %s", seq, i, code.Token(), err, ap.Meta.Result.Token())
			}
			meta, err := ledgerlog.MetaJSON(rt)
			if err != nil || meta["TransactionResult"] != ap.Meta.Result.Token() || fmt.Sprint(meta["TransactionIndex"]) != fmt.Sprint(i) {
				t.Fatalf("ledger %d tx %d: meta %v, %v", seq, i, meta, err)
			}
			fields, err := ledgerlog.TxFields(rt)
			if err != nil || !maps.EqualFunc(fields.Map(), ap.Tx.Fields.Map(), func(a, b any) bool { return reflect.DeepEqual(a, b) }) {
				t.Fatalf("ledger %d tx %d: fields %v, %v", seq, i, fields, err)
			}
			byHash, err := c.log.Tx(ap.Tx.Hash)
			if err != nil || byHash.LedgerSeq != seq || byHash.Index != uint32(i) {
				t.Fatalf("tx %X by hash: %+v, %v", ap.Tx.Hash, byHash, err)
			}
			if got, err := ledgerlog.Tx(&byHash.Tx); err != nil || got.Hash != ap.Tx.Hash || !bytes.Equal(got.Blob, ap.Tx.Blob) {
				t.Fatalf("tx %X by hash decoded: %v", ap.Tx.Hash, err)
			}
			if accts := uniqueSorted(want.Txs[i].Accounts); !slices.Equal(uniqueSorted(byHash.Tx.Accounts), accts) || want.Txs[i].Accounts[0] != [20]byte(ap.Tx.Account) {
				t.Fatalf("tx %X accounts %X, record %X", ap.Tx.Hash, byHash.Tx.Accounts, want.Txs[i].Accounts)
			}
		}
	}
	// The payment that failed is in the receiver's account_tx: the
	// accounts of a record are the sender and every affected account.
	bob := wallet(t, "bob").AccountID()
	recs, _, err := c.log.AccountTx(eventlog.AccountTxQuery{Account: bob, Limit: 10})
	if err != nil || len(recs) != 3 {
		t.Fatalf("bob's account_tx: %d records, %v", len(recs), err)
	}
}

// uniqueSorted is a set of accounts as a sorted list.
func uniqueSorted(a [][20]byte) [][20]byte {
	out := slices.Clone(a)
	slices.SortFunc(out, func(x, y [20]byte) int { return bytes.Compare(x[:], y[:]) })
	return slices.Compact(out)
}

// TestHeaderAndMeta reads headers and metadata made by ledger/'s
// encoders.
func TestHeaderAndMeta(t *testing.T) {
	h := ledger.Header{Seq: 77, TotalDrops: 1 << 60, ParentCloseTime: 799999990, CloseTime: 800000000, CloseTimeResolution: 1, CloseFlags: 1}
	h.ParentHash[0], h.TxHash[1], h.AccountHash[31] = 1, 2, 3
	got, err := ledgerlog.Header(&eventlog.Ledger{Seq: 77, Header: h.Encode()})
	if err != nil || got != h {
		t.Fatalf("Header = %+v, %v", got, err)
	}
	if ct := ledgerlog.CloseTime(got); !ct.Equal(time.Date(2025, 5, 8, 6, 13, 20, 0, time.UTC)) || ct.Location() != time.UTC {
		t.Errorf("close time %v", ct)
	}
	for _, code := range []ter.Code{ter.TesSUCCESS, ter.TefTABLE_NOTEXIST, ter.TecUNFUNDED_PAYMENT} {
		meta := (&ledger.Meta{Index: 3, Result: code, DeliveredDrops: -1}).Encode()
		if got, err := ledgerlog.Result(&eventlog.Tx{Meta: meta}); err != nil || got != code {
			t.Errorf("Result(%v) = %v, %v", code, got, err)
		}
	}
}

// TestBadRecords: a record whose parts do not decode is an error from
// every reader, never a panic, and Decode names the ledger and the
// transaction.
func TestBadRecords(t *testing.T) {
	c := newChain(t)
	closed := c.close(c.pay(c.genesis, wallet(t, "alice"), 1_000_000_000))
	rec := ledgerlog.Record(closed)

	short := *rec
	short.Header = rec.Header[:10]
	if _, err := ledgerlog.Header(&short); !errors.Is(err, ledger.ErrBadHeader) {
		t.Errorf("short header: %v", err)
	}
	if _, err := ledgerlog.Decode(&short); err == nil || !errors.Is(err, ledger.ErrBadHeader) {
		t.Errorf("Decode of a short header: %v", err)
	}

	bad := eventlog.Tx{Hash: rec.Txs[0].Hash, Blob: rec.Txs[0].Blob[:20], Meta: []byte{0x20}}
	if _, err := ledgerlog.Tx(&bad); err == nil {
		t.Error("a truncated blob decoded")
	}
	if _, err := ledgerlog.TxFields(&bad); err == nil {
		t.Error("the fields of a truncated blob decoded")
	}
	if _, err := ledgerlog.Result(&bad); err == nil {
		t.Error("broken metadata gave a result")
	}
	if _, err := ledgerlog.MetaJSON(&bad); err == nil {
		t.Error("broken metadata decoded")
	}
	broken := *rec
	broken.Txs = []eventlog.Tx{bad}
	if _, err := ledgerlog.Decode(&broken); err == nil || err.Error()[:14] != "ledger 2 tx 0:" {
		t.Errorf("Decode of a broken blob: %v", err)
	}
	if _, err := ledgerlog.LedgerHeader(c.log, 9); !errors.Is(err, eventlog.ErrNotFound) {
		t.Errorf("LedgerHeader of a missing ledger: %v", err)
	}
}
