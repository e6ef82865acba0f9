package main

import (
	"context"
	"strings"
	"time"
)

// laneSession is one lane on its WebSocket session: a sender goroutine
// that writes the lane's frames in order, and the session's reader, which
// matches responses and notifications to the lane's records.
type laneSession struct {
	e     *engine
	lane  *lane
	recs  []txRecord
	c     *conn
	slots chan struct{} // closed loop: one token per transaction in flight
}

// send writes the lane's transactions, paced by the open-loop schedule or
// by the closed-loop window, until they are all sent, ctx ends, or the
// session closes. Lane i of n sends its k-th transaction at (k·n+i)/rate
// seconds, so the lanes interleave evenly.
func (s *laneSession) send(ctx context.Context, i, n int) {
	cfg := s.e.cfg
	k := 0
	defer func() { s.e.skip(len(s.lane.txs) - k) }()
	for ; k < len(s.lane.txs); k++ {
		if cfg.rate > 0 {
			due := s.e.start.Add(time.Duration(float64(k*n+i) / cfg.rate * float64(time.Second)))
			if wait := time.Until(due); wait > 0 {
				select {
				case <-time.After(wait):
				case <-ctx.Done():
					return
				case <-s.c.done:
					return
				}
			}
		} else {
			select {
			case s.slots <- struct{}{}:
			case <-ctx.Done():
				return
			case <-s.c.done:
				return
			}
		}
		if ctx.Err() != nil || s.c.closed() {
			if cfg.rate <= 0 {
				<-s.slots
			}
			return
		}
		p := &s.lane.txs[k]
		if err := s.c.send(p.subscribe); err != nil {
			return
		}
		s.recs[k].sent.Store(s.e.since(time.Now()))
		if err := s.c.send(p.submit); err != nil {
			s.fail(k, time.Now(), "write failed")
			k++
			return
		}
	}
}

// watch fails the lane's transactions in flight when the session ends
// before the engine closes it.
func (s *laneSession) watch() {
	<-s.c.done
	if s.e.closing.Load() {
		return
	}
	now := time.Now()
	for i := range s.recs {
		if s.recs[i].sent.Load() != 0 {
			s.fail(i, now, "session closed")
		}
	}
}

// onFrame handles one frame from the node.
func (s *laneSession) onFrame(frame []byte, at time.Time) {
	in, err := parseInbound(frame)
	if err != nil {
		return
	}
	switch {
	case in.isResponse():
		s.onResponse(&in, at)
	case in.Type == "singleTransaction":
		i, ok := s.lane.byHash[in.Transaction.Hash]
		if !ok {
			return
		}
		s.onStatus(int(i), &in, at)
	}
}

// onStatus handles a singleTransaction notification: validate_success
// resolves a payment, and only marks a table transaction validated, which
// then resolves on its db_success or db_error. Every other status
// (validate_error, validate_timeout, db_timeout, …) fails it, as it
// rejects the ChainSQL client's submit.
func (s *laneSession) onStatus(i int, in *inbound, at time.Time) {
	switch in.Status {
	case "validate_success":
		s.e.validate(&s.recs[i], at)
		if !s.e.cfg.waitDB {
			s.finish(i, outValidated, at, "")
		}
	case "db_success":
		s.finish(i, outDBSuccess, at, "")
	case "db_error":
		s.finish(i, outDBError, at, "db_error "+in.ErrorMessage)
	default:
		s.finish(i, outFailed, at, strings.TrimSpace(in.Status+" "+in.Error))
	}
}

// onResponse checks the answers to subscribe and submit: an error, or
// an engine result other than tesSUCCESS, fails the transaction, as it
// fails the ChainSQL client's submit.
func (s *laneSession) onResponse(in *inbound, at time.Time) {
	id := *in.ID
	i := int((id - 1) / 2)
	if id < 1 || i >= len(s.recs) {
		return
	}
	what := "subscribe"
	if id%2 == 0 {
		what = "submit"
	}
	switch {
	case in.Status != "success":
		s.fail(i, at, what+" "+in.Error)
	case what == "submit" && in.Result.EngineResult != "tesSUCCESS":
		s.fail(i, at, "submit "+in.Result.EngineResult)
	}
}

func (s *laneSession) fail(i int, at time.Time, reason string) {
	s.finish(i, outFailed, at, reason)
}

// finish resolves transaction i and frees its slot in the window.
func (s *laneSession) finish(i int, outcome uint32, at time.Time, reason string) {
	if s.e.resolve(&s.recs[i], outcome, at, reason) && s.e.cfg.rate <= 0 {
		<-s.slots
	}
}
