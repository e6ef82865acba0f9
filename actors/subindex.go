package actors

// subIndex is one kind of keyed subscription (accounts, transaction
// hashes, tables, contracts): the sessions subscribed to each key, and
// the keys of each session, so that a closed session is removed
// everywhere at once. The hub owns it; it has no lock.
type subIndex[K comparable] struct {
	byKey     map[K]map[uint64]Conn
	bySession map[uint64]map[K]bool
}

func newSubIndex[K comparable]() subIndex[K] {
	return subIndex[K]{byKey: make(map[K]map[uint64]Conn), bySession: make(map[uint64]map[K]bool)}
}

// subs returns the sessions subscribed to key (nil: none).
func (x subIndex[K]) subs(key K) map[uint64]Conn { return x.byKey[key] }

// empty reports whether nothing is subscribed.
func (x subIndex[K]) empty() bool { return len(x.byKey) == 0 }

// add subscribes a session to key.
func (x subIndex[K]) add(key K, c Conn) {
	set, ok := x.byKey[key]
	if !ok {
		set = make(map[uint64]Conn)
		x.byKey[key] = set
	}
	set[c.ID()] = c
	keys, ok := x.bySession[c.ID()]
	if !ok {
		keys = make(map[K]bool)
		x.bySession[c.ID()] = keys
	}
	keys[key] = true
}

// remove unsubscribes a session from key.
func (x subIndex[K]) remove(key K, id uint64) {
	if set, ok := x.byKey[key]; ok {
		delete(set, id)
		if len(set) == 0 {
			delete(x.byKey, key)
		}
	}
	if keys, ok := x.bySession[id]; ok {
		delete(keys, key)
		if len(keys) == 0 {
			delete(x.bySession, id)
		}
	}
}

// drop removes every subscription of a session.
func (x subIndex[K]) drop(id uint64) {
	for key := range x.bySession[id] {
		x.remove(key, id)
	}
}
