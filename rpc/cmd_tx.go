package rpc

import (
	"encoding/hex"
	"errors"
	"strings"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

func cmdTx(c *call) (any, error) {
	n := c.s.node
	s, ok, err := c.str("transaction")
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, rpcerr.MissingField("transaction")
	}
	h, ok := parseHash256(s)
	if !ok {
		return nil, rpcerr.ExpectedField("transaction", "a transaction hash (64 hex digits)")
	}
	binary, err := c.boolean("binary")
	if err != nil {
		return nil, err
	}
	rec, err := n.log.Tx(h)
	if errors.Is(err, eventlog.ErrNotFound) {
		return nil, rpcerr.New(rpcerr.TxnNotFound)
	} else if err != nil {
		return nil, err
	}
	times := closeTimes{log: n.log}
	ct, err := times.get(rec.LedgerSeq)
	if err != nil {
		return nil, err
	}
	if binary {
		return map[string]any{
			"tx":           strings.ToUpper(hex.EncodeToString(rec.Tx.Blob)),
			"meta":         strings.ToUpper(hex.EncodeToString(rec.Tx.Meta)),
			"hash":         hex256(rec.Tx.Hash),
			"ledger_index": rec.LedgerSeq,
			"date":         ct,
			"validated":    true,
		}, nil
	}
	return txRecordJSON(rec, ct)
}
