package workpool_test

import (
	"sync"
	"testing"

	"github.com/sqledger/sqledger/internal/workpool"
)

// TestGoRunsEveryTask runs tasks that wait for each other: a pool that
// made a task wait for a free goroutine would deadlock here.
func TestGoRunsEveryTask(t *testing.T) {
	for _, tc := range []struct {
		name string
		pool *workpool.Pool
	}{
		{"pool", workpool.New()},
		{"nil", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const n = 1000
			var wg sync.WaitGroup
			release := make(chan struct{})
			ran := make(chan int, n)
			wg.Add(n)
			for i := range n {
				tc.pool.Go(func() {
					defer wg.Done()
					<-release
					ran <- i
				})
			}
			close(release)
			wg.Wait()
			close(ran)
			seen := make(map[int]bool)
			for i := range ran {
				seen[i] = true
			}
			if len(seen) != n {
				t.Fatalf("%d distinct tasks ran, want %d", len(seen), n)
			}
			tc.pool.Release()
		})
	}
}

// TestReleased runs a task given after Release.
func TestReleased(t *testing.T) {
	p := workpool.New()
	p.Release()
	done := make(chan struct{})
	p.Go(func() { close(done) })
	<-done
}
