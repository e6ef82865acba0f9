package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
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
	BaseFee           uint64   `toml:"base_fee"`
	ReserveBase       uint64   `toml:"reserve_base"`
	ReserveInc        uint64   `toml:"reserve_inc"`
	LogLevel          string   `toml:"log_level"`
	MaxSessions       int      `toml:"max_sessions"`
	IdleTimeout       duration `toml:"idle_timeout"`
	MaxFrameBytes     int      `toml:"max_frame_bytes"`
	SelectLimit       int      `toml:"select_limit"`
	MaxEchoBytes      int      `toml:"max_echo_bytes"`
	QueryTimeout      duration `toml:"query_timeout"`
	MaxQueries        int      `toml:"max_queries"`
	MaxSessionQueries int      `toml:"max_session_queries"`
	// Consensus chooses the orderer: standalone unless a [consensus]
	// section says otherwise.
	Consensus consensusConfig `toml:"consensus"`
	// CPUProfile, a flag only, is where run writes a CPU profile of the
	// whole run.
	CPUProfile string `toml:"-"`
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
// optional config file.
func loadConfig(name string, args []string) (*config, *flag.FlagSet, error) {
	cfg := &config{}
	if _, err := toml.Decode(defaultConfig, cfg); err != nil {
		return nil, nil, fmt.Errorf("embedded default configuration: %w", err)
	}
	// A first pass finds --config, whose keys the flags then override.
	if path := configPath(args); path != "" {
		md, err := toml.DecodeFile(path, cfg)
		if err != nil {
			return nil, nil, fmt.Errorf("config file %s: %w", path, err)
		}
		if und := md.Undecoded(); len(und) > 0 {
			return nil, nil, fmt.Errorf("config file %s: unknown key %s", path, und[0])
		}
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.String("config", "", "TOML configuration file (keys as in the embedded default)")
	fs.StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "data directory")
	fs.Var(&listFlag{dst: &cfg.WS}, "ws", "WebSocket listen address (may repeat; replaces the defaults)")
	fs.Var(&listFlag{dst: &cfg.Admin}, "admin", "admin network in CIDR form (may repeat; replaces the default loopback)")
	fs.DurationVar(&cfg.LedgerInterval.Duration, "ledger-interval", cfg.LedgerInterval.Duration, "ledger close interval")
	fs.IntVar(&cfg.MaxTxsPerLedger, "max-txs-per-ledger", cfg.MaxTxsPerLedger, "transactions per ledger before it closes early")
	fs.Uint64Var(&cfg.BaseFee, "base-fee", cfg.BaseFee, "base fee of a new chain, in drops")
	fs.Uint64Var(&cfg.ReserveBase, "reserve-base", cfg.ReserveBase, "account reserve of a new chain, in drops")
	fs.Uint64Var(&cfg.ReserveInc, "reserve-inc", cfg.ReserveInc, "reserve per owned object of a new chain, in drops")
	fs.StringVar(&cfg.LogLevel, "log-level", cfg.LogLevel, "log level: debug, info, warn, error")
	fs.IntVar(&cfg.MaxSessions, "max-sessions", cfg.MaxSessions, "most WebSocket sessions at once")
	fs.DurationVar(&cfg.IdleTimeout.Duration, "idle-timeout", cfg.IdleTimeout.Duration, "NKN session idle expiry")
	fs.IntVar(&cfg.MaxFrameBytes, "max-frame-bytes", cfg.MaxFrameBytes, "largest inbound WebSocket frame")
	fs.IntVar(&cfg.SelectLimit, "select-limit", cfg.SelectLimit, "most rows a SQL query returns")
	fs.IntVar(&cfg.MaxEchoBytes, "max-echo-bytes", cfg.MaxEchoBytes, "largest error frame echoing a request")
	fs.DurationVar(&cfg.QueryTimeout.Duration, "query-timeout", cfg.QueryTimeout.Duration, "longest a SQL query runs")
	fs.IntVar(&cfg.MaxQueries, "max-queries", cfg.MaxQueries, "SQL queries the node runs at once")
	fs.IntVar(&cfg.MaxSessionQueries, "max-session-queries", cfg.MaxSessionQueries, "SQL queries one session runs at once")
	fs.StringVar(&cfg.CPUProfile, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	return cfg, fs, cfg.validate()
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

func (c *config) validate() error {
	switch {
	case c.DataDir == "":
		return errors.New("data_dir must not be empty")
	case len(c.WS) == 0:
		return errors.New("at least one WebSocket listener (ws) is needed")
	case c.LedgerInterval.Duration <= 0:
		return fmt.Errorf("ledger_interval must be positive, got %s", c.LedgerInterval.Duration)
	case c.Consensus.Engine != engineSolo && c.Consensus.Engine != engineComet:
		return fmt.Errorf("consensus engine %q: want %q or %q", c.Consensus.Engine, engineSolo, engineComet)
	case c.Consensus.Engine == engineComet && c.Consensus.CometHome == "":
		return errors.New("consensus engine comet needs comet_home")
	case c.MaxEchoBytes < minEchoBytes:
		return fmt.Errorf("max_echo_bytes must be at least %d, got %d", minEchoBytes, c.MaxEchoBytes)
	case c.QueryTimeout.Duration <= 0:
		return fmt.Errorf("query_timeout must be positive, got %s", c.QueryTimeout.Duration)
	case c.MaxQueries <= 0 || c.MaxSessionQueries <= 0:
		return fmt.Errorf("max_queries and max_session_queries must be positive, got %d and %d", c.MaxQueries, c.MaxSessionQueries)
	}
	if _, err := c.adminNets(); err != nil {
		return err
	}
	_, err := c.level()
	return err
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
