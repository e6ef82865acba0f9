package actors

import (
	"encoding/hex"
	"encoding/json"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

func cmdSubscribe(c *call) (any, error)   { return c.subscription(false) }
func cmdUnsubscribe(c *call) (any, error) { return c.subscription(true) }

// subscription reads streams, accounts and transaction (ChainSQL's
// subscription to one transaction hash) and hands them to the hub.
func (c *call) subscription(remove bool) (any, error) {
	n := c.s.node
	sub := &subscription{conn: c.s.conn, remove: remove}
	if raw, ok := c.params["streams"]; ok {
		var streams []string
		if err := json.Unmarshal(raw, &streams); err != nil {
			return nil, rpcerr.New(rpcerr.StreamMalformed)
		}
		for _, s := range streams {
			switch s {
			case "ledger":
				sub.ledger = true
			case "transactions", "transactions_proposed":
				sub.transactions = true
			case "server", "validations", "manifests", "peer_status", "consensus":
				// Streams of a multi-node network: accepted, and silent on
				// a node that runs alone.
			default:
				return nil, rpcerr.New(rpcerr.StreamMalformed)
			}
		}
	}
	for _, key := range []string{"accounts", "accounts_proposed"} {
		raw, ok := c.params[key]
		if !ok {
			continue
		}
		var accts []string
		if err := json.Unmarshal(raw, &accts); err != nil || len(accts) == 0 {
			return nil, rpcerr.New(rpcerr.ActMalformed)
		}
		for _, a := range accts {
			id, err := address.ParseAccountID(a)
			if err != nil {
				return nil, rpcerr.New(rpcerr.ActMalformed)
			}
			sub.accounts = append(sub.accounts, id)
		}
	}
	if raw, ok := c.params["accounts_contract"]; ok {
		var accts []string
		if err := json.Unmarshal(raw, &accts); err != nil || len(accts) == 0 {
			return nil, rpcerr.New(rpcerr.ActMalformed)
		}
		for _, a := range accts {
			id, err := address.ParseAccountID(a)
			if err != nil {
				return nil, rpcerr.New(rpcerr.ActMalformed)
			}
			sub.contracts = append(sub.contracts, id)
		}
	}
	if c.has("owner") || c.has("tablename") {
		owner, name, err := c.tableParam("owner", "tablename")
		if err != nil {
			return nil, err
		}
		sub.tables = append(sub.tables, ledger.TableRef{Owner: owner, Name: name})
	}
	if s, ok, err := c.str("transaction"); err != nil {
		return nil, err
	} else if ok {
		b, derr := hex.DecodeString(s)
		if derr != nil || len(b) != 32 {
			return nil, rpcerr.InvalidField("transaction")
		}
		sub.hashes = append(sub.hashes, hash.Hash256(b))
	}
	c.ctx.Send(n.hub, sub)
	if !sub.ledger || remove {
		return map[string]any{}, nil
	}
	h, lh := n.view.Closed()
	p := n.view.Params()
	return map[string]any{
		"fee_base":          p.BaseFee,
		"fee_ref":           p.BaseFee,
		"ledger_hash":       hex256(lh),
		"ledger_index":      h.Seq,
		"ledger_time":       h.CloseTime,
		"reserve_base":      p.ReserveBase,
		"reserve_inc":       p.ReserveInc,
		"validated_ledgers": n.validatedLedgers(),
	}, nil
}
