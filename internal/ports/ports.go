// Package ports finds free loopback ports for the local networks that
// tests and the bench start (node testnet --port-base).
package ports

import (
	"errors"
	"math/rand/v2"
	"net"
	"strconv"
)

// FreeRange finds a base port, a multiple of stride from 20,000 up, such
// that the n ports base..base+n-1 on 127.0.0.1 are free now. Another
// process may take one of them before the caller does: callers start
// their network soon after.
func FreeRange(n, stride int) (int, error) {
	for range 50 {
		base := 20000 + stride*rand.IntN(3000)
		free := true
		for p := base; p < base+n && free; p++ {
			l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
			if err != nil {
				free = false
				continue
			}
			l.Close()
		}
		if free {
			return base, nil
		}
	}
	return 0, errors.New("ports: no free range of loopback ports")
}
