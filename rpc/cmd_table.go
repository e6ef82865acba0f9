package rpc

import (
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/rpcerr"
	"github.com/sqledger/sqledger/protocol/tx"
)

func hex20(b [20]byte) string { return strings.ToUpper(hex.EncodeToString(b[:])) }

// errNoTable is t_prepare's answer for an operation on a missing table.
var errNoTable = rpcerr.Newf(rpcerr.TabNotExist, "Please make sure table exist before this operation!")

// cmdTPrepare fills what a client cannot know before signing a table
// transaction, as chainsqld's t_prepare does in WebSocket mode: each
// table's NameInDB (looked up, or generated for a create), a recreate's
// original Raw, TxCheckHash when StrictMode is true, and for a
// SQLTransaction each statement's, with NeedVerify defaulting to 1.
func cmdTPrepare(c *call) (any, error) {
	txj, err := c.txJSON()
	if err != nil {
		return nil, err
	}
	acctStr, ok := txj["Account"].(string)
	if !ok {
		return nil, rpcerr.MissingField("tx_json.Account")
	}
	account, err := address.ParseAccountID(acctStr)
	if err != nil {
		return nil, rpcerr.New(rpcerr.ActMalformed)
	}
	strict, _ := txj["StrictMode"].(bool)
	if txj["TransactionType"] == "SQLTransaction" {
		stmts, ok := txj["Statements"].([]any)
		if !ok {
			return nil, rpcerr.Newf(rpcerr.InvalidParams, "Statements must be a JSON array.")
		}
		for i, s := range stmts {
			st, ok := s.(map[string]any)
			if !ok {
				return nil, rpcerr.Newf(rpcerr.InvalidParams, "Statements[%d] is not an object.", i)
			}
			st["Account"] = acctStr
			if err := c.prepareOne(st, account, strict); err != nil {
				return nil, err
			}
		}
		if _, ok := txj["NeedVerify"]; !ok {
			txj["NeedVerify"] = 1
		}
		delete(txj, "StrictMode")
		return map[string]any{"tx_json": txj}, nil
	}
	if err := c.prepareOne(txj, account, strict); err != nil {
		return nil, err
	}
	delete(txj, "StrictMode")
	return map[string]any{"tx_json": txj}, nil
}

// prepareOne prepares one table operation (a transaction or a
// statement).
func (c *call) prepareOne(txj map[string]any, account address.AccountID, strict bool) error {
	owner := account
	if o, ok := txj["Owner"].(string); ok && o != "" {
		id, err := address.ParseAccountID(o)
		if err != nil {
			return rpcerr.Newf(rpcerr.InvalidParams, "Owner is not a valid address.")
		}
		owner = id
	}
	op := tx.OpType(jsonUint(txj["OpType"]))
	tables, _ := txj["Tables"].([]any)
	var first *ledger.Table
	for i, el := range tables {
		wrap, _ := el.(map[string]any)
		tbl, _ := wrap["Table"].(map[string]any)
		if tbl == nil {
			return rpcerr.Newf(rpcerr.InvalidParams, "Tables[%d].Table is missing.", i)
		}
		nameHex, _ := tbl["TableName"].(string)
		name, err := hex.DecodeString(nameHex)
		if err != nil || len(name) == 0 {
			return rpcerr.Newf(rpcerr.InvalidParams, "Tables[%d].Table.TableName must be hex.", i)
		}
		entry, exists := c.view.Table(owner, name)
		if i == 0 && exists {
			first = entry
		}
		if s, _ := tbl["NameInDB"].(string); s != "" {
			continue
		}
		switch {
		case exists:
			tbl["NameInDB"] = hex20(entry.NameInDB)
		case op == tx.OpCreate || op == tx.OpReport:
			h, _ := c.view.Closed()
			tbl["NameInDB"] = hex20(ledger.NewNameInDB(h.Seq, owner, name))
		default:
			return errNoTable
		}
	}
	if op == tx.OpRecreate {
		if first == nil {
			return errNoTable
		}
		txj["Raw"] = strings.ToUpper(hex.EncodeToString(first.CreateRaw))
	}
	if strict && op.IsStrictMode() {
		rawHex, _ := txj["Raw"].(string)
		raw, err := hex.DecodeString(rawHex)
		if err != nil {
			return rpcerr.Newf(rpcerr.InvalidParams, "Raw must be hex.")
		}
		var prev hash.Hash256
		if op != tx.OpCreate && op != tx.OpRecreate {
			if first == nil {
				return errNoTable
			}
			prev = first.CheckHash
		}
		var h hash.Hash256
		if op == tx.OpCreate || op == tx.OpRecreate {
			h = hash.SHA512Half(raw)
		} else {
			h = hash.SHA512Half(raw, prev[:])
		}
		txj["TxCheckHash"] = hex256(h)
	}
	return nil
}

