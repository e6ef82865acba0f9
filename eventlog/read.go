package eventlog

import (
	"errors"
	"fmt"
)

// visible reports whether ledger seq is acknowledged: within First..Head.
// Records above Head may exist in the store after a failed Append; they
// are never shown.
func (l *Log) visible(seq uint32) bool {
	h := l.tip.Load()
	return h != nil && seq >= h.first && seq <= h.seq
}

// Ledger returns ledger seq with all its transactions, or ErrNotFound.
func (l *Log) Ledger(seq uint32) (*Ledger, error) {
	if err := l.life.enter(); err != nil {
		return nil, fmt.Errorf("eventlog: ledger %d: %w", seq, err)
	}
	defer l.life.exit()
	if !l.visible(seq) {
		return nil, fmt.Errorf("eventlog: ledger %d: %w", seq, ErrNotFound)
	}
	led, err := l.readLedger(seq)
	if err != nil {
		return nil, fmt.Errorf("eventlog: %w", err)
	}
	return led, nil
}

// readLedger reads ledger seq and its transactions with one iterator.
func (l *Log) readLedger(seq uint32) (led *Ledger, err error) {
	s, err := l.newLedgerScanner(seq, seq)
	if err != nil {
		return nil, err
	}
	defer closeScanner(s, &err)
	return s.next(seq)
}

// LedgerByHash returns the ledger with hash h, or ErrNotFound.
func (l *Log) LedgerByHash(h [32]byte) (*Ledger, error) {
	if err := l.life.enter(); err != nil {
		return nil, fmt.Errorf("eventlog: ledger %x: %w", h, err)
	}
	defer l.life.exit()
	seq, err := l.ledgerSeq(h)
	if err != nil {
		return nil, err
	}
	led, err := l.Ledger(seq)
	if err != nil {
		return nil, err
	}
	if led.Hash != h {
		return nil, fmt.Errorf("eventlog: ledger %x: %w", h, corruptf("index names ledger %d, whose hash is %x", seq, led.Hash))
	}
	return led, nil
}

// ledgerSeq looks h up in the ledger hash index.
func (l *Log) ledgerSeq(h [32]byte) (uint32, error) {
	v, err := l.get(appendHashKey(nil, prefixLedgerIndex, h))
	if err == nil {
		var seq uint32
		if seq, err = decodeLedgerPos(v); err == nil {
			if l.visible(seq) {
				return seq, nil
			}
			err = ErrNotFound
		}
	}
	return 0, fmt.Errorf("eventlog: ledger %x: %w", h, err)
}

// LedgerHeader returns ledger seq's hash, header and transaction count
// without reading its transactions, or ErrNotFound.
func (l *Log) LedgerHeader(seq uint32) (hash [32]byte, header []byte, txCount int, err error) {
	if err := l.life.enter(); err != nil {
		return hash, nil, 0, fmt.Errorf("eventlog: ledger header %d: %w", seq, err)
	}
	defer l.life.exit()
	if !l.visible(seq) {
		return hash, nil, 0, fmt.Errorf("eventlog: ledger header %d: %w", seq, ErrNotFound)
	}
	v, err := l.get(appendLedgerKey(nil, seq))
	if errors.Is(err, ErrNotFound) {
		err = corruptf("ledger %d is within the head but has no record", seq)
	}
	if err != nil {
		return hash, nil, 0, fmt.Errorf("eventlog: ledger header %d: %w", seq, err)
	}
	rec, err := decodeLedgerRecord(v)
	if err != nil {
		return hash, nil, 0, fmt.Errorf("eventlog: ledger header %d: %w", seq, err)
	}
	return rec.hash, rec.header, int(rec.txCount), nil
}

// Tx returns the transaction with hash h and its position, or
// ErrNotFound. If a hash was appended twice, the later position wins, as
// in rippled's transaction table.
func (l *Log) Tx(h [32]byte) (*TxRecord, error) {
	if err := l.life.enter(); err != nil {
		return nil, fmt.Errorf("eventlog: tx %x: %w", h, err)
	}
	defer l.life.exit()
	v, err := l.get(appendHashKey(nil, prefixTxIndex, h))
	if err != nil {
		return nil, fmt.Errorf("eventlog: tx %x: %w", h, err)
	}
	seq, idx, err := decodeTxPos(v)
	if err != nil {
		return nil, fmt.Errorf("eventlog: tx %x: %w", h, err)
	}
	if !l.visible(seq) {
		return nil, fmt.Errorf("eventlog: tx %x: %w", h, ErrNotFound)
	}
	rec, err := l.txAt(seq, idx)
	if err != nil {
		return nil, fmt.Errorf("eventlog: tx %x: %w", h, err)
	}
	if rec.Tx.Hash != h {
		return nil, fmt.Errorf("eventlog: tx %x: %w", h, corruptf("index names ledger %d index %d, which holds %x", seq, idx, rec.Tx.Hash))
	}
	return rec, nil
}

// txAt reads the tx record at ledger seq, index idx, which an index
// names: its absence is corruption.
func (l *Log) txAt(seq, idx uint32) (*TxRecord, error) {
	v, err := l.get(appendTxKey(nil, seq, idx))
	if errors.Is(err, ErrNotFound) {
		err = corruptf("indexed transaction %d of ledger %d has no record", idx, seq)
	}
	if err != nil {
		return nil, err
	}
	rec := &TxRecord{LedgerSeq: seq, Index: idx}
	if err := decodeTxRecord(v, &rec.Tx); err != nil {
		return nil, fmt.Errorf("ledger %d transaction %d: %w", seq, idx, err)
	}
	return rec, nil
}
