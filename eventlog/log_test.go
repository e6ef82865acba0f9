package eventlog

import (
	"errors"
	"math"
	"testing"
)

func TestEmptyLog(t *testing.T) {
	for _, fc := range filesystems {
		t.Run(fc.name, func(t *testing.T) {
			fs, dir := fc.make(t)
			l := openLog(t, fs, dir)
			defer closeLog(t, l)
			if _, _, ok := l.Head(); ok {
				t.Fatal("Head of an empty log is ok")
			}
			if _, ok := l.First(); ok {
				t.Fatal("First of an empty log is ok")
			}
			if _, err := l.Ledger(1); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Ledger(1) = %v, want ErrNotFound", err)
			}
			calls := 0
			if err := l.Iterate(0, func(*Ledger) error { calls++; return nil }); err != nil || calls != 0 {
				t.Fatalf("Iterate on empty log: %d calls, %v", calls, err)
			}
			recs, next, err := l.AccountTx(AccountTxQuery{Account: testAccount(1)})
			if err != nil || recs != nil || next != nil {
				t.Fatalf("AccountTx on empty log = %v %v %v", recs, next, err)
			}
		})
	}
}

func TestAppendReadReopen(t *testing.T) {
	for _, fc := range filesystems {
		t.Run(fc.name, func(t *testing.T) {
			fs, dir := fc.make(t)
			l := openLog(t, fs, dir)
			want := appendRange(t, l, 100, 140)
			requireContents(t, l, want)
			closeLog(t, l)

			l = openLog(t, fs, dir)
			defer closeLog(t, l)
			requireContents(t, l, want)
			want = append(want, appendRange(t, l, 141, 150)...)
			requireContents(t, l, want)
		})
	}
}

func TestLookups(t *testing.T) {
	l := openLog(t, memFS(), "log")
	defer closeLog(t, l)
	want := appendRange(t, l, 7, 30)

	for _, led := range want {
		got, err := l.Ledger(led.Seq)
		if err != nil {
			t.Fatalf("Ledger(%d): %v", led.Seq, err)
		}
		requireLedger(t, got, led)

		got, err = l.LedgerByHash(led.Hash)
		if err != nil {
			t.Fatalf("LedgerByHash(%d): %v", led.Seq, err)
		}
		requireLedger(t, got, led)

		hash, header, n, err := l.LedgerHeader(led.Seq)
		if err != nil || hash != led.Hash || string(header) != string(led.Header) || n != len(led.Txs) {
			t.Fatalf("LedgerHeader(%d) = %x, %d bytes, %d txs, %v", led.Seq, hash[:4], len(header), n, err)
		}

		for i, tx := range led.Txs {
			rec, err := l.Tx(tx.Hash)
			if err != nil {
				t.Fatalf("Tx(ledger %d index %d): %v", led.Seq, i, err)
			}
			wantRec := TxRecord{LedgerSeq: led.Seq, Index: uint32(i), Tx: storedTx(tx)}
			if !txRecordEqual(*rec, wantRec) {
				t.Fatalf("Tx = %+v, want %+v", rec, wantRec)
			}
		}
	}

	notFound := []struct {
		name string
		call func() error
	}{
		{"Ledger before first", func() error { _, err := l.Ledger(6); return err }},
		{"Ledger after head", func() error { _, err := l.Ledger(31); return err }},
		{"Ledger 0", func() error { _, err := l.Ledger(0); return err }},
		{"LedgerHeader after head", func() error { _, _, _, err := l.LedgerHeader(31); return err }},
		{"LedgerByHash unknown", func() error { _, err := l.LedgerByHash(testHash("ledger", 31)); return err }},
		{"Tx unknown", func() error { _, err := l.Tx(testHash("tx", 31, 0)); return err }},
		{"Meta unknown", func() error { _, err := l.Meta("nothing"); return err }},
	}
	for _, c := range notFound {
		if err := c.call(); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s = %v, want ErrNotFound", c.name, err)
		}
	}
}

func TestAppendRejects(t *testing.T) {
	dupTxs := testLedger(11, 3)
	dupTxs.Txs[2].Hash = dupTxs.Txs[0].Hash
	cases := []struct {
		name string
		led  *Ledger
		want error
	}{
		{"nil", nil, ErrInvalid},
		{"seq 0", testLedger(0, 1), ErrOutOfOrder},
		{"head again", testLedger(10, 1), ErrOutOfOrder},
		{"before head", testLedger(3, 1), ErrOutOfOrder},
		{"gap", testLedger(12, 1), ErrOutOfOrder},
		{"duplicate tx hash", dupTxs, ErrInvalid},
	}
	fs := memFS()
	l := openLog(t, fs, "log")
	want := appendRange(t, l, 5, 10)
	for _, c := range cases {
		if err := l.Append(c.led); !errors.Is(err, c.want) {
			t.Errorf("Append(%s) = %v, want %v", c.name, err, c.want)
		}
	}
	requireContents(t, l, want)
	if _, err := l.Tx(dupTxs.Txs[1].Hash); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a rejected ledger's tx is visible: %v", err)
	}
	want = append(want, appendRange(t, l, 11, 11)...)
	closeLog(t, l)
	l = openLog(t, fs, "log")
	defer closeLog(t, l)
	requireContents(t, l, want)
}

