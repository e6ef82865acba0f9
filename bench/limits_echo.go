package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/node"
	"github.com/sqledger/sqledger/protocol/rpcerr"
	"github.com/sqledger/sqledger/protocol/tx"
)

// echoBackend answers every ChainSQL request at once from the gateway's
// Handler. With verify, it first decodes the request's tx_blob and
// verifies its signature, as a session actor does with a submit.
type echoBackend struct{ verify bool }

func (b echoBackend) Open(c *gateway.Conn) gateway.Handler {
	return &echoHandler{c: c, verify: b.verify}
}

type echoHandler struct {
	c      *gateway.Conn
	verify bool
}

// submitted is the result the payment-path handler answers.
var submitted = map[string]any{"engine_result": "tesSUCCESS"}

func (h *echoHandler) Handle(req *gateway.Request) {
	if !h.verify {
		h.c.Reply(gateway.ChainSQLResult(req.ID, struct{}{}))
		return
	}
	if err := verifyBlob(req.Body); err != nil {
		tok, code, _ := rpcerr.New(rpcerr.InvalidTransaction).Fields()
		h.c.Reply(gateway.ChainSQLError(req, tok, code, err.Error()))
		return
	}
	h.c.Reply(gateway.ChainSQLResult(req.ID, submitted))
}

func (h *echoHandler) Closed(gateway.CloseReason) {}

// verifyBlob decodes a submit frame's tx_blob and verifies it.
func verifyBlob(body []byte) error {
	var p struct {
		TxBlob string `json:"tx_blob"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return err
	}
	b, err := hex.DecodeString(p.TxBlob)
	if err != nil {
		return err
	}
	t, err := tx.Decode(b)
	if err != nil {
		return err
	}
	return t.Verify()
}

// echoRate starts a gateway on a loopback port and drives it from
// echoSessions sessions with echoWindow requests in flight each, for d
// (and at least one window of round trips), and returns round trips per
// second. With blobs, each request is a
// submit of one of them, which the server verifies; without, a ping.
func echoRate(ctx context.Context, blobs []string, d time.Duration) (rate float64, err error) {
	srv := gateway.New(gateway.Config{Listen: []string{"127.0.0.1:0"}}, echoBackend{verify: blobs != nil})
	if err := srv.Start(ctx); err != nil {
		return 0, fmt.Errorf("start gateway: %w", err)
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), node.ShutdownTimeout)
		defer cancel()
		if serr := srv.Shutdown(sctx); serr != nil && !errors.Is(serr, gateway.ErrClosed) {
			err = errors.Join(err, fmt.Errorf("gateway shutdown: %w", serr))
		}
	}()
	url := "ws://" + srv.Addrs()[0].String() + "/"
	var done, failed atomic.Int64
	stop := make(chan struct{})
	sessions := make([]*conn, 0, echoSessions)
	defer func() {
		for _, c := range sessions {
			c.close()
		}
	}()
	slots := make([]chan struct{}, echoSessions)
	for i := range echoSessions {
		slots[i] = make(chan struct{}, echoWindow)
		free := slots[i]
		c, err := dialConn(ctx, url, "", func(frame []byte, _ time.Time) {
			if in, err := parseInbound(frame); err != nil || in.Status != "success" {
				failed.Add(1)
			}
			done.Add(1)
			<-free
		})
		if err != nil {
			return 0, err
		}
		sessions = append(sessions, c)
	}
	// Frames are built before the timed loop, as the payments workload
	// builds its own, and reused in turn.
	frames := make([][][]byte, len(sessions))
	for i := range frames {
		frames[i] = make([][]byte, 2*echoWindow)
		for k := range frames[i] {
			if blobs == nil {
				frames[i][k] = commandFrame("ping", int64(k+1))
			} else {
				frames[i][k] = submitFrame(int64(k+1), blobs[(i*len(frames[i])+k)%len(blobs)])
			}
		}
	}
	var wg sync.WaitGroup
	start := time.Now()
	for i, c := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; ; k++ {
				select {
				case slots[i] <- struct{}{}:
				case <-stop:
					return
				case <-c.done:
					return
				}
				if c.send(frames[i][k%len(frames[i])]) != nil {
					return
				}
			}
		}()
	}
	// Run for d, and on until a window's worth of round trips is done, so
	// that a short --limit-time on a busy machine never measures nothing.
	deadline := start.Add(d)
	for ctx.Err() == nil && (time.Now().Before(deadline) || done.Load() < echoSessions*echoWindow) {
		time.Sleep(time.Millisecond)
	}
	rate = float64(done.Load()) / time.Since(start).Seconds()
	close(stop)
	wg.Wait()
	if n := failed.Load(); n > 0 {
		return 0, fmt.Errorf("%d requests answered with an error", n)
	}
	return rate, ctx.Err()
}
