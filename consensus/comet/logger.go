package comet

import (
	"context"
	"log/slog"

	cmtlog "github.com/cometbft/cometbft/libs/log"
)

// consensusFailure is the message CometBFT's consensus state logs when it
// recovers a panic and halts for good, for example when +2/3 of the
// validators committed a block that this node finds invalid (a block
// carrying an app hash other than the one this node computed). CometBFT
// offers no other signal of it: the consensus routine ends and the
// process stays up.
const consensusFailure = "CONSENSUS FAILURE!!!"

// slogger is CometBFT's logger over slog. CometBFT logs several lines
// per block at Info, so its Info is our Debug; its Error stays Error.
// halted, when set, receives the reason of CometBFT's consensus failure.
type slogger struct {
	l      *slog.Logger
	halted func(reason any)
}

func (s slogger) Debug(msg string, kv ...any) { s.l.Debug(msg, kv...) }
func (s slogger) Info(msg string, kv ...any)  { s.l.Debug(msg, kv...) }
func (s slogger) Error(msg string, kv ...any) {
	s.l.Log(context.Background(), slog.LevelError, msg, kv...)
	if msg == consensusFailure && s.halted != nil {
		s.halted(kvValue(kv, "err"))
	}
}

func (s slogger) With(kv ...any) cmtlog.Logger { return slogger{s.l.With(kv...), s.halted} }

// kvValue is the value of key in CometBFT's key-value list, or nil.
func kvValue(kv []any, key string) any {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i] == key {
			return kv[i+1]
		}
	}
	return nil
}
