package cpuprofile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sqledger/sqledger/internal/cpuprofile"
)

func TestStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.prof")
	stop, err := cpuprofile.Start(path)
	if err != nil {
		t.Fatal(err)
	}
	stop()
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("profile file: %v, %v", fi, err)
	}
	none, err := cpuprofile.Start("")
	if err != nil {
		t.Fatal(err)
	}
	none()
	if _, err := cpuprofile.Start(filepath.Join(t.TempDir(), "missing", "cpu.prof")); err == nil {
		t.Fatal("a profile in a missing directory started")
	}
}
