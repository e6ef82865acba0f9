package projections

import (
	"container/list"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// stmtCacheSize is how many distinct query texts keep a prepared
// statement on the read-only pool. r_get binds every value, so a client's
// queries of one shape share one text.
const stmtCacheSize = 128

// stmtCache is a bounded LRU of statements prepared on the read-only
// pool, by query text. A *sql.Stmt of a *sql.DB is safe for concurrent
// use and prepares itself again on each connection it runs on; SQLite
// prepares a statement again by itself when the schema changed since
// (a dropped table then fails as "no such table", as an unprepared query
// would). A statement is closed when it leaves the cache and no query
// holds it any more, and every statement when the cache closes.
type stmtCache struct {
	db  *sql.DB
	max int

	mu      sync.Mutex
	lru     *list.List // of *cachedStmt, most recently used first
	byQuery map[string]*list.Element
	closed  bool
}

// cachedStmt is one prepared statement and the queries holding it.
type cachedStmt struct {
	query   string
	stmt    *sql.Stmt
	refs    int  // queries running it
	evicted bool // out of the cache: closed when refs falls to 0
}

// newStmtCache returns a cache of at most max statements on db.
func newStmtCache(db *sql.DB, max int) *stmtCache {
	return &stmtCache{db: db, max: max, lru: list.New(), byQuery: make(map[string]*list.Element)}
}

// acquire returns the prepared statement of query, preparing it if the
// cache lacks it. Give it back with release.
func (c *stmtCache) acquire(ctx context.Context, query string) (*cachedStmt, error) {
	if e := c.hold(query); e != nil {
		return e, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil, errors.Join(fmt.Errorf("statement cache: %w", ErrClosed), st.Close())
	}
	if el, ok := c.byQuery[query]; ok { // prepared meanwhile by another query
		e := el.Value.(*cachedStmt)
		e.refs++
		c.lru.MoveToFront(el)
		c.mu.Unlock()
		return e, st.Close()
	}
	e := &cachedStmt{query: query, stmt: st, refs: 1}
	c.byQuery[query] = c.lru.PushFront(e)
	var out []*sql.Stmt
	for c.lru.Len() > c.max {
		if old := c.evict(c.lru.Back()); old != nil {
			out = append(out, old)
		}
	}
	c.mu.Unlock()
	return e, closeAll(out)
}

// hold returns the cached statement of query, held, or nil.
func (c *stmtCache) hold(query string) *cachedStmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byQuery[query]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(el)
	e := el.Value.(*cachedStmt)
	e.refs++
	return e
}

// evict takes el out of the cache and returns its statement if nobody
// holds it (the caller closes it, outside the lock). c.mu is held.
func (c *stmtCache) evict(el *list.Element) *sql.Stmt {
	e := c.lru.Remove(el).(*cachedStmt)
	delete(c.byQuery, e.query)
	e.evicted = true
	if e.refs == 0 {
		return e.stmt
	}
	return nil
}

// release gives back a statement acquire returned, closing it if it left
// the cache meanwhile and this was its last holder.
func (c *stmtCache) release(e *cachedStmt) error {
	c.mu.Lock()
	e.refs--
	last := e.evicted && e.refs == 0
	c.mu.Unlock()
	if last {
		return e.stmt.Close()
	}
	return nil
}

// close closes every statement nobody holds and makes the others close on
// release; the cache prepares nothing more.
func (c *stmtCache) close() error {
	c.mu.Lock()
	c.closed = true
	var out []*sql.Stmt
	for c.lru.Len() > 0 {
		if st := c.evict(c.lru.Front()); st != nil {
			out = append(out, st)
		}
	}
	c.mu.Unlock()
	return closeAll(out)
}

// closeAll closes statements, joining their errors.
func closeAll(stmts []*sql.Stmt) error {
	var errs []error
	for _, st := range stmts {
		if err := st.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close statement: %w", err))
		}
	}
	return errors.Join(errs...)
}
