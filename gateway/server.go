package gateway

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lxzan/gws"
)

// Handler receives one session's requests. The gateway calls Handle in
// frame order from the session's read goroutine, which reads nothing more
// until Handle returns: Handle hands the request on (to a session actor's
// mailbox) and answers later through Conn.Reply. It blocks only to push
// back on its own client (TCP then slows that client alone); a session
// whose Handle stays blocked for two PingIntervals is dropped with
// PingTimeout, since nothing is heard from it meanwhile. Closed is called
// exactly once, after the last Handle.
type Handler interface {
	Handle(req *Request)
	Closed(reason CloseReason)
}

// Backend opens a Handler for each accepted session, before its first
// request. Returning nil declines the session: it then gets the NKN 41002
// SERVICE CEILING frame and is closed.
type Backend interface {
	Open(c *Conn) Handler
}

// Errors returned by Start and Shutdown.
var (
	// ErrStarted: Start was called twice.
	ErrStarted = errors.New("gateway: server already started")
	// ErrClosed: the server was shut down.
	ErrClosed = errors.New("gateway: server closed")
)

// Server is the WebSocket front of the node: every listener serves both
// dialects through one Backend.
type Server struct {
	cfg      Config
	backend  Backend
	log      *slog.Logger
	upgrader *gws.Upgrader
	limiter  *AddrLimiter
	// addrFrames are the inbound frame buckets per remote address.
	addrFrames *addrBuckets
	bans       *banList
	stats      counters
	nextID     atomic.Uint64
	slots      atomic.Int64 // sessions open or being opened, for the ceiling

	mu        sync.RWMutex
	conns     map[uint64]*Conn
	started   bool
	closed    bool
	listeners []net.Listener
	https     []*http.Server

	sessionsWG sync.WaitGroup // one count per accepted session until Closed returns
	servingWG  sync.WaitGroup // the Serve goroutines, the sweeper and the write watch
	stopSweep  chan struct{}
	// writers write for the sessions while they do not have to wait;
	// nil until Start.
	writers *writerPool
}

// New returns a server for cfg (zero fields take their defaults) handing
// sessions to b. It does not listen until Start.
func New(cfg Config, b Backend) *Server {
	cfg = cfg.withDefaults()
	s := &Server{
		cfg:        cfg,
		backend:    b,
		log:        cfg.Logger,
		limiter:    NewAddrLimiter(cfg.UpgradeRate, cfg.UpgradeBurst),
		addrFrames: newAddrBuckets(cfg.AddrFrameRate, cfg.AddrFrameBurst),
		bans:       newBanList(cfg.BanStrikes, cfg.BanTime),
		conns:      make(map[uint64]*Conn),
		stopSweep:  make(chan struct{}),
	}
	s.upgrader = gws.NewUpgrader(events{}, &gws.ServerOption{
		ReadBufferSize:      readBufferSize,
		ReadMaxPayloadSize:  cfg.MaxFrameBytes,
		WriteMaxPayloadSize: cfg.QueueBytes,
		HandshakeTimeout:    handshakeTimeout,
		Logger:              gwsLogger{s.log},
	})
	return s
}

// Start listens on every Config.Listen address and serves them in the
// background; it returns once all are listening, or the first error (after
// closing the listeners it opened). ctx bounds the listening only; stop the
// server with Shutdown.
func (s *Server) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return ErrClosed
	case s.started:
		return ErrStarted
	}
	lns, err := Listen(ctx, s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("gateway: %w", err)
	}
	s.listeners = lns
	s.started = true
	s.writers = startWriters()
	for i, ln := range s.listeners {
		s.listeners[i] = banListener{Listener: ln, s: s}
		hs := &http.Server{
			Handler:           http.HandlerFunc(s.serveUpgrade),
			ReadHeaderTimeout: handshakeTimeout,
			ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
		}
		s.https = append(s.https, hs)
		s.servingWG.Add(1)
		go s.serve(hs, s.listeners[i])
	}
	s.servingWG.Add(2)
	go s.every(s.cfg.IdleCheck, func() { s.sweep(s.now()) })
	go s.every(writeWatchPeriod(s.cfg.WriteTimeout), func() { s.watchWrites(writeClock()) })
	s.log.Info("gateway: listening", "addrs", s.cfg.Listen)
	return nil
}

