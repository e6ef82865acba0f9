package rpc

import (
	"encoding/hex"
	"fmt"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
)

// The NKN dialect's block is one of this node's ledgers and its
// transaction one of the ledger's transactions. Heights are ledger
// sequences (ChainSQL's ledger_index; the genesis ledger is height 1)
// and hashes are ledger and transaction hashes, byte for byte the ones
// the ChainSQL dialect prints, written as NKN writes hex: lowercase and
// in natural byte order (as NKN does since it stopped reversing hashes;
// the document-era reversal would make them disagree with ChainSQL's).
// Members are in sorted order, like every NKN envelope and the API
// document's examples. The gateway README shows both shapes.

// nknBlock is getblock's Result.
type nknBlock struct {
	Hash         string    `json:"hash"`
	Header       nknHeader `json:"header"`
	Transactions []nknTx   `json:"transactions"`
}

// nknHeader is a block's header.
type nknHeader struct {
	// Hash is the block (ledger) hash, as in nknBlock.
	Hash string `json:"hash"`
	// Height is the ledger sequence.
	Height uint32 `json:"height"`
	// PrevBlockHash is the parent ledger's hash (ChainSQL parent_hash).
	PrevBlockHash string `json:"prevBlockHash"`
	// StateRoot is the account state tree's hash (ChainSQL account_hash).
	StateRoot string `json:"stateRoot"`
	// Timestamp is the ledger's close time in Unix seconds (ChainSQL
	// close_time plus the Ripple epoch, 946684800).
	Timestamp int64 `json:"timestamp"`
	// TransactionsRoot is the transaction tree's hash (ChainSQL
	// transaction_hash).
	TransactionsRoot string `json:"transactionsRoot"`
}

// nknTx is gettransaction's Result and an element of a block's
// transactions.
type nknTx struct {
	Hash string `json:"hash"`
	// Height and Index place the transaction: its ledger and its
	// position in it.
	Height uint32 `json:"height"`
	Index  uint32 `json:"index"`
	// Payload is the transaction's fields as the ChainSQL dialect renders
	// them (its tx_json without hash).
	Payload map[string]any `json:"payload"`
	// Result is the engine result recorded for it (tesSUCCESS or a tec
	// code: only those are in a ledger).
	Result string `json:"result"`
	// Size is the length in bytes of the signed binary transaction.
	Size int `json:"size"`
	// TxType is its TransactionType, by name (as NKN's later txType).
	TxType string `json:"txType"`
}

// hexLower formats a hash as the NKN dialect does.
func hexLower(b [32]byte) string { return hex.EncodeToString(b[:]) }

// nknBlockOf renders a ledger from the event log as a block.
func nknBlockOf(led *eventlog.Ledger) (*nknBlock, error) {
	h, err := ledgerlog.Header(led)
	if err != nil {
		return nil, fmt.Errorf("ledger %d header: %w", led.Seq, err)
	}
	b := &nknBlock{
		Hash: hexLower(led.Hash),
		Header: nknHeader{
			Hash:             hexLower(led.Hash),
			Height:           h.Seq,
			PrevBlockHash:    hexLower(h.ParentHash),
			StateRoot:        hexLower(h.AccountHash),
			Timestamp:        int64(h.CloseTime) + ledger.RippleEpoch,
			TransactionsRoot: hexLower(h.TxHash),
		},
		Transactions: make([]nknTx, len(led.Txs)),
	}
	for i := range led.Txs {
		t, err := nknTxOf(&led.Txs[i], led.Seq, uint32(i))
		if err != nil {
			return nil, err
		}
		b.Transactions[i] = *t
	}
	return b, nil
}

// nknTxOf renders a transaction from the event log, transaction index
// of ledger seq.
func nknTxOf(t *eventlog.Tx, seq, index uint32) (*nknTx, error) {
	o, err := ledgerlog.TxFields(t)
	if err != nil {
		return nil, fmt.Errorf("ledger %d transaction %X: %w", seq, t.Hash, err)
	}
	payload := o.Map()
	// A type the codec has no name for is its number, as in the payload.
	txType, ok := payload["TransactionType"]
	if !ok {
		return nil, fmt.Errorf("ledger %d transaction %X: no TransactionType", seq, t.Hash)
	}
	code, err := ledgerlog.Result(t)
	if err != nil {
		return nil, fmt.Errorf("ledger %d transaction %X: %w", seq, t.Hash, err)
	}
	return &nknTx{
		Hash:    hexLower(t.Hash),
		Height:  seq,
		Index:   index,
		Payload: payload,
		Result:  code.Token(),
		Size:    len(t.Blob),
		TxType:  fmt.Sprint(txType),
	}, nil
}
