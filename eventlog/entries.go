package eventlog

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"
)

// IndexedFrom returns the first ledger of the entry index: from there on
// every transaction's Entries are indexed, so EntryAt answers for any
// ledger from it to Head. ok is false for a log written before the index
// existed (or an empty one).
func (l *Log) IndexedFrom() (seq uint32, ok bool, err error) {
	if err := l.life.enter(); err != nil {
		return 0, false, fmt.Errorf("eventlog: indexed from: %w", err)
	}
	defer l.life.exit()
	v, err := l.get(indexedKey)
	if errors.Is(err, ErrNotFound) {
		return 0, false, nil
	} else if err != nil {
		return 0, false, fmt.Errorf("eventlog: indexed from: %w", err)
	}
	if len(v) != 4 {
		return 0, false, fmt.Errorf("eventlog: indexed from: %w", corruptf("record of %d bytes", len(v)))
	}
	return binary.BigEndian.Uint32(v), true, nil
}

// EntryAt returns the last transaction at or before ledger seq that
// touched the entry with ledger index key (its metadata holds the entry
// as that transaction left it), or ErrNotFound when none did.
func (l *Log) EntryAt(key [32]byte, seq uint32) (*TxRecord, error) {
	if err := l.life.enter(); err != nil {
		return nil, fmt.Errorf("eventlog: entry %x: %w", key, err)
	}
	defer l.life.exit()
	h := l.tip.Load()
	if h == nil || seq < h.first {
		return nil, fmt.Errorf("eventlog: entry %x at %d: %w", key, seq, ErrNotFound)
	}
	hi := min(seq, h.seq)
	upper := incrementKey(append([]byte{prefixEntry}, key[:]...))
	if hi < ^uint32(0) {
		upper = appendEntryKey(nil, key, hi+1, 0)
	}
	it, err := l.db.NewIter(&pebble.IterOptions{LowerBound: appendEntryKey(nil, key, h.first, 0), UpperBound: upper})
	if err != nil {
		return nil, fmt.Errorf("eventlog: %w", readErr("entry: open iterator", err))
	}
	found := it.Last()
	var at, idx uint32
	if found {
		if k := it.Key(); len(k) != entryKeyLen {
			err = corruptf("entry index key %x", k)
		} else {
			at, idx = binary.BigEndian.Uint32(k[33:]), binary.BigEndian.Uint32(k[37:])
		}
	}
	err = errors.Join(err, it.Error(), closeIter(it))
	if err != nil {
		return nil, fmt.Errorf("eventlog: entry %x: %w", key, err)
	}
	if !found {
		return nil, fmt.Errorf("eventlog: entry %x at %d: %w", key, seq, ErrNotFound)
	}
	return l.txAt(at, idx)
}

// EntryKeys returns up to limit distinct ledger indexes of the entry
// index, from from (inclusive) up in byte order: every entry any
// transaction touched, whether it still exists or not (EntryAt tells).
func (l *Log) EntryKeys(from [32]byte, limit int) (keys [][32]byte, err error) {
	if err := l.life.enter(); err != nil {
		return nil, fmt.Errorf("eventlog: entry keys: %w", err)
	}
	defer l.life.exit()
	if limit <= 0 {
		return nil, fmt.Errorf("eventlog: entry keys: limit %d: %w", limit, ErrInvalid)
	}
	lower := append([]byte{prefixEntry}, from[:]...)
	it, err := l.db.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: []byte{prefixEntry + 1}})
	if err != nil {
		return nil, fmt.Errorf("eventlog: %w", readErr("entry keys: open iterator", err))
	}
	defer func() {
		if cerr := closeIter(it); cerr != nil {
			err = errors.Join(err, cerr)
		}
	}()
	for valid := it.First(); valid && len(keys) < limit; {
		k := it.Key()
		if len(k) != entryKeyLen {
			return nil, fmt.Errorf("eventlog: entry keys: %w", corruptf("entry index key %x", k))
		}
		keys = append(keys, [32]byte(k[1:33]))
		valid = it.SeekGE(incrementKey(append([]byte(nil), k[:33]...)))
	}
	if err := it.Error(); err != nil {
		return nil, fmt.Errorf("eventlog: %w", readErr("entry keys", err))
	}
	return keys, nil
}

// OwnedEntries returns, in byte order, the ledger index of every entry
// that was ever one of acct's objects (an Entry naming it among its
// Owners); EntryAt tells whether each existed at a ledger.
func (l *Log) OwnedEntries(acct [20]byte) (keys [][32]byte, err error) {
	if err := l.life.enter(); err != nil {
		return nil, fmt.Errorf("eventlog: owned entries: %w", err)
	}
	defer l.life.exit()
	lower := append([]byte{prefixOwner}, acct[:]...)
	upper := incrementKey(append([]byte(nil), lower...))
	it, err := l.db.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return nil, fmt.Errorf("eventlog: %w", readErr("owned entries: open iterator", err))
	}
	defer func() {
		if cerr := closeIter(it); cerr != nil {
			err = errors.Join(err, cerr)
		}
	}()
	for valid := it.First(); valid; valid = it.Next() {
		k := it.Key()
		if len(k) != ownerKeyLen {
			return nil, fmt.Errorf("eventlog: owned entries: %w", corruptf("owner index key %x", k))
		}
		keys = append(keys, [32]byte(k[21:]))
	}
	if err := it.Error(); err != nil {
		return nil, fmt.Errorf("eventlog: %w", readErr("owned entries", err))
	}
	return keys, nil
}
