package eventlog

import (
	"errors"
	"testing"
)

func TestIterate(t *testing.T) {
	l := openLog(t, memFS(), "log")
	defer closeLog(t, l)
	want := appendRange(t, l, 10, 40)

	cases := []struct {
		from      uint32
		wantFirst uint32 // 0: no ledgers
	}{
		{0, 10}, {1, 10}, {10, 10}, {25, 25}, {40, 40}, {41, 0}, {1 << 31, 0},
	}
	for _, c := range cases {
		var got []uint32
		err := l.Iterate(c.from, func(led *Ledger) error {
			requireLedger(t, led, want[led.Seq-10])
			got = append(got, led.Seq)
			return nil
		})
		if err != nil {
			t.Fatalf("Iterate(%d): %v", c.from, err)
		}
		if c.wantFirst == 0 {
			if len(got) != 0 {
				t.Fatalf("Iterate(%d) gave %v, want nothing", c.from, got)
			}
			continue
		}
		for i, seq := range got {
			if seq != c.wantFirst+uint32(i) {
				t.Fatalf("Iterate(%d) gave %v", c.from, got)
			}
		}
		if len(got) == 0 || got[len(got)-1] != 40 {
			t.Fatalf("Iterate(%d) gave %v, want up to 40", c.from, got)
		}
	}
}

func TestIterateStopsOnError(t *testing.T) {
	l := openLog(t, memFS(), "log")
	defer closeLog(t, l)
	appendRange(t, l, 1, 20)
	stop := errors.New("enough")
	var seen []uint32
	err := l.Iterate(5, func(led *Ledger) error {
		seen = append(seen, led.Seq)
		if led.Seq == 8 {
			return stop
		}
		return nil
	})
	if err != stop { //nolint:errorlint // Iterate returns fn's error unchanged.
		t.Fatalf("Iterate = %v, want fn's error itself", err)
	}
	if len(seen) != 4 || seen[3] != 8 {
		t.Fatalf("Iterate visited %v, want 5..8", seen)
	}
}

// TestIterateReentrant checks that the callback may use the Log, including
// appending, and that the iteration ends at the head it started from.
func TestIterateReentrant(t *testing.T) {
	l := openLog(t, memFS(), "log")
	defer closeLog(t, l)
	appendRange(t, l, 1, 5)
	var seen []uint32
	err := l.Iterate(0, func(led *Ledger) error {
		seen = append(seen, led.Seq)
		again, err := l.Ledger(led.Seq)
		if err != nil || again.Hash != led.Hash {
			t.Fatalf("Ledger(%d) inside Iterate: %v", led.Seq, err)
		}
		head, _, _ := l.Head()
		return l.Append(testLedger(head+1, 1))
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 5 {
		t.Fatalf("Iterate visited %v, want the 5 ledgers present when it began", seen)
	}
	if head, _, _ := l.Head(); head != 10 {
		t.Fatalf("Head = %d, want 10", head)
	}
}
