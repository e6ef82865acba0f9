package eventlog

import (
	"errors"
	"sync"
	"testing"
	"time"
)

// TestReadersDuringAppends runs readers against a Log while it is being
// appended to, and a Close at the end: each read sees either a whole
// acknowledged ledger or ErrNotFound beyond the head, never a partial one.
// Run with -race.
func TestReadersDuringAppends(t *testing.T) {
	l := openLog(t, memFS(), "log")
	const last = 60
	var wg sync.WaitGroup
	done := make(chan struct{})
	for r := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := uint32(0); ; i++ {
				select {
				case <-done:
					return
				default:
				}
				seq := i%last + 1
				before, _, _ := l.Head()
				led, err := l.Ledger(seq)
				switch {
				case errors.Is(err, ErrNotFound):
					if before >= seq {
						t.Errorf("reader %d: ledger %d not found below head %d", r, seq, before)
					}
				case err != nil:
					t.Errorf("reader %d: %v", r, err)
				default:
					requireLedger(t, led, testLedger(seq, txsPer(seq)))
				}
				if err := l.Iterate(seq, func(*Ledger) error { return nil }); err != nil {
					t.Errorf("reader %d: Iterate: %v", r, err)
				}
			}
		}()
	}
	appendRange(t, l, 1, last)
	close(done)
	wg.Wait()
	closeLog(t, l)
}

// TestCloseWaitsForIterate checks that Close waits for an Iterate in
// flight, and that the callback's calls into the closing Log fail with
// ErrClosed instead of deadlocking.
func TestCloseWaitsForIterate(t *testing.T) {
	l := openLog(t, memFS(), "log")
	appendRange(t, l, 1, 3)
	inside, release := make(chan struct{}), make(chan struct{})
	iterErr := make(chan error, 1)
	go func() {
		iterErr <- l.Iterate(0, func(led *Ledger) error {
			if led.Seq == 1 {
				close(inside)
				<-release
				_, err := l.Ledger(2)
				return err
			}
			return nil
		})
	}()
	<-inside
	closed := make(chan error, 1)
	go func() { closed <- l.Close() }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while Iterate was in flight", err)
	case err := <-iterErr:
		t.Fatalf("Iterate returned early: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-iterErr; !errors.Is(err, ErrClosed) {
		t.Fatalf("Ledger inside Iterate during Close = %v, want ErrClosed", err)
	}
	if err := <-closed; err != nil {
		t.Fatalf("Close: %v", err)
	}
}
