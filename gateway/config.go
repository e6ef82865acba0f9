package gateway

import (
	"log/slog"
	"net/netip"
	"time"
)

// Defaults applied by New to zero Config fields.
const (
	// DefaultMaxFrameBytes admits the largest submit, a 500 KB tx_blob
	// (1,000 KiB of hex), with 64 KiB to spare. gws allocates a frame's
	// whole payload once its header is read, so every session may hold
	// this much: the bound is what a session can cost the node's memory.
	DefaultMaxFrameBytes = 1<<20 + 64<<10
	DefaultMaxSessions   = 19000 // the process may hold 20,000 open files
	DefaultIdleTimeout   = 120 * time.Second
	DefaultIdleCheck     = 10 * time.Second
	DefaultPingInterval  = 30 * time.Second
	DefaultWriteTimeout  = 10 * time.Second
	DefaultQueueFrames   = 1024
	DefaultQueueBytes    = 16 << 20
	DefaultUpgradeRate   = 10.0 // upgrades per second per remote address
	DefaultUpgradeBurst  = 20

	DefaultSendBuffer     = 64 << 10  // SO_SNDBUF of each accepted socket
	DefaultSlowBytes      = 256 << 10 // unsent bytes a session may hold past the grace
	DefaultSlowGrace      = 2 * time.Second
	DefaultFrameRate      = 200.0 // frame tokens per second per session
	DefaultFrameBurst     = 400
	DefaultAddrFrameRate  = 1000.0 // frame tokens per second per remote address
	DefaultAddrFrameBurst = 2000
	DefaultFrameCostBytes = 16 << 10         // a frame costs one token more per this many bytes
	DefaultFrameStrikes   = 10               // refused frames (refilled one a second) before a close
	DefaultThrottlePause  = time.Second      // the longest a refused frame holds its session's reading
	DefaultBanStrikes     = 3                // abuse closes of one address within BanTime that ban it
	DefaultBanTime        = 30 * time.Second // how long a ban lasts, and the window of its strikes
)

// handshakeTimeout bounds reading the HTTP upgrade request and writing the
// 101 answer.
const handshakeTimeout = 5 * time.Second

// readBufferSize is each session's read buffer (gws's default is 4 KiB).
// It is the largest part of an idle session's memory; a request frame
// is most often smaller (a submit of a payment is about 700 bytes), and
// a larger one is read through it in pieces, so 1 KiB costs those a few
// more reads and saves 3 KiB a session.
const readBufferSize = 1 << 10

// DefaultListen are the ChainSQL (rippled ws port) and NKN WebSocket ports,
// on loopback.
func DefaultListen() []string { return []string{"127.0.0.1:6006", "127.0.0.1:30002"} }

// DefaultAdminNets is loopback: 127.0.0.0/8 and ::1/128.
func DefaultAdminNets() []netip.Prefix {
	return []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
}

