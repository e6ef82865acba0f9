package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/sqledger/sqledger/node"
)

//go:embed default.toml
var defaultConfig string

// config is the node's configuration: the embedded defaults, then a
// --config file, then flags.
type config struct {
	DataDir           string   `toml:"data_dir"`
	WS                []string `toml:"ws"`
	Admin             []string `toml:"admin"`
	LedgerInterval    duration `toml:"ledger_interval"`
	MaxTxsPerLedger   int      `toml:"max_txs_per_ledger"`
	MaxPendingTxs     int      `toml:"max_pending_txs"`
	MaxPendingBytes   int64    `toml:"max_pending_bytes"`
	BaseFee           uint64   `toml:"base_fee"`
	ReserveBase       uint64   `toml:"reserve_base"`
	ReserveInc        uint64   `toml:"reserve_inc"`
	LogLevel          string   `toml:"log_level"`
	MaxSessions       int      `toml:"max_sessions"`
	IdleTimeout       duration `toml:"idle_timeout"`
	MaxFrameBytes     int      `toml:"max_frame_bytes"`
	SendBuffer        int      `toml:"send_buffer"`
	SlowBytes         int      `toml:"slow_bytes"`
	SlowGrace         duration `toml:"slow_grace"`
	FrameRate         float64  `toml:"frame_rate"`
	FrameBurst        int      `toml:"frame_burst"`
	AddrFrameRate     float64  `toml:"addr_frame_rate"`
	AddrFrameBurst    int      `toml:"addr_frame_burst"`
	FrameCostBytes    int      `toml:"frame_cost_bytes"`
	FrameStrikes      int      `toml:"frame_strikes"`
	ThrottlePause     duration `toml:"throttle_pause"`
	BanStrikes        int      `toml:"ban_strikes"`
	BanTime           duration `toml:"ban_time"`
	SelectLimit       int      `toml:"select_limit"`
	MaxEchoBytes      int      `toml:"max_echo_bytes"`
	QueryTimeout      duration `toml:"query_timeout"`
	MaxQueries        int      `toml:"max_queries"`
	MaxSessionQueries int      `toml:"max_session_queries"`
	// RPCHTTP are the JSON-RPC listeners, with their limits.
	RPCHTTP             []string `toml:"rpc_http"`
	RPCHTTPMaxBodyBytes int      `toml:"rpc_http_max_body_bytes"`
	RPCHTTPTimeout      duration `toml:"rpc_http_timeout"`
	RPCHTTPMaxInFlight  int      `toml:"rpc_http_max_in_flight"`
	RPCHTTPReadTimeout  duration `toml:"rpc_http_read_timeout"`
	RPCHTTPWriteTimeout duration `toml:"rpc_http_write_timeout"`
	RPCHTTPIdleTimeout  duration `toml:"rpc_http_idle_timeout"`
	RPCHTTPMaxHeader    int      `toml:"rpc_http_max_header_bytes"`
	RPCHTTPRate         float64  `toml:"rpc_http_rate"`
	RPCHTTPBurst        int      `toml:"rpc_http_burst"`
	// Metrics is the /metrics and /health listener, "" for none.
	Metrics            string   `toml:"metrics"`
	HealthMaxLedgerAge duration `toml:"health_max_ledger_age"`
	ScrapeTimeout      duration `toml:"metrics_scrape_timeout"`
	MaxScrapes         int      `toml:"metrics_max_scrapes"`
	// SyncTables are the confidential tables whose rows the SQL store
	// decrypts (chainsqld's [sync_tables] with a secret).
	SyncTables []syncTableConfig `toml:"sync_tables"`
	// SQL chooses the SQL store: the embedded SQLite file unless a [sql]
	// section names a PostgreSQL server.
	SQL sqlConfig `toml:"sql"`
	// Consensus chooses the orderer: standalone unless a [consensus]
	// section says otherwise.
	Consensus consensusConfig `toml:"consensus"`
	// CPUProfile, a flag only, is where run writes a CPU profile of the
	// whole run.
	CPUProfile string `toml:"-"`
}

