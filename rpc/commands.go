package rpc

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// call is one ChainSQL request being answered.
type call struct {
	s      *Session
	req    *gateway.Request
	params map[string]json.RawMessage
	// view is the committed state the whole request reads.
	view State
	// asOf is the past ledger a query reads (r_get with ledger_index),
	// 0 for the SQL store's current rows.
	asOf uint32
}

// deferredResult marks a command whose answer comes after an ask.
type deferredResult struct{}

var deferred any = deferredResult{}

// command is one entry of the ChainSQL command table.
type command struct {
	run   func(c *call) (any, error)
	admin bool
}

// commands is the ChainSQL command table, checked when the package
// loads.
var commands map[string]command

func init() {
	commands = map[string]command{
		"server_info":        {run: cmdServerInfo},
		"server_state":       {run: cmdServerState},
		"unl_list":           {run: cmdUNLList, admin: true},
		"ping":               {run: cmdPing},
		"fee":                {run: cmdFee},
		"ledger":             {run: cmdLedger},
		"ledger_closed":      {run: cmdLedgerClosed},
		"ledger_current":     {run: cmdLedgerCurrent},
		"ledger_accept":      {run: cmdLedgerAccept, admin: true},
		"account_info":       {run: cmdAccountInfo},
		"account_tx":         {run: cmdAccountTx},
		"account_objects":    {run: cmdAccountObjects},
		"account_lines":      {run: cmdAccountLines},
		"account_currencies": {run: cmdAccountCurrencies},
		"gateway_balances":   {run: cmdGatewayBalances},
		"ledger_entry":       {run: cmdLedgerEntry},
		"ledger_data":        {run: cmdLedgerData},
		"tx":                 {run: cmdTx},
		"submit":             {run: cmdSubmit},
		"sign":               {run: cmdSign},
		"wallet_propose":     {run: cmdWalletPropose, admin: true},
		"subscribe":          {run: cmdSubscribe},
		"unsubscribe":        {run: cmdUnsubscribe},
		"t_prepare":          {run: cmdTPrepare},
		"g_dbname":           {run: cmdGDBName},
		"g_userToken":        {run: cmdGUserToken},
		"table_auth":         {run: cmdTableAuth},
		"g_accountTables":    {run: cmdGAccountTables},
		"contract_call":      {run: cmdContractCall},
		"r_get":              {run: cmdRGet},
		"r_get_sql_admin":    {run: cmdRGetSQLAdmin, admin: true},
		"r_get_sql_user":     {run: cmdRGetSQLUser},
		"ledger_txs":         {run: cmdLedgerTxs},
		"random":             {run: cmdRandom},
		"version":            {run: cmdVersion},
		"g_createrandom":     {run: cmdGCreateRandom, admin: true},
		"g_cryptdata":        {run: cmdGCryptData, admin: true},
	}
	for name, r := range refused {
		if _, dup := commands[name]; dup || r.reason == "" {
			panic("rpc: refused command " + name + " is served or has no reason")
		}
		commands[name] = command{run: refuse(r.reason), admin: r.admin}
	}
	for name, c := range commands {
		if c.run == nil || name == "" {
			panic("rpc: bad command table entry " + name)
		}
	}
}

// txJSON reads the required tx_json object, numbers kept as written.
func (c *call) txJSON() (map[string]any, error) {
	raw, ok := c.params["tx_json"]
	if !ok {
		return nil, rpcerr.MissingField("tx_json")
	}
	var txj map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&txj); err != nil || txj == nil {
		return nil, rpcerr.ObjectField("tx_json")
	}
	return txj, nil
}

// accountList reads an optional parameter holding a non-empty list of
// accounts (nil when absent), as subscribe's accounts lists are.
func (c *call) accountList(name string) ([]address.AccountID, error) {
	raw, ok := c.params[name]
	if !ok {
		return nil, nil
	}
	var accts []string
	if err := json.Unmarshal(raw, &accts); err != nil || len(accts) == 0 {
		return nil, rpcerr.New(rpcerr.ActMalformed)
	}
	ids := make([]address.AccountID, len(accts))
	for i, a := range accts {
		id, err := address.ParseAccountID(a)
		if err != nil {
			return nil, rpcerr.New(rpcerr.ActMalformed)
		}
		ids[i] = id
	}
	return ids, nil
}

// has reports whether the request carries a parameter.
func (c *call) has(name string) bool {
	_, ok := c.params[name]
	return ok
}

// str reads an optional string parameter.
func (c *call) str(name string) (string, bool, error) {
	raw, ok := c.params[name]
	if !ok {
		return "", false, nil
	}
	s, ok := gateway.String(raw)
	if !ok {
		return "", true, rpcerr.ExpectedField(name, "string")
	}
	return s, true, nil
}

// boolean reads an optional boolean parameter (false when absent).
func (c *call) boolean(name string) (bool, error) {
	raw, ok := c.params[name]
	if !ok {
		return false, nil
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		return false, rpcerr.InvalidField(name)
	}
	return b, nil
}

// uint reads an optional unsigned integer parameter.
func (c *call) uint(name string) (uint64, bool, error) {
	raw, ok := c.params[name]
	if !ok {
		return 0, false, nil
	}
	var n uint64
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, true, rpcerr.InvalidField(name)
	}
	return n, true, nil
}

// account reads a required account parameter, as rippled's account
// commands do.
func (c *call) account(name string) (address.AccountID, error) {
	s, ok, err := c.str(name)
	switch {
	case err != nil:
		return address.AccountID{}, err
	case !ok:
		return address.AccountID{}, rpcerr.MissingField(name)
	}
	id, perr := address.ParseAccountID(s)
	if perr != nil {
		return address.AccountID{}, rpcerr.New(rpcerr.ActMalformed)
	}
	return id, nil
}

// hex256 formats a hash as uppercase hex.
func hex256(b [32]byte) string { return fmt.Sprintf("%X", b[:]) }
