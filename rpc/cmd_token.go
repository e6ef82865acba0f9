package rpc

import (
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// cmdGUserToken answers a user's Token for a table, as chainsqld's
// LedgerMaster::getUserToken: "" for a plain table (even when a grant
// carried a Token); for a confidential table the user's Token in upper
// case hex, tabUnauthorized when the user holds no grant, and
// userSleTokenMissing when the grant has no Token.
func cmdGUserToken(c *call) (any, error) {
	raw, ok := c.params["tx_json"]
	if !ok {
		return nil, rpcerr.MissingField("tx_json")
	}
	var q struct{ Owner, User, TableName string }
	if err := json.Unmarshal(raw, &q); err != nil {
		return nil, rpcerr.ObjectField("tx_json")
	}
	owner, err := address.ParseAccountID(q.Owner)
	if err != nil {
		return nil, rpcerr.New(rpcerr.ActMalformed)
	}
	user, err := address.ParseAccountID(q.User)
	if err != nil {
		return nil, rpcerr.New(rpcerr.ActMalformed)
	}
	if _, ok := c.view.Account(owner); !ok {
		return nil, rpcerr.New(rpcerr.ActNotFound)
	}
	if _, ok := c.view.Account(user); !ok {
		return nil, rpcerr.New(rpcerr.ActNotFound)
	}
	tbl, ok := c.view.Table(owner, []byte(q.TableName))
	if !ok {
		return nil, rpcerr.New(rpcerr.TabNotExist)
	}
	if !tbl.Confidential() {
		return map[string]any{"token": ""}, nil
	}
	if tok, ok := tbl.Token(user); ok {
		return map[string]any{"token": strings.ToUpper(hex.EncodeToString(tok))}, nil
	}
	if tbl.Permissions(user) != 0 {
		return nil, rpcerr.New(rpcerr.SLETokenMissing)
	}
	return nil, rpcerr.New(rpcerr.TabUnauthorized)
}
