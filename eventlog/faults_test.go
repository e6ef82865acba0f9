package eventlog

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/cockroachdb/pebble/v2/vfs/errorfs"
)

// TestCrashAfterSyncedAppend takes crash images of the filesystem after
// synced Appends and checks that every acknowledged ledger survives.
// Images keep only synced data, or synced data plus a random half of the
// rest. One ledger is large enough to go through pebble's flushable-batch
// path instead of the memtable.
func TestCrashAfterSyncedAppend(t *testing.T) {
	fs := vfs.NewCrashableMem()
	l := openLog(t, fs, "log")
	defer closeLog(t, l)
	var want []*Ledger
	rng := rand.New(rand.NewPCG(1, 2))
	for seq := uint32(1); seq <= 12; seq++ {
		n := txsPer(seq)
		if seq == 6 {
			n = 6000 // ~2.7 MB: over half the memtable
		}
		led := testLedger(seq, n)
		if err := l.Append(led); err != nil {
			t.Fatalf("Append(%d): %v", seq, err)
		}
		want = append(want, led)
		if seq%3 != 0 {
			continue
		}
		for _, pct := range []int{0, 50} {
			img := fs.CrashClone(vfs.CrashCloneCfg{UnsyncedDataPercent: pct, RNG: rng})
			t.Run(fmt.Sprintf("after%d/unsynced%d", seq, pct), func(t *testing.T) {
				r := openLog(t, img, "log")
				defer closeLog(t, r)
				requireContents(t, r, want)
			})
		}
	}
}

// walFault injects errorfs.ErrInjected into the WAL operations of the
// given kinds while armed.
func walFault(kinds ...errorfs.OpKind) *errorfs.Toggle {
	return &errorfs.Toggle{Injector: errorfs.InjectorFunc(func(op errorfs.Op) error {
		for _, k := range kinds {
			if op.Kind == k && strings.HasSuffix(op.Path, ".log") {
				return errorfs.ErrInjected
			}
		}
		return nil
	})}
}

// TestWALFailure fails the WAL write or sync under an Append, on memory
// and on disk, and checks that the Log is failed, shows nothing past the
// acknowledged head, and after a reopen holds every acknowledged ledger
// and, at most, the failed one whole.
func TestWALFailure(t *testing.T) {
	faults := []struct {
		name  string
		kinds []errorfs.OpKind
		// lost: the failed ledger's bytes never reached the file, so a
		// reopen must not find it.
		lost bool
	}{
		{"write", []errorfs.OpKind{errorfs.OpFileWrite, errorfs.OpFileWriteAt}, true},
		{"sync", []errorfs.OpKind{errorfs.OpFileSync, errorfs.OpFileSyncData, errorfs.OpFileSyncTo}, false},
	}
	bases := []struct {
		name string
		make func(t *testing.T) (vfs.FS, string)
	}{
		{"mem", func(*testing.T) (vfs.FS, string) { return vfs.NewCrashableMem(), "log" }},
		{"disk", func(t *testing.T) (vfs.FS, string) { return vfs.Default, t.TempDir() }},
	}
	for _, f := range faults {
		for _, b := range bases {
			t.Run(f.name+"/"+b.name, func(t *testing.T) {
				base, dir := b.make(t)
				fault := walFault(f.kinds...)
				l := openLog(t, errorfs.Wrap(base, fault), dir)
				acked := appendRange(t, l, 1, 5)
				failed := testLedger(6, 3)

				fault.On()
				err := l.Append(failed)
				if !errors.Is(err, ErrFailed) {
					t.Fatalf("Append under a %s fault = %v, want ErrFailed", f.name, err)
				}
				var img *vfs.MemFS
				if mem, ok := base.(*vfs.MemFS); ok {
					img = mem.CrashClone(vfs.CrashCloneCfg{})
				}
				fault.Off()

				requireFailed(t, l, acked, failed)
				if err := l.Close(); err != nil {
					t.Logf("Close after the failure: %v", err)
				}

				if img != nil {
					t.Run("crash image", func(t *testing.T) {
						r := openLog(t, img, dir)
						defer closeLog(t, r)
						requireContents(t, r, acked)
					})
				}
				r := openLog(t, base, dir)
				defer closeLog(t, r)
				if head, _, _ := r.Head(); f.lost || head == 5 {
					requireContents(t, r, acked)
				} else {
					requireContents(t, r, append(acked, failed))
				}
			})
		}
	}
}

