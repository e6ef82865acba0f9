package rpc

import (
	"io"
	"sort"
)

// CommandNames lists the command table, sorted, for the coverage test.
func CommandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// WithGMRandom makes the GM commands of a node of cfg read their
// randomness from r.
func WithGMRandom(cfg Config, r io.Reader) Config {
	cfg.gmRandom = r
	return cfg
}
