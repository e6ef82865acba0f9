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
	var txs []*tx.Tx
	err = log.Iterate(1, func(led *eventlog.Ledger) error {
		rep.Ledgers++
		if led.Seq == 1 {
			if led.Hash != st.Hash() {
				rep.Mismatches = append(rep.Mismatches, Mismatch{Seq: 1, Detail: "genesis hash differs"})
				return errStop
			}
			return nil
		}
		h, err := ledger.DecodeHeader(led.Header)
		if err != nil {
			return fmt.Errorf("ledger %d: %w", led.Seq, err)
		}
		txs = txs[:0]
		for i := range led.Txs {
			t, err := tx.Decode(led.Txs[i].Blob)
			if err != nil {
				return fmt.Errorf("ledger %d tx %d: %w", led.Seq, i, err)
			}
			txs = append(txs, t)
		}
		closed := st.Close(txs, h.CloseTime)
		rep.Txs += len(led.Txs)
		before := len(rep.Mismatches)
		rep.Mismatches = append(rep.Mismatches, compareLedger(led, closed)...)
		if progress != nil {
			progress(led.Seq, len(led.Txs))
		}
		if len(rep.Mismatches) > before && closed.Hash != led.Hash {
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, rep, err
	}
	return st, rep, nil
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
