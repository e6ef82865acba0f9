package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// rawConn is a WebSocket client on a bare TCP connection, for the hostile
// workload's attackers. It writes frames built in advance and reads the
// node's frames only when asked to, streaming their payloads away, so
// that a slow reader leaves everything in the kernel's buffers and a
// garbage sender's replies cost the bench no memory.
type rawConn struct {
	nc net.Conn
	br *bufio.Reader
}

// rawHandshake is the client's upgrade request; the key is RFC 6455's
// sample nonce (a server checks its form, not its randomness).
const rawHandshake = "GET / HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
	"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"

// errUpgradeRefused is an upgrade the node answered with another status
// than 101 (429 from a per-address limit, 503 at its session ceiling).
var errUpgradeRefused = errors.New("upgrade refused")

// dialRaw opens a WebSocket session to the node at wsURL from localIP.
// rcvBuf, when positive, is the socket's receive buffer (SO_RCVBUF, set
// before connecting so that the TCP window is that small from the
// start).
func dialRaw(ctx context.Context, wsURL, localIP string, rcvBuf int) (*rawConn, error) {
	u, err := url.Parse(wsURL)
	if err != nil {
		return nil, fmt.Errorf("url %q: %w", wsURL, err)
	}
	d := &net.Dialer{Timeout: 10 * time.Second, LocalAddr: &net.TCPAddr{IP: net.ParseIP(localIP)}}
	if rcvBuf > 0 {
		d.Control = func(_, _ string, rc syscall.RawConn) error {
			var serr error
			if err := rc.Control(func(fd uintptr) {
				serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, rcvBuf)
			}); err != nil {
				return err
			}
			return serr
		}
	}
	nc, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, fmt.Errorf("dial %s from %s: %w", u.Host, localIP, err)
	}
	_ = nc.SetDeadline(time.Now().Add(10 * time.Second))
	c := &rawConn{nc: nc, br: bufio.NewReaderSize(nc, 4096)}
	if _, err := fmt.Fprintf(nc, rawHandshake, u.Host); err != nil {
		nc.Close()
		return nil, fmt.Errorf("upgrade from %s: %w", localIP, err)
	}
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("upgrade from %s: %w", localIP, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSwitchingProtocols {
		nc.Close()
		return nil, fmt.Errorf("%w: HTTP %d", errUpgradeRefused, resp.StatusCode)
	}
	_ = nc.SetDeadline(time.Time{})
	return c, nil
}

// WebSocket opcodes the attackers send and read.
const (
	opText   = 0x1
	opBinary = 0x2
	opClose  = 0x8
	opPing   = 0x9
)

// clientFrame is one whole client frame: FIN, the opcode, the mask bit
// with a zero masking key, so that the payload goes out as it is and the
// frame can be built once and written any number of times (a server
// unmasks whatever the key; RFC 6455 §5.3 asks clients for an
// unpredictable key to protect proxies, which loopback has none of).
func clientFrame(opcode byte, payload []byte) []byte {
	n := len(payload)
	b := make([]byte, 0, n+14)
	b = append(b, 0x80|opcode)
	switch {
	case n < 126:
		b = append(b, 0x80|byte(n))
	case n <= 0xFFFF:
		b = append(b, 0x80|126)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	default:
		b = append(b, 0x80|127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	b = append(b, 0, 0, 0, 0)
	return append(b, payload...)
}

// write writes a frame built by clientFrame within timeout.
func (c *rawConn) write(frame []byte, timeout time.Duration) error {
	_ = c.nc.SetWriteDeadline(time.Now().Add(timeout))
	_, err := c.nc.Write(frame)
	return err
}

// readUntilEnd reads the node's frames, discarding their payloads, until
// the node closes the session. It returns how the session ended: the
// node's close frame ("close 1008 reason"), or the error that ended the
// stream (EOF, a reset) when the node dropped the socket without one.
func (c *rawConn) readUntilEnd() string {
	for {
		var h [2]byte
		if _, err := io.ReadFull(c.br, h[:]); err != nil {
			return endOf(err)
		}
		opcode, n := h[0]&0x0F, uint64(h[1]&0x7F)
		switch n {
		case 126:
			var ext [2]byte
			if _, err := io.ReadFull(c.br, ext[:]); err != nil {
				return endOf(err)
			}
			n = uint64(binary.BigEndian.Uint16(ext[:]))
		case 127:
			var ext [8]byte
			if _, err := io.ReadFull(c.br, ext[:]); err != nil {
				return endOf(err)
			}
			n = binary.BigEndian.Uint64(ext[:])
		}
		if h[1]&0x80 != 0 {
			if _, err := c.br.Discard(4); err != nil {
				return endOf(err)
			}
		}
		if opcode != opClose {
			if _, err := io.CopyN(io.Discard, c.br, int64(n)); err != nil {
				return endOf(err)
			}
			continue
		}
		payload := make([]byte, min(n, 125))
		if _, err := io.ReadFull(c.br, payload); err != nil {
			return endOf(err)
		}
		if len(payload) < 2 {
			return "close frame without a code"
		}
		return fmt.Sprintf("close %d %s", binary.BigEndian.Uint16(payload), truncate(string(payload[2:]), 40))
	}
}

// endOf names the error that ended a session's stream.
func endOf(err error) string {
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "dropped without a close frame (EOF)"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "dropped without a close frame (reset)"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, net.ErrClosed):
		return "closed by bench"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timed out"
	}
	// The last part of an error names what happened, the first parts
	// where (addresses and ports, which would make every count 1).
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return truncate(s, 60)
}

// dialEnd names the error of a connection or upgrade that failed.
func dialEnd(err error) string {
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "closed during the upgrade (EOF)"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "reset"
	}
	return endOf(err)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func (c *rawConn) close() { _ = c.nc.Close() }
