package eventlog

import (
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"
)

// AccountTxQuery selects an account's transactions for AccountTx.
type AccountTxQuery struct {
	// Account is the account whose transactions are listed.
	Account [20]byte
	// MinSeq and MaxSeq bound the ledgers searched, inclusive; 0 leaves
	// that end unbounded (MaxSeq is always capped at the head).
	MinSeq, MaxSeq uint32
	// Forward lists oldest first; otherwise newest first, rippled's
	// default.
	Forward bool
	// Limit caps the records returned; 0 means no limit. The RPC layer
	// applies rippled's defaults and maximum.
	Limit int
	// Marker resumes a previous query: the record it names is the first
	// one returned.
	Marker *Marker
}

// Marker is a position in the log, the resume point of a paged AccountTx.
// Its JSON form, {"ledger":n,"seq":m}, is rippled's account_tx marker.
type Marker struct {
	LedgerSeq uint32 `json:"ledger"`
	Index     uint32 `json:"seq"`
}

// AccountTx lists the transactions that affected q.Account, in ledger and
// index order (reversed unless q.Forward). When more records match than
// q.Limit, next is the position of the first one left out: pass it as
// q.Marker to continue. next is nil when the listing is complete.
func (l *Log) AccountTx(q AccountTxQuery) (recs []TxRecord, next *Marker, err error) {
	if err := l.life.enter(); err != nil {
		return nil, nil, fmt.Errorf("eventlog: account_tx: %w", err)
	}
	defer l.life.exit()
	if q.Limit < 0 {
		return nil, nil, fmt.Errorf("eventlog: account_tx: limit %d: %w", q.Limit, ErrInvalid)
	}
	h := l.tip.Load()
	if h == nil {
		return nil, nil, nil
	}
	lo, hi := max(q.MinSeq, h.first), h.seq
	if q.MaxSeq != 0 {
		hi = min(q.MaxSeq, hi)
	}
	if lo > hi {
		return nil, nil, nil
	}
	lower, upper := accountBounds(q.Account, lo, hi)
	it, err := l.db.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return nil, nil, fmt.Errorf("eventlog: %w", readErr("account_tx: open iterator", err))
	}
	defer func() {
		if cerr := closeIter(it); cerr != nil {
			err = errors.Join(err, cerr)
		}
	}()

	valid, step := accountStart(it, q)
	for ; valid; valid = step() {
		seq, idx, ok := parseAccountKey(it.Key())
		if !ok {
			return nil, nil, fmt.Errorf("eventlog: account_tx: %w", corruptf("account index key %x", it.Key()))
		}
		if q.Limit > 0 && len(recs) == q.Limit {
			return recs, &Marker{LedgerSeq: seq, Index: idx}, nil
		}
		rec, err := l.txAt(seq, idx)
		if err != nil {
			return nil, nil, fmt.Errorf("eventlog: account_tx: %w", err)
		}
		recs = append(recs, *rec)
	}
	if err := it.Error(); err != nil {
		return nil, nil, fmt.Errorf("eventlog: %w", readErr("account_tx", err))
	}
	return recs, nil, nil
}

// accountStart positions it on the first index entry q lists, honouring
// the marker, and returns whether it is valid and the step to the next.
func accountStart(it *pebble.Iterator, q AccountTxQuery) (valid bool, step func() bool) {
	if q.Forward {
		if q.Marker == nil {
			return it.First(), it.Next
		}
		return it.SeekGE(appendAccountKey(nil, q.Account, q.Marker.LedgerSeq, q.Marker.Index)), it.Next
	}
	if q.Marker == nil {
		return it.Last(), it.Prev
	}
	// The entry at the marker is listed: seek below the marker's key with
	// a zero byte appended, the least key above it. Pebble clamps seek
	// keys to the iterator's bounds.
	k := appendAccountKey(nil, q.Account, q.Marker.LedgerSeq, q.Marker.Index)
	return it.SeekLT(append(k, 0)), it.Prev
}

func closeIter(it *pebble.Iterator) error {
	if err := it.Close(); err != nil {
		return fmt.Errorf("eventlog: %w", readErr("account_tx: close iterator", err))
	}
	return nil
}
