package httpapi

import (
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/sqledger/sqledger/gateway"
)

// Defaults applied by New to zero Config fields.
const (
	// DefaultMaxBodyBytes is the WebSocket gateway's frame limit: every
	// request that fits a frame fits a body.
	DefaultMaxBodyBytes = gateway.DefaultMaxFrameBytes
	// DefaultRequestTimeout bounds waiting for one command's answer.
	DefaultRequestTimeout = 30 * time.Second
	// DefaultMaxInFlight is how many requests may be under way at once,
	// over all listeners; past it a request gets HTTP 503.
	DefaultMaxInFlight = 256
	// DefaultReadTimeout bounds reading a request, headers and body.
	DefaultReadTimeout = 30 * time.Second
	// DefaultWriteTimeout bounds a request from the end of its headers to
	// the end of the answer; it exceeds DefaultRequestTimeout.
	DefaultWriteTimeout = 60 * time.Second
	// DefaultIdleTimeout is how long a kept-alive connection may wait for
	// its next request (the gateway's idle timeout).
	DefaultIdleTimeout = gateway.DefaultIdleTimeout
	// DefaultMaxHeaderBytes is net/http's bound on a request's headers.
	DefaultMaxHeaderBytes = http.DefaultMaxHeaderBytes
	// DefaultAddrRate and DefaultAddrBurst shape the requests of one
	// remote address that is not admin, over all listeners: 100 a
	// second, 200 at once.
	DefaultAddrRate  = 100.0
	DefaultAddrBurst = 200
)

// DefaultListen is rippled's conventional JSON-RPC port, on loopback.
func DefaultListen() []string { return []string{"127.0.0.1:5005"} }

// Config sets the listeners and limits. Zero fields take the defaults
// above.
type Config struct {
	// Listen are host:port addresses; nil or empty serves nothing.
	Listen []string
	// AdminNets are the remote networks whose requests are admin, as the
	// gateway's (gateway.Config.AdminNets): nil means loopback, an empty
	// non-nil slice no admin at all.
	AdminNets []netip.Prefix
	// MaxBodyBytes is the largest request body; a larger one gets HTTP
	// 413.
	MaxBodyBytes int
	// RequestTimeout bounds waiting for a command's answer; past it the
	// request gets HTTP 504 (a submit may still be applied).
	RequestTimeout time.Duration
	// MaxInFlight is how many requests may be under way at once; past it
	// a request gets HTTP 503 "Server is overloaded", as rippled answers.
	MaxInFlight int
	// AddrRate and AddrBurst are a token bucket of requests per remote
	// address that is not admin (zero takes the default, a negative
	// AddrRate switches it off); past it a request gets HTTP 429 with
	// Retry-After, before its body is read.
	AddrRate  float64
	AddrBurst int
	// ReadTimeout, WriteTimeout, IdleTimeout and MaxHeaderBytes are the
	// http.Server's.
	ReadTimeout    time.Duration
	WriteTimeout   time.Duration
	IdleTimeout    time.Duration
	MaxHeaderBytes int
	// Logger receives listener events (never request contents); nil
	// discards them.
	Logger *slog.Logger
}

// withDefaults returns cfg with every zero field set to its default.
func (cfg Config) withDefaults() Config {
	if cfg.AdminNets == nil {
		cfg.AdminNets = gateway.DefaultAdminNets()
	}
	setDefault(&cfg.MaxBodyBytes, DefaultMaxBodyBytes)
	setDefault(&cfg.RequestTimeout, DefaultRequestTimeout)
	setDefault(&cfg.MaxInFlight, DefaultMaxInFlight)
	if cfg.AddrRate == 0 {
		cfg.AddrRate = DefaultAddrRate
	}
	setDefault(&cfg.AddrBurst, DefaultAddrBurst)
	setDefault(&cfg.ReadTimeout, DefaultReadTimeout)
	setDefault(&cfg.WriteTimeout, DefaultWriteTimeout)
	setDefault(&cfg.IdleTimeout, DefaultIdleTimeout)
	setDefault(&cfg.MaxHeaderBytes, DefaultMaxHeaderBytes)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return cfg
}

// setDefault replaces a zero or negative limit with its default.
func setDefault[T int | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}
