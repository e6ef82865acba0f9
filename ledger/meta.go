package ledger

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"sort"
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
	Index  uint32
	Result ter.Code
	Nodes  []NodeChange
	Tables []TableChange
	// DeliveredDrops is what a successful payment delivered, or -1.
	DeliveredDrops int64
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
// entry it created.
type NodeChange struct {
	Before *AccountRoot
	After  *AccountRoot
}

// Encode returns the metadata in rippled's binary form: TransactionIndex,
// TransactionResult (UInt16, as ChainSQL writes it), DeliveredAmount and
// AffectedNodes sorted by ledger index, each a CreatedNode or
// ModifiedNode of an AccountRoot with its NewFields, or its FinalFields
// and the PreviousFields that changed.
func (m *Meta) Encode() []byte {
	o := &codec.Object{}
	must(o.Set("TransactionIndex", m.Index))
	must(o.Set("TransactionResult", uint16(m.Result)))
	if m.DeliveredDrops >= 0 {
		must(o.Set("DeliveredAmount", codec.NativeAmount(m.DeliveredDrops)))
	}
	if m.Detail != "" {
		must(o.Set("ContractDetailMsg", []byte(m.Detail)))
	}
	if len(m.Logs) > 0 {
		must(o.Set("ContractLogs", encodeLogs(m.Logs)))
	}
	nodes := make([]NodeChange, len(m.Nodes))
	copy(nodes, m.Nodes)
	keys := make(map[*AccountRoot]hash.Hash256, len(nodes))
	for _, n := range nodes {
		keys[n.After] = AccountKey(n.After.Account)
	}
	sort.Slice(nodes, func(i, j int) bool {
		ki, kj := keys[nodes[i].After], keys[nodes[j].After]
		return bytes.Compare(ki[:], kj[:]) < 0
	})
	type keyed struct {
		key hash.Hash256
		obj *codec.Object
	}
	all := make([]keyed, 0, len(nodes)+len(m.Tables))
	for _, n := range nodes {
		all = append(all, keyed{keys[n.After], nodeObject(n, keys[n.After])})
	}
	for _, t := range m.Tables {
		all = append(all, keyed{t.Key, tableObject(t)})
	}
	sort.SliceStable(all, func(i, j int) bool { return bytes.Compare(all[i].key[:], all[j].key[:]) < 0 })
	affected := make([]*codec.Object, len(all))
	for i, k := range all {
		affected[i] = k.obj
	}
	must(o.Set("AffectedNodes", affected))
	return o.Encode()
}

func nodeObject(n NodeChange, key hash.Hash256) *codec.Object {
	kind := "ModifiedNode"
	if n.Before == nil {
		kind = "CreatedNode"
	}
	node := mustInner(kind)
	must(node.Set("LedgerEntryType", "AccountRoot"))
	must(node.Set("LedgerIndex", key))
	if n.Before == nil {
		nf := mustInner("NewFields")
		must(nf.Set("Account", n.After.Account))
		must(nf.Set("Balance", codec.NativeAmount(int64(n.After.Balance))))
		must(nf.Set("Sequence", n.After.Sequence))
		if len(n.After.Code) > 0 {
			must(nf.Set("ContractCode", n.After.Code))
		}
		must(node.Set("NewFields", nf))
		return node
	}
	final := mustInner("FinalFields")
	must(final.Set("Account", n.After.Account))
	must(final.Set("Balance", codec.NativeAmount(int64(n.After.Balance))))
	must(final.Set("Flags", n.After.Flags))
	must(final.Set("OwnerCount", n.After.OwnerCount))
	must(final.Set("Sequence", n.After.Sequence))
	if len(n.After.Domain) > 0 {
		must(final.Set("Domain", n.After.Domain))
	}
	must(node.Set("FinalFields", final))
	prev := mustInner("PreviousFields")
	if n.Before.Balance != n.After.Balance {
		must(prev.Set("Balance", codec.NativeAmount(int64(n.Before.Balance))))
	}
	if n.Before.Sequence != n.After.Sequence {
		must(prev.Set("Sequence", n.Before.Sequence))
	}
	if n.Before.Flags != n.After.Flags {
		must(prev.Set("Flags", n.Before.Flags))
	}
	if n.Before.OwnerCount != n.After.OwnerCount {
		must(prev.Set("OwnerCount", n.Before.OwnerCount))
	}
	if prev.Len() > 0 {
		must(node.Set("PreviousFields", prev))
	}
	if n.Before.PreviousTxnLgrSeq != 0 {
		must(node.Set("PreviousTxnID", n.Before.PreviousTxnID))
		must(node.Set("PreviousTxnLgrSeq", n.Before.PreviousTxnLgrSeq))
	}
	return node
}

// tableObject is a table's node in metadata: created, modified or
// deleted, with the fields a client reads (owner, name, NameInDB, the
// strict-mode hash).
func tableObject(t TableChange) *codec.Object {
	kind, fieldsName, tbl := "ModifiedNode", "FinalFields", t.After
	switch {
	case t.Before == nil:
		kind, fieldsName = "CreatedNode", "NewFields"
	case t.After == nil:
		kind, tbl = "DeletedNode", t.Before
	}
	node := mustInner(kind)
	must(node.Set("LedgerEntryType", "Table"))
	must(node.Set("LedgerIndex", t.Key))
	f := mustInner(fieldsName)
	must(f.Set("Owner", tbl.Owner))
	must(f.Set("TableName", tbl.Name))
	must(f.Set("NameInDB", tbl.NameInDB))
	must(f.Set("TxCheckHash", tbl.CheckHash))
	must(f.Set("CreateLgrSeq", tbl.CreatedSeq))
	must(f.Set("CreatedTxnHash", tbl.CreatedTx))
	must(node.Set(fieldsName, f))
	return node
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
	return mustMarshal(out)
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

// must panics on an error that can only come from a bug in this file:
// every field set here exists and every value fits it.
func must(err error) {
	if err != nil {
		panic(fmt.Errorf("ledger: building metadata: %w", err))
	}
}

func mustInner(name string) *codec.Object {
	o, err := codec.NewInner(name)
	must(err)
	return o
}
