package rpc

import (
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"strings"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// The notification frames of both dialects. The subscription hub decides
// who gets which and when; these decide what each says. The hub builds
// each frame once and queues the same bytes on every subscriber.

// TxJSON is a transaction as submit answers and notifications carry it:
// its JSON with hash, built once per transaction; as chainsqld does,
// without a Raw longer than rawShowSize.
func TxJSON(t *tx.Tx) json.RawMessage {
	if t.Type.IsTable() {
		if raw, ok := t.Fields.Blob("Raw"); ok && 2*len(raw) > rawShowSize {
			return t.JSONBytesWithoutRaw()
		}
	}
	return t.JSONBytes()
}

// ValidatedFrame is the singleTransaction notification of a validated
// (or rejected) transaction, txj its TxJSON. A result's detail (a
// contract's revert reason) is its error_message, as chainsqld sends it;
// "" for none.
func ValidatedFrame(txj json.RawMessage, code ter.Code, detail string) []byte {
	o := newObject(len(txj) + 160)
	status := "validate_success"
	if code != ter.TesSUCCESS {
		status = "validate_error"
		msg := code.Message()
		if detail != "" {
			msg = detail
		}
		o = o.str("error", code.Token()).str("error_message", msg)
	}
	return o.str("status", status).raw("transaction", txj).str("type", "singleTransaction").end()
}

// ValidateTimeoutFrame tells a subscriber to a transaction hash that no
// ledger held it within the transaction timeout.
func ValidateTimeoutFrame(h hash.Hash256) []byte { return timeoutFrame(h, "validate_timeout") }

// DBTimeoutFrame tells a subscriber to a validated table transaction
// that the SQL store gave no result for it within the db timeout.
func DBTimeoutFrame(h hash.Hash256) []byte { return timeoutFrame(h, "db_timeout") }

func timeoutFrame(h hash.Hash256, status string) []byte {
	return mustJSON(map[string]any{
		"type":        "singleTransaction",
		"transaction": map[string]any{"hash": hex256(h)},
		"status":      status,
	})
}

// DBFrame is the singleTransaction notification of a table
// transaction's SQL result: status db_success or db_error, with errMsg
// ("" for none).
func DBFrame(txj json.RawMessage, status, errMsg string) []byte {
	o := newObject(len(txj) + 96 + len(errMsg))
	if errMsg != "" {
		o = o.str("error_message", errMsg)
	}
	return o.str("status", status).raw("transaction", txj).str("type", "singleTransaction").end()
}

// LedgerClosedFrame is the ledger stream's message for a closed ledger;
// first and last are the range of ledgers the node holds.
func LedgerClosedFrame(c *ledger.Closed, p ledger.Params, first, last uint32) []byte {
	return mustJSON(map[string]any{
		"type":              "ledgerClosed",
		"fee_base":          p.BaseFee,
		"fee_ref":           p.BaseFee,
		"ledger_hash":       hex256(c.Hash),
		"ledger_index":      c.Header.Seq,
		"ledger_time":       c.Header.CloseTime,
		"reserve_base":      p.ReserveBase,
		"reserve_inc":       p.ReserveInc,
		"txn_count":         len(c.Txs),
		"validated_ledgers": completeLedgers(first, last),
	})
}

// TransactionFrame is the transactions and accounts streams' message
// for a transaction of a closed ledger, txj its TxJSON. The error is
// ledger.DecodeMeta's, if the transaction's metadata does not decode.
func TransactionFrame(c *ledger.Closed, ap *ledger.Applied, txj any) ([]byte, error) {
	meta, err := ledger.DecodeMeta(ap.MetaBlob)
	if err != nil {
		return nil, err
	}
	return mustJSON(engineResult(map[string]any{
		"type":         "transaction",
		"ledger_hash":  hex256(c.Hash),
		"ledger_index": c.Header.Seq,
		"meta":         meta,
		"status":       "closed",
		"transaction":  txj,
		"validated":    true,
	}, ap.Meta.Result)), nil
}

// ContractEventFrame is an accounts_contract subscriber's notification
// of one log.
func ContractEventFrame(l ledger.ContractLog) []byte {
	topics := make([]string, len(l.Topics))
	for i, t := range l.Topics {
		topics[i] = hex256(t)
	}
	return mustJSON(map[string]any{
		"type":                "contract_event",
		"ContractAddress":     l.Address.String(),
		"ContractEventTopics": topics,
		"ContractEventInfo":   strings.ToUpper(hex.EncodeToString(l.Data)),
	})
}

// TableFrame is a table subscription's notification of a validated
// table transaction.
func TableFrame(r ledger.TableRef, txj any, code ter.Code) []byte {
	m := map[string]any{"type": "table", "tablename": string(r.Name), "owner": r.Owner.String(), "transaction": txj, "status": "validate_success"}
	if code != ter.TesSUCCESS {
		m["status"] = "validate_error"
		m["error"] = code.Token()
		m["error_message"] = code.Message()
	}
	return mustJSON(m)
}

// TableDBFrame is a table subscription's notification of a table
// transaction's SQL result: status db_success or db_error, with errMsg
// ("" for none).
func TableDBFrame(r ledger.TableRef, txj any, status, errMsg string) []byte {
	tf := map[string]any{"type": "table", "tablename": string(r.Name), "owner": r.Owner.String(), "transaction": txj, "status": status}
	if errMsg != "" {
		tf["error_message"] = errMsg
	}
	return mustJSON(tf)
}

// nknPushAction is the Action of the push sent for every closed ledger.
const nknPushAction = "updateSigChainBlockHash"

// NKNPushFrame is the NKN updateSigChainBlockHash push of a closed
// ledger. Its Result is what NKN sent: the hash of the block before the
// new one (height-1, the new block's prevBlockHash), the block every
// node already agrees on, written as getblock writes hashes.
func NKNPushFrame(parentHash hash.Hash256) []byte {
	return gateway.NKNReply(nknPushAction, nil, gateway.NKNSuccess, hexLower(parentHash))
}

// mustJSON marshals a frame built from maps of JSON-ready values, which
// cannot fail.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		slog.Error("rpc: frame does not marshal", "err", err)
		return []byte(`{"type":"error"}`)
	}
	return b
}
