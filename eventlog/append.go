package eventlog

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/cockroachdb/pebble/v2"
)

// Append writes a closed ledger and its transactions in one pebble batch,
// synced to stable storage before it returns. led.Seq must be Head+1, or
// any sequence from 1 up for the first ledger (ErrOutOfOrder otherwise).
//
// A nil error means the ledger is durable and may be published. Any other
// error means it must not be: on a write or sync failure the Log becomes
// failed, this and every later write return ErrFailed wrapping the cause,
// and only a reopen recovers. A ledger whose Append failed is never
// visible through this Log; after a reopen it is either wholly present
// (its bytes reached the disk before the failure was reported) or wholly
// absent — a batch is never half applied.
//
// Append does not keep led or any slice in it.
func (l *Log) Append(led *Ledger) error {
	if err := l.life.enter(); err != nil {
		return fmt.Errorf("eventlog: append: %w", err)
	}
	defer l.life.exit()
	l.wmu.Lock()
	defer l.wmu.Unlock()

	if err := l.failure(); err != nil {
		return fmt.Errorf("eventlog: append: %w", err)
	}
	next, err := l.checkAppend(led)
	if err != nil {
		return err
	}
	b := l.db.NewBatch()
	defer b.Close()
	if err := l.fillBatch(b, led, next); err != nil {
		return err
	}
	if err := l.commit(b); err != nil {
		return fmt.Errorf("eventlog: append ledger %d: %w", led.Seq, err)
	}
	l.tip.Store(&next)
	return nil
}

// checkAppend validates led against the head and returns the head that
// appending it produces.
func (l *Log) checkAppend(led *Ledger) (head, error) {
	if led == nil {
		return head{}, fmt.Errorf("eventlog: append: nil ledger: %w", ErrInvalid)
	}
	cur := l.tip.Load()
	switch {
	case led.Seq == 0:
		return head{}, fmt.Errorf("eventlog: append ledger 0: %w", ErrOutOfOrder)
	case cur != nil && (cur.seq == math.MaxUint32 || led.Seq != cur.seq+1):
		return head{}, fmt.Errorf("eventlog: append ledger %d after head %d: %w", led.Seq, cur.seq, ErrOutOfOrder)
	case uint64(len(led.Txs)) > math.MaxUint32:
		return head{}, fmt.Errorf("eventlog: append ledger %d: %d transactions: %w", led.Seq, len(led.Txs), ErrInvalid)
	}
	next := head{first: led.Seq, seq: led.Seq, hash: led.Hash}
	if cur != nil {
		next.first = cur.first
	}
	return next, nil
}

// fillBatch puts every record of led into b, in key order (see
// sortedWrites): the ledger record and the tx records, which already
// follow each other in key order, then the account index, the head
// record, the ledger hash index and the tx hash index, sorted. It refuses
// a ledger holding one transaction hash twice (ErrInvalid); the batch is
// then discarded unwritten.
func (l *Log) fillBatch(b *pebble.Batch, led *Ledger, next head) error {
	set := func(what string, key, val []byte) error {
		if err := b.Set(key, val, nil); err != nil {
			return fmt.Errorf("eventlog: append ledger %d: batch %s: %w", led.Seq, what, err)
		}
		return nil
	}
	buf := l.scratch[:0]
	defer func() { l.scratch = buf[:0] }()
	idx := &l.indexes
	idx.reset()

	buf = appendLedgerKey(buf, led.Seq)
	buf = appendLedgerRecord(buf, led.Hash, uint32(len(led.Txs)), led.Header)
	if err := set("ledger", buf[:ledgerKeyLen], buf[ledgerKeyLen:]); err != nil {
		return err
	}
	for i := range led.Txs {
		tx := &led.Txs[i]
		accts := dedupAccounts(tx.Accounts)
		buf = appendTxKey(buf[:0], led.Seq, uint32(i))
		buf = appendTxRecord(buf, tx, accts)
		if err := set("tx", buf[:txKeyLen], buf[txKeyLen:]); err != nil {
			return err
		}
		for _, a := range accts {
			off := idx.begin()
			idx.buf = appendAccountKey(idx.buf, a, led.Seq, uint32(i))
			idx.end(off, len(idx.buf))
		}
		for _, e := range tx.Entries {
			off := idx.begin()
			idx.buf = appendEntryKey(idx.buf, e.Key, led.Seq, uint32(i))
			idx.end(off, len(idx.buf))
			for _, o := range e.Owners {
				off := idx.begin()
				idx.buf = appendOwnerKey(idx.buf, o, e.Key)
				idx.end(off, len(idx.buf))
			}
		}
		off := idx.begin()
		idx.buf = appendHashKey(idx.buf, prefixTxIndex, tx.Hash)
		k := len(idx.buf)
		idx.buf = appendTxPos(idx.buf, led.Seq, uint32(i))
		idx.end(off, k)
	}
	off := idx.begin()
	idx.buf = appendHashKey(idx.buf, prefixLedgerIndex, led.Hash)
	k := len(idx.buf)
	idx.buf = appendLedgerPos(idx.buf, led.Seq)
	idx.end(off, k)
	off = idx.begin()
	idx.buf = append(idx.buf, headKey...)
	k = len(idx.buf)
	idx.buf = appendHead(idx.buf, next)
	idx.end(off, k)
	if l.tip.Load() == nil {
		// The first ledger: the entry index is complete from here.
		off = idx.begin()
		idx.buf = append(idx.buf, indexedKey...)
		k = len(idx.buf)
		idx.buf = binary.BigEndian.AppendUint32(idx.buf, led.Seq)
		idx.end(off, k)
	}

	idx.sort()
	for i, e := range idx.ents {
		// Sorted, a repeated key is adjacent. Accounts are deduplicated
		// and positions distinct; an entry named twice by a transaction,
		// or an owner named again, is written once. A tx hash index
		// repeated is a transaction twice.
		if i > 0 && bytes.Equal(idx.key(e), idx.key(idx.ents[i-1])) {
			if p := idx.key(e)[0]; p == prefixEntry || p == prefixOwner {
				continue
			}
			return fmt.Errorf("eventlog: append ledger %d: transaction %x twice: %w", led.Seq, idx.key(e)[1:], ErrInvalid)
		}
		if err := set("index", idx.key(e), idx.value(e)); err != nil {
			return err
		}
	}
	return nil
}

// commit applies b with a synced WAL write. Any failure, including one
// pebble reports only through its logger, fails the Log.
func (l *Log) commit(b *pebble.Batch) error {
	if err := l.db.Apply(b, pebble.Sync); err != nil {
		l.setFailed(err)
	}
	return l.failure()
}
