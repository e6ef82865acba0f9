package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"testing"
)

// serverFrame is an unmasked frame as the node sends it.
func serverFrame(opcode byte, payload []byte) []byte {
	f := clientFrame(opcode, payload)
	// Drop the mask bit and the zero key: what is left is the server's
	// form of the same frame.
	hdr := 2
	switch f[1] & 0x7F {
	case 126:
		hdr = 4
	case 127:
		hdr = 10
	}
	out := append([]byte{f[0], f[1] &^ 0x80}, f[2:hdr]...)
	return append(out, f[hdr+4:]...)
}

func TestClientFrame(t *testing.T) {
	for _, tc := range []struct {
		n        int
		lenByte  byte
		extBytes int
	}{{0, 0, 0}, {125, 125, 0}, {126, 126, 2}, {65535, 126, 2}, {65536, 127, 8}, {2 << 20, 127, 8}} {
		f := clientFrame(opText, bytes.Repeat([]byte{'x'}, tc.n))
		if f[0] != 0x81 || f[1] != 0x80|tc.lenByte {
			t.Fatalf("%d bytes: header % x", tc.n, f[:2])
		}
		var n uint64
		switch tc.extBytes {
		case 0:
			n = uint64(tc.lenByte)
		case 2:
			n = uint64(binary.BigEndian.Uint16(f[2:4]))
		case 8:
			n = binary.BigEndian.Uint64(f[2:10])
		}
		key := f[2+tc.extBytes : 6+tc.extBytes]
		if n != uint64(tc.n) || !bytes.Equal(key, []byte{0, 0, 0, 0}) || len(f) != 6+tc.extBytes+tc.n {
			t.Errorf("%d bytes: length %d, key % x, frame of %d bytes", tc.n, n, key, len(f))
		}
	}
}

func TestReadUntilEnd(t *testing.T) {
	closeFrame := func(code uint16, reason string) []byte {
		return serverFrame(opClose, append(binary.BigEndian.AppendUint16(nil, code), reason...))
	}
	data := append(serverFrame(opText, []byte(`{"type":"ledgerClosed"}`)), serverFrame(opBinary, bytes.Repeat([]byte{1}, 70_000))...)
	for _, tc := range []struct {
		name   string
		stream []byte
		want   string
	}{
		{"close frame after data", append(append([]byte{}, data...), closeFrame(1008, "rate limit")...), "close 1008 rate limit"},
		{"close frame without a code", serverFrame(opClose, nil), "close frame without a code"},
		{"end of stream", data, "dropped without a close frame (EOF)"},
		{"cut in a frame", data[:100], "dropped without a close frame (EOF)"},
	} {
		c := &rawConn{br: bufio.NewReader(bytes.NewReader(tc.stream))}
		if got := c.readUntilEnd(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestAttackIP(t *testing.T) {
	for _, tc := range []struct {
		first, i, perAddr int
		want              string
	}{
		{slowFirstOctet, 0, 100, "127.0.2.1"},
		{slowFirstOctet, 99, 100, "127.0.2.1"},
		{slowFirstOctet, 100, 100, "127.0.2.2"},
		{slowFirstOctet, 250 * 100, 100, "127.0.3.1"},
		{garbageFirstOctet, 9, 10, "127.0.10.1"},
		{garbageFirstOctet, 2509, 10, "127.0.11.1"},
	} {
		if got := attackIP(tc.first, tc.i, tc.perAddr); got != tc.want {
			t.Errorf("attackIP(%d, %d, %d) = %s, want %s", tc.first, tc.i, tc.perAddr, got, tc.want)
		}
	}
	if honestIP == "127.0.0.1" || attackIP(slowFirstOctet, 0, 1) == honestIP {
		t.Errorf("the honest client's address %s is the admin's or an attacker's", honestIP)
	}
}

func TestParseSockstatTCP(t *testing.T) {
	text := []byte("sockets: used 62\nTCP: inuse 33 orphan 0 tw 40 alloc 33 mem 235\nUDP: inuse 0 mem 7\n")
	if n, err := parseSockstatTCP(text, 4096); err != nil || n != 235*4096 {
		t.Errorf("TCP mem %d, %v; want %d", n, err, 235*4096)
	}
	for _, bad := range []string{"UDP: inuse 0 mem 7\n", "TCP: inuse 1 mem lots\n"} {
		if _, err := parseSockstatTCP([]byte(bad), 4096); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if _, err := kernelTCPBytes(); err != nil {
		t.Errorf("this machine's sockstat: %v", err)
	}
}
