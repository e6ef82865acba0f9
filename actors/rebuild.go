package actors

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/tx"
)

// genesisKey is the event-log meta key of the chain's genesis record.
const genesisKey = "genesis"

// Genesis is what a chain starts from, recorded in the log beside the
// genesis ledger so that replay needs nothing but the log.
type Genesis struct {
	Params    ledger.Params     `json:"params"`
	Account   address.AccountID `json:"account"`
	CloseTime uint32            `json:"close_time"`
}

// Mismatch is a difference between what the log recorded and what
// re-applying its transactions gives.
type Mismatch struct {
	Seq    uint32
	Detail string
}

// RebuildReport summarises a rebuild.
type RebuildReport struct {
	Ledgers    int
	Txs        int
	Mismatches []Mismatch
}

// ErrNoGenesis reports a log without a genesis record.
var ErrNoGenesis = errors.New("event log has no genesis record")

// initLog writes the genesis ledger into an empty log.
func initLog(log *eventlog.Log, g Genesis) (*ledger.State, error) {
	st, err := ledger.Genesis(g.Params, g.Account, g.CloseTime)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(g)
	if err != nil {
		return nil, err
	}
	if err := log.SetMeta(genesisKey, b); err != nil {
		return nil, fmt.Errorf("record genesis: %w", err)
	}
	h := st.Header()
	if err := log.Append(&eventlog.Ledger{Seq: h.Seq, Hash: st.Hash(), Header: h.Encode()}); err != nil {
		return nil, fmt.Errorf("append genesis ledger: %w", err)
	}
	return st, nil
}

// ErrOtherChain is CheckGenesis's error for a log of another chain.
var ErrOtherChain = errors.New("the event log belongs to another chain")

// CheckGenesis checks that log was created with g: its genesis record is
// g, and its first ledger is the genesis ledger g derives (sequence and
// hash).
func CheckGenesis(log *eventlog.Log, g Genesis) error {
	rec, err := ReadGenesis(log)
	if err != nil {
		return err
	}
	if rec != g {
		return fmt.Errorf("%w: its genesis is %+v, the chain's %+v", ErrOtherChain, rec, g)
	}
	st, err := ledger.Genesis(g.Params, g.Account, g.CloseTime)
	if err != nil {
		return err
	}
	h := st.Header()
	first, _ := log.First()
	got, _, _, err := log.LedgerHeader(first)
	if err != nil {
		return fmt.Errorf("read the first ledger: %w", err)
	}
	if first != h.Seq || got != st.Hash() {
		return fmt.Errorf("%w: its first ledger is %d %X, the chain's genesis ledger %d %X", ErrOtherChain, first, got, h.Seq, st.Hash())
	}
	return nil
}

// ReadGenesis returns the genesis record of a log.
func ReadGenesis(log *eventlog.Log) (Genesis, error) {
	var g Genesis
	b, err := log.Meta(genesisKey)
	if errors.Is(err, eventlog.ErrNotFound) {
		return g, ErrNoGenesis
	} else if err != nil {
		return g, err
	}
	if err := json.Unmarshal(b, &g); err != nil {
		return g, fmt.Errorf("genesis record: %w", err)
	}
	return g, nil
}

// Rebuild re-applies every ledger of the log to the genesis state and
// compares each result and ledger hash with the recorded ones. progress,
// if not nil, is called after each ledger. It stops at the first ledger
// whose hash differs (the state after it is not the recorded one), after
// recording the differences.
//
// A reader goroutine reads and decodes up to readAhead ledgers ahead
// while the calling goroutine applies them one at a time, in log order;
// Rebuild returns only after the reader has stopped.
func Rebuild(log *eventlog.Log, progress func(seq uint32, txs int)) (*ledger.State, RebuildReport, error) {
	var rep RebuildReport
	g, err := ReadGenesis(log)
	if err != nil {
		return nil, rep, err
	}
	st, err := ledger.Genesis(g.Params, g.Account, g.CloseTime)
	if err != nil {
		return nil, rep, err
	}
	first, ok := log.First()
	if !ok {
		return nil, rep, fmt.Errorf("event log is empty")
	}
	if first != 1 {
		return nil, rep, fmt.Errorf("event log starts at ledger %d, not at genesis", first)
	}
	r := startReader(log)
	defer r.stop()
	for d := range r.ledgers {
		if d.err != nil {
			return nil, rep, d.err
		}
		led := d.led
		rep.Ledgers++
		if led.Seq == 1 {
			if led.Hash != st.Hash() {
				rep.Mismatches = append(rep.Mismatches, Mismatch{Seq: 1, Detail: "genesis hash differs"})
				return st, rep, nil
			}
			continue
		}
		closed := st.Close(d.txs, d.header.CloseTime)
		rep.Txs += len(led.Txs)
		before := len(rep.Mismatches)
		rep.Mismatches = append(rep.Mismatches, compareLedger(led, closed)...)
		if progress != nil {
			progress(led.Seq, len(led.Txs))
		}
		if len(rep.Mismatches) > before && closed.Hash != led.Hash {
			return st, rep, nil
		}
	}
	if err := r.stop(); err != nil {
		return nil, rep, err
	}
	return st, rep, nil
}

