package gateway

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"
)

// tcpPair returns the two ends of a loopback TCP connection, the
// accepted one as the gateway's listener gives it.
func tcpPair(t *testing.T) (*corkConn, net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	peer, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c, err := banListener{Listener: ln, s: New(Config{}, nil)}.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(); peer.Close() })
	cc, ok := c.(*corkConn)
	if !ok {
		t.Fatalf("the listener gave a %T", c)
	}
	return cc, peer
}

func TestCorkGathersWrites(t *testing.T) {
	c, peer := tcpPair(t)
	big := bytes.Repeat([]byte{'x'}, corkBytes+1)
	parts := [][]byte{[]byte("one "), []byte("two "), bytes.Repeat([]byte{'y'}, corkBytes-10), big, []byte(" three")}
	var want []byte
	c.cork()
	for _, p := range parts[:2] {
		if n, err := c.Write(p); n != len(p) || err != nil {
			t.Fatalf("corked Write = %d, %v", n, err)
		}
		want = append(want, p...)
	}
	// Nothing was written while corked.
	if err := peer.SetReadDeadline(time.Now().Add(50 * time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if n, err := peer.Read(make([]byte, 16)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("the peer read %d bytes (%v) while corked", n, err)
	}
	// Past corkBytes the buffer goes out and a part larger than it goes
	// straight after; the rest gathers again.
	for _, p := range parts[2:] {
		if n, err := c.Write(p); n != len(p) || err != nil {
			t.Fatalf("corked Write = %d, %v", n, err)
		}
		want = append(want, p...)
	}
	if err := c.uncork(); err != nil {
		t.Fatal(err)
	}
	if c.buf != nil {
		t.Fatal("an uncorked connection keeps a buffer")
	}
	// Uncorked, a write goes out at once.
	if _, err := c.Write([]byte(" four")); err != nil {
		t.Fatal(err)
	}
	want = append(want, " four"...)
	got := make([]byte, len(want))
	if err := peer.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(peer, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("the peer read the writes out of order or changed")
	}
}

// Sending what was gathered on a closed socket fails with
// net.ErrClosed, waiting (uncork) or not (tryFlush, which is not done).
func TestCorkFlushError(t *testing.T) {
	for name, send := range map[string]func(*corkConn) error{
		"uncork": (*corkConn).uncork,
		"tryFlush": func(c *corkConn) error {
			done, err := c.tryFlush()
			if done {
				return errors.New("done")
			}
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := tcpPair(t)
			c.cork()
			if _, err := c.Write([]byte("lost")); err != nil {
				t.Fatal(err)
			}
			c.TCPConn.Close()
			if err := send(c); !errors.Is(err, net.ErrClosed) {
				t.Fatalf("%s on a closed socket = %v, want net.ErrClosed", name, err)
			}
		})
	}
}

func TestCorkFlushAndAbort(t *testing.T) {
	c, peer := tcpPair(t)
	c.cork()
	if _, err := c.Write([]byte("sent ")); err != nil {
		t.Fatal(err)
	}
	if n := c.buffered(); n != 5 {
		t.Fatalf("buffered %d bytes, want 5", n)
	}
	if err := c.flush(); err != nil || c.buffered() != 0 {
		t.Fatalf("flush: %v, %d bytes left", err, c.buffered())
	}
	if _, err := c.Write([]byte("dropped")); err != nil {
		t.Fatal(err)
	}
	c.abort()
	if _, err := c.Write([]byte("after")); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, len("sent after"))
	if err := peer.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(peer, got); err != nil || string(got) != "sent after" {
		t.Fatalf("the peer read %q (%v), want %q", got, err, "sent after")
	}
}

// tryFlush sends what the socket takes and never waits: against a peer
// that does not read, the send buffer fills, what is left stays
// gathered, and uncork sends it, in order, once the peer reads.
func TestCorkTryFlushNeverWaits(t *testing.T) {
	c, peer := tcpPair(t)
	chunk := bytes.Repeat([]byte{'z'}, 16<<10)
	var want []byte
	for i := 0; ; i++ {
		if i == 10_000 {
			t.Fatal("the send buffer never filled")
		}
		c.cork()
		p := append([]byte{byte(i)}, chunk...)
		if _, err := c.Write(p); err != nil {
			t.Fatal(err)
		}
		want = append(want, p...)
		start := time.Now()
		done, err := c.tryFlush()
		if err != nil {
			t.Fatal(err)
		}
		if waited := time.Since(start); waited > time.Second {
			t.Fatalf("tryFlush waited %v", waited)
		}
		if !done {
			if c.buffered() == 0 || c.buffered() > len(p) {
				t.Fatalf("%d bytes left gathered of the %d written", c.buffered(), len(p))
			}
			break
		}
		if c.buf != nil || c.corked {
			t.Fatal("a flushed connection stays corked or keeps a buffer")
		}
	}
	got := make([]byte, len(want))
	read := make(chan error, 1)
	go func() {
		if err := peer.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
			read <- err
			return
		}
		_, err := io.ReadFull(peer, got)
		read <- err
	}()
	if err := c.uncork(); err != nil {
		t.Fatal(err)
	}
	if err := <-read; err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("the peer read the writes out of order or changed")
	}
}
