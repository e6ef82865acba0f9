package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// The hostile workload's two kinds of attacker, by index and by name.
const (
	slowIdx    = 0
	garbageIdx = 1
)

var attackerKinds = [2]string{slowIdx: "slow reader", garbageIdx: "garbage sender"}

// Source addresses: the honest client dials from 127.0.1.1, slow readers
// from 127.0.2.1 up and garbage senders from 127.0.10.1 up, each address
// serving perAddr attackers (Linux routes all of 127/8 to lo). None is
// 127.0.0.1, the one admin address of the node bench starts.
const (
	honestIP          = "127.0.1.1"
	slowFirstOctet    = 2
	garbageFirstOctet = 10
	// addrsPerOctet is how many addresses each third octet gives
	// (x.y.z.1 to x.y.z.250).
	addrsPerOctet = 250
	// maxAttackAddrs is how many addresses one kind may use before it
	// would reach the other's range.
	maxAttackAddrs = (garbageFirstOctet - slowFirstOctet) * addrsPerOctet
)

// attackIP is the address attacker i of a kind dials from.
func attackIP(firstOctet, i, perAddr int) string {
	n := i / perAddr
	return fmt.Sprintf("127.0.%d.%d", firstOctet+n/addrsPerOctet, 1+n%addrsPerOctet)
}

// slowRcvBuf is a slow reader's socket receive buffer: the smallest the
// kernel allows, so that the node's sends back up at once into the
// node's own buffers.
const slowRcvBuf = 4096

// garbageWriteTimeout bounds one garbage frame's write.
const garbageWriteTimeout = 10 * time.Second

// reconnectPause is how long an attacker waits before it connects again
// after the node ended its session or refused it.
const reconnectPause = 200 * time.Millisecond

// attack runs the attackers. Each is a loop: connect, misbehave until
// the node ends the session or the attack ends, count how the session
// ended, connect again. A slow reader subscribes to the ledger and
// transactions streams and never reads; it writes a ping every second,
// only to learn when the node has dropped it (a write to a closed
// session fails). A garbage sender writes the garbage frames in turn as
// fast as the node takes them, and reads (discarding) what the node
// answers, to see its close frame.
type attack struct {
	url                 string
	slow, garbage       int
	slowPerAddr, garPer int
	frames              [][]byte
	subscribe, ping     []byte
	// started counts, by kind, the attackers that have tried to connect
	// once; opened the sessions they opened, reconnections included.
	started, opened [2]atomic.Int64
	mu              sync.Mutex
	ended           [2]map[string]int // by kind: how a session ended → count
	// lifetimes are, by kind, how long each session the node ended had
	// been open.
	lifetimes  [2][]time.Duration
	wg         sync.WaitGroup
	stopAttack context.CancelFunc
}

func newAttack(url string, o hostileOptions) *attack {
	return &attack{
		url: url, slow: o.SlowReaders, garbage: o.GarbageSenders, slowPerAddr: o.SlowPerAddr, garPer: o.GarbagePerAddr,
		frames:    garbageFrames(o.GarbageBytes),
		subscribe: clientFrame(opText, []byte(`{"id":1,"command":"subscribe","streams":["ledger","transactions"]}`)),
		ping:      clientFrame(opPing, nil),
		ended:     [2]map[string]int{{}, {}},
	}
}

// garbageFrames are what a garbage sender sends in turn: a non-JSON text
// frame, a text frame of size bytes 0x01 (each escaped as \u0001 if echoed),
// deeply nested JSON, a binary frame, and a text frame with invalid
// UTF-8 inside a JSON string.
func garbageFrames(size int) [][]byte {
	const depth = 50_000
	nested := append([]byte(`{"id":1,"command":"server_info","x":`), bytes.Repeat([]byte("["), depth)...)
	nested = append(append(nested, bytes.Repeat([]byte("]"), depth)...), '}')
	invalid := append(append([]byte(`{"id":1,"command":"`), 0xFF, 0xFE), `"}`...)
	return [][]byte{
		clientFrame(opText, []byte("this is not JSON {{{")),
		clientFrame(opText, bytes.Repeat([]byte{0x01}, size)),
		clientFrame(opText, nested),
		clientFrame(opBinary, bytes.Repeat([]byte{0xAB}, 64<<10)),
		clientFrame(opText, invalid),
	}
}

// start launches every attacker; stop ends them.
func (a *attack) start(ctx context.Context) {
	ctx, a.stopAttack = context.WithCancel(ctx)
	for i := range a.slow {
		a.wg.Go(func() { a.run(ctx, slowIdx, attackIP(slowFirstOctet, i, a.slowPerAddr), a.slowSession) })
	}
	for i := range a.garbage {
		a.wg.Go(func() {
			a.run(ctx, garbageIdx, attackIP(garbageFirstOctet, i, a.garPer), func(ctx context.Context, c *rawConn) string {
				return a.garbageSession(ctx, c, i)
			})
		})
	}
}

