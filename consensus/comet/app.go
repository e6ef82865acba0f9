package comet

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// HeightOffset is what a CometBFT height is short of the ledger sequence
// it closes: the genesis ledger (1) is CometBFT's height 0.
const HeightOffset = 1

// Result codes of CheckTx and FinalizeBlock (ExecTxResult.Code). Log
// carries the reason; for CodeNotAdmitted and CodeNotSuccess the TER
// token.
const (
	CodeOK uint32 = iota
	// CodeUndecodable: the bytes are not a transaction.
	CodeUndecodable
	// CodeBadSignature: the signature does not verify.
	CodeBadSignature
	// CodeNotAdmitted: the node's admission refused it (CheckTx).
	CodeNotAdmitted
	// CodeNotSuccess: the ledger's result was not tesSUCCESS; Info says
	// whether it is in the ledger (a tec claimed its fee) or was left out.
	CodeNotSuccess
)

// verifiedCapacity is how many verified transactions an App remembers:
// more than a testnet mempool holds (20,000) and a block besides.
const verifiedCapacity = 50000

// App is the ABCI application of a validator. CometBFT's local client
// (proxy.NewLocalClientCreator) calls it under one mutex, so its methods
// never run at once and it has no locks of its own.
type App struct {
	abci.BaseApplication
	app    consensus.Application
	maxTxs int
	admit  consensus.Admitter
	// verified are the transactions whose signatures this validator
	// checked already.
	verified *verifiedTxs
	// localMu guards local: the transaction this node's orderer is
	// handing to the mempool (CheckLocal), whose signature the session
	// that took it verified. CheckLocal runs outside the local client's
	// mutex, hence the lock.
	localMu sync.Mutex
	local   *tx.Tx
	// failed receives the first error of FinalizeBlock or Commit: the
	// sequencer can no longer make ledgers durable.
	failed chan error
}

// NewApp returns an ABCI application driving app, with at most maxTxs
// transactions per block; admit may be nil (decode and signature only).
func NewApp(app consensus.Application, maxTxs int, admit consensus.Admitter) (*App, error) {
	if maxTxs <= 0 {
		return nil, fmt.Errorf("comet: transactions per ledger must be positive, got %d", maxTxs)
	}
	return &App{app: app, maxTxs: maxTxs, admit: admit, verified: newVerifiedTxs(verifiedCapacity), failed: make(chan error, 1)}, nil
}

// Failed delivers the error that stopped the application, if any.
func (a *App) Failed() <-chan error { return a.failed }

func (a *App) fail(err error) error {
	select {
	case a.failed <- err:
	default:
	}
	return err
}

// Info reports the last durable ledger as CometBFT's last block.
func (a *App) Info(context.Context, *abci.RequestInfo) (*abci.ResponseInfo, error) {
	i := a.app.Info()
	return &abci.ResponseInfo{
		Data:             "sqledger",
		LastBlockHeight:  int64(i.Height) - HeightOffset,
		LastBlockAppHash: i.Hash[:],
	}, nil
}

// InitChain starts a chain on a log that holds only its genesis ledger.
func (a *App) InitChain(_ context.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	if req.InitialHeight != 1 {
		return nil, fmt.Errorf("comet: the chain's initial height is %d; sqledger needs 1", req.InitialHeight)
	}
	i := a.app.Info()
	if i.Height != HeightOffset {
		return nil, fmt.Errorf("comet: CometBFT starts a new chain but the event log is at ledger %d", i.Height)
	}
	return &abci.ResponseInitChain{AppHash: i.Hash[:]}, nil
}

// CheckTx admits a transaction to the mempool: a new one (local or
// gossiped) and, after each block, a recheck of each left in the
// mempool, which the Admitter answers against the new state. It never
// fails: an admission error (no answer in time) refuses the transaction,
// since CometBFT panics on a failed recheck.
func (a *App) CheckTx(_ context.Context, req *abci.RequestCheckTx) (*abci.ResponseCheckTx, error) {
	if t := a.takeLocal(req.Tx); t != nil {
		a.verified.trust(t)
	}
	t, code, err := a.verified.decode(req.Tx)
	if err != nil {
		return &abci.ResponseCheckTx{Code: code, Log: err.Error()}, nil
	}
	if a.admit != nil {
		res, err := a.admit.Admit(t)
		if err != nil {
			return &abci.ResponseCheckTx{Code: CodeNotAdmitted, Log: err.Error()}, nil
		}
		if !res.IsTesSuccess() {
			return &abci.ResponseCheckTx{Code: CodeNotAdmitted, Log: res.Token()}, nil
		}
	}
	return &abci.ResponseCheckTx{Code: CodeOK}, nil
}

// CheckLocal runs check, which hands t to the mempool, with t known as
// verified: t was submitted to this node, whose session verified its
// signature, so its own CheckTx need not verify it again (a gossiped
// copy is verified as always).
func (a *App) CheckLocal(t *tx.Tx, check func() error) error {
	a.localMu.Lock()
	a.local = t
	a.localMu.Unlock()
	defer func() {
		a.localMu.Lock()
		a.local = nil
		a.localMu.Unlock()
	}()
	return check()
}

// takeLocal is the transaction CheckLocal is handing over if blob is its
// bytes, else nil.
func (a *App) takeLocal(blob []byte) *tx.Tx {
	a.localMu.Lock()
	defer a.localMu.Unlock()
	if a.local == nil || !bytes.Equal(a.local.Blob, blob) {
		return nil
	}
	t := a.local
	a.local = nil
	return t
}

