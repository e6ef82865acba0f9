package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sqledger/sqledger/protocol/tx"
)

// verifyRate verifies txs in a loop on workers goroutines for d and
// returns verifications per second.
func verifyRate(ctx context.Context, txs []*tx.Tx, workers int, d time.Duration) (float64, error) {
	var (
		total  atomic.Int64
		wg     sync.WaitGroup
		failed atomic.Value
	)
	start := time.Now()
	deadline := start.Add(d)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for i := w; ctx.Err() == nil; i++ {
				if err := txs[i%len(txs)].Verify(); err != nil {
					failed.Store(fmt.Errorf("verify sample payment %d: %w", i%len(txs), err))
					return
				}
				n++
				if n%16 == 0 && time.Now().After(deadline) {
					break
				}
			}
			total.Add(int64(n))
		}()
	}
	wg.Wait()
	if err, ok := failed.Load().(error); ok {
		return 0, err
	}
	return float64(total.Load()) / time.Since(start).Seconds(), ctx.Err()
}
