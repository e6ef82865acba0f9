package actors_test

import (
	"encoding/hex"
	"fmt"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lxzan/gws"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/internal/wsclient"
)

// pushFrame is the exact updateSigChainBlockHash frame carrying hash.
func pushFrame(hash string) string {
	return fmt.Sprintf(`{"Action":"updateSigChainBlockHash","Desc":"SUCCESS","Error":0,"Result":%q,"Version":"1.0.0"}`, hash)
}

func isPush(m map[string]any) bool { return m["Action"] == "updateSigChainBlockHash" }

// TestNKNPush checks that every closed ledger pushes the hash of the
// ledger before it to every NKN session, in ledger order, and nothing to
// a session that never spoke NKN.
func TestNKNPush(t *testing.T) {
	n := startNode(t, "", 0)
	a, b := n.nknClient(), n.nknClient()
	a.result(map[string]any{"Action": "heartbeat"})
	b.result(map[string]any{"Action": "getlatestblockheight"})
	chainsql := n.client()
	chainsql.ok(map[string]any{"command": "subscribe", "streams": []string{"ledger"}})
	admin := n.client()

	for seq := 2; seq <= 4; seq++ {
		admin.accept()
		parent := strings.ToLower(admin.ok(map[string]any{"command": "ledger", "ledger_index": seq - 1})["ledger_hash"].(string))
		for name, c := range map[string]*nknClient{"a": a, "b": b} {
			if raw, _ := c.frame(isPush); raw != pushFrame(parent) {
				t.Fatalf("session %s, ledger %d: %s, want %s", name, seq, raw, pushFrame(parent))
			}
		}
		block := decode[nknBlock](t, a.result(map[string]any{"Action": "getblock", "height": seq}))
		if block.Header.PrevBlockHash != parent {
			t.Fatalf("ledger %d: the push carried %s, the block's prevBlockHash is %s", seq, parent, block.Header.PrevBlockHash)
		}
		// The hub queues the push before the ledger stream's message, in
		// one send order: a ChainSQL session that got the push would see
		// it first.
		note := chainsql.next(func(map[string]any) bool { return true })
		if note["type"] != "ledgerClosed" || note["ledger_index"] != float64(seq) {
			t.Fatalf("ChainSQL session, ledger %d: %v", seq, note)
		}
	}
}

// dialStalled opens a session with a 4 KiB receive buffer that never
// reads: its socket fills at once and the node's writer to it blocks.
func dialStalled(t *testing.T, url string) *gws.Conn {
	t.Helper()
	dialer := &net.Dialer{Control: func(_, _ string, rc syscall.RawConn) error {
		var serr error
		if err := rc.Control(func(fd uintptr) {
			serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
		}); err != nil {
			return err
		}
		return serr
	}}
	ws, _, err := gws.NewClient(new(gws.BuiltinEventHandler), &gws.ClientOption{
		Addr:      url,
		NewDialer: func() (gws.Dialer, error) { return dialer, nil },
	})
	if err != nil {
		t.Fatalf("dial the stalled session: %v", err)
	}
	t.Cleanup(func() { ws.NetConn().Close() })
	return ws
}

// closeWatch records when each ledger became durable, by polling the
// log's head, and each ledger's hash.
type closeWatch struct {
	mu    sync.Mutex
	at    map[uint32]time.Time
	seqOf map[string]uint32
	next  chan uint32
}

func watchCloses(n *testNode, stop <-chan struct{}) *closeWatch {
	w := &closeWatch{at: make(map[uint32]time.Time), seqOf: make(map[string]uint32), next: make(chan uint32, 64)}
	var last uint32
	record := func() {
		seq, h, _ := n.log.Head()
		if seq == last {
			return
		}
		last = seq
		w.mu.Lock()
		w.at[seq], w.seqOf[hex.EncodeToString(h[:])] = time.Now(), seq
		w.mu.Unlock()
		w.next <- seq
	}
	record()
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				record()
			}
		}
	}()
	return w
}

// received is one push as a reader saw it.
type received struct {
	at   time.Time
	hash string
}

// TestNKNPushStalledSession checks that a session that never reads
// delays neither the push to 50 others nor the next ledger: every reader
// gets every push within one ledger interval of the ledger becoming
// durable, while the stalled session's queue overflows.
func TestNKNPushStalledSession(t *testing.T) {
	const (
		interval  = 200 * time.Millisecond
		readers   = 50
		ledgers   = 8
		perLedger = 100
	)
	n := startNodeWith(t, "", interval, func(_ *actors.Config, g *gateway.Config) { g.QueueFrames = 32 })

	// The stalled session speaks both dialects: it takes the NKN push and
	// the transactions stream (about 1 KB per payment), and reads nothing.
	stalled := dialStalled(t, n.url)
	for _, frame := range []string{`{"id":1,"command":"subscribe","streams":["transactions","ledger"]}`, `{"Action":"heartbeat"}`} {
		if err := stalled.WriteMessage(gws.OpcodeText, []byte(frame)); err != nil {
			t.Fatalf("stalled session: %v", err)
		}
	}
	rs := make([]*nknClient, readers)
	for i := range rs {
		rs[i] = n.nknClient()
		rs[i].result(map[string]any{"Action": "heartbeat"})
	}

	stop := make(chan struct{})
	defer close(stop)
	watch := watchCloses(n, stop)
	start := <-watch.next

	got := make([][]received, readers)
	var wg sync.WaitGroup
	for i, r := range rs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := wsclient.Timeout(10 * time.Second)
			defer cancel()
			for len(got[i]) < ledgers {
				m, err := r.c.WaitFor(ctx, isPush)
				if err != nil {
					return
				}
				got[i] = append(got[i], received{at: time.Now(), hash: m["Result"].(string)})
			}
		}()
	}

	// The stalled session must overflow by the middle of the run, so that
	// half the pushes at least are measured while it does.
	driver := n.client()
	dest, _ := driver.wallet("stalled")
	overflowAt := -1
	for i := range ledgers {
		for range perLedger {
			driver.pay(genesisSecret, genesisAccount, dest, 1_000_000_000)
		}
		<-watch.next
		if overflowAt < 0 && n.gw.Stats().Dropped > 0 {
			overflowAt = i
		}
	}
	wg.Wait()
	if overflowAt < 0 || overflowAt >= ledgers/2 {
		t.Fatalf("the stalled session's queue overflowed at ledger %d of %d: %+v", overflowAt, ledgers, n.gw.Stats())
	}

	watch.mu.Lock()
	defer watch.mu.Unlock()
	var worst time.Duration
	for i, pushes := range got {
		if len(pushes) != ledgers {
			t.Fatalf("reader %d got %d pushes, want %d", i, len(pushes), ledgers)
		}
		for j, p := range pushes {
			seq := watch.seqOf[p.hash] + 1
			if want := start + 1 + uint32(j); seq != want {
				t.Fatalf("reader %d push %d is for ledger %d, want %d", i, j, seq, want)
			}
			delay := p.at.Sub(watch.at[seq])
			worst = max(worst, delay)
			if delay > interval {
				t.Fatalf("reader %d got the push for ledger %d %v after it was durable, more than the %v interval", i, seq, delay, interval)
			}
		}
	}
	t.Logf("worst push delay %v over %d readers and %d ledgers; the stalled session overflowed at ledger %d and lost %d notifications",
		worst, readers, ledgers, overflowAt, n.gw.Stats().Dropped)
}