// waitStarted waits until every attacker has tried to connect once, or
// timeout passes.
func (a *attack) waitStarted(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for a.started[slowIdx].Load()+a.started[garbageIdx].Load() < int64(a.slow+a.garbage) {
		if time.Now().After(deadline) {
			return fmt.Errorf("%d of %d attackers connected within %s", a.started[0].Load()+a.started[1].Load(), a.slow+a.garbage, timeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return nil
}

// stop ends the attack and waits for every attacker.
func (a *attack) stop() {
	a.stopAttack()
	a.wg.Wait()
}

// run is one attacker's loop of sessions.
func (a *attack) run(ctx context.Context, k int, ip string, session func(context.Context, *rawConn) string) {
	first := true
	for ctx.Err() == nil {
		c, err := dialRaw(ctx, a.url, ip, a.rcvBuf(k))
		if first {
			a.started[k].Add(1)
			first = false
		}
		var how string
		switch {
		case ctx.Err() != nil:
			return
		case errors.Is(err, errUpgradeRefused):
			how = "refused at the upgrade: " + err.Error()[len(errUpgradeRefused.Error())+2:]
		case err != nil:
			how = "could not connect: " + dialEnd(err)
		default:
			a.opened[k].Add(1)
			opened := time.Now()
			stopClose := context.AfterFunc(ctx, c.close)
			how = session(ctx, c)
			stopClose()
			c.close()
			if how != openAtTheEnd {
				a.mu.Lock()
				a.lifetimes[k] = append(a.lifetimes[k], time.Since(opened))
				a.mu.Unlock()
			}
		}
		a.count(k, how)
		select {
		case <-ctx.Done():
		case <-time.After(reconnectPause):
		}
	}
}

func (a *attack) rcvBuf(k int) int {
	if k == slowIdx {
		return slowRcvBuf
	}
	return 0
}

// count records how one session of kind k ended.
func (a *attack) count(k int, how string) {
	a.mu.Lock()
	a.ended[k][how]++
	a.mu.Unlock()
}

// openAtTheEnd is how a session still open when the attack stopped is
// counted.
const openAtTheEnd = "still open when the attack stopped"

// slowSession subscribes and then never reads: every second it writes a
// ping, and the first write that fails means the node dropped the
// session. What little the small receive buffer holds is then read, for
// the node's close frame if it is there.
func (a *attack) slowSession(ctx context.Context, c *rawConn) string {
	if err := c.write(a.subscribe, 5*time.Second); err != nil {
		return a.afterWriteError(ctx, c, err)
	}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return openAtTheEnd
		case <-t.C:
		}
		if err := c.write(a.ping, 5*time.Second); err != nil {
			return a.afterWriteError(ctx, c, err)
		}
	}
}

// afterWriteError reads what is left of a session whose write failed.
func (a *attack) afterWriteError(ctx context.Context, c *rawConn, err error) string {
	if ctx.Err() != nil {
		return openAtTheEnd
	}
	_ = c.nc.SetReadDeadline(time.Now().Add(2 * time.Second))
	if how := c.readUntilEnd(); len(how) > 5 && how[:5] == "close" {
		return how
	}
	return endOf(err)
}

// garbageSession writes garbage frames in turn (starting at i, so that
// the attackers do not all send the same kind at once) until the node
// ends the session, whose close frame its reader reports.
func (a *attack) garbageSession(ctx context.Context, c *rawConn, i int) string {
	end := make(chan string, 1)
	go func() { end <- c.readUntilEnd() }()
	for k := i; ; k++ {
		select {
		case how := <-end:
			if ctx.Err() != nil {
				return openAtTheEnd
			}
			return how
		default:
		}
		if err := c.write(a.frames[k%len(a.frames)], garbageWriteTimeout); err != nil {
			if ctx.Err() != nil {
				return openAtTheEnd
			}
			select {
			case how := <-end:
				return how
			case <-time.After(2 * time.Second):
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				return "the node read nothing for " + garbageWriteTimeout.String() + " (a write timed out)"
			}
			return endOf(err)
		}
	}
}

// sessionLifetimes summarises, by kind, how long the sessions the node ended
// had been open.
func (a *attack) sessionLifetimes() map[string]Latency {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make(map[string]Latency, len(a.lifetimes))
	for k, l := range a.lifetimes {
		out[attackerKinds[k]] = summarize(slices.Clone(l))
	}
	return out
}

// endings is a copy of how the attackers' sessions ended, by kind.
func (a *attack) endings() map[string]map[string]int {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make(map[string]map[string]int, len(a.ended))
	for k, m := range a.ended {
		out[attackerKinds[k]] = maps.Clone(m)
	}
	return out
}
