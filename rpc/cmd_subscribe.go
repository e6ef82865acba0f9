package rpc

import (
	"encoding/json"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

func cmdSubscribe(c *call) (any, error)   { return c.subscription(false) }
func cmdUnsubscribe(c *call) (any, error) { return c.subscription(true) }

// subscription reads streams, accounts and transaction (ChainSQL's
// subscription to one transaction hash) and asks for them.
//
// rippled's url form (url, url_username, url_password: events POSTed to
// a webhook) is admin-only there, and so it is here: noPermission for
// anyone else. The node has no webhooks, so an admin gets notImpl rather
// than a url silently ignored.
func (c *call) subscription(remove bool) (any, error) {
	if c.has("url") || c.has("url_username") || c.has("url_password") {
		if !c.s.conn.IsAdmin() {
			return nil, rpcerr.New(rpcerr.NoPermission)
		}
		return nil, rpcerr.Newf(rpcerr.NotImpl, "Webhook subscriptions (url) are not implemented; subscribe over this WebSocket session instead.")
	}
	sub := &Subscription{Remove: remove}
	if raw, ok := c.params["streams"]; ok {
		var streams []string
		if err := json.Unmarshal(raw, &streams); err != nil {
			return nil, rpcerr.New(rpcerr.StreamMalformed)
		}
		for _, s := range streams {
			switch s {
			case "ledger":
				sub.Ledger = true
			case "transactions", "transactions_proposed":
				sub.Transactions = true
			case "server", "validations", "manifests", "peer_status", "consensus":
				// Streams of a multi-node network: accepted, and silent on
				// a node that runs alone.
			default:
				return nil, rpcerr.New(rpcerr.StreamMalformed)
			}
		}
	}
	for _, key := range []string{"accounts", "accounts_proposed"} {
		ids, err := c.accountList(key)
		if err != nil {
			return nil, err
		}
		sub.Accounts = append(sub.Accounts, ids...)
	}
	contracts, err := c.accountList("accounts_contract")
	if err != nil {
		return nil, err
	}
	sub.Contracts = contracts
	if c.has("owner") || c.has("tablename") {
		owner, name, err := c.tableParam("owner", "tablename")
		if err != nil {
			return nil, err
		}
		sub.Tables = append(sub.Tables, ledger.TableRef{Owner: owner, Name: name})
	}
	if s, ok, err := c.str("transaction"); err != nil {
		return nil, err
	} else if ok {
		h, ok := parseHash256(s)
		if !ok {
			return nil, rpcerr.InvalidField("transaction")
		}
		sub.Hashes = append(sub.Hashes, h)
	}
	c.s.ask.Subscribe(sub)
	if !sub.Ledger || remove {
		return map[string]any{}, nil
	}
	h, lh := c.view.Closed()
	p := c.view.Params()
	return map[string]any{
		"fee_base":          p.BaseFee,
		"fee_ref":           p.BaseFee,
		"ledger_hash":       hex256(lh),
		"ledger_index":      h.Seq,
		"ledger_time":       h.CloseTime,
		"reserve_base":      p.ReserveBase,
		"reserve_inc":       p.ReserveInc,
		"validated_ledgers": c.validatedLedgers(),
	}, nil
}
