package eventlog

import (
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"
)

// maxPrealloc caps the transactions slice allocated from a record's count
// before the records are read, so a corrupt count cannot exhaust memory.
const maxPrealloc = 4096

// ledgerScanner reads whole ledgers from one forward pebble iterator over
// the 'L' keys: a ledger record followed by its tx records, then the next
// ledger. It copies every value it keeps out of the iterator's memory.
type ledgerScanner struct {
	it    *pebble.Iterator
	arena arena
}

// newLedgerScanner opens an iterator over ledgers from..to inclusive,
// positioned on the first key.
func (l *Log) newLedgerScanner(from, to uint32) (*ledgerScanner, error) {
	lower, upper := ledgersFrom(from, to)
	it, err := l.db.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return nil, readErr("open ledger iterator", err)
	}
	it.First()
	return &ledgerScanner{it: it}, nil
}

// next reads ledger want, which must be at the iterator's position, and
// leaves the iterator on the key after its last transaction.
func (s *ledgerScanner) next(want uint32) (*Ledger, error) {
	if !s.it.Valid() {
		return nil, s.missing(want, "ledger record")
	}
	seq, _, isTx, ok := parseTxKey(s.it.Key())
	if !ok || isTx || seq != want {
		return nil, corruptf("ledger %d: found key %x where its record belongs", want, s.it.Key())
	}
	val, err := s.it.ValueAndErr()
	if err != nil {
		return nil, readErr(fmt.Sprintf("ledger %d", want), err)
	}
	rec, err := decodeLedgerRecord(val)
	if err != nil {
		return nil, fmt.Errorf("ledger %d: %w", want, err)
	}
	led := &Ledger{
		Seq:    seq,
		Hash:   rec.hash,
		Header: s.arena.clone(rec.header),
		Txs:    make([]Tx, 0, min(rec.txCount, maxPrealloc)),
	}
	for i := uint32(0); i < rec.txCount; i++ {
		if !s.it.Next() {
			return nil, s.missing(want, fmt.Sprintf("transaction %d of %d", i, rec.txCount))
		}
		if err := s.readTx(led, i); err != nil {
			return nil, err
		}
	}
	if s.it.Next() {
		if seq, idx, isTx, _ := parseTxKey(s.it.Key()); isTx && seq == want {
			return nil, corruptf("ledger %d: transaction %d beyond its count %d", want, idx, rec.txCount)
		}
	}
	return led, nil
}

// readTx decodes the tx record at the iterator's position, which must be
// index idx of led, and appends it to led.Txs.
func (s *ledgerScanner) readTx(led *Ledger, idx uint32) error {
	seq, i, isTx, ok := parseTxKey(s.it.Key())
	if !ok || !isTx || seq != led.Seq || i != idx {
		return corruptf("ledger %d: found key %x where transaction %d belongs", led.Seq, s.it.Key(), idx)
	}
	val, err := s.it.ValueAndErr()
	if err != nil {
		return readErr(fmt.Sprintf("ledger %d transaction %d", led.Seq, idx), err)
	}
	var tx Tx
	if err := decodeTxRecord(s.arena.clone(val), &tx); err != nil {
		return fmt.Errorf("ledger %d transaction %d: %w", led.Seq, idx, err)
	}
	led.Txs = append(led.Txs, tx)
	return nil
}

// missing explains why the iterator stopped before the record it needed.
func (s *ledgerScanner) missing(seq uint32, what string) error {
	if err := s.it.Error(); err != nil {
		return readErr(fmt.Sprintf("ledger %d", seq), err)
	}
	return corruptf("ledger %d: %s missing", seq, what)
}

func (s *ledgerScanner) close() error {
	if err := s.it.Close(); err != nil {
		return readErr("close ledger iterator", err)
	}
	return nil
}

// closeScanner closes s and joins its error, if any, to *err, which it
// leaves untouched otherwise (Iterate returns fn's error unchanged).
func closeScanner(s *ledgerScanner, err *error) {
	if cerr := s.close(); cerr != nil {
		*err = errors.Join(*err, fmt.Errorf("eventlog: %w", cerr))
	}
}
