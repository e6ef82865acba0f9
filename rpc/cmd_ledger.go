package rpc

import (
	"encoding/json"
	"errors"
	"strconv"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// ledgerSelector resolves rippled's ledger_hash / ledger_index
// parameters to a ledger sequence. "validated" and "closed" (and no
// selector) are the last closed ledger; "current" is the open one.
func (c *call) ledgerSelector() (seq uint32, current bool, err error) {
	n := c.s.node
	h, _ := c.view.Closed()
	if s, ok, err := c.str("ledger_hash"); err != nil {
		return 0, false, err
	} else if ok {
		h, ok := parseHash256(s)
		if !ok {
			return 0, false, rpcerr.New(rpcerr.LgrIdxMalformed)
		}
		hdr, lerr := n.log.LedgerByHash(h)
		if errors.Is(lerr, eventlog.ErrNotFound) {
			return 0, false, rpcerr.New(rpcerr.LgrNotFound)
		} else if lerr != nil {
			return 0, false, lerr
		}
		return hdr.Seq, false, nil
	}
	raw, ok := c.params["ledger_index"]
	if !ok {
		return h.Seq, false, nil
	}
	var idx any
	if err := json.Unmarshal(raw, &idx); err != nil {
		return 0, false, rpcerr.New(rpcerr.LgrIdxMalformed)
	}
	switch v := idx.(type) {
	case string:
		switch v {
		case "validated", "closed":
			return h.Seq, false, nil
		case "current":
			return h.Seq + 1, true, nil
		}
		n, perr := strconv.ParseUint(v, 10, 32)
		if perr != nil {
			return 0, false, rpcerr.New(rpcerr.LgrIdxMalformed)
		}
		return uint32(n), false, nil
	case float64:
		if v < 0 || v > 1<<32-1 || v != float64(uint32(v)) {
			return 0, false, rpcerr.New(rpcerr.LgrIdxMalformed)
		}
		return uint32(v), false, nil
	}
	return 0, false, rpcerr.New(rpcerr.LgrIdxMalformed)
}

func cmdLedger(c *call) (any, error) {
	n := c.s.node
	seq, current, err := c.ledgerSelector()
	if err != nil {
		return nil, err
	}
	if current {
		h, hash := c.view.Closed()
		return map[string]any{
			"ledger": map[string]any{
				"closed":       false,
				"ledger_index": strconv.FormatUint(uint64(seq), 10),
				"parent_hash":  hex256(hash),
				"seqNum":       strconv.FormatUint(uint64(seq), 10),
				"totalCoins":   strconv.FormatUint(h.TotalDrops, 10),
				"total_coins":  strconv.FormatUint(h.TotalDrops, 10),
			},
			"ledger_current_index": seq,
			"validated":            false,
		}, nil
	}
	withTxs, err := c.boolean("transactions")
	if err != nil {
		return nil, err
	}
	expand, err := c.boolean("expand")
	if err != nil {
		return nil, err
	}
	led, err := n.log.Ledger(seq)
	if errors.Is(err, eventlog.ErrNotFound) {
		return nil, rpcerr.New(rpcerr.LgrNotFound)
	} else if err != nil {
		return nil, err
	}
	h, err := ledgerlog.Header(led)
	if err != nil {
		return nil, err
	}
	obj := headerJSON(h, led.Hash)
	if withTxs {
		txs := make([]any, len(led.Txs))
		for i := range led.Txs {
			t := &led.Txs[i]
			if !expand {
				txs[i] = hex256(t.Hash)
				continue
			}
			m, err := txFields(t)
			if err != nil {
				return nil, err
			}
			if m["metaData"], err = metaJSON(t); err != nil {
				return nil, err
			}
			txs[i] = m
		}
		obj["transactions"] = txs
	}
	return map[string]any{
		"ledger":       obj,
		"ledger_hash":  hex256(led.Hash),
		"ledger_index": h.Seq,
		"validated":    true,
	}, nil
}

func cmdLedgerClosed(c *call) (any, error) {
	h, hash := c.view.Closed()
	return map[string]any{"ledger_hash": hex256(hash), "ledger_index": h.Seq}, nil
}

func cmdLedgerCurrent(c *call) (any, error) {
	h, _ := c.view.Closed()
	return map[string]any{"ledger_current_index": h.Seq + 1}, nil
}

// cmdLedgerAccept closes the open ledger now (admin only) and answers
// once the ledger is durable.
func cmdLedgerAccept(c *call) (any, error) {
	token := c.s.park(c.req, func(answer Answer) {
		a := answer.(Accepted)
		if a.Err != nil {
			c.s.fail(c.req, a.Err)
			return
		}
		c.s.ok(c.req, map[string]any{"ledger_current_index": a.Current})
	})
	c.s.ask.AcceptLedger(token)
	return deferred, nil
}
