package main

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"
)

// TestWaitListeningNotFooledBySelfConnect shows the Linux quirk that made
// a run dial a node before it listened: a socket whose local port is the
// port dialled connects to itself when nothing listens there. Such a
// connection is not a node, and waitListening keeps waiting.
func TestWaitListeningNotFooledBySelfConnect(t *testing.T) {
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: port}}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("self-connect on %s: %v", addr, err)
	}
	if !selfConnected(c) {
		t.Fatalf("%s → %s not seen as connected to itself", c.LocalAddr(), c.RemoteAddr())
	}
	c.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := waitListening(ctx, addr, nil); err == nil {
		t.Fatalf("waitListening(%s) with nothing listening returned nil", addr)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	c, err = net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if selfConnected(c) {
		t.Fatalf("a connection to a listener seen as connected to itself")
	}
	if err := waitListening(context.Background(), l.Addr().String(), nil); err != nil {
		t.Fatalf("waitListening on a listener: %v", err)
	}
}