// PrepareProposal keeps the mempool's order, except that each account's
// transactions take the places of that account's transactions in
// sequence order; it drops what does not decode and keeps at most MaxTxs
// within MaxTxBytes.
func (a *App) PrepareProposal(_ context.Context, req *abci.RequestPrepareProposal) (*abci.ResponsePrepareProposal, error) {
	var (
		txs   []*tx.Tx
		bytes int64
	)
	for _, blob := range req.Txs {
		if len(txs) == a.maxTxs {
			break
		}
		t, err := tx.Decode(blob)
		if err != nil {
			continue
		}
		if bytes += int64(len(blob)); req.MaxTxBytes > 0 && bytes > req.MaxTxBytes {
			break
		}
		txs = append(txs, t)
	}
	sequenceOrder(txs)
	out := make([][]byte, len(txs))
	for i, t := range txs {
		out[i] = t.Blob
	}
	return &abci.ResponsePrepareProposal{Txs: out}, nil
}

// sequenceOrder reorders txs so that the places one account's
// transactions hold get them in sequence order; other transactions keep
// their places.
func sequenceOrder(txs []*tx.Tx) {
	places := make(map[address.AccountID][]int)
	var accounts []address.AccountID
	for i, t := range txs {
		if _, seen := places[t.Account]; !seen {
			accounts = append(accounts, t.Account)
		}
		places[t.Account] = append(places[t.Account], i)
	}
	for _, acct := range accounts {
		at := places[acct]
		own := make([]*tx.Tx, len(at))
		for j, i := range at {
			own[j] = txs[i]
		}
		slices.SortStableFunc(own, func(x, y *tx.Tx) int { return int(x.Sequence) - int(y.Sequence) })
		for j, i := range at {
			txs[i] = own[j]
		}
	}
}

// ProcessProposal accepts a block of at most MaxTxs transactions that
// all decode and verify. It depends on the block alone, so every honest
// validator gives the same answer.
func (a *App) ProcessProposal(_ context.Context, req *abci.RequestProcessProposal) (*abci.ResponseProcessProposal, error) {
	reject := &abci.ResponseProcessProposal{Status: abci.ResponseProcessProposal_REJECT}
	if len(req.Txs) > a.maxTxs {
		return reject, nil
	}
	for _, blob := range req.Txs {
		if _, _, err := a.verified.decode(blob); err != nil {
			return reject, nil
		}
	}
	return &abci.ResponseProcessProposal{Status: abci.ResponseProcessProposal_ACCEPT}, nil
}

// FinalizeBlock closes the block as ledger height+HeightOffset, at the
// block time. A transaction that does not decode or verify (in a block
// that validators committed regardless) is left out with its code.
func (a *App) FinalizeBlock(_ context.Context, req *abci.RequestFinalizeBlock) (*abci.ResponseFinalizeBlock, error) {
	results := make([]*abci.ExecTxResult, len(req.Txs))
	b := consensus.Block{Height: uint32(req.Height + HeightOffset), Time: consensus.RippleTime(req.Time)}
	for i, blob := range req.Txs {
		t, code, err := a.verified.decode(blob)
		if err != nil {
			results[i] = &abci.ExecTxResult{Code: code, Log: err.Error()}
			continue
		}
		a.verified.forget(t.Hash)
		b.Txs = append(b.Txs, t)
	}
	closed, err := a.app.FinalizeBlock(b)
	if err != nil {
		return nil, a.fail(fmt.Errorf("comet: finalize block %d: %w", req.Height, err))
	}
	byHash := outcomes(closed)
	for i := range results {
		if results[i] != nil {
			continue
		}
		h := hash.Prefixed(hash.TransactionID, req.Txs[i])
		results[i] = byHash[h].next()
	}
	return &abci.ResponseFinalizeBlock{TxResults: results, AppHash: closed.Hash[:]}, nil
}

// outcome is the ledger results of the transactions with one hash, in
// order (a block may repeat a transaction; the ledger applies it once).
type outcome struct{ codes []ter.Code }

func (o *outcome) next() *abci.ExecTxResult {
	if o == nil || len(o.codes) == 0 {
		return &abci.ExecTxResult{Code: CodeNotSuccess, Log: "not in the ledger", Info: "rejected"}
	}
	c := o.codes[0]
	o.codes = o.codes[1:]
	switch {
	case c.IsTesSuccess():
		return &abci.ExecTxResult{Code: CodeOK}
	case c.IsTec():
		return &abci.ExecTxResult{Code: CodeNotSuccess, Log: c.Token(), Info: "applied"}
	default:
		return &abci.ExecTxResult{Code: CodeNotSuccess, Log: c.Token(), Info: "rejected"}
	}
}

// outcomes indexes a closed ledger's results by transaction hash.
func outcomes(c *ledger.Closed) map[hash.Hash256]*outcome {
	m := make(map[hash.Hash256]*outcome, len(c.Txs)+len(c.Rejected))
	add := func(h hash.Hash256, code ter.Code) {
		o := m[h]
		if o == nil {
			o = &outcome{}
			m[h] = o
		}
		o.codes = append(o.codes, code)
	}
	for _, ap := range c.Txs {
		add(ap.Tx.Hash, ap.Meta.Result)
	}
	for _, r := range c.Rejected {
		add(r.Tx.Hash, r.Code)
	}
	return m
}

// Commit makes the finalized ledger durable and publishes it.
func (a *App) Commit(context.Context, *abci.RequestCommit) (*abci.ResponseCommit, error) {
	if err := a.app.Commit(); err != nil {
		return nil, a.fail(fmt.Errorf("comet: commit: %w", err))
	}
	return &abci.ResponseCommit{}, nil
}
