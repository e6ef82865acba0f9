package eventlog

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// dirListing lists every file under dir with its size, or "" if dir
// does not exist.
func dirListing(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		data := []byte(nil)
		if info.Mode().IsRegular() {
			if data, err = os.ReadFile(path); err != nil {
				return err
			}
		}
		fmt.Fprintf(&b, "%s %v %q\n", path, info.Mode(), data)
		return nil
	})
	if errors.Is(err, os.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestOpenReadOnly opens directories without a log read-only (ErrNoLog,
// nothing created or changed) and a real log (its ledgers readable,
// writes refused, its files unchanged).
func TestOpenReadOnly(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(dir string) error
	}{
		{"missing", func(string) error { return nil }},
		{"empty", func(dir string) error { return os.Mkdir(dir, 0o755) }},
		{"other files", func(dir string) error {
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "README"), []byte("x"), 0o644)
		}},
		{"lock file only", func(dir string) error {
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, lockFile), nil, 0o644)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "log")
			if err := tc.setup(dir); err != nil {
				t.Fatal(err)
			}
			before := dirListing(t, dir)
			l, err := Open(dir, Options{ReadOnly: true, Logger: quietLogger})
			if err == nil {
				l.Close()
				t.Fatal("opened a directory without a log")
			}
			if !errors.Is(err, ErrNoLog) || !strings.Contains(err.Error(), "no event log at "+dir) {
				t.Fatalf("err = %v, want ErrNoLog naming %s", err, dir)
			}
			if after := dirListing(t, dir); after != before {
				t.Fatalf("Open changed the directory:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
	t.Run("a log", func(t *testing.T) {
		dir := t.TempDir()
		l := openLog(t, vfs.Default, dir)
		want := appendRange(t, l, 1, 5)
		closeLog(t, l)
		before := dirListing(t, dir)
		ro, err := Open(dir, Options{ReadOnly: true, Logger: quietLogger})
		if err != nil {
			t.Fatal(err)
		}
		requireContents(t, ro, want)
		if err := ro.Append(testLedger(6, 1)); err == nil {
			t.Error("a read-only log accepted an Append")
		}
		closeLog(t, ro)
		if after := dirListing(t, dir); after != before {
			t.Fatalf("a read-only open changed the log:\nbefore:\n%s\nafter:\n%s", before, after)
		}
	})
}

// holdEnv names the directory a helper process opens and holds (see
// TestOpenInUse).
const holdEnv = "EVENTLOG_TEST_HOLD_DIR"

// TestOpenInUse has a second process open a log, then opens it here:
// ErrInUse, naming the directory and the holder's process ID.
func TestOpenInUse(t *testing.T) {
	if dir := os.Getenv(holdEnv); dir != "" {
		holdLog(dir)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenInUse$")
	cmd.Env = append(os.Environ(), holdEnv+"="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	opened := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		opened <- line
	}()
	select {
	case line := <-opened:
		if line != "open\n" {
			t.Fatalf("helper process: %q", line)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("helper process did not open the log")
	}

	l, err := Open(dir, Options{Logger: quietLogger})
	if err == nil {
		l.Close()
		t.Fatal("opened a log another process holds")
	}
	want := fmt.Sprintf("%s is in use by process %d", dir, cmd.Process.Pid)
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want ErrInUse saying %q", err, want)
	}
	if _, err := Open(dir, Options{ReadOnly: true, Logger: quietLogger}); !errors.Is(err, ErrInUse) {
		t.Fatalf("read-only open: err = %v, want ErrInUse", err)
	}

	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper process: %v", err)
	}
	l = openLog(t, vfs.Default, dir)
	closeLog(t, l)
}

// holdLog opens the log in dir, says "open" on stdout and keeps it open
// until stdin closes.
func holdLog(dir string) {
	l, err := Open(dir, Options{Logger: quietLogger})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("open")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	if err := l.Close(); err != nil {
		os.Exit(1)
	}
}
