// Package wsclient is a small WebSocket client for the node's two
// dialects, on gws: it sends requests, matches ChainSQL responses to
// requests by id, and queues everything else (notifications, NKN
// replies and pushes) for the caller. Tests and bench/ use it.
package wsclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lxzan/gws"
)

// ErrClosed reports a call on a closed connection.
var ErrClosed = errors.New("wsclient: connection closed")

// Client is one WebSocket session.
type Client struct {
	ws      *gws.Conn
	nextID  atomic.Int64
	mu      sync.Mutex
	waiting map[int64]chan map[string]any
	events  chan []byte
	done    chan struct{}
	err     error
}

// Options tune a client.
type Options struct {
	// Events is the capacity of the queue of frames that are not
	// responses; when it is full, further ones are dropped.
	Events int
	// Dialer sets the local address, for tests that spread many sessions
	// over several source addresses; nil is the default.
	LocalAddr string
}

// Dial opens a session to url (ws://host:port/).
func Dial(url string, opts Options) (*Client, error) {
	if opts.Events <= 0 {
		opts.Events = 4096
	}
	c := &Client{waiting: make(map[int64]chan map[string]any), events: make(chan []byte, opts.Events), done: make(chan struct{})}
	co := &gws.ClientOption{Addr: url}
	if opts.LocalAddr != "" {
		co.NewDialer = localDialer(opts.LocalAddr)
	}
	ws, _, err := gws.NewClient((*handler)(c), co)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", url, err)
	}
	c.ws = ws
	go ws.ReadLoop()
	return c, nil
}

// Close closes the session.
func (c *Client) Close() error {
	c.ws.WriteClose(1000, nil)
	return c.ws.NetConn().Close()
}

// Done is closed when the session ends.
func (c *Client) Done() <-chan struct{} { return c.done }

// Send writes a raw frame.
func (c *Client) Send(frame []byte) error { return c.ws.WriteMessage(gws.OpcodeText, frame) }

// Call sends a ChainSQL request (a command and its parameters), sets its
// id, and waits for the response with that id.
func (c *Client) Call(ctx context.Context, req map[string]any) (map[string]any, error) {
	id := c.nextID.Add(1)
	msg := make(map[string]any, len(req)+1)
	for k, v := range req {
		msg[k] = v
	}
	msg["id"] = id
	b, err := json.Marshal(msg)
	if err != nil {
		return nil, err
	}
	ch := make(chan map[string]any, 1)
	c.mu.Lock()
	c.waiting[id] = ch
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.waiting, id)
		c.mu.Unlock()
	}()
	if err := c.Send(b); err != nil {
		return nil, err
	}
	select {
	case r := <-ch:
		return r, nil
	case <-c.done:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, fmt.Errorf("wsclient: %v: %w", req["command"], ctx.Err())
	}
}

// Next waits for the next frame that is not a ChainSQL response.
func (c *Client) Next(ctx context.Context) ([]byte, error) {
	select {
	case b := <-c.events:
		return b, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-c.done:
		select {
		case b := <-c.events:
			return b, nil
		default:
			return nil, ErrClosed
		}
	}
}

// NextJSON is Next decoded as a JSON object.
func (c *Client) NextJSON(ctx context.Context) (map[string]any, error) {
	b, err := c.Next(ctx)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("wsclient: frame is not a JSON object: %w", err)
	}
	return m, nil
}

// WaitFor waits for a frame that match accepts, dropping others.
func (c *Client) WaitFor(ctx context.Context, match func(map[string]any) bool) (map[string]any, error) {
	for {
		m, err := c.NextJSON(ctx)
		if err != nil {
			return nil, err
		}
		if match(m) {
			return m, nil
		}
	}
}

// Timeout is a context for one step of a test.
func Timeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}

type handler Client

func (h *handler) OnOpen(*gws.Conn) {}

func (h *handler) OnClose(_ *gws.Conn, err error) {
	h.err = err
	close(h.done)
}

func (h *handler) OnPing(ws *gws.Conn, payload []byte) { _ = ws.WritePong(payload) }

func (h *handler) OnPong(*gws.Conn, []byte) {}

func (h *handler) OnMessage(_ *gws.Conn, msg *gws.Message) {
	b := append([]byte(nil), msg.Bytes()...)
	_ = msg.Close()
	var head struct {
		ID   *int64 `json:"id"`
		Type string `json:"type"`
	}
	if json.Unmarshal(b, &head) == nil && head.Type == "response" && head.ID != nil {
		h.mu.Lock()
		ch, ok := h.waiting[*head.ID]
		h.mu.Unlock()
		if ok {
			var m map[string]any
			if json.Unmarshal(b, &m) == nil {
				ch <- m
			}
			return
		}
	}
	select {
	case h.events <- b:
	default:
	}
}