// sqlConfig is the [sql] section (node.SQLConfig).
type sqlConfig struct {
	Store   string `toml:"store"`
	DSN     string `toml:"dsn"`
	ReadDSN string `toml:"read_dsn"`
}

// consensusConfig is the [consensus] section.
type consensusConfig struct {
	// Engine is "solo" (standalone) or "comet" (a CometBFT validator).
	Engine string `toml:"engine"`
	// CometHome is CometBFT's home directory (config/config.toml,
	// config/genesis.json, the keys, data/), for engine "comet".
	CometHome string `toml:"comet_home"`
}

// minEchoBytes is the least max_echo_bytes: room for an error envelope's
// own members, which are never cut.
const minEchoBytes = 1024

// Engines of the [consensus] section.
const (
	engineSolo  = "solo"
	engineComet = "comet"
)

// duration reads "1s"-style values from TOML.
type duration struct{ time.Duration }

func (d *duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

// listFlag is a flag that may repeat; its first use replaces the
// configured list.
type listFlag struct {
	dst *[]string
	set bool
}

func (l *listFlag) String() string {
	if l.dst == nil {
		return ""
	}
	return strings.Join(*l.dst, ",")
}

func (l *listFlag) Set(v string) error {
	if !l.set {
		*l.dst = nil
		l.set = true
	}
	*l.dst = append(*l.dst, v)
	return nil
}

// loadConfig parses the run command's flags over the defaults and an
// optional config file, and checks every value before anything starts:
// an error names the flag, or the key and the file, that gave the value.
func loadConfig(name string, args []string) (*config, *flag.FlagSet, error) {
	cfg := &config{}
	if _, err := toml.Decode(defaultConfig, cfg); err != nil {
		return nil, nil, fmt.Errorf("embedded default configuration: %w", err)
	}
	// A first pass finds --config, whose keys the flags then override.
	src := origin{file: configPath(args), flags: map[string]bool{}}
	if src.file != "" {
		md, err := toml.DecodeFile(src.file, cfg)
		if err != nil {
			return nil, nil, fmt.Errorf("config file %s: %w", src.file, err)
		}
		if und := md.Undecoded(); len(und) > 0 {
			return nil, nil, fmt.Errorf("config file %s: unknown key %s", src.file, und[0])
		}
		src.md = &md
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.String("config", "", "TOML configuration file (keys as in the embedded default)")
	fs.StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "data directory")
	fs.Var(&listFlag{dst: &cfg.WS}, "ws", "WebSocket listen address (may repeat; replaces the defaults)")
	fs.Var(&listFlag{dst: &cfg.Admin}, "admin", "admin network in CIDR form (may repeat; replaces the default loopback)")
	fs.DurationVar(&cfg.LedgerInterval.Duration, "ledger-interval", cfg.LedgerInterval.Duration, "ledger close interval")
	fs.IntVar(&cfg.MaxTxsPerLedger, "max-txs-per-ledger", cfg.MaxTxsPerLedger, "transactions per ledger before it closes early")
	fs.IntVar(&cfg.MaxPendingTxs, "max-pending-txs", cfg.MaxPendingTxs, "most transactions admitted and not yet in a closed ledger; past it submit answers telCAN_NOT_QUEUE_FULL")
	fs.Int64Var(&cfg.MaxPendingBytes, "max-pending-bytes", cfg.MaxPendingBytes, "most bytes of transactions admitted and not yet in a closed ledger; past it submit answers telCAN_NOT_QUEUE_FULL")
	fs.Uint64Var(&cfg.BaseFee, "base-fee", cfg.BaseFee, "base fee of a new chain, in drops")
	fs.Uint64Var(&cfg.ReserveBase, "reserve-base", cfg.ReserveBase, "account reserve of a new chain, in drops")
	fs.Uint64Var(&cfg.ReserveInc, "reserve-inc", cfg.ReserveInc, "reserve per owned object of a new chain, in drops")
	fs.StringVar(&cfg.LogLevel, "log-level", cfg.LogLevel, "log level: debug, info, warn, error")
	fs.IntVar(&cfg.MaxSessions, "max-sessions", cfg.MaxSessions, "most WebSocket sessions at once")
	fs.DurationVar(&cfg.IdleTimeout.Duration, "idle-timeout", cfg.IdleTimeout.Duration, "NKN session idle expiry")
	fs.IntVar(&cfg.MaxFrameBytes, "max-frame-bytes", cfg.MaxFrameBytes, "largest inbound WebSocket frame")
	fs.IntVar(&cfg.SendBuffer, "send-buffer", cfg.SendBuffer, "SO_SNDBUF of each WebSocket socket in bytes (negative: the kernel's)")
	fs.IntVar(&cfg.SlowBytes, "slow-bytes", cfg.SlowBytes, "unsent bytes a WebSocket session may hold past the slow grace (negative: no cut)")
	fs.DurationVar(&cfg.SlowGrace.Duration, "slow-grace", cfg.SlowGrace.Duration, "how long a session may stay over slow-bytes before it is closed")
	fs.Float64Var(&cfg.FrameRate, "frame-rate", cfg.FrameRate, "inbound frame tokens per second per non-admin session (negative: no limit)")
	fs.IntVar(&cfg.FrameBurst, "frame-burst", cfg.FrameBurst, "burst of frame-rate")
	fs.Float64Var(&cfg.AddrFrameRate, "addr-frame-rate", cfg.AddrFrameRate, "inbound frame tokens per second per non-admin remote address (negative: no limit)")
	fs.IntVar(&cfg.AddrFrameBurst, "addr-frame-burst", cfg.AddrFrameBurst, "burst of addr-frame-rate")
	fs.IntVar(&cfg.FrameCostBytes, "frame-cost-bytes", cfg.FrameCostBytes, "a frame costs one token plus one per this many bytes")
	fs.IntVar(&cfg.FrameStrikes, "frame-strikes", cfg.FrameStrikes, "slowDown errors (refilled one a second) before a flooding session is closed")
	fs.DurationVar(&cfg.ThrottlePause.Duration, "throttle-pause", cfg.ThrottlePause.Duration, "the longest a refused frame stops its session's reading (negative: no pause)")
	fs.IntVar(&cfg.BanStrikes, "ban-strikes", cfg.BanStrikes, "sessions of one non-admin address closed for abuse within ban-time that ban it (negative: no bans)")
	fs.DurationVar(&cfg.BanTime.Duration, "ban-time", cfg.BanTime.Duration, "how long a ban lasts, and the window in which its strikes count")
	fs.StringVar(&cfg.SQL.Store, "sql-store", cfg.SQL.Store, `SQL store: "sqlite" (the data directory's file) or "postgres"`)
	fs.StringVar(&cfg.SQL.DSN, "sql-dsn", cfg.SQL.DSN, "PostgreSQL server, database and role of the SQL store (postgres only)")
	fs.StringVar(&cfg.SQL.ReadDSN, "sql-read-dsn", cfg.SQL.ReadDSN, "PostgreSQL read-only role the queries run as (postgres only; empty: the dsn's role in read-only sessions)")
	fs.IntVar(&cfg.SelectLimit, "select-limit", cfg.SelectLimit, "most rows a SQL query returns")
	fs.IntVar(&cfg.MaxEchoBytes, "max-echo-bytes", cfg.MaxEchoBytes, "largest error frame echoing a request")
	fs.DurationVar(&cfg.QueryTimeout.Duration, "query-timeout", cfg.QueryTimeout.Duration, "longest a SQL query runs")
	fs.IntVar(&cfg.MaxQueries, "max-queries", cfg.MaxQueries, "SQL queries the node runs at once")
	fs.IntVar(&cfg.MaxSessionQueries, "max-session-queries", cfg.MaxSessionQueries, "SQL queries one session runs at once")
	fs.Var(&listFlag{dst: &cfg.RPCHTTP}, "rpc-http", `JSON-RPC listen address (may repeat; replaces the defaults; "" for none)`)
	fs.StringVar(&cfg.Metrics, "metrics", cfg.Metrics, `/metrics and /health listen address ("" for none)`)
	fs.StringVar(&cfg.CPUProfile, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	if err := noArgs(fs); err != nil {
		return nil, nil, err
	}
	fs.Visit(func(f *flag.Flag) { src.flags[f.Name] = true })
	return cfg, fs, cfg.validate(src)
}

// origin says where a configuration value came from: a flag, the
// --config file or the embedded default.
type origin struct {
	file  string
	md    *toml.MetaData
	flags map[string]bool
}

// name names key (a TOML key path, "consensus.engine") as the user gave
// it: "--ws" for a flag, "ws in config file F", or "ws (the default)".
func (o origin) name(key string) string {
	if f := strings.ReplaceAll(key, "_", "-"); o.flags[f] {
		return "--" + f
	}
	if o.md != nil && o.md.IsDefined(strings.Split(key, ".")...) {
		return fmt.Sprintf("%s in config file %s", key, o.file)
	}
	return key + " (the default)"
}

// noArgs refuses arguments left after a command's flags, which would
// otherwise be ignored (a flag with one dash too few, a value without
// its flag).
func noArgs(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected argument %q (flags start with --)", fs.Name(), fs.Arg(0))
	}
	return nil
}

// configPath finds --config's value without parsing the other flags.
func configPath(args []string) string {
	for i, a := range args {
		switch {
		case a == "--config" || a == "-config":
			if i+1 < len(args) {
				return args[i+1]
			}
		case strings.HasPrefix(a, "--config="):
			return strings.TrimPrefix(a, "--config=")
		case strings.HasPrefix(a, "-config="):
			return strings.TrimPrefix(a, "-config=")
		}
	}
	return ""
}

// validate checks every value, so that a bad one stops the node before
// it opens its data directory or starts anything.
func (c *config) validate(src origin) error {
	if c.DataDir == "" {
		return fmt.Errorf("%s must not be empty", src.name("data_dir"))
	}
	if err := checkListeners(c.WS); err != nil {
		return fmt.Errorf("%s: %w", src.name("ws"), err)
	}
	if err := checkAddrs(c.rpcHTTPListen()); err != nil {
		return fmt.Errorf("%s: %w", src.name("rpc_http"), err)
	}
	if c.Metrics != "" {
		if err := checkAddrs([]string{c.Metrics}); err != nil {
			return fmt.Errorf("%s: %w", src.name("metrics"), err)
		}
	}
	for _, v := range []struct {
		key string
		ok  bool
		val any
	}{
		{"ledger_interval", c.LedgerInterval.Duration > 0, c.LedgerInterval.Duration},
		{"max_txs_per_ledger", c.MaxTxsPerLedger > 0, c.MaxTxsPerLedger},
		{"max_sessions", c.MaxSessions > 0, c.MaxSessions},
		{"idle_timeout", c.IdleTimeout.Duration > 0, c.IdleTimeout.Duration},
		{"max_frame_bytes", c.MaxFrameBytes > 0, c.MaxFrameBytes},
		{"select_limit", c.SelectLimit > 0, c.SelectLimit},
		{"max_pending_txs", c.MaxPendingTxs > 0, c.MaxPendingTxs},
		{"max_pending_bytes", c.MaxPendingBytes > 0, c.MaxPendingBytes},
		{"query_timeout", c.QueryTimeout.Duration > 0, c.QueryTimeout.Duration},
		{"max_queries", c.MaxQueries > 0, c.MaxQueries},
		{"max_session_queries", c.MaxSessionQueries > 0, c.MaxSessionQueries},
		{"rpc_http_max_body_bytes", c.RPCHTTPMaxBodyBytes > 0, c.RPCHTTPMaxBodyBytes},
		{"rpc_http_timeout", c.RPCHTTPTimeout.Duration > 0, c.RPCHTTPTimeout.Duration},
		{"rpc_http_max_in_flight", c.RPCHTTPMaxInFlight > 0, c.RPCHTTPMaxInFlight},
		{"rpc_http_read_timeout", c.RPCHTTPReadTimeout.Duration > 0, c.RPCHTTPReadTimeout.Duration},
		{"rpc_http_write_timeout", c.RPCHTTPWriteTimeout.Duration > 0, c.RPCHTTPWriteTimeout.Duration},
		{"rpc_http_idle_timeout", c.RPCHTTPIdleTimeout.Duration > 0, c.RPCHTTPIdleTimeout.Duration},
		{"rpc_http_max_header_bytes", c.RPCHTTPMaxHeader > 0, c.RPCHTTPMaxHeader},
		{"health_max_ledger_age", c.HealthMaxLedgerAge.Duration > 0, c.HealthMaxLedgerAge.Duration},
		{"metrics_scrape_timeout", c.ScrapeTimeout.Duration > 0, c.ScrapeTimeout.Duration},
		{"metrics_max_scrapes", c.MaxScrapes > 0, c.MaxScrapes},
	} {
		if !v.ok {
			return fmt.Errorf("%s must be positive, got %v", src.name(v.key), v.val)
		}
	}
	if c.MaxEchoBytes < minEchoBytes {
		return fmt.Errorf("%s must be at least %d, got %d", src.name("max_echo_bytes"), minEchoBytes, c.MaxEchoBytes)
	}
	if err := c.validateGateway(); err != nil {
		return err
	}
	if c.RPCHTTPWriteTimeout.Duration <= c.RPCHTTPTimeout.Duration {
		return fmt.Errorf("%s (%s) must exceed %s (%s), or an answer that takes long could not be written",
			src.name("rpc_http_write_timeout"), c.RPCHTTPWriteTimeout.Duration, src.name("rpc_http_timeout"), c.RPCHTTPTimeout.Duration)
	}
	if _, err := c.adminNets(); err != nil {
		return fmt.Errorf("%s: %w", src.name("admin"), err)
	}
	if _, err := c.syncTables(); err != nil {
		return err
	}
	if _, err := c.level(); err != nil {
		return fmt.Errorf("%s: %w", src.name("log_level"), err)
	}
	if err := c.sql().Check(); err != nil {
		return fmt.Errorf("%s: %w", src.name("sql.store"), err)
	}
	switch c.Consensus.Engine {
	case engineSolo:
	case engineComet:
		if c.Consensus.CometHome == "" {
			return fmt.Errorf("consensus engine comet needs comet_home (%s)", src.name("consensus.comet_home"))
		}
		if st, err := os.Stat(c.Consensus.CometHome); err != nil || !st.IsDir() {
			return fmt.Errorf("%s: %q is not a directory", src.name("consensus.comet_home"), c.Consensus.CometHome)
		}
	default:
		return fmt.Errorf("%s %q: want %q or %q", src.name("consensus.engine"), c.Consensus.Engine, engineSolo, engineComet)
	}
	return nil
}

// sql returns the node's SQL store choice.
func (c *config) sql() node.SQLConfig {
	return node.SQLConfig{Store: c.SQL.Store, DSN: c.SQL.DSN, ReadDSN: c.SQL.ReadDSN}
}

// checkListeners checks the WebSocket listen addresses: at least one,
// each as checkAddrs checks it.
func checkListeners(addrs []string) error {
	if len(addrs) == 0 {
		return errors.New("at least one WebSocket listener is needed")
	}
	return checkAddrs(addrs)
}

// checkAddrs checks listen addresses as net.Listen will read them:
// host:port with a port number from 0 to 65535 (0: any free port), each
// address once.
func checkAddrs(addrs []string) error {
	seen := make(map[string]bool, len(addrs))
	for _, a := range addrs {
		_, port, err := net.SplitHostPort(a)
		if err != nil {
			return fmt.Errorf("%q: %w (want host:port, e.g. 127.0.0.1:6006)", a, err)
		}
		if _, err := strconv.ParseUint(port, 10, 16); err != nil {
			return fmt.Errorf("%q: port %q is not a number from 0 to 65535", a, port)
		}
		if seen[a] {
			return fmt.Errorf("%q is listed twice", a)
		}
		seen[a] = true
	}
	return nil
}

// validateGateway checks the WebSocket limits. Zero would silently mean
// the gateway's default, so each must be set; the ones that can be
// switched off are off when negative.
func (c *config) validateGateway() error {
	for _, v := range []struct {
		key string
		val float64
		off bool // a negative value switches the limit off
	}{
		{"send_buffer", float64(c.SendBuffer), true},
		{"slow_bytes", float64(c.SlowBytes), true},
		{"slow_grace", float64(c.SlowGrace.Duration), false},
		{"frame_rate", c.FrameRate, true},
		{"frame_burst", float64(c.FrameBurst), false},
		{"addr_frame_rate", c.AddrFrameRate, true},
		{"addr_frame_burst", float64(c.AddrFrameBurst), false},
		{"frame_cost_bytes", float64(c.FrameCostBytes), false},
		{"frame_strikes", float64(c.FrameStrikes), false},
		{"throttle_pause", float64(c.ThrottlePause.Duration), true},
		{"ban_strikes", float64(c.BanStrikes), true},
		{"ban_time", float64(c.BanTime.Duration), false},
		{"rpc_http_rate", c.RPCHTTPRate, true},
		{"rpc_http_burst", float64(c.RPCHTTPBurst), false},
	} {
		switch {
		case v.val == 0 && v.off:
			return fmt.Errorf("%s must be positive, or negative to switch the limit off", v.key)
		case v.val <= 0 && !v.off:
			return fmt.Errorf("%s must be positive", v.key)
		}
	}
	return nil
}

// withGatewayLimits sets the gateway's send buffer, slow-consumer and
// frame-rate limits of ncfg.
func (c *config) withGatewayLimits(ncfg node.Config) node.Config {
	ncfg.SendBuffer, ncfg.SlowBytes, ncfg.SlowGrace = c.SendBuffer, c.SlowBytes, c.SlowGrace.Duration
	ncfg.FrameRate, ncfg.FrameBurst = c.FrameRate, c.FrameBurst
	ncfg.AddrFrameRate, ncfg.AddrFrameBurst = c.AddrFrameRate, c.AddrFrameBurst
	ncfg.FrameCostBytes, ncfg.FrameStrikes = c.FrameCostBytes, c.FrameStrikes
	ncfg.ThrottlePause = c.ThrottlePause.Duration
	ncfg.BanStrikes, ncfg.BanTime = c.BanStrikes, c.BanTime.Duration
	return ncfg
}

func (c *config) adminNets() ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(c.Admin))
	for _, s := range c.Admin {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("admin network %q: %w", s, err)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func (c *config) level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return l, fmt.Errorf("log_level %q: %w", c.LogLevel, err)
	}
	return l, nil
}

// rpcHTTPListen are the JSON-RPC listen addresses, empty ones (the
// flag's way to say none) left out.
func (c *config) rpcHTTPListen() []string {
	var out []string
	for _, a := range c.RPCHTTP {
		if a != "" {
			out = append(out, a)
		}
	}
	return out
}
