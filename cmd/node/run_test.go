package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runBin runs the node binary with args, at most 60 s, and returns its
// exit error and its combined output.
func runBin(t *testing.T, bin string, args ...string) (error, string) {
	t.Helper()
	var out bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err, out.String()
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("node %v still running after 60 s:\n%s", args, out.String())
		return nil, ""
	}
}

// TestRunRejectsBadConfig starts the binary with one bad flag or config
// value at a time: it exits non-zero with one line naming the flag (or
// the key and its file), logs nothing (nothing started), and the data
// directory was not created.
func TestRunRejectsBadConfig(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	bin := buildNode(t)
	conf := filepath.Join(t.TempDir(), "node.toml")
	if err := os.WriteFile(conf, []byte("ws = [\"127.0.0.1:99999\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	timeouts := filepath.Join(t.TempDir(), "timeouts.toml")
	if err := os.WriteFile(timeouts, []byte("rpc_http_timeout = \"0s\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ok := freePort(t)
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"port not a number", []string{"--ws", "127.0.0.1:notaport"}, []string{"--ws", `port "notaport"`}},
		{"port out of range", []string{"--ws", "127.0.0.1:70000"}, []string{"--ws", `port "70000"`}},
		{"no port", []string{"--ws", "127.0.0.1"}, []string{"--ws", "missing port"}},
		{"second listener bad", []string{"--ws", ok, "--ws", "localhost:x"}, []string{"--ws", `"localhost:x"`}},
		{"listener twice", []string{"--ws", ok, "--ws", ok}, []string{"--ws", "listed twice"}},
		{"config file", []string{"--config", conf}, []string{"ws in config file " + conf, `port "99999"`}},
		{"negative interval", []string{"--ws", ok, "--ledger-interval", "-1s"}, []string{"--ledger-interval", "must be positive"}},
		{"interval not a duration", []string{"--ws", ok, "--ledger-interval", "soon"}, []string{"-ledger-interval", "soon"}},
		{"zero idle timeout", []string{"--ws", ok, "--idle-timeout", "0s"}, []string{"--idle-timeout", "must be positive"}},
		{"zero frame size", []string{"--ws", ok, "--max-frame-bytes", "0"}, []string{"--max-frame-bytes", "must be positive"}},
		{"negative sessions", []string{"--ws", ok, "--max-sessions", "-5"}, []string{"--max-sessions", "must be positive"}},
		{"zero select limit", []string{"--ws", ok, "--select-limit", "0"}, []string{"--select-limit", "must be positive"}},
		{"bad admin network", []string{"--ws", ok, "--admin", "10.0.0.0/33"}, []string{"--admin", "10.0.0.0/33"}},
		{"bad log level", []string{"--ws", ok, "--log-level", "loud"}, []string{"--log-level", "loud"}},
		{"stray argument", []string{"--ws", ok, "extra"}, []string{"unexpected argument", "extra"}},
		{"bad JSON-RPC listener", []string{"--ws", ok, "--rpc-http", "127.0.0.1:x"}, []string{"--rpc-http", `port "x"`}},
		{"bad metrics listener", []string{"--ws", ok, "--metrics", "nohost"}, []string{"--metrics", "missing port"}},
		{"zero JSON-RPC timeout", []string{"--ws", ok, "--config", timeouts}, []string{"rpc_http_timeout in config file " + timeouts, "must be positive"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			err, out := runBin(t, bin, append([]string{"run", "--data-dir", dir}, tc.args...)...)
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("exit: %v, want a non-zero status\n%s", err, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output does not say %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "level=") {
				t.Errorf("the node logged, so it started something:\n%s", out)
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the data directory exists after a rejected start (%v)", err)
			}
		})
	}
}

// TestRunDataDirInUse starts a node, then a second on the same data
// directory: the second exits non-zero saying the directory is in use
// by the first's process, and the first keeps serving.
func TestRunDataDirInUse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	bin := buildNode(t)
	dir := t.TempDir()
	first := startProc(t, bin, dir)
	err, out := runBin(t, bin, "run", "--data-dir", dir, "--ws", freePort(t), "--rpc-http", "")
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("second node: %v, want a non-zero exit\n%s", err, out)
	}
	for _, w := range []string{"data directory " + dir + " is in use", fmt.Sprintf("in use by process %d", first.cmd.Process.Pid)} {
		if !strings.Contains(out, w) {
			t.Errorf("second node's output does not say %q:\n%s", w, out)
		}
	}
	err, out = runBin(t, bin, "replay", "--data-dir", dir)
	if err == nil || !strings.Contains(out, fmt.Sprintf("in use by process %d", first.cmd.Process.Pid)) {
		t.Errorf("replay of a directory in use: %v\n%s", err, out)
	}
	select {
	case <-first.exited:
		t.Fatalf("the first node exited: %v", first.err)
	default:
	}
}

// TestCommandsRejectBadArguments: every command refuses an argument
// left after its flags (which it would otherwise ignore), and testnet a
// ledger interval that is not positive, writing nothing.
func TestCommandsRejectBadArguments(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	bin := buildNode(t)
	dir := filepath.Join(t.TempDir(), "out")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"replay", "--data-dir", dir, "extra"}, `replay: unexpected argument "extra"`},
		{[]string{"wallet", "masterpassphrase"}, `wallet: unexpected argument "masterpassphrase"`},
		{[]string{"testnet", "--dir", dir, "4"}, `testnet: unexpected argument "4"`},
		{[]string{"testnet", "--dir", dir, "--ledger-interval", "0s"}, "--ledger-interval must be positive"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			err, out := runBin(t, bin, tc.args...)
			var exit *exec.ExitError
			if !errors.As(err, &exit) || !strings.Contains(out, tc.want) {
				t.Fatalf("exit %v, output %q; want a non-zero exit saying %q", err, out, tc.want)
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("%s exists after a rejected command (%v)", dir, err)
			}
		})
	}
}

// TestRunServesJSONRPCAndMetrics: the binary, run with a JSON-RPC and a
// metrics listener, answers server_info over HTTP and /health.
func TestRunServesJSONRPCAndMetrics(t *testing.T) {
	bin := buildNode(t)
	ws, rpcAddr, metricsAddr := freePort(t), freePort(t), freePort(t)
	spawn(t, bin, ws, "run", "--data-dir", t.TempDir(), "--ws", ws, "--rpc-http", rpcAddr, "--metrics", metricsAddr)
	resp, err := http.Post("http://"+rpcAddr+"/", "application/json", strings.NewReader(`{"method":"server_info","params":[{}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var info struct {
		Result struct {
			Info struct {
				CompleteLedgers string `json:"complete_ledgers"`
			} `json:"info"`
			Status string `json:"status"`
		} `json:"result"`
	}
	err = json.NewDecoder(resp.Body).Decode(&info)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || info.Result.Status != "success" || info.Result.Info.CompleteLedgers != "1" {
		t.Fatalf("server_info over JSON-RPC: HTTP %d %+v %v", resp.StatusCode, info, err)
	}
	resp, err = http.Get("http://" + metricsAddr + "/health")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"status":"ok"`) {
		t.Fatalf("/health: HTTP %d %s %v", resp.StatusCode, body, err)
	}
}
