package main

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

// benchTable is a ledger table bench writes or reads: its owner, its
// plain name and its NameInDB (the SQL table is t_<NameInDB in hex>).
type benchTable struct {
	owner    *account
	name     string
	nameInDB [20]byte
}

// benchColumns is the schema of every table bench creates: the columns
// of the SQLite limit's table (limits_sqlite.go), so that the rows the
// node stores are the rows the limit inserts. The published client
// sends Raw as compact JSON, as here.
const benchColumns = `[{"field":"id","type":"int","length":11,"PK":1,"NN":1},` +
	`{"field":"account","type":"varchar","length":34},` +
	`{"field":"destination","type":"varchar","length":34},` +
	`{"field":"amount","type":"int"},` +
	`{"field":"memo","type":"varchar","length":64}]`

// rowDestination is every bench row's destination column.
const rowDestination = "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx"

// insertRaw is the Raw of an insert of n rows with ids first, first+1,
// …: [{"id":…,"account":…,"destination":…,"amount":…,"memo":"payment"},…].
func insertRaw(account string, first, n int) []byte {
	b := make([]byte, 0, n*128+2)
	b = append(b, '[')
	for i := range n {
		id := strconv.AppendInt(nil, int64(first+i), 10)
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = append(b, id...)
		b = append(b, `,"account":"`...)
		b = append(b, account...)
		b = append(b, `","destination":"`+rowDestination+`","amount":`...)
		b = append(b, id...)
		b = append(b, `,"memo":"payment"}`...)
	}
	return append(b, ']')
}

// grantRaw is what a grant gives each sender: the right to insert.
const grantRaw = `[{"insert":true}]`

// feeSchedule is what the ChainSQL client pays for a table transaction:
// the base fee times the load factor times 1.2, plus 1,000 drops, plus
// drops_per_byte for each byte of the Raw.
type feeSchedule struct {
	base    int64 // the client's base: base fee × load factor × 1.2, in drops
	perByte int64
}

// tableFeeBase is what every table transaction pays on top of the base
// fee (chainsqld's checkFee; the client adds it too).
const tableFeeBase = 1000

// fee is the client's fee for a table transaction whose Raw has n bytes.
func (f feeSchedule) fee(n int) int64 { return f.base + tableFeeBase + int64(n)*f.perByte }

// readFees reads the fee schedule from server_info, as the client does
// before each table transaction.
func readFees(ctx context.Context, url string) (feeSchedule, error) {
	r, err := dialRPC(url)
	if err != nil {
		return feeSchedule{}, err
	}
	defer r.close()
	res, err := r.call(ctx, map[string]any{"command": "server_info"})
	if err != nil {
		return feeSchedule{}, err
	}
	info, _ := res["info"].(map[string]any)
	vl, _ := info["validated_ledger"].(map[string]any)
	base, ok1 := vl["base_fee_zxc"].(float64)
	perByte, ok2 := vl["drops_per_byte"].(float64)
	load, ok3 := info["load_factor"].(float64)
	if !ok1 || !ok2 || !ok3 {
		return feeSchedule{}, fmt.Errorf("server_info: no validated_ledger.base_fee_zxc, validated_ledger.drops_per_byte or load_factor in %v", res)
	}
	return feeSchedule{base: int64(math.Round(base * 1e6 * load * 1.2)), perByte: int64(perByte)}, nil
}

// tableTx is a TableListSet or SQLStatement to sign: one operation on one
// table.
type tableTx struct {
	from  *keys.KeyPair
	seq   uint32
	fee   int64
	op    tx.OpType
	table *benchTable
	raw   []byte
	// user is the grantee of a grant.
	user address.AccountID
}

// sign builds and signs the transaction as the ChainSQL client does
// after t_prepare: Flags tfFullyCanonicalSig, the table with its
// NameInDB, an SQLStatement's Owner, no LastLedgerSequence (bench signs
// before the run) and no StrictMode (the codec drops it).
func (t tableTx) sign() (*tx.Tx, error) {
	typ := "TableListSet"
	if t.op == tx.OpInsert {
		typ = "SQLStatement"
	}
	tbl, err := codec.NewInner("Table")
	if err != nil {
		return nil, err
	}
	if err := tbl.Set("TableName", []byte(t.table.name)); err != nil {
		return nil, err
	}
	if err := tbl.Set("NameInDB", t.table.nameInDB); err != nil {
		return nil, err
	}
	fields := []txField{
		{"TransactionType", typ},
		{"Flags", tx.FlagFullyCanonicalSig},
		{"Sequence", t.seq},
		{"Fee", codec.NativeAmount(t.fee)},
		{"Account", t.from.AccountID()},
		{"OpType", uint16(t.op)},
		{"Tables", []*codec.Object{tbl}},
		{"Raw", t.raw},
	}
	if typ == "SQLStatement" {
		fields = append(fields, txField{"Owner", t.table.owner.kp.AccountID()})
	}
	if t.op == tx.OpGrant {
		fields = append(fields, txField{"User", t.user})
	}
	var o codec.Object
	for _, f := range fields {
		if err := o.Set(f.name, f.value); err != nil {
			return nil, fmt.Errorf("%s field %s: %w", typ, f.name, err)
		}
	}
	signed, err := tx.Sign(&o, t.from)
	if err != nil {
		return nil, fmt.Errorf("sign %s: %w", typ, err)
	}
	return signed, nil
}

// txField is one field of a transaction to sign.
type txField struct {
	name  string
	value any
}

// signTableTxs signs txs on every core, calling done after each.
func signTableTxs(ctx context.Context, txs []tableTx, done func()) ([]*tx.Tx, error) {
	out := make([]*tx.Tx, len(txs))
	err := parallel(ctx, len(txs), func(i int) error {
		t, err := txs[i].sign()
		if err != nil {
			return err
		}
		out[i] = t
		if done != nil {
			done()
		}
		return nil
	})
	return out, err
}
