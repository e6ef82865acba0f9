package rpc

import (
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// accountData renders an account root as rippled's account_data.
func accountData(a *ledger.AccountRoot) map[string]any {
	m := map[string]any{
		"Account":           a.Account.String(),
		"Balance":           strconv.FormatUint(a.Balance, 10),
		"Flags":             a.Flags,
		"LedgerEntryType":   "AccountRoot",
		"OwnerCount":        a.OwnerCount,
		"PreviousTxnID":     hex256(a.PreviousTxnID),
		"PreviousTxnLgrSeq": a.PreviousTxnLgrSeq,
		"Sequence":          a.Sequence,
		"index":             hex256(ledger.AccountKey(a.Account)),
	}
	if len(a.Domain) > 0 {
		m["Domain"] = hex.EncodeToString(a.Domain)
	}
	if a.TransferRate != 0 {
		m["TransferRate"] = a.TransferRate
	}
	if len(a.TransferFeeMin) > 0 {
		m["TransferFeeMin"] = strings.ToUpper(hex.EncodeToString(a.TransferFeeMin))
	}
	if len(a.TransferFeeMax) > 0 {
		m["TransferFeeMax"] = strings.ToUpper(hex.EncodeToString(a.TransferFeeMax))
	}
	return m
}

// cmdAccountInfo answers from the last closed ledger ("validated",
// "closed" or its sequence), from an older one by the state history
// (ledger_index or ledger_hash), or, by default as in rippled, from the
// open ledger: the committed account less what its queued transactions
// take, which admission knows (Asker.OpenAccount).
func cmdAccountInfo(c *call) (any, error) {
	id, err := c.account("account")
	if err != nil {
		return nil, err
	}
	_, hasIndex := c.params["ledger_index"]
	_, hasHash := c.params["ledger_hash"]
	seq, current, err := c.ledgerSelector()
	if err != nil {
		return nil, err
	}
	h, _ := c.view.Closed()
	if current || (!hasIndex && !hasHash) {
		token := c.s.park(c.req, func(answer Answer) {
			a := answer.(OpenAccount)
			if a.Root == nil {
				c.s.fail(c.req, rpcerr.New(rpcerr.ActNotFound))
				return
			}
			c.s.ok(c.req, map[string]any{
				"account_data":         accountData(a.Root),
				"ledger_current_index": h.Seq + 1,
				"validated":            false,
			})
		})
		c.s.ask.OpenAccount(token, id)
		return deferred, nil
	}
	root, ok := c.view.Account(id)
	if seq != h.Seq {
		if err := c.pastLedger(seq); err != nil {
			return nil, err
		}
		if root, ok, err = c.s.node.hist.Account(id, seq); err != nil {
			return nil, historyErr(err)
		}
	}
	if !ok {
		return nil, rpcerr.New(rpcerr.ActNotFound)
	}
	return map[string]any{
		"account_data": accountData(&root),
		"ledger_index": seq,
		"validated":    true,
	}, nil
}

// Limits of account_tx pages.
const (
	accountTxDefaultLimit = 200
	accountTxMaxLimit     = 400
)

func cmdAccountTx(c *call) (any, error) {
	n := c.s.node
	id, err := c.account("account")
	if err != nil {
		return nil, err
	}
	first, last := c.view.Complete()
	lo, err := c.ledgerBound("ledger_index_min", first)
	if err != nil {
		return nil, err
	}
	hi, err := c.ledgerBound("ledger_index_max", last)
	if err != nil {
		return nil, err
	}
	if lo > hi {
		return nil, rpcerr.New(rpcerr.LgrIdxsInvalid)
	}
	forward, err := c.boolean("forward")
	if err != nil {
		return nil, err
	}
	binary, err := c.boolean("binary")
	if err != nil {
		return nil, err
	}
	limit := uint64(accountTxDefaultLimit)
	if l, ok, err := c.uint("limit"); err != nil {
		return nil, err
	} else if ok {
		limit = min(max(l, 1), accountTxMaxLimit)
	}
	q := eventlog.AccountTxQuery{Account: id, MinSeq: lo, MaxSeq: hi, Forward: forward, Limit: int(limit)}
	if raw, ok := c.params["marker"]; ok {
		var m eventlog.Marker
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, rpcerr.InvalidField("marker")
		}
		q.Marker = &m
	}
	recs, next, err := n.log.AccountTx(q)
	if err != nil {
		return nil, err
	}
	times := closeTimes{log: n.log}
	txs := make([]any, 0, len(recs))
	for i := range recs {
		rec := &recs[i]
		if binary {
			txs = append(txs, map[string]any{
				"ledger_index": rec.LedgerSeq,
				"meta":         strings.ToUpper(hex.EncodeToString(rec.Tx.Meta)),
				"tx_blob":      strings.ToUpper(hex.EncodeToString(rec.Tx.Blob)),
				"validated":    true,
			})
			continue
		}
		ct, err := times.get(rec.LedgerSeq)
		if err != nil {
			return nil, err
		}
		t, err := txFields(&rec.Tx)
		if err != nil {
			return nil, err
		}
		t["ledger_index"] = rec.LedgerSeq
		t["inLedger"] = rec.LedgerSeq
		t["date"] = ct
		meta, err := metaJSON(&rec.Tx)
		if err != nil {
			return nil, err
		}
		txs = append(txs, map[string]any{"meta": meta, "tx": t, "validated": true})
	}
	out := map[string]any{
		"account":          id.String(),
		"ledger_index_min": lo,
		"ledger_index_max": hi,
		"limit":            limit,
		"transactions":     txs,
		"validated":        true,
	}
	if next != nil {
		out["marker"] = next
	}
	return out, nil
}

// ledgerBound reads ledger_index_min/max: absent or -1 means def.
func (c *call) ledgerBound(name string, def uint32) (uint32, error) {
	raw, ok := c.params[name]
	if !ok {
		return def, nil
	}
	var v int64
	if err := json.Unmarshal(raw, &v); err != nil || v < -1 || v > 1<<32-1 {
		return 0, rpcerr.InvalidField(name)
	}
	if v == -1 {
		return def, nil
	}
	return uint32(v), nil
}

// closeTimes caches ledger close times for one answer.
type closeTimes struct {
	log  Log
	seen map[uint32]uint32
}

func (t *closeTimes) get(seq uint32) (uint32, error) {
	if ct, ok := t.seen[seq]; ok {
		return ct, nil
	}
	h, err := ledgerlog.LedgerHeader(t.log, seq)
	if err != nil {
		return 0, err
	}
	if t.seen == nil {
		t.seen = make(map[uint32]uint32)
	}
	t.seen[seq] = h.CloseTime
	return h.CloseTime, nil
}
