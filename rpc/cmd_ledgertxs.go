package rpc

import (
	"encoding/json"
	"errors"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/rpcerr"
	"github.com/sqledger/sqledger/protocol/ter"
)

// cmdLedgerTxs is chainsqld's ledger_txs (the client's getLedgerTxs):
// how many of a validated ledger's transactions succeeded and failed,
// with each one's hash and result when include_success or
// include_failure is set. The ledger is required, by ledger_index (or
// its older name ledger) or ledger_hash; the open ledger is not one.
func cmdLedgerTxs(c *call) (any, error) {
	if !c.has("ledger") && !c.has("ledger_hash") && !c.has("ledger_index") {
		return nil, rpcerr.MissingField("ledger")
	}
	sel := c
	if !c.has("ledger_index") && !c.has("ledger_hash") {
		cp := *c
		cp.params = map[string]json.RawMessage{"ledger_index": c.params["ledger"]}
		sel = &cp
	}
	seq, current, err := sel.ledgerSelector()
	if err != nil {
		return nil, err
	}
	if current {
		return nil, rpcerr.New(rpcerr.LgrNotFound)
	}
	withSuccess, err := c.boolean("include_success")
	if err != nil {
		return nil, err
	}
	withFailure, err := c.boolean("include_failure")
	if err != nil {
		return nil, err
	}
	led, err := c.s.node.log.Ledger(seq)
	if errors.Is(err, eventlog.ErrNotFound) {
		return nil, rpcerr.New(rpcerr.LgrNotFound)
	} else if err != nil {
		return nil, err
	}
	success, failure := []any{}, []any{}
	for i := range led.Txs {
		t := &led.Txs[i]
		code, err := ledgerlog.Result(t)
		if err != nil {
			return nil, err
		}
		item := map[string]any{"hash": hex256(t.Hash), "transaction_result": code.Token()}
		if code == ter.TesSUCCESS {
			success = append(success, item)
		} else {
			failure = append(failure, item)
		}
	}
	out := map[string]any{"ledger_index": seq, "txn_success": len(success), "txn_failure": len(failure)}
	if withSuccess {
		out["txn_success_detail"] = success
	}
	if withFailure {
		out["txn_failure_detail"] = failure
	}
	return out, nil
}