// jsonUint reads a JSON number decoded with UseNumber (or a float).
func jsonUint(v any) uint64 {
	switch n := v.(type) {
	case json.Number:
		u, _ := n.Int64()
		return uint64(max(u, 0))
	case float64:
		return uint64(max(n, 0))
	}
	return 0
}

// tableParam reads an owner (by key) and a plain table name.
func (c *call) tableParam(ownerKey, nameKey string) (address.AccountID, []byte, error) {
	owner, err := c.account(ownerKey)
	if err != nil {
		return owner, nil, err
	}
	name, ok, err := c.str(nameKey)
	switch {
	case err != nil:
		return owner, nil, err
	case !ok || name == "":
		return owner, nil, rpcerr.MissingField(nameKey)
	}
	return owner, []byte(name), nil
}

func cmdGDBName(c *call) (any, error) {
	owner, name, err := c.tableParam("account", "tablename")
	if err != nil {
		return nil, err
	}
	if _, ok := c.view.Account(owner); !ok {
		return nil, rpcerr.New(rpcerr.ActNotFound)
	}
	tbl, ok := c.view.Table(owner, name)
	if !ok {
		return nil, rpcerr.New(rpcerr.TabNotExist)
	}
	return map[string]any{"nameInDB": hex20(tbl.NameInDB)}, nil
}

func authority(flags uint32) map[string]any {
	return map[string]any{
		"select": flags&ledger.PermSelect != 0,
		"insert": flags&ledger.PermInsert != 0,
		"update": flags&ledger.PermUpdate != 0,
		"delete": flags&ledger.PermDelete != 0,
	}
}

// cmdTableAuth lists who may do what with a table: the owner, then each
// grant (NoAccount, zzzzzzzzzzzzzzzzzzzzBZbvji, is everyone), or only
// the accounts asked for.
func cmdTableAuth(c *call) (any, error) {
	owner, name, err := c.tableParam("owner", "tablename")
	if err != nil {
		return nil, err
	}
	tbl, ok := c.view.Table(owner, name)
	if !ok {
		return nil, rpcerr.New(rpcerr.TabNotExist)
	}
	var only map[address.AccountID]bool
	if raw, ok := c.params["accounts"]; ok {
		var list []string
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, rpcerr.InvalidField("accounts")
		}
		only = make(map[address.AccountID]bool, len(list))
		for _, s := range list {
			id, err := address.ParseAccountID(s)
			if err != nil {
				return nil, rpcerr.New(rpcerr.ActMalformed)
			}
			only[id] = true
		}
	}
	users := []any{}
	add := func(id address.AccountID, flags uint32) {
		if only == nil || only[id] {
			users = append(users, map[string]any{"account": id.String(), "authority": authority(flags)})
		}
	}
	add(tbl.Owner, ledger.PermAll)
	for _, g := range tbl.Grants {
		add(g.User, g.Flags)
	}
	return map[string]any{"owner": owner.String(), "tablename": string(name), "users": users}, nil
}

func cmdGAccountTables(c *call) (any, error) {
	n := c.s.node
	owner, err := c.account("account")
	if err != nil {
		return nil, err
	}
	detail, err := c.boolean("detail")
	if err != nil {
		return nil, err
	}
	if _, ok := c.view.Account(owner); !ok {
		return nil, rpcerr.New(rpcerr.ActNotFound)
	}
	times := closeTimes{log: n.log}
	tables := []any{}
	for _, t := range c.view.Tables(owner) {
		m := map[string]any{
			"nameInDB":          hex20(t.NameInDB),
			"tablename":         string(t.Name),
			"create_ledger_seq": t.CreatedSeq,
			"tx_hash":           hex256(t.CreatedTx),
			"txn_ledger_seq":    t.LastSeq,
		}
		if detail {
			hsh, _, _, err := n.log.LedgerHeader(t.CreatedSeq)
			if err != nil {
				return nil, err
			}
			ct, err := times.get(t.CreatedSeq)
			if err != nil {
				return nil, err
			}
			m["raw"] = strings.ToUpper(hex.EncodeToString(t.CreateRaw))
			m["ledger_hash"] = hex256(hsh)
			m["confidential"] = t.Confidential()
			m["create_time"] = ct
		}
		tables = append(tables, m)
	}
	return map[string]any{"tables": tables}, nil
}
