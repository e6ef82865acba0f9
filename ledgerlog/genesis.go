package ledgerlog

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/keys"
)

// genesisKey is the event-log meta key of the chain's genesis record.
const genesisKey = "genesis"

// Genesis is what a chain starts from, recorded in the log beside the
// genesis ledger (as JSON under the meta key "genesis") so that replay
// needs nothing but the log.
type Genesis struct {
	Params    ledger.Params     `json:"params"`
	Account   address.AccountID `json:"account"`
	CloseTime uint32            `json:"close_time"`
}

// ErrNoGenesis reports a log without a genesis record.
var ErrNoGenesis = errors.New("event log has no genesis record")

// NewGenesis is a new chain's genesis: the fee schedule p, every drop
// held by the account of passphrase "masterpassphrase", closed at
// closeTime (Ripple epoch seconds).
func NewGenesis(p ledger.Params, closeTime uint32) Genesis {
	return Genesis{Params: p, Account: genesisAccount(), CloseTime: closeTime}
}

// genesisAccount is the account of passphrase "masterpassphrase".
func genesisAccount() address.AccountID {
	kp, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		panic(fmt.Errorf("ledgerlog: genesis key: %w", err))
	}
	return kp.AccountID()
}

// Init starts a chain in an empty log: it records g, appends the genesis
// ledger (ledger 1, no transactions) and returns the genesis state.
func Init(log *eventlog.Log, g Genesis) (*ledger.State, error) {
	if head, _, ok := log.Head(); ok {
		return nil, fmt.Errorf("record genesis: the event log already holds ledgers up to %d", head)
	}
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

// ReadGenesis returns the genesis record of a log (ErrNoGenesis if it
// has none).
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

// ErrOtherChain is CheckGenesis's error for a log of another chain.
var ErrOtherChain = errors.New("the event log belongs to another chain")

// CheckGenesis checks that log was started with g: its genesis record is
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
	first, _ := log.First()
	got, _, _, err := log.LedgerHeader(first)
	if err != nil {
		return fmt.Errorf("read the first ledger: %w", err)
	}
	if want := st.Header().Seq; first != want || got != st.Hash() {
		return fmt.Errorf("%w: its first ledger is %d %X, the chain's genesis ledger %d %X", ErrOtherChain, first, got, want, st.Hash())
	}
	return nil
}
