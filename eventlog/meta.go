package eventlog

import "fmt"

// SetMeta stores val under key in the log's meta area, synced, for other
// components' checkpoints (a state snapshot marker, say). Meta entries are
// separate from the ledgers: they do not move the head and are not
// replayed. A write failure fails the Log, as in Append.
func (l *Log) SetMeta(key string, val []byte) error {
	if err := l.life.enter(); err != nil {
		return fmt.Errorf("eventlog: set meta %q: %w", key, err)
	}
	defer l.life.exit()
	if key == "" {
		return fmt.Errorf("eventlog: set meta: empty key: %w", ErrInvalid)
	}
	l.wmu.Lock()
	defer l.wmu.Unlock()
	if err := l.failure(); err != nil {
		return fmt.Errorf("eventlog: set meta %q: %w", key, err)
	}
	b := l.db.NewBatch()
	defer b.Close()
	if err := b.Set(appendMetaKey(nil, key), val, nil); err != nil {
		return fmt.Errorf("eventlog: set meta %q: batch: %w", key, err)
	}
	if err := l.commit(b); err != nil {
		return fmt.Errorf("eventlog: set meta %q: %w", key, err)
	}
	return nil
}

// Meta returns the value last stored under key, or ErrNotFound.
func (l *Log) Meta(key string) ([]byte, error) {
	if err := l.life.enter(); err != nil {
		return nil, fmt.Errorf("eventlog: meta %q: %w", key, err)
	}
	defer l.life.exit()
	v, err := l.get(appendMetaKey(nil, key))
	if err != nil {
		return nil, fmt.Errorf("eventlog: meta %q: %w", key, err)
	}
	return v, nil
}
