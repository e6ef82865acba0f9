package eventlog

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

// TestEntryIndex appends ledgers whose transactions touch entries and
// checks the index against a model: EntryAt names the last toucher at
// or before each ledger (none before the first), EntryKeys lists every
// key once in byte order across pages, OwnedEntries each owner's keys,
// IndexedFrom the first ledger; all of it again after a reopen.
func TestEntryIndex(t *testing.T) {
	fs := memFS()
	l := openLog(t, fs, "log")
	if _, ok, err := l.IndexedFrom(); ok || err != nil {
		t.Fatalf("empty log IndexedFrom: %v %v", ok, err)
	}
	keys := make([][32]byte, 9)
	for i := range keys {
		keys[i] = testHash("entry", uint32(i))
	}
	type pos struct{ seq, idx uint32 }
	last := map[[32]byte][]pos{} // key → every toucher, in log order
	owners := map[[20]byte]map[[32]byte]bool{}
	const first, head = 3, 40
	for seq := uint32(first); seq <= head; seq++ {
		led := testLedger(seq, txsPer(seq))
		for i := range led.Txs {
			tx := &led.Txs[i]
			// Each transaction touches two or three entries, one of
			// them twice, and names owners for some.
			for _, k := range []int{int(seq+uint32(i)) % 9, int(seq*3+uint32(i)) % 9, int(seq+uint32(i)) % 9} {
				e := Entry{Key: keys[k]}
				if k%3 == 0 {
					e.Owners = [][20]byte{testAccount(uint32(k)), testAccount(uint32(k + 1))}
					for _, o := range e.Owners {
						if owners[o] == nil {
							owners[o] = map[[32]byte]bool{}
						}
						owners[o][keys[k]] = true
					}
				}
				tx.Entries = append(tx.Entries, e)
				if ps := last[keys[k]]; len(ps) == 0 || ps[len(ps)-1] != (pos{seq, uint32(i)}) {
					last[keys[k]] = append(ps, pos{seq, uint32(i)})
				}
			}
		}
		if err := l.Append(led); err != nil {
			t.Fatalf("Append(%d): %v", seq, err)
		}
	}
	check := func(l *Log) {
		t.Helper()
		if from, ok, err := l.IndexedFrom(); from != first || !ok || err != nil {
			t.Fatalf("IndexedFrom: %d %v %v", from, ok, err)
		}
		for _, k := range keys {
			for seq := uint32(0); seq <= head+2; seq++ {
				var want *pos
				for _, p := range last[k] {
					if p.seq <= seq {
						want = &p
					}
				}
				rec, err := l.EntryAt(k, seq)
				switch {
				case want == nil:
					if !errors.Is(err, ErrNotFound) {
						t.Fatalf("EntryAt(%x, %d): %v, %v; want not found", k[:4], seq, rec, err)
					}
				case err != nil:
					t.Fatalf("EntryAt(%x, %d): %v", k[:4], seq, err)
				case rec.LedgerSeq != want.seq || rec.Index != want.idx || rec.Tx.Hash != testHash("tx", want.seq, want.idx):
					t.Fatalf("EntryAt(%x, %d) = %d/%d, want %d/%d", k[:4], seq, rec.LedgerSeq, rec.Index, want.seq, want.idx)
				}
			}
		}
		var want [][32]byte
		for k := range last {
			want = append(want, k)
		}
		slices.SortFunc(want, func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) })
		var got [][32]byte
		var from [32]byte
		for {
			page, err := l.EntryKeys(from, 4)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, page...)
			if len(page) < 4 {
				break
			}
			from = page[len(page)-1]
			from[31]++ // the next key after the page's last (none ends in 0xff here)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("EntryKeys: %d keys, want %d", len(got), len(want))
		}
		for o, set := range owners {
			got, err := l.OwnedEntries(o)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(set) || !slices.IsSortedFunc(got, func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) }) {
				t.Fatalf("OwnedEntries(%x): %d keys, want %d", o[:4], len(got), len(set))
			}
			for _, k := range got {
				if !set[k] {
					t.Fatalf("OwnedEntries(%x) has %x", o[:4], k[:4])
				}
			}
		}
		if got, err := l.OwnedEntries(testAccount(99)); len(got) != 0 || err != nil {
			t.Fatalf("OwnedEntries of no one: %v %v", got, err)
		}
	}
	for _, k := range keys {
		if k[31] == 0xff {
			t.Fatal("a test key ends in 0xff: the paging step above would skip")
		}
	}
	check(l)
	closeLog(t, l)
	l = openLog(t, fs, "log")
	defer closeLog(t, l)
	check(l)
	if _, err := l.EntryKeys([32]byte{}, 0); !errors.Is(err, ErrInvalid) {
		t.Fatalf("EntryKeys limit 0: %v", err)
	}
}