func TestFirstAppendAnySeq(t *testing.T) {
	for _, seq := range []uint32{1, 2, 1 << 20, math.MaxUint32} {
		l := openLog(t, memFS(), "log")
		led := testLedger(seq, 2)
		if err := l.Append(led); err != nil {
			t.Fatalf("first Append(%d): %v", seq, err)
		}
		requireContents(t, l, []*Ledger{led})
		next := testLedger(seq+1, 1)
		if err := l.Append(next); seq == math.MaxUint32 && !errors.Is(err, ErrOutOfOrder) {
			t.Fatalf("Append after the last sequence = %v, want ErrOutOfOrder", err)
		} else if seq != math.MaxUint32 && err != nil {
			t.Fatalf("Append(%d): %v", seq+1, err)
		}
		closeLog(t, l)
	}
}

func TestAccountsDeduplicated(t *testing.T) {
	l := openLog(t, memFS(), "log")
	defer closeLog(t, l)
	a, b, c := testAccount(1), testAccount(2), testAccount(3)
	long := make([][20]byte, 0, 40)
	for i := range uint32(40) {
		long = append(long, testAccount(100+i%20))
	}
	led := &Ledger{Seq: 1, Hash: testHash("ledger", 1), Txs: []Tx{
		{Hash: testHash("tx", 0), Accounts: [][20]byte{a, b, a, c, b}},
		{Hash: testHash("tx", 1), Accounts: [][20]byte{c}},
		{Hash: testHash("tx", 2)},
		{Hash: testHash("tx", 3), Accounts: long},
	}}
	if err := l.Append(led); err != nil {
		t.Fatal(err)
	}
	wantAccts := [][][20]byte{{a, b, c}, {c}, nil, long[:20]}
	for i, want := range wantAccts {
		rec, err := l.Tx(led.Txs[i].Hash)
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Tx.Accounts) != len(want) {
			t.Fatalf("tx %d: %d accounts, want %d", i, len(rec.Tx.Accounts), len(want))
		}
		for j := range want {
			if rec.Tx.Accounts[j] != want[j] {
				t.Fatalf("tx %d account %d differs", i, j)
			}
		}
	}
	if led.Txs[0].Accounts[2] != a {
		t.Fatal("Append modified the caller's accounts")
	}
	recs, _, err := l.AccountTx(AccountTxQuery{Account: a, Forward: true})
	if err != nil || len(recs) != 1 || recs[0].Index != 0 {
		t.Fatalf("AccountTx(a) = %d records, %v; want tx 0 once", len(recs), err)
	}
}

func TestClosed(t *testing.T) {
	l := openLog(t, memFS(), "log")
	appendRange(t, l, 1, 2)
	closeLog(t, l)
	calls := map[string]error{
		"Append":       l.Append(testLedger(3, 1)),
		"Ledger":       func() error { _, err := l.Ledger(1); return err }(),
		"LedgerByHash": func() error { _, err := l.LedgerByHash(testHash("ledger", 1)); return err }(),
		"LedgerHeader": func() error { _, _, _, err := l.LedgerHeader(1); return err }(),
		"Tx":           func() error { _, err := l.Tx(testHash("tx", 1, 0)); return err }(),
		"AccountTx":    func() error { _, _, err := l.AccountTx(AccountTxQuery{}); return err }(),
		"Iterate":      l.Iterate(0, func(*Ledger) error { return nil }),
		"SetMeta":      l.SetMeta("k", nil),
		"Meta":         func() error { _, err := l.Meta("k"); return err }(),
		"Close":        l.Close(),
	}
	for name, err := range calls {
		if !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close = %v, want ErrClosed", name, err)
		}
	}
}

func txRecordEqual(a, b TxRecord) bool {
	return a.LedgerSeq == b.LedgerSeq && a.Index == b.Index && txEqual(a.Tx, b.Tx)
}

func txEqual(a, b Tx) bool {
	if a.Hash != b.Hash || string(a.Blob) != string(b.Blob) || string(a.Meta) != string(b.Meta) || len(a.Accounts) != len(b.Accounts) {
		return false
	}
	for i := range a.Accounts {
		if a.Accounts[i] != b.Accounts[i] {
			return false
		}
	}
	return true
}
