package comet

import (
	"context"
	"log/slog"

	cmtlog "github.com/cometbft/cometbft/libs/log"
)

// slogger is CometBFT's logger over slog. CometBFT logs several lines
// per block at Info, so its Info is our Debug; its Error stays Error.
type slogger struct{ l *slog.Logger }

func (s slogger) Debug(msg string, kv ...any) { s.l.Debug(msg, kv...) }
func (s slogger) Info(msg string, kv ...any)  { s.l.Debug(msg, kv...) }
func (s slogger) Error(msg string, kv ...any) {
	s.l.Log(context.Background(), slog.LevelError, msg, kv...)
}

func (s slogger) With(kv ...any) cmtlog.Logger { return slogger{s.l.With(kv...)} }
