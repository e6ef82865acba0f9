package metrics

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Defaults applied by NewServer to zero Config fields.
const (
	// DefaultMaxLedgerAge: /health answers 503 when the last ledger is
	// older while transactions wait (or, for a node that closes empty
	// ledgers, at all).
	DefaultMaxLedgerAge = 60 * time.Second
	// DefaultScrapeTimeout bounds one request, reading to writing.
	DefaultScrapeTimeout = 10 * time.Second
	// DefaultMaxScrapes is how many /metrics requests may be under way
	// at once; past it a scrape gets HTTP 503.
	DefaultMaxScrapes = 4
)

// Config sets the listener and the health rule.
type Config struct {
	// Listen is the host:port of the listener.
	Listen string
	// AdminNets are the remote networks that may read /metrics (others
	// get HTTP 403; /health answers anyone). nil means loopback.
	AdminNets []netip.Prefix
	// MaxLedgerAge is /health's bound on the last ledger's age.
	MaxLedgerAge time.Duration
	// ClosesEmpty is set for a node that closes ledgers without
	// transactions (a CometBFT network's empty blocks): then an old
	// last ledger is unhealthy even with none waiting.
	ClosesEmpty bool
	// ScrapeTimeout bounds each request; MaxScrapes the /metrics
	// requests under way at once.
	ScrapeTimeout time.Duration
	MaxScrapes    int
	Logger        *slog.Logger
}

// Server serves /metrics and /health.
type Server struct {
	cfg  Config
	m    *Metrics
	ln   net.Listener
	hs   *http.Server
	done chan struct{}
}

// NewServer returns the listener's server for m; it does not listen
// until Start.
func NewServer(cfg Config, m *Metrics) *Server {
	if cfg.AdminNets == nil {
		cfg.AdminNets = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	}
	if cfg.MaxLedgerAge <= 0 {
		cfg.MaxLedgerAge = DefaultMaxLedgerAge
	}
	if cfg.ScrapeTimeout <= 0 {
		cfg.ScrapeTimeout = DefaultScrapeTimeout
	}
	if cfg.MaxScrapes <= 0 {
		cfg.MaxScrapes = DefaultMaxScrapes
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, m: m, done: make(chan struct{})}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.adminOnly(promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:            slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
		MaxRequestsInFlight: cfg.MaxScrapes,
		Timeout:             cfg.ScrapeTimeout,
	})))
	mux.HandleFunc("GET /health", s.health)
	s.hs = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: cfg.ScrapeTimeout,
		ReadTimeout:       cfg.ScrapeTimeout,
		WriteTimeout:      2 * cfg.ScrapeTimeout,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelDebug),
	}
	return s
}

// Start listens and serves in the background.
func (s *Server) Start(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("metrics: listen on %s: %w", s.cfg.Listen, err)
	}
	s.ln = ln
	go func() {
		defer close(s.done)
		if err := s.hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.cfg.Logger.Error("metrics: listener failed", "addr", ln.Addr().String(), "error", err)
		}
	}()
	s.cfg.Logger.Info("metrics: listening", "addr", ln.Addr().String())
	return nil
}

// Addr is the address listened on (useful with port 0).
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Shutdown stops listening and waits for the requests under way, or
// for ctx to end.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.ln == nil {
		return nil
	}
	err := s.hs.Shutdown(ctx)
	if err != nil {
		_ = s.hs.Close()
	}
	<-s.done
	if err != nil {
		return fmt.Errorf("metrics: shutdown: %w", err)
	}
	return nil
}

// adminOnly refuses requests from outside Config.AdminNets.
func (s *Server) adminOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ap, err := netip.ParseAddrPort(r.RemoteAddr)
		if err == nil {
			addr := ap.Addr().Unmap()
			for _, p := range s.cfg.AdminNets {
				if p.Contains(addr) {
					h.ServeHTTP(w, r)
					return
				}
			}
		}
		http.Error(w, "Forbidden: metrics are for admin addresses", http.StatusForbidden)
	})
}
