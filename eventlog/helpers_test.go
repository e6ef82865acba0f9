package eventlog

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"log/slog"
	"reflect"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// quietLogger discards pebble's chatter in tests.
var quietLogger = slog.New(slog.DiscardHandler)

// testHash derives a distinct, deterministic 32-byte value from its parts.
func testHash(kind string, parts ...uint32) [32]byte {
	b := []byte(kind)
	for _, p := range parts {
		b = binary.BigEndian.AppendUint32(b, p)
	}
	return sha256.Sum256(b)
}

// testAccount is account number n of the test population.
func testAccount(n uint32) [20]byte {
	var a [20]byte
	h := testHash("acct", n)
	copy(a[:], h[:])
	return a
}

// testBytes is n deterministic bytes.
func testBytes(kind string, n int, parts ...uint32) []byte {
	out := make([]byte, 0, n+32)
	for i := uint32(0); len(out) < n; i++ {
		h := testHash(kind, append(parts, i)...)
		out = append(out, h[:]...)
	}
	return out[:n]
}

// testTx is payment-sized transaction idx of ledger seq: a 250-byte blob,
// 150 bytes of metadata, a sender among 5 accounts and a receiver among 7,
// sometimes the same account (so Append must deduplicate).
func testTx(seq, idx uint32) Tx {
	return Tx{
		Hash:     testHash("tx", seq, idx),
		Blob:     testBytes("blob", 250, seq, idx),
		Meta:     testBytes("meta", 150, seq, idx),
		Accounts: [][20]byte{testAccount((seq + idx) % 5), testAccount((seq * idx) % 7)},
	}
}

// testLedger is ledger seq with n test transactions.
func testLedger(seq uint32, n int) *Ledger {
	led := &Ledger{
		Seq:    seq,
		Hash:   testHash("ledger", seq),
		Header: testBytes("header", 118, seq),
	}
	for i := range n {
		led.Txs = append(led.Txs, testTx(seq, uint32(i)))
	}
	return led
}

// txsPer gives ledger seq a varying number of transactions, some none.
func txsPer(seq uint32) int { return int(seq*7) % 6 }

// stored is what the log should return for led: accounts deduplicated,
// empty byte fields as nil.
func stored(led *Ledger) *Ledger {
	out := &Ledger{Seq: led.Seq, Hash: led.Hash, Header: nilIfEmpty(led.Header)}
	for _, tx := range led.Txs {
		out.Txs = append(out.Txs, storedTx(tx))
	}
	if out.Txs == nil {
		out.Txs = []Tx{}
	}
	return out
}

func storedTx(tx Tx) Tx {
	accts := append([][20]byte(nil), dedupAccounts(tx.Accounts)...)
	return Tx{Hash: tx.Hash, Blob: nilIfEmpty(tx.Blob), Meta: nilIfEmpty(tx.Meta), Accounts: accts}
}

func nilIfEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

func requireLedger(t *testing.T, got, want *Ledger) {
	t.Helper()
	if w := stored(want); !reflect.DeepEqual(got, w) {
		t.Fatalf("ledger %d differs:\n got %+v\nwant %+v", want.Seq, got, w)
	}
}

func openLog(t testing.TB, fs vfs.FS, dir string) *Log {
	t.Helper()
	l, err := Open(dir, Options{FS: fs, Logger: quietLogger})
	if err != nil {
		t.Fatalf("Open(%q): %v", dir, err)
	}
	return l
}

func closeLog(t testing.TB, l *Log) {
	t.Helper()
	if err := l.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

// appendRange appends ledgers from..to with txsPer transactions each and
// returns them.
func appendRange(t testing.TB, l *Log, from, to uint32) []*Ledger {
	t.Helper()
	var out []*Ledger
	for seq := from; seq <= to; seq++ {
		led := testLedger(seq, txsPer(seq))
		if err := l.Append(led); err != nil {
			t.Fatalf("Append(%d): %v", seq, err)
		}
		out = append(out, led)
	}
	return out
}

// requireContents checks that l holds exactly want, in order.
func requireContents(t *testing.T, l *Log, want []*Ledger) {
	t.Helper()
	if len(want) == 0 {
		if seq, _, ok := l.Head(); ok {
			t.Fatalf("Head = %d, want an empty log", seq)
		}
		return
	}
	last := want[len(want)-1]
	seq, hash, ok := l.Head()
	if !ok || seq != last.Seq || hash != last.Hash {
		t.Fatalf("Head = %d %x %v, want %d %x", seq, hash[:4], ok, last.Seq, last.Hash[:4])
	}
	if first, ok := l.First(); !ok || first != want[0].Seq {
		t.Fatalf("First = %d %v, want %d", first, ok, want[0].Seq)
	}
	i := 0
	err := l.Iterate(0, func(got *Ledger) error {
		if i >= len(want) {
			t.Fatalf("Iterate gave ledger %d past the end", got.Seq)
		}
		requireLedger(t, got, want[i])
		i++
		return nil
	})
	if err != nil || i != len(want) {
		t.Fatalf("Iterate: %d ledgers, err %v; want %d", i, err, len(want))
	}
	if _, err := l.Ledger(last.Seq + 1); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Ledger(head+1) = %v, want ErrNotFound", err)
	}
}

// fsCase is a filesystem to run a test on, and the directory to use.
type fsCase struct {
	name string
	make func(t *testing.T) (vfs.FS, string)
}

var filesystems = []fsCase{
	{"mem", func(*testing.T) (vfs.FS, string) { return vfs.NewMem(), "log" }},
	{"disk", func(t *testing.T) (vfs.FS, string) { return vfs.Default, t.TempDir() }},
}

func memFS() vfs.FS { return vfs.NewMem() }
