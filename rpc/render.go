package rpc

import (
	"fmt"
	"strconv"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
)

// closeTimeHuman renders a Ripple-epoch time as rippled does.
func closeTimeHuman(t uint32) string {
	return time.Unix(int64(t)+ledger.RippleEpoch, 0).UTC().Format("2006-Jan-02 15:04:05.000000000 UTC")
}

// headerJSON renders a ledger header as rippled's "ledger" object.
func headerJSON(h ledger.Header, hsh hash.Hash256) map[string]any {
	return map[string]any{
		"accepted":              true,
		"account_hash":          hex256(h.AccountHash),
		"close_flags":           h.CloseFlags,
		"close_time":            h.CloseTime,
		"close_time_human":      closeTimeHuman(h.CloseTime),
		"close_time_resolution": h.CloseTimeResolution,
		"closed":                true,
		"hash":                  hex256(hsh),
		"ledger_hash":           hex256(hsh),
		"ledger_index":          strconv.FormatUint(uint64(h.Seq), 10),
		"parent_close_time":     h.ParentCloseTime,
		"parent_hash":           hex256(h.ParentHash),
		"seqNum":                strconv.FormatUint(uint64(h.Seq), 10),
		"totalCoins":            strconv.FormatUint(h.TotalDrops, 10),
		"total_coins":           strconv.FormatUint(h.TotalDrops, 10),
		"transaction_hash":      hex256(h.TxHash),
	}
}

// txFields renders a transaction blob as JSON with its hash.
func txFields(t *eventlog.Tx) (map[string]any, error) {
	o, err := ledgerlog.TxFields(t)
	if err != nil {
		return nil, fmt.Errorf("stored transaction %X: %w", t.Hash, err)
	}
	m := o.Map()
	m["hash"] = hex256(t.Hash)
	return m, nil
}

// metaJSON renders a metadata blob.
func metaJSON(t *eventlog.Tx) (map[string]any, error) {
	o, err := ledgerlog.MetaJSON(t)
	if err != nil {
		return nil, fmt.Errorf("stored metadata of %X: %w", t.Hash, err)
	}
	return o, nil
}

// txRecordJSON renders a validated transaction as rippled's tx command
// does: its fields, hash, meta, ledger_index, date and validated.
func txRecordJSON(rec *eventlog.TxRecord, closeTime uint32) (map[string]any, error) {
	m, err := txFields(&rec.Tx)
	if err != nil {
		return nil, err
	}
	meta, err := metaJSON(&rec.Tx)
	if err != nil {
		return nil, err
	}
	m["meta"] = meta
	m["ledger_index"] = rec.LedgerSeq
	m["inLedger"] = rec.LedgerSeq
	m["date"] = closeTime
	m["validated"] = true
	return m, nil
}

// engineResult is the trio of fields rippled reports for a result.
func engineResult(m map[string]any, code ter.Code) map[string]any {
	m["engine_result"] = code.Token()
	m["engine_result_code"] = int(code)
	m["engine_result_message"] = code.Message()
	return m
}
