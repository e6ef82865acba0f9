package ledgerlog

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
)

// Mismatch is a difference between what the log recorded and what
// re-applying its transactions gives.
type Mismatch struct {
	Seq    uint32
	Detail string
}

// Report summarises a rebuild.
type Report struct {
	Ledgers    int
	Txs        int
	Mismatches []Mismatch
}

// ErrMismatch reports a log that Recover could not replay to the
// recorded results and hashes.
var ErrMismatch = errors.New("event log does not replay")

// Recover returns the state at the head of the log. An empty log gets the
// chain g (Init), with an empty report; any other is rebuilt (Rebuild)
// and must replay exactly: a mismatch is ErrMismatch, naming the first.
func Recover(log *eventlog.Log, g Genesis) (*ledger.State, Report, error) {
	if _, _, ok := log.Head(); !ok {
		st, err := Init(log, g)
		return st, Report{}, err
	}
	st, rep, err := Rebuild(log, nil)
	if err != nil {
		return nil, rep, fmt.Errorf("rebuild state from the event log: %w", err)
	}
	if len(rep.Mismatches) > 0 {
		m := rep.Mismatches[0]
		return nil, rep, fmt.Errorf("%w: ledger %d: %s (%d mismatches; run replay for all)", ErrMismatch, m.Seq, m.Detail, len(rep.Mismatches))
	}
	return st, rep, nil
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
func Rebuild(log *eventlog.Log, progress func(seq uint32, txs int)) (*ledger.State, Report, error) {
	var rep Report
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
		led := d.rec
		rep.Ledgers++
		if led.Seq == 1 {
			if led.Hash != st.Hash() {
				rep.Mismatches = append(rep.Mismatches, Mismatch{Seq: 1, Detail: "genesis hash differs"})
				return st, rep, nil
			}
			continue
		}
		closed := st.Close(d.led.Txs, d.led.Header.CloseTime)
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
			want, _ := Result(&rec.Txs[i])
			add("transaction %X: metadata differs (recorded %s, now %s)", rec.Txs[i].Hash, want.Token(), got.Txs[i].Meta.Result.Token())
		}
	}
	if got.Hash != rec.Hash {
		add("ledger hash: recorded %X, recomputed %X", rec.Hash, got.Hash)
	}
	return out
}
