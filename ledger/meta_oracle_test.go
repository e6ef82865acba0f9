package ledger

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
)

// oracleEncode is the metadata encoder the ledger used before it wrote
// the bytes directly: every field set by name on codec.Objects, which
// keep them in canonical order. The direct encoder must produce the
// same bytes for every Meta (TestMetaEncodeMatchesCodec).
func oracleEncode(m *Meta) []byte {
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
		all = append(all, keyed{keys[n.After], oracleNode(n, keys[n.After])})
	}
	for _, t := range m.Tables {
		all = append(all, keyed{t.Key, oracleTable(t)})
	}
	sort.SliceStable(all, func(i, j int) bool { return bytes.Compare(all[i].key[:], all[j].key[:]) < 0 })
	affected := make([]*codec.Object, len(all))
	for i, k := range all {
		affected[i] = k.obj
	}
	must(o.Set("AffectedNodes", affected))
	return o.Encode()
}

func oracleNode(n NodeChange, key hash.Hash256) *codec.Object {
	kind := "ModifiedNode"
	if n.Before == nil {
		kind = "CreatedNode"
	}
	node := oracleInner(kind)
	must(node.Set("LedgerEntryType", "AccountRoot"))
	must(node.Set("LedgerIndex", key))
	if n.Before == nil {
		nf := oracleInner("NewFields")
		must(nf.Set("Account", n.After.Account))
		must(nf.Set("Balance", codec.NativeAmount(int64(n.After.Balance))))
		must(nf.Set("Sequence", n.After.Sequence))
		if len(n.After.Code) > 0 {
			must(nf.Set("ContractCode", n.After.Code))
		}
		must(node.Set("NewFields", nf))
		return node
	}
	final := oracleInner("FinalFields")
	must(final.Set("Account", n.After.Account))
	must(final.Set("Balance", codec.NativeAmount(int64(n.After.Balance))))
	must(final.Set("Flags", n.After.Flags))
	must(final.Set("OwnerCount", n.After.OwnerCount))
	must(final.Set("Sequence", n.After.Sequence))
	if len(n.After.Domain) > 0 {
		must(final.Set("Domain", n.After.Domain))
	}
	if n.After.TransferRate != 0 {
		must(final.Set("TransferRate", n.After.TransferRate))
	}
	if len(n.After.TransferFeeMin) > 0 {
		must(final.Set("TransferFeeMin", n.After.TransferFeeMin))
	}
	if len(n.After.TransferFeeMax) > 0 {
		must(final.Set("TransferFeeMax", n.After.TransferFeeMax))
	}
	must(node.Set("FinalFields", final))
	prev := oracleInner("PreviousFields")
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
	if n.Before.TransferRate != n.After.TransferRate && n.Before.TransferRate != 0 {
		must(prev.Set("TransferRate", n.Before.TransferRate))
	}
	if !bytes.Equal(n.Before.TransferFeeMin, n.After.TransferFeeMin) && len(n.Before.TransferFeeMin) > 0 {
		must(prev.Set("TransferFeeMin", n.Before.TransferFeeMin))
	}
	if !bytes.Equal(n.Before.TransferFeeMax, n.After.TransferFeeMax) && len(n.Before.TransferFeeMax) > 0 {
		must(prev.Set("TransferFeeMax", n.Before.TransferFeeMax))
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

func oracleTable(t TableChange) *codec.Object {
	kind, fieldsName, tbl := "ModifiedNode", "FinalFields", t.After
	switch {
	case t.Before == nil:
		kind, fieldsName = "CreatedNode", "NewFields"
	case t.After == nil:
		kind, tbl = "DeletedNode", t.Before
	}
	node := oracleInner(kind)
	must(node.Set("LedgerEntryType", "Table"))
	must(node.Set("LedgerIndex", t.Key))
	f := oracleInner(fieldsName)
	must(f.Set("Owner", tbl.Owner))
	must(f.Set("TableName", tbl.Name))
	must(f.Set("NameInDB", tbl.NameInDB))
	must(f.Set("TxCheckHash", tbl.CheckHash))
	must(f.Set("CreateLgrSeq", tbl.CreatedSeq))
	must(f.Set("CreatedTxnHash", tbl.CreatedTx))
	must(node.Set(fieldsName, f))
	return node
}

func oracleInner(name string) *codec.Object {
	o, err := codec.NewInner(name)
	must(err)
	return o
}

func must(err error) {
	if err != nil {
		panic(fmt.Errorf("building metadata: %w", err))
	}
}
