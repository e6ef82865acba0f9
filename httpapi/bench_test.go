package httpapi_test

import (
	"bytes"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/sqledger/sqledger/internal/wsclient"
)

// BenchmarkAccountInfo: account_info of the validated ledger, over
// JSON-RPC (kept-alive connections, one per parallel client) and over
// WebSocket (one session per parallel client), on the same node.
func BenchmarkAccountInfo(b *testing.B) {
	n := startNode(b, nil)
	body := []byte(`{"method":"account_info","params":[{"account":"` + genesisAccount + `","ledger_index":"validated"}]}`)
	b.Run("transport=http", func(b *testing.B) {
		url := n.HTTPURLs()[0]
		b.RunParallel(func(pb *testing.PB) {
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			for pb.Next() {
				resp, err := client.Post(url, "application/json", bytes.NewReader(body))
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Errorf("HTTP %d", resp.StatusCode)
					return
				}
			}
		})
	})
	b.Run("transport=ws", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			c, err := wsclient.Dial(n.URLs()[0], wsclient.Options{})
			if err != nil {
				b.Error(err)
				return
			}
			defer c.Close()
			req := map[string]any{"command": "account_info", "account": genesisAccount, "ledger_index": "validated"}
			for pb.Next() {
				ctx, cancel := wsclient.Timeout(30 * time.Second)
				resp, err := c.Call(ctx, req)
				cancel()
				if err != nil || resp["status"] != "success" {
					b.Errorf("%v %v", resp, err)
					return
				}
			}
		})
	})
}
