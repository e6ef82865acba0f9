package httpapi_test

import (
	"context"
	"io"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/httpapi"
	"github.com/sqledger/sqledger/node"
)

// silent is a session that never answers: each request stays under way
// until the server gives up on it.
type silent struct{ closed chan struct{} }

func (s silent) Handle(*gateway.Request)    {}
func (s silent) Closed(gateway.CloseReason) { close(s.closed) }

// TestHTTPOverloadAndTimeout: with MaxInFlight 1, a request that gets
// no answer holds the only slot: a second one is refused at once with
// HTTP 503, and the first gets HTTP 504 after RequestTimeout, its
// session closed.
func TestHTTPOverloadAndTimeout(t *testing.T) {
	handled := make(chan silent, 1)
	srv := httpapi.New(httpapi.Config{Listen: []string{"127.0.0.1:0"}, MaxInFlight: 1, RequestTimeout: 2 * time.Second},
		func(*httpapi.Exchange) gateway.Handler {
			s := silent{closed: make(chan struct{})}
			handled <- s
			return s
		})
	if err := srv.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown(context.Background())
	url := "http://" + srv.Addrs()[0].String() + "/"
	body := `{"method":"server_info","params":[{}]}`

	var wg sync.WaitGroup
	var first *http.Response
	var firstErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		first, firstErr = http.Post(url, "application/json", strings.NewReader(body))
	}()
	s := <-handled // the first request is under way
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("second request: HTTP %d, want 503", resp.StatusCode)
	}
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	first.Body.Close()
	if first.StatusCode != http.StatusGatewayTimeout {
		t.Fatalf("first request: HTTP %d, want 504", first.StatusCode)
	}
	select {
	case <-s.closed:
	case <-time.After(10 * time.Second):
		t.Fatal("the timed-out request's session was not closed")
	}
	// The slot is freed just after the answer is written.
	for deadline := time.Now().Add(10 * time.Second); srv.InFlight() != 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d requests in flight after both were answered", srv.InFlight())
		}
	}
}

// TestHTTPAddrRate: a remote address that is not admin gets AddrBurst
// requests at once, then HTTP 429 with Retry-After before its body is
// read; an admin address is not limited.
func TestHTTPAddrRate(t *testing.T) {
	for _, tc := range []struct {
		name    string
		admin   []netip.Prefix
		refused int
	}{
		{"public", []netip.Prefix{}, 7},
		{"admin", nil, 0}, // nil: loopback is admin
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := startNode(t, func(cfg *node.Config) {
				cfg.AdminNets = tc.admin
				cfg.HTTP.AddrRate, cfg.HTTP.AddrBurst = 0.001, 3
			})
			url := n.HTTPURLs()[0]
			refused := 0
			for i := range 10 {
				resp, err := http.Post(url, "application/json", strings.NewReader(`{"method":"ping","params":[{}]}`))
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				switch resp.StatusCode {
				case http.StatusOK:
					if i >= 3 && tc.refused > 0 {
						t.Fatalf("request %d answered past the burst: %s", i, b)
					}
				case http.StatusTooManyRequests:
					refused++
					if got := resp.Header.Get("Retry-After"); got != "1" || string(b) != "Too many requests from this address: the limit is 0.001 a second\n" {
						t.Fatalf("429 with Retry-After %q: %q", got, b)
					}
				default:
					t.Fatalf("request %d: HTTP %d: %s", i, resp.StatusCode, b)
				}
			}
			if refused != tc.refused {
				t.Fatalf("%d of 10 refused, want %d", refused, tc.refused)
			}
		})
	}
}
