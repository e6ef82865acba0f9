package ledgerlog

import (
	"fmt"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Decoded is a ledger read back from its record: the record, its header
// and its transactions, decoded and checked against their formats, in
// ledger order.
type Decoded struct {
	Record *Ledger
	Header ledger.Header
	Txs    []*tx.Tx
}

// Decode reads a whole record back: the header and every transaction
// (tx.Decode: the fields checked against the type's format, the hash
// computed from the blob). It does not compare the computed hashes with
// the recorded ones; Rebuild does, and reports a difference as a
// mismatch.
func Decode(rec *Ledger) (*Decoded, error) {
	h, err := Header(rec)
	if err != nil {
		return nil, fmt.Errorf("ledger %d: %w", rec.Seq, err)
	}
	d := &Decoded{Record: rec, Header: h, Txs: make([]*tx.Tx, len(rec.Txs))}
	for i := range rec.Txs {
		t, err := Tx(&rec.Txs[i])
		if err != nil {
			return nil, fmt.Errorf("ledger %d tx %d: %w", rec.Seq, i, err)
		}
		d.Txs[i] = t
	}
	return d, nil
}

// Header decodes a record's header with ledger.DecodeHeader
// (ledger.ErrBadHeader if it is not one). It does not check that the
// header names the record's sequence: a reader that relies on it checks.
func Header(rec *Ledger) (ledger.Header, error) {
	return ledger.DecodeHeader(rec.Header)
}

// HeaderReader reads a ledger's encoded header without its
// transactions; *eventlog.Log is one.
type HeaderReader interface {
	LedgerHeader(seq uint32) (hash [32]byte, header []byte, txCount int, err error)
}

// LedgerHeader reads ledger seq's header from the log without its
// transactions (eventlog.ErrNotFound for a ledger the log does not
// hold).
func LedgerHeader(log HeaderReader, seq uint32) (ledger.Header, error) {
	_, b, _, err := log.LedgerHeader(seq)
	if err != nil {
		return ledger.Header{}, err
	}
	return ledger.DecodeHeader(b)
}

// CloseTime is a header's close time as a wall-clock time, in UTC.
func CloseTime(h ledger.Header) time.Time {
	return time.Unix(int64(h.CloseTime)+ledger.RippleEpoch, 0).UTC()
}

// Tx decodes a recorded transaction with tx.Decode: its fields checked
// against its type's format and its hash computed from the blob.
func Tx(t *eventlog.Tx) (*tx.Tx, error) {
	return tx.Decode(t.Blob)
}

// TxFields decodes a recorded transaction's fields alone, without the
// format check and the hash of Tx: for readers that render or apply what
// the ledger already checked (JSON answers, the SQL projection), with the
// recorded hash beside it.
func TxFields(t *eventlog.Tx) (*codec.Object, error) {
	return codec.Decode(t.Blob)
}

// Result is the engine result a recorded transaction's metadata holds.
func Result(t *eventlog.Tx) (ter.Code, error) {
	return ledger.MetaResult(t.Meta)
}

// MetaJSON is a recorded transaction's metadata in its JSON form
// (ledger.DecodeMeta: rippled's, with "delivered_amount").
func MetaJSON(t *eventlog.Tx) (map[string]any, error) {
	return ledger.DecodeMeta(t.Meta)
}
