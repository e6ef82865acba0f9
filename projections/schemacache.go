package projections

import (
	"context"
	"sync"
)

// schemaCache keeps the schemas of the tables queries read, so that a
// query does not read sqledger_tables each time. It is filled lazily by
// queries, from the read-only pool, and emptied of a table after the SQL
// commit of every ledger that changed the table (create, drop, recreate,
// field and index changes), and of everything after a reset. A ledger
// rolled back changes nothing in it.
//
// A query that reads a schema from the store races with the writer: it
// may read the schema of the ledger before a commit and want to record
// it after the commit's invalidation. The generation, bumped by every
// invalidation, tells: a query records what it read only if no
// invalidation happened since it looked in the cache, before its read.
// So the cache never holds a schema older than the last committed
// ledger's once that ledger's invalidation is done.
type schemaCache struct {
	mu      sync.RWMutex
	gen     uint64
	schemas map[string]*Schema // by table name t_<NameInDB>; only tables that exist
}

// get returns the cached schema of table, if any, and the generation to
// give put after reading it from the store.
func (c *schemaCache) get(table string) (s *Schema, gen uint64, ok bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	s, ok = c.schemas[table]
	return s, c.gen, ok
}

// put records the schema of table, read from the store after get
// returned gen; it is dropped if an invalidation happened since.
func (c *schemaCache) put(table string, s *Schema, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.schemas == nil {
		c.schemas = make(map[string]*Schema)
	}
	c.schemas[table] = s
}

// invalidate forgets the schemas of tables, which a ledger just
// committed has changed.
func (c *schemaCache) invalidate(tables map[string]struct{}) {
	if len(tables) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for t := range tables {
		delete(c.schemas, t)
	}
}

// clear forgets every schema, after a reset.
func (c *schemaCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.schemas = nil
}

// tableSchema returns the schema of table as the last committed ledger
// left it, from the cache or else from the read-only pool; ok is false
// if the store has no such table. Absent tables are not cached: their
// names come from clients.
func (p *Projection) tableSchema(ctx context.Context, table string) (*Schema, bool, error) {
	s, gen, ok := p.schemas.get(table)
	if ok {
		return s, true, nil
	}
	s, ok, err := loadSchema(ctx, p.b.Reader(), table)
	if err != nil || !ok {
		return nil, false, err
	}
	p.schemas.put(table, s, gen)
	return s, true, nil
}