// readAhead is how many decoded ledgers the reader may hold ready.
const readAhead = 2

// decodedLedger is a ledger of the log with its header and transactions
// decoded, or the error that ended the reading.
type decodedLedger struct {
	led    *eventlog.Ledger
	header ledger.Header
	txs    []*tx.Tx
	err    error
}

// logReader reads and decodes the log in its own goroutine. A ledger
// it cannot decode comes with its error and ends the reading; an error
// of the log itself is stop's.
type logReader struct {
	ledgers  <-chan decodedLedger
	done     chan struct{}
	finished chan struct{}
	err      error // the log's, once finished is closed
	stopped  bool
}

// startReader starts reading the log from genesis.
func startReader(log *eventlog.Log) *logReader {
	ch := make(chan decodedLedger, readAhead)
	r := &logReader{ledgers: ch, done: make(chan struct{}), finished: make(chan struct{})}
	go func() {
		defer close(r.finished)
		defer close(ch)
		err := log.Iterate(1, func(led *eventlog.Ledger) error {
			d := decodeLedger(led)
			select {
			case ch <- d:
				return d.err
			case <-r.done:
				return errStop
			}
		})
		if !errors.Is(err, errStop) {
			r.err = err
		}
	}()
	return r
}

// stop makes the reader stop, waits for it and returns the error that
// ended its reading, if any. It may be called more than once.
func (r *logReader) stop() error {
	if !r.stopped {
		r.stopped = true
		close(r.done)
	}
	<-r.finished
	return r.err
}

// decodeLedger decodes a ledger's header and transactions (the genesis
// ledger has neither to decode).
func decodeLedger(led *eventlog.Ledger) decodedLedger {
	d := decodedLedger{led: led}
	if led.Seq == 1 {
		return d
	}
	h, err := ledger.DecodeHeader(led.Header)
	if err != nil {
		d.err = fmt.Errorf("ledger %d: %w", led.Seq, err)
		return d
	}
	d.header = h
	d.txs = make([]*tx.Tx, len(led.Txs))
	for i := range led.Txs {
		t, err := tx.Decode(led.Txs[i].Blob)
		if err != nil {
			d.err = fmt.Errorf("ledger %d tx %d: %w", led.Seq, i, err)
			return d
		}
		d.txs[i] = t
	}
	return d
}

var errStop = errors.New("stop")

// compareLedger lists the differences between a recorded ledger and its
// recomputation.
func compareLedger(rec *eventlog.Ledger, got *ledger.Closed) []Mismatch {
	var out []Mismatch
	add := func(format string, args ...any) {
		out = append(out, Mismatch{Seq: rec.Seq, Detail: fmt.Sprintf(format, args...)})
	}
	if len(got.Rejected) > 0 {
		add("%d recorded transactions no longer apply (first: %X, %s)", len(got.Rejected), got.Rejected[0].Tx.Hash, got.Rejected[0].Code.Token())
	}
	for i := range rec.Txs {
		if i >= len(got.Txs) {
			break
		}
		if got.Txs[i].Tx.Hash != rec.Txs[i].Hash {
			add("transaction %d: recorded %X, applied %X", i, rec.Txs[i].Hash, got.Txs[i].Tx.Hash)
			continue
		}
		if !bytes.Equal(got.Txs[i].MetaBlob, rec.Txs[i].Meta) {
			want, _ := ledger.MetaResult(rec.Txs[i].Meta)
			add("transaction %X: metadata differs (recorded %s, now %s)", rec.Txs[i].Hash, want.Token(), got.Txs[i].Meta.Result.Token())
		}
	}
	if got.Hash != rec.Hash {
		add("ledger hash: recorded %X, recomputed %X", rec.Hash, got.Hash)
	}
	return out
}
