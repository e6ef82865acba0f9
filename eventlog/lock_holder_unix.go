//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package eventlog

import (
	"io"
	"os"
	"syscall"
)

// lockHolder is the process ID of the process holding the fcntl write
// lock Pebble takes on path, or 0 if none does or the system does not
// say. It only reads: F_GETLK reports the first conflicting lock.
func lockHolder(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: io.SeekStart}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_GETLK, &lk); err != nil || lk.Type == syscall.F_UNLCK {
		return 0
	}
	return int(lk.Pid)
}
