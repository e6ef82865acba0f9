package eventlog

import (
	"errors"
	"slices"
	"testing"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
)

// tamper edits a closed log's store directly, as a damaged disk or a
// buggy writer would.
func tamper(t *testing.T, fs vfs.FS, edit func(db *pebble.DB) error) {
	t.Helper()
	pl := &pebbleLogger{log: quietLogger, onFatal: func(err error) { t.Errorf("pebble fatal: %v", err) }}
	db, err := pebble.Open("log", pebbleOptions(fs, Options{}, pl))
	if err != nil {
		t.Fatal(err)
	}
	if err := edit(db); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func set(key, val []byte) func(*pebble.DB) error {
	return func(db *pebble.DB) error { return db.Set(key, val, pebble.Sync) }
}

func del(key []byte) func(*pebble.DB) error {
	return func(db *pebble.DB) error { return db.Delete(key, pebble.Sync) }
}

// TestCorruptStoreOpen damages the records Open reads.
func TestCorruptStoreOpen(t *testing.T) {
	cases := map[string]func(*pebble.DB) error{
		"head garbage":         set(headKey, []byte("garbage")),
		"head version 2":       set(headKey, append([]byte{2}, appendHead(nil, head{first: 1, seq: 4})[1:]...)),
		"head past last":       set(headKey, appendHead(nil, head{first: 1, seq: 5})),
		"first ledger missing": del(appendLedgerKey(nil, 1)),
		"head missing":         del(headKey),
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			fs := vfs.NewMem()
			l := openLog(t, fs, "log")
			appendRange(t, l, 1, 4)
			closeLog(t, l)
			tamper(t, fs, edit)
			if l, err := Open("log", Options{FS: fs, Logger: quietLogger}); !errors.Is(err, ErrCorrupt) {
				if err == nil {
					closeLog(t, l)
				}
				t.Fatalf("Open = %v, want ErrCorrupt", err)
			}
		})
	}
}

// TestCorruptStoreReads damages ledger 3 (three transactions) of a log of
// ledgers 1..4 and checks that every read that touches the damage reports
// ErrCorrupt, while the other ledgers still read.
func TestCorruptStoreReads(t *testing.T) {
	led3 := testLedger(3, 3)
	tx0, tx1 := led3.Txs[0].Hash, led3.Txs[1].Hash
	cases := []struct {
		name    string
		edit    func(*pebble.DB) error
		corrupt []string // the reads expected to fail, by name
	}{
		{"tx record garbage", set(appendTxKey(nil, 3, 1), []byte("junk")),
			[]string{"Ledger", "Iterate", "LedgerByHash", "Tx1", "AccountTx"}},
		{"tx record missing", del(appendTxKey(nil, 3, 1)),
			[]string{"Ledger", "Iterate", "LedgerByHash", "Tx1", "AccountTx"}},
		{"extra tx record", set(appendTxKey(nil, 3, 3), appendTxRecord(nil, &Tx{Hash: arr32(1)}, nil)),
			[]string{"Ledger", "Iterate", "LedgerByHash"}},
		{"ledger record garbage", set(appendLedgerKey(nil, 3), []byte{1, 2, 3}),
			[]string{"Ledger", "Iterate", "LedgerByHash", "LedgerHeader"}},
		{"ledger record missing", del(appendLedgerKey(nil, 3)),
			[]string{"Ledger", "Iterate", "LedgerByHash", "LedgerHeader"}},
		{"tx index to another tx", set(appendHashKey(nil, prefixTxIndex, tx0), appendTxPos(nil, 3, 2)),
			[]string{"Tx0"}},
		{"tx index garbage", set(appendHashKey(nil, prefixTxIndex, tx0), []byte{9}),
			[]string{"Tx0"}},
		{"ledger index to another ledger", set(appendHashKey(nil, prefixLedgerIndex, led3.Hash), appendLedgerPos(nil, 2)),
			[]string{"LedgerByHash"}},
		{"account index to a missing tx", set(appendAccountKey(nil, led3.Txs[0].Accounts[0], 3, 9), nil),
			[]string{"AccountTx"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := vfs.NewMem()
			l := openLog(t, fs, "log")
			appendRange(t, l, 1, 2)
			if err := l.Append(led3); err != nil {
				t.Fatal(err)
			}
			appendRange(t, l, 4, 4)
			closeLog(t, l)
			tamper(t, fs, c.edit)

			l = openLog(t, fs, "log")
			defer closeLog(t, l)
			reads := map[string]func() error{
				"Ledger":       func() error { _, err := l.Ledger(3); return err },
				"Iterate":      func() error { return l.Iterate(1, func(*Ledger) error { return nil }) },
				"LedgerByHash": func() error { _, err := l.LedgerByHash(led3.Hash); return err },
				"LedgerHeader": func() error { _, _, _, err := l.LedgerHeader(3); return err },
				"Tx0":          func() error { _, err := l.Tx(tx0); return err },
				"Tx1":          func() error { _, err := l.Tx(tx1); return err },
				"AccountTx":    func() error { return accountTxErr(l, led3) },
			}
			for name, read := range reads {
				err := read()
				switch want := slices.Contains(c.corrupt, name); {
				case want && !errors.Is(err, ErrCorrupt):
					t.Errorf("%s = %v, want ErrCorrupt", name, err)
				case !want && err != nil:
					t.Errorf("%s = %v, want no error", name, err)
				}
			}
			if _, err := l.Ledger(2); err != nil {
				t.Errorf("Ledger(2), untouched, = %v", err)
			}
		})
	}
}

// accountTxErr lists, over ledger 3 only, the accounts of its transactions.
func accountTxErr(l *Log, led *Ledger) error {
	for _, tx := range led.Txs {
		for _, a := range tx.Accounts {
			if _, _, err := l.AccountTx(AccountTxQuery{Account: a, MinSeq: 3, MaxSeq: 3}); err != nil {
				return err
			}
		}
	}
	return nil
}
