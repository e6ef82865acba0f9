package main

import (
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/rpc"
)

func TestCommitOf(t *testing.T) {
	const rev = "6fa12badf449c1a18cb12647f8f39e3e1afef0c7"
	for _, tc := range []struct {
		name     string
		settings []debug.BuildSetting
		want     string
	}{
		{"no vcs", []debug.BuildSetting{{Key: "GOOS", Value: "linux"}}, "unknown"},
		{"clean", []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "false"}}, rev},
		{"dirty", []debug.BuildSetting{{Key: "vcs.modified", Value: "true"}, {Key: "vcs.revision", Value: rev}}, rev + "-dirty"},
		{"modified without revision", []debug.BuildSetting{{Key: "vcs.modified", Value: "true"}}, "unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := commitOf(tc.settings); got != tc.want {
				t.Fatalf("commitOf = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestVersionBinary runs node version on the built binary and compares
// it with what go version -m reads from the same binary: the Go version
// that built it and its vcs settings ("commit unknown" when the build
// recorded none, as with -buildvcs=false).
func TestVersionBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the node binary")
	}
	bin := buildNode(t)
	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("version: %v\n%s", err, out)
	}
	meta, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatalf("go version -m: %v", err)
	}
	// The first line is "BIN: goX.Y.Z"; settings are "\tbuild\tKEY=VALUE".
	lines := strings.Split(string(meta), "\n")
	_, goVersion, _ := strings.Cut(lines[0], ": ")
	var settings []debug.BuildSetting
	for _, l := range lines[1:] {
		if kv, ok := strings.CutPrefix(strings.TrimSpace(l), "build\t"); ok {
			k, v, _ := strings.Cut(kv, "=")
			settings = append(settings, debug.BuildSetting{Key: k, Value: v})
		}
	}
	want := "sqledger " + rpc.Version + " (commit " + commitOf(settings) + ", " + strings.TrimSpace(goVersion) + ")\n"
	if string(out) != want {
		t.Fatalf("version printed %q, want %q", out, want)
	}
	if !strings.HasPrefix(goVersion, "go1.") {
		t.Fatalf("go version -m gave no Go version: %q", lines[0])
	}
}
