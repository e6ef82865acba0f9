package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	gojson "github.com/goccy/go-json"
)

// queryDrain bounds the wait for queries in flight once sending has
// stopped: more than the node's own query timeout (10 s).
const queryDrain = 15 * time.Second

// queryEngineConfig says how to drive the query sessions.
type queryEngineConfig struct {
	url      string
	kinds    []queryKind
	sessions int
	// window is the queries in flight per session (closed loop).
	window int
	// count and duration bound the queries sent.
	count    int
	duration time.Duration
	// onDone is called after each answer.
	onDone func()
}

// queryEngine runs closed-loop query sessions and keeps what each query
// got.
type queryEngine struct {
	cfg   queryEngineConfig
	pools *poolKeeper
	start time.Time

	sent        atomic.Int64 // queries handed to sessions, for the count bound
	outstanding atomic.Int64 // sent and not answered
	sending     atomic.Bool  // the sessions may still send
	finished    chan struct{}
	finishOnce  sync.Once
	// stopSending is closed when the sessions stop sending: at the end of
	// the duration, when the count is reached, or when ctx ends.
	stopSending chan struct{}
	stopOnce    sync.Once

	sessions []*querySession
}

// queryRecord is one answered query, in nanoseconds from the start of
// the phase.
type queryRecord struct {
	kind       int
	sent, done int64
	diff       int64
	// failure is why the query failed; "" for a correct answer.
	failure string
}

// pendingQuery is a query in flight in one of a session's slots.
type pendingQuery struct {
	id   int64
	kind int
	want expectation
	sent int64
}

// querySession is one session's closed loop: window slots, each with at
// most one query in flight. Request ids are n·window + slot + 1 for the
// session's n-th query, so an answer's id names its slot. A slot's next
// query is sent by the goroutine that read the answer to its last, so
// that a query costs the client no hand-over between goroutines.
type querySession struct {
	e   *queryEngine
	idx int
	c   *conn

	mu      sync.Mutex
	pending []pendingQuery
	issued  int
	records []queryRecord
}

func newQueryEngine(cfg queryEngineConfig, pools *poolKeeper) *queryEngine {
	return &queryEngine{cfg: cfg, pools: pools, finished: make(chan struct{}), stopSending: make(chan struct{})}
}

// run connects the sessions, sends until the count or the duration is
// reached or ctx ends, waits for the answers in flight (at most
// queryDrain) and closes the sessions. It returns an error only when it
// could not start.
func (e *queryEngine) run(ctx context.Context) error {
	for i := range e.cfg.sessions {
		s := &querySession{e: e, idx: i, pending: make([]pendingQuery, e.cfg.window)}
		c, err := dialConn(ctx, e.cfg.url, "", s.onFrame)
		if err != nil {
			for _, s := range e.sessions {
				s.c.close()
			}
			return fmt.Errorf("query session %d: %w", i, err)
		}
		s.c = c
		e.sessions = append(e.sessions, s)
	}
	e.start = time.Now()
	e.sending.Store(true)
	sendTimer := time.NewTimer(e.cfg.duration)
	defer sendTimer.Stop()
	for _, s := range e.sessions {
		for slot := range e.cfg.window {
			s.issue(slot)
		}
	}
	select {
	case <-sendTimer.C:
	case <-e.stopSending:
	case <-ctx.Done():
	}
	e.stop()
	if e.outstanding.Load() == 0 {
		e.finish()
	}
	drain := time.NewTimer(queryDrain)
	defer drain.Stop()
	select {
	case <-e.finished:
	case <-drain.C:
	case <-ctx.Done():
	}
	for _, s := range e.sessions {
		s.c.close()
	}
	return nil
}

func (e *queryEngine) finish() { e.finishOnce.Do(func() { close(e.finished) }) }

// stop ends the sending.
func (e *queryEngine) stop() {
	e.stopOnce.Do(func() {
		e.sending.Store(false)
		close(e.stopSending)
	})
}

// since is the time from the start of the phase.
func (e *queryEngine) since(t time.Time) int64 { return max(int64(t.Sub(e.start)), 1) }

// issue sends the session's next query in slot, cycling through the
// kinds (session i starts at kind i) and through the pool, unless the
// sending has stopped.
func (s *querySession) issue(slot int) {
	e := s.e
	if !e.sending.Load() {
		return
	}
	if e.sent.Add(1) > int64(e.cfg.count) {
		e.stop()
		return
	}
	kinds := len(e.cfg.kinds)
	pool := e.pools.cur.Load()
	s.mu.Lock()
	n := s.issued
	s.issued++
	k := (n + s.idx) % kinds
	i := (n/kinds*e.cfg.sessions + s.idx) % queryPoolSize
	id := int64(n)*int64(e.cfg.window) + int64(slot) + 1
	e.outstanding.Add(1)
	s.pending[slot] = pendingQuery{id: id, kind: k, want: pool.wants[k][i], sent: e.since(time.Now())}
	s.mu.Unlock()
	if err := s.c.send(withID(id, pool.bodies[k][i])); err != nil {
		s.resolve(slot, id, time.Now(), 0, "write failed", false)
	}
}

// queryReply is what bench reads of an answer to r_get or
// r_get_sql_admin.
type queryReply struct {
	ID     *int64 `json:"id"`
	Type   string `json:"type"`
	Status string `json:"status"`
	Error  string `json:"error"`
	Result struct {
		Lines []json.RawMessage `json:"lines"`
		Diff  int64             `json:"diff"`
	} `json:"result"`
}

// onFrame matches an answer to its slot and checks it.
func (s *querySession) onFrame(frame []byte, at time.Time) {
	var r queryReply
	if err := gojson.Unmarshal(frame, &r); err != nil || r.Type != "response" || r.ID == nil || *r.ID < 1 {
		return
	}
	slot := int((*r.ID - 1) % int64(s.e.cfg.window))
	s.mu.Lock()
	p := s.pending[slot]
	s.mu.Unlock()
	if p.id != *r.ID {
		return
	}
	kind := s.e.cfg.kinds[p.kind].name
	failure := ""
	switch {
	case r.Status != "success":
		failure = kind + " " + r.Error
	default:
		if why := p.want.check(r.Result.Lines); why != "" {
			failure = kind + " " + why
		}
	}
	s.resolve(slot, *r.ID, at, r.Result.Diff, failure, true)
}

// resolve records the query in slot, once, and sends the slot's next
// query if again is true and the sending goes on.
func (s *querySession) resolve(slot int, id int64, at time.Time, diff int64, failure string, again bool) {
	e := s.e
	s.mu.Lock()
	p := s.pending[slot]
	if p.id != id {
		s.mu.Unlock()
		return
	}
	s.pending[slot].id = 0
	s.records = append(s.records, queryRecord{kind: p.kind, sent: p.sent, done: e.since(at), diff: diff, failure: failure})
	s.mu.Unlock()
	if e.cfg.onDone != nil {
		e.cfg.onDone()
	}
	if again {
		s.issue(slot)
	}
	if e.outstanding.Add(-1) == 0 && !e.sending.Load() {
		e.finish()
	}
}
