package ledger

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
)

func init() {
	codec.SetResultNames(
		func(c uint16) (string, bool) {
			code, ok := ter.FromNumber(int(c))
			return code.Token(), ok
		},
		func(s string) (uint16, bool) {
			code, ok := ter.FromToken(s)
			return uint16(code), ok
		})
}

// Meta is a recorded transaction's metadata: its index in the ledger,
// its result, and every entry it created or modified.
type Meta struct {
	Index   uint32
	Result  ter.Code
	Nodes   []NodeChange
	Tables  []TableChange
	Escrows []EscrowChange
	Lines   []LineChange
	// DeliveredDrops is what a successful ZXC payment delivered, or -1.
	DeliveredDrops int64
	// DeliveredIOU is what a successful issued-currency payment
	// delivered (HasDeliveredIOU).
	DeliveredIOU    codec.Amount
	HasDeliveredIOU bool
	// Detail says more than the result's message: a contract's revert
	// reason or failure (ContractDetailMsg).
	Detail string
	// Logs are the events of a successful contract execution
	// (ContractLogs, as JSON).
	Logs []ContractLog
}

// TableChange is one table a transaction touched: Before is nil for a
// table it created, After nil for one it deleted.
type TableChange struct {
	Key    hash.Hash256
	Before *Table
	After  *Table
}

// NodeChange is one entry a transaction touched: Before is nil for an
// entry it created. Both are the state's own values (After is the
// entry as the transaction left it): read them, never modify them.
type NodeChange struct {
	Before *AccountRoot
	After  *AccountRoot
	// Key is the account root's ledger index (AccountKey), as Close
	// knew it.
	Key hash.Hash256
}

// Encode returns the metadata in rippled's binary form: TransactionIndex,
// TransactionResult (UInt16, as ChainSQL writes it), DeliveredAmount and
// AffectedNodes sorted by ledger index, each a CreatedNode or
// ModifiedNode of an AccountRoot with its NewFields, or its FinalFields
// and the PreviousFields that changed (and the nodes of the tables it
// touched). Close records the same bytes in Applied.MetaBlob.
func (m *Meta) Encode() []byte {
	keys := make([]hash.Hash256, len(m.Nodes))
	for i, n := range m.Nodes {
		keys[i] = AccountKey(n.After.Account)
	}
	var w metaWriter
	return w.encode(m, keys)
}

// logJSON is a contract log in ContractLogs: hex strings, as ChainSQL's
// contract_event shows them.
type logJSON struct {
	Address string   `json:"ContractAddress"`
	Topics  []string `json:"ContractEventTopics"`
	Data    string   `json:"ContractEventInfo"`
}

func encodeLogs(logs []ContractLog) []byte {
	out := make([]logJSON, len(logs))
	for i, l := range logs {
		out[i] = logJSON{Address: l.Address.String(), Topics: make([]string, len(l.Topics)), Data: strings.ToUpper(hex.EncodeToString(l.Data))}
		for j, t := range l.Topics {
			out[i].Topics[j] = strings.ToUpper(hex.EncodeToString(t[:]))
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		// Strings only.
		panic(fmt.Errorf("ledger: marshal contract logs: %w", err))
	}
	return b
}

// DecodeMeta returns a metadata blob's JSON form, with rippled's
// "delivered_amount" beside the binary DeliveredAmount.
func DecodeMeta(b []byte) (map[string]any, error) {
	o, err := codec.Decode(b)
	if err != nil {
		return nil, fmt.Errorf("decode metadata: %w", err)
	}
	m := o.Map()
	if d, ok := m["DeliveredAmount"]; ok {
		m["delivered_amount"] = d
	}
	return m, nil
}

// MetaResult returns the engine result recorded in a metadata blob.
func MetaResult(b []byte) (ter.Code, error) {
	o, err := codec.Decode(b)
	if err != nil {
		return 0, fmt.Errorf("decode metadata: %w", err)
	}
	r, ok := o.UInt16("TransactionResult")
	if !ok {
		return 0, fmt.Errorf("decode metadata: no TransactionResult")
	}
	return ter.Code(r), nil
}
