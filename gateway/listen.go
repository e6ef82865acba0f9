package gateway

import (
	"context"
	"fmt"
	"net"
)

// Listen listens on every TCP address in addrs, in order. On the first
// failure it closes the listeners it opened and returns the error,
// naming the address; ctx bounds the listening only. The node's
// WebSocket and JSON-RPC servers both start this way.
func Listen(ctx context.Context, addrs []string) ([]net.Listener, error) {
	var lc net.ListenConfig
	lns := make([]net.Listener, 0, len(addrs))
	for _, addr := range addrs {
		ln, err := lc.Listen(ctx, "tcp", addr)
		if err != nil {
			for _, open := range lns {
				_ = open.Close()
			}
			return nil, fmt.Errorf("listen on %s: %w", addr, err)
		}
		lns = append(lns, ln)
	}
	return lns, nil
}