// requireFailed checks a Log after a failed Append of `failed`: writes
// are refused, reads stop at the acknowledged head.
func requireFailed(t *testing.T, l *Log, acked []*Ledger, failed *Ledger) {
	t.Helper()
	for name, err := range map[string]error{
		"Append again":     l.Append(failed),
		"Append next":      l.Append(testLedger(failed.Seq+1, 1)),
		"Append with gap":  l.Append(testLedger(failed.Seq+5, 1)),
		"SetMeta":          l.SetMeta("k", []byte("v")),
		"Append empty led": l.Append(&Ledger{Seq: failed.Seq}),
	} {
		if !errors.Is(err, ErrFailed) {
			t.Errorf("%s on a failed log = %v, want ErrFailed", name, err)
		}
	}
	requireContents(t, l, acked)
	if _, err := l.LedgerByHash(failed.Hash); !errors.Is(err, ErrNotFound) {
		t.Errorf("LedgerByHash(failed) = %v, want ErrNotFound", err)
	}
	for _, tx := range failed.Txs {
		if _, err := l.Tx(tx.Hash); !errors.Is(err, ErrNotFound) {
			t.Errorf("Tx of the failed ledger = %v, want ErrNotFound", err)
		}
		for _, a := range tx.Accounts {
			recs, _, err := l.AccountTx(AccountTxQuery{Account: a})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs {
				if r.LedgerSeq == failed.Seq {
					t.Errorf("AccountTx shows the failed ledger")
				}
			}
		}
	}
}

// TestFaultAtEveryWrite injects one error into the n-th filesystem write
// made while appending, for every n until a run sees no fault, and checks
// the durability contract each time: every acknowledged ledger survives a
// reopen, the log is a gapless prefix of what was attempted, at most one
// ledger past the acknowledged ones, and once an Append fails all later
// ones do.
//
// The ledgers stay small: a failure while pebble closes the WAL at a
// memtable rotation is not an error but a panic inside pebble, which no
// caller can survive (README.md, "Faults"). That case is a crash, and
// TestCrashAfterSyncedAppend covers crashes.
func TestFaultAtEveryWrite(t *testing.T) {
	const ledgers = 8
	for n := int64(0); ; n++ {
		base := vfs.NewCrashableMem()
		var writes atomic.Int64
		armed := atomic.Bool{}
		inj := errorfs.InjectorFunc(func(op errorfs.Op) error {
			if armed.Load() && op.Kind.ReadOrWrite() == errorfs.OpIsWrite && writes.Add(1)-1 == n {
				return errorfs.ErrInjected
			}
			return nil
		})
		l := openLog(t, errorfs.Wrap(base, inj), "log")
		armed.Store(true)
		var acked, attempted []*Ledger
		failedAt := 0
		for seq := uint32(1); seq <= ledgers; seq++ {
			led := testLedger(seq, int(seq))
			attempted = append(attempted, led)
			err := l.Append(led)
			switch {
			case err == nil && failedAt != 0:
				t.Fatalf("fault %d: Append(%d) succeeded after Append(%d) failed", n, seq, failedAt)
			case err == nil:
				acked = append(acked, led)
			case !errors.Is(err, ErrFailed):
				t.Fatalf("fault %d: Append(%d) = %v, want ErrFailed", n, seq, err)
			case failedAt == 0:
				failedAt = int(seq)
			}
		}
		injected := writes.Load() > n
		armed.Store(false)
		img := base.CrashClone(vfs.CrashCloneCfg{})
		_ = l.Close() // reports the injected error when the WAL writer saw it

		for name, fs := range map[string]vfs.FS{"files": base, "crash image": img} {
			r := openLog(t, fs, "log")
			head, _, ok := r.Head()
			switch {
			case !ok && len(acked) > 0, ok && (int(head) < len(acked) || int(head) > len(acked)+1):
				t.Fatalf("fault %d, %s: head %d with %d acknowledged", n, name, head, len(acked))
			}
			requireContents(t, r, attempted[:head])
			closeLog(t, r)
		}
		if !injected {
			if len(acked) != ledgers {
				t.Fatalf("no fault injected but %d of %d ledgers acknowledged", len(acked), ledgers)
			}
			t.Logf("%d fault points checked", n)
			return
		}
	}
}