// Config sets the listeners and limits. Zero fields take the defaults above;
// see each field for the values that switch a limit off.
type Config struct {
	// Listen are host:port addresses; every one serves both dialects.
	Listen []string
	// AdminNets are the remote networks whose sessions are admin. nil means
	// DefaultAdminNets; an empty non-nil slice means no admin at all.
	AdminNets []netip.Prefix
	// MaxFrameBytes is the largest inbound message; a larger one closes the
	// session with FrameTooLarge (close code 1009).
	MaxFrameBytes int
	// MaxSessions is the number of open sessions past which a new one gets
	// the NKN 41002 SERVICE CEILING frame and is closed.
	MaxSessions int
	// IdleTimeout is how long a session that never sent a ChainSQL command
	// may go without a well-formed request before 41001 SESSION EXPIRED.
	IdleTimeout time.Duration
	// IdleCheck is the period of the sweep that expires idle sessions and
	// sends pings.
	IdleCheck time.Duration
	// PingInterval is how often a session is pinged; a peer heard from
	// neither by a frame nor a pong for two intervals is closed.
	PingInterval time.Duration
	// WriteTimeout bounds each frame written to a socket: a write blocked
	// this long is cut (within a quarter of it more) with WriteTimeout.
	WriteTimeout time.Duration
	// QueueFrames and QueueBytes cap each session's outbound queue.
	QueueFrames int
	QueueBytes  int
	// UpgradeRate and UpgradeBurst shape WebSocket upgrades per remote
	// address (admin addresses are exempt); refused upgrades get HTTP 429.
	// A negative UpgradeRate switches the limit off.
	UpgradeRate  float64
	UpgradeBurst int
	// SendBuffer is the kernel send buffer (SO_SNDBUF) of each accepted
	// socket, so that what a session has unsent is mostly in its queue,
	// where SlowBytes sees it; Linux doubles the value for its own
	// bookkeeping. A negative value keeps the kernel's default.
	SendBuffer int
	// SlowBytes is the budget of a session's unsent frames (queued plus
	// being written). A session over it, or dropping notifications, for
	// longer than SlowGrace is closed with SlowConsumer. A negative value
	// switches the cut off (the queue caps still hold).
	SlowBytes int
	SlowGrace time.Duration
	// FrameRate and FrameBurst shape each session's inbound frames, and
	// AddrFrameRate and AddrFrameBurst those of all sessions of one remote
	// address together, in tokens: a frame costs one token plus one per
	// FrameCostBytes of its length, at most the burst. Admin sessions are
	// exempt. A frame over either limit is not decoded: it gets the slowDown
	// error (NKN: 41002 SERVICE CEILING); a session refused more than
	// FrameStrikes frames, refilled one a second, is closed with
	// FrameRate. A negative rate switches that limit off.
	FrameRate      float64
	FrameBurst     int
	AddrFrameRate  float64
	AddrFrameBurst int
	FrameCostBytes int
	FrameStrikes   int
	// ThrottlePause bounds how long a refused frame stops its session's
	// reading: the session reads nothing more until its buckets could pay
	// for that frame, at most ThrottlePause, so a flood waits in its own
	// socket buffers (and the sender's) instead of costing the node memory
	// and CPU. A negative value answers without pausing.
	ThrottlePause time.Duration
	// BanStrikes and BanTime keep out the addresses that keep abusing
	// the node: BanStrikes sessions of one non-admin address closed for
	// Flooding, FrameTooLarge or SlowConsumer within BanTime ban it for
	// BanTime, during which its connections are closed (reset) as they
	// are accepted, before any HTTP is read. A negative BanStrikes
	// switches bans off.
	BanStrikes int
	BanTime    time.Duration
	// MaxEchoBytes bounds every error frame that echoes a request or a
	// frame (ChainSQL error envelopes, missingCommand, jsonInvalid): echoed
	// text that would make it longer is cut and marked truncated. Ids
	// longer than a quarter of it are not echoed. The envelopes' own
	// members are never cut, so a bound under a few hundred bytes is
	// exceeded by them (cmd/node refuses less than 1024).
	MaxEchoBytes int
	// Logger receives connection events (never request contents); nil
	// discards them.
	Logger *slog.Logger
	// Clock drives session policy: idle expiry, the ping schedule and the
	// upgrade rate limiter. nil means time.Now. Socket deadlines always use
	// the real clock.
	Clock func() time.Time
}

// withDefaults returns cfg with every zero field set to its default.
func (cfg Config) withDefaults() Config {
	if len(cfg.Listen) == 0 {
		cfg.Listen = DefaultListen()
	}
	if cfg.AdminNets == nil {
		cfg.AdminNets = DefaultAdminNets()
	}
	setDefault(&cfg.MaxFrameBytes, DefaultMaxFrameBytes)
	setDefault(&cfg.MaxSessions, DefaultMaxSessions)
	setDefault(&cfg.IdleTimeout, DefaultIdleTimeout)
	setDefault(&cfg.IdleCheck, DefaultIdleCheck)
	setDefault(&cfg.PingInterval, DefaultPingInterval)
	setDefault(&cfg.WriteTimeout, DefaultWriteTimeout)
	setDefault(&cfg.QueueFrames, DefaultQueueFrames)
	setDefault(&cfg.QueueBytes, DefaultQueueBytes)
	if cfg.UpgradeRate == 0 {
		cfg.UpgradeRate = DefaultUpgradeRate
	}
	setDefault(&cfg.UpgradeBurst, DefaultUpgradeBurst)
	if cfg.SendBuffer == 0 {
		cfg.SendBuffer = DefaultSendBuffer
	}
	if cfg.SlowBytes == 0 {
		cfg.SlowBytes = DefaultSlowBytes
	}
	setDefault(&cfg.SlowGrace, DefaultSlowGrace)
	if cfg.FrameRate == 0 {
		cfg.FrameRate = DefaultFrameRate
	}
	setDefault(&cfg.FrameBurst, DefaultFrameBurst)
	if cfg.AddrFrameRate == 0 {
		cfg.AddrFrameRate = DefaultAddrFrameRate
	}
	setDefault(&cfg.AddrFrameBurst, DefaultAddrFrameBurst)
	setDefault(&cfg.FrameCostBytes, DefaultFrameCostBytes)
	setDefault(&cfg.FrameStrikes, DefaultFrameStrikes)
	if cfg.ThrottlePause == 0 {
		cfg.ThrottlePause = DefaultThrottlePause
	}
	if cfg.BanStrikes == 0 {
		cfg.BanStrikes = DefaultBanStrikes
	}
	setDefault(&cfg.BanTime, DefaultBanTime)
	setDefault(&cfg.MaxEchoBytes, DefaultMaxEchoBytes)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	return cfg
}

// setDefault replaces a zero or negative limit with its default.
func setDefault[T int | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}
