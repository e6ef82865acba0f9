package eventlog

import (
	"context"
	"fmt"
	"log/slog"
)

// pebbleLogger adapts slog to pebble's Logger and turns pebble's fatal
// errors into a failed Log instead of an os.Exit.
//
// Pebble reports a failed WAL write or sync on the commit path through
// Logger.Fatalf and then returns nil from DB.Apply: the Fatalf is the only
// signal that the batch is not durable. onFatal records it, and Append
// checks for it after every Apply. Pebble's background fatals (a failed
// MANIFEST write during a flush) fail the Log the same way.
type pebbleLogger struct {
	log     *slog.Logger
	onFatal func(error)
}

// Infof logs pebble's informational messages (WAL replay, flushes) at
// Debug level: they are routine.
func (l *pebbleLogger) Infof(format string, args ...any) {
	l.emit(slog.LevelDebug, format, args)
}

// Errorf logs pebble's recoverable errors (a background compaction that
// will be retried).
func (l *pebbleLogger) Errorf(format string, args ...any) {
	l.emit(slog.LevelError, format, args)
}

// Fatalf fails the Log. It returns, unlike the stdlib's log.Fatalf; the
// Log then refuses every write and reads stay at the acknowledged head.
func (l *pebbleLogger) Fatalf(format string, args ...any) {
	err := fmt.Errorf(format, args...)
	l.emit(slog.LevelError, "fatal: %v", []any{err})
	l.onFatal(err)
}

func (l *pebbleLogger) emit(level slog.Level, format string, args []any) {
	ctx := context.Background()
	if !l.log.Enabled(ctx, level) {
		return
	}
	l.log.Log(ctx, level, fmt.Sprintf(format, args...), "component", "pebble")
}
