package eventlog

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
)

// lockFile is the file in a log's directory that Pebble locks while the
// log is open.
const lockFile = "LOCK"

// hasStore reports whether dir holds a Pebble store, without creating
// anything: Pebble creates its lock file before anything else, so a
// directory without one (or a missing directory) holds no log.
func hasStore(fs vfs.FS, dir string) bool {
	_, err := fs.Stat(fs.PathJoin(dir, lockFile))
	return err == nil
}

// openErr classifies the error of opening dir's store: no store in a
// read-only open is ErrNoLog; a lock held by another process is ErrInUse,
// naming the holder when the system reports it (on the operating
// system's filesystem only).
func openErr(fsys vfs.FS, dir string, readOnly bool, err error) error {
	if readOnly && errors.Is(err, pebble.ErrDBDoesNotExist) {
		return fmt.Errorf("%w at %s", ErrNoLog, dir)
	}
	// Pebble's fcntl lock fails with EAGAIN or EACCES, unwrapped; an
	// *fs.PathError is a failure to create the lock file, not contention.
	var pe *fs.PathError
	if !errors.As(err, &pe) && (errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EACCES)) {
		lock := fsys.PathJoin(dir, lockFile)
		if fsys == vfs.Default {
			if pid := lockHolder(lock); pid > 0 {
				return fmt.Errorf("%s is %w by process %d, which holds %s", dir, ErrInUse, pid, lock)
			}
		}
		return fmt.Errorf("%s is %w by another process, which holds %s", dir, ErrInUse, lock)
	}
	return readErr("open "+dir, err)
}
