package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/sqledger/sqledger/gateway"
)

// Backend opens a session for one request; the session answers through
// e.Reply and is told Closed when the request is over. The node's is
// actors.Node.OpenSession. A nil Handler declines the request (HTTP
// 503).
type Backend func(e *Exchange) gateway.Handler

// Errors returned by Start and Shutdown.
var (
	// ErrStarted: Start was called twice.
	ErrStarted = errors.New("httpapi: server already started")
	// ErrClosed: the server was shut down.
	ErrClosed = errors.New("httpapi: server closed")
)

// Server is the JSON-RPC front of the node: every listener answers the
// same commands through one Backend.
type Server struct {
	cfg     Config
	backend Backend
	log     *slog.Logger
	// slots holds one token per request under way.
	slots  chan struct{}
	nextID atomic.Uint64
	// perAddr is the request bucket of each remote address that is not
	// admin; lastPrune (Unix nanoseconds) is when it last forgot the
	// full ones.
	perAddr   *gateway.AddrLimiter
	lastPrune atomic.Int64

	mu        sync.Mutex
	started   bool
	closed    bool
	listeners []net.Listener
	servers   []*http.Server
	serving   sync.WaitGroup
}

// New returns a server for cfg (zero fields take their defaults)
// answering through b. It does not listen until Start.
func New(cfg Config, b Backend) *Server {
	cfg = cfg.withDefaults()
	return &Server{cfg: cfg, backend: b, log: cfg.Logger, slots: make(chan struct{}, cfg.MaxInFlight),
		perAddr: gateway.NewAddrLimiter(cfg.AddrRate, cfg.AddrBurst)}
}

// Start listens on every Config.Listen address and serves them in the
// background; it returns once all are listening, or the first error
// (after closing the listeners it opened). ctx bounds the listening
// only; stop the server with Shutdown.
func (s *Server) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return ErrClosed
	case s.started:
		return ErrStarted
	}
	lns, err := gateway.Listen(ctx, s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("httpapi: %w", err)
	}
	s.listeners = lns
	s.started = true
	for _, ln := range s.listeners {
		hs := &http.Server{
			Handler:        s,
			ReadTimeout:    s.cfg.ReadTimeout,
			WriteTimeout:   s.cfg.WriteTimeout,
			IdleTimeout:    s.cfg.IdleTimeout,
			MaxHeaderBytes: s.cfg.MaxHeaderBytes,
			ErrorLog:       slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
		}
		s.servers = append(s.servers, hs)
		s.serving.Add(1)
		go s.serve(hs, ln)
	}
	if len(s.listeners) > 0 {
		s.log.Info("httpapi: listening", "addrs", s.cfg.Listen)
	}
	return nil
}

func (s *Server) serve(hs *http.Server, ln net.Listener) {
	defer s.serving.Done()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		s.log.Error("httpapi: listener failed", "addr", ln.Addr().String(), "error", err)
	}
}

// Addrs returns the addresses actually listened on (useful with port 0).
func (s *Server) Addrs() []net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	addrs := make([]net.Addr, len(s.listeners))
	for i, ln := range s.listeners {
		addrs[i] = ln.Addr()
	}
	return addrs
}

// InFlight is the number of requests under way.
func (s *Server) InFlight() int { return len(s.slots) }

// Shutdown stops listening and waits for the requests under way to be
// answered, or for ctx to end (then it closes their connections and
// returns ctx's error).
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	s.closed = true
	servers := s.servers
	s.mu.Unlock()
	var errs []error
	for _, hs := range servers {
		if err := hs.Shutdown(ctx); err != nil {
			errs = append(errs, err)
			_ = hs.Close()
		}
	}
	s.serving.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("httpapi: shutdown: %w", err)
	}
	return nil
}