func (s *Server) serve(hs *http.Server, ln net.Listener) {
	defer s.servingWG.Done()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		s.log.Error("gateway: listener failed", "addr", ln.Addr().String(), "error", err)
	}
}

// Addrs returns the addresses actually listened on (useful with port 0).
func (s *Server) Addrs() []net.Addr {
	s.mu.RLock()
	defer s.mu.RUnlock()
	addrs := make([]net.Addr, len(s.listeners))
	for i, ln := range s.listeners {
		addrs[i] = ln.Addr()
	}
	return addrs
}

// Sessions returns the number of open sessions (NKN getsessioncount).
func (s *Server) Sessions() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.conns)
}

// SessionsByDialect counts the open sessions by the dialect of their
// first request ("chainsql", "nkn"), and as "none" those that have sent
// none yet; the counts add up to Sessions.
func (s *Server) SessionsByDialect() map[string]int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	counts := map[string]int{ChainSQL.String(): 0, NKN.String(): 0, "none": 0}
	for _, c := range s.conns {
		if d := Dialect(c.dialect.Load()); d != 0 {
			counts[d.String()]++
		} else {
			counts["none"]++
		}
	}
	return counts
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats { return s.stats.snapshot() }

// Broadcast queues frame as a notification to every open session for
// which filter (nil: all) returns true. It never blocks on a socket: a
// full session drops its oldest notification. The frame is shared, not
// copied, and must not be modified afterwards. filter runs with the session
// table read-locked and must not call back into the Server.
func (s *Server) Broadcast(frame []byte, filter func(*Conn) bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, c := range s.conns {
		if filter == nil || filter(c) {
			c.Notify(frame)
		}
	}
}

// Shutdown stops listening, closes every session with Shutdown (flushing
// their queues and sending close code 1001), and waits for every Handler's
// Closed. If ctx ends first, the remaining sockets are dropped and ctx's
// error is returned once their Handlers are told.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	s.closed = true
	started := s.started
	https := s.https
	conns := s.snapshotLocked()
	s.mu.Unlock()

	if started {
		close(s.stopSweep)
		s.writers.close()
	}
	for _, hs := range https {
		// Hijacked (upgraded) connections are not the http.Server's any
		// more; this closes the listeners and idle handshakes.
		_ = hs.Close()
	}
	for _, c := range conns {
		c.Close(Shutdown)
	}
	done := make(chan struct{})
	go func() {
		s.sessionsWG.Wait()
		s.servingWG.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
	}
	for _, c := range s.snapshot() {
		_ = c.ws.NetConn().Close()
	}
	<-done
	return fmt.Errorf("gateway: shutdown: %w", ctx.Err())
}

// snapshot copies the session table.
func (s *Server) snapshot() []*Conn {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.snapshotLocked()
}

func (s *Server) snapshotLocked() []*Conn {
	conns := make([]*Conn, 0, len(s.conns))
	for _, c := range s.conns {
		conns = append(conns, c)
	}
	return conns
}

// forget removes a closed session and counts its reason.
func (s *Server) forget(c *Conn, reason CloseReason) {
	s.mu.Lock()
	delete(s.conns, c.id)
	s.mu.Unlock()
	s.slots.Add(-1)
	s.stats.closed[reason].Add(1)
	if abusive(reason) && !c.admin && s.bans.strike(c.remote.Addr(), s.now()) {
		s.log.Info("gateway: address banned", "remote", c.remote.Addr().String(), "reason", reason.String(), "for", s.cfg.BanTime.String())
	}
	s.log.Debug("gateway: session closed", "session", c.id, "remote", c.remote.String(), "reason", reason.String())
}

func (s *Server) now() time.Time { return s.cfg.Clock() }

// gwsLogger sends gws's own error reports to the server's logger.
type gwsLogger struct{ log *slog.Logger }

func (l gwsLogger) Error(v ...any) { l.log.Error("gateway: gws", "detail", fmt.Sprint(v...)) }
