package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/sqledger/sqledger/rpc"
)

// runVersion prints the node's version, the commit it was built from and
// the Go version that built it.
func runVersion(stdout io.Writer) error {
	_, err := fmt.Fprintf(stdout, "sqledger %s (commit %s, %s)\n", rpc.Version, commit(), runtime.Version())
	return err
}

// commit is the VCS revision the binary was built from (commitOf its
// build settings).
func commit() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	return commitOf(info.Settings)
}

// commitOf is the vcs.revision of a build's settings, with "-dirty" when
// vcs.modified says the work tree had changes, or "unknown" when the
// build recorded none (go build -buildvcs=false, go run, a git worktree,
// outside a checkout).
func commitOf(settings []debug.BuildSetting) string {
	var rev, modified string
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "unknown"
	}
	if modified == "true" {
		rev += "-dirty"
	}
	return rev
}
