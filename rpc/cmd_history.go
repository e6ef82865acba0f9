package rpc

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// pastLedger checks that seq, a closed ledger before the view's, is one
// whose state the node can read: in the log's range and in the
// history's.
func (c *call) pastLedger(seq uint32) error {
	first, last := c.view.Complete()
	if seq < first || seq > last {
		return rpcerr.New(rpcerr.LgrNotFound)
	}
	if c.s.node.hist == nil {
		h, _ := c.view.Closed()
		return rpcerr.Newf(rpcerr.LgrNotFound, "ledgerNotFound: this node keeps the state of its last closed ledger (%d) only", h.Seq)
	}
	return nil
}

// errNoHistory answers ledger_entry and ledger_data on a node without
// the state history (a node always has it; the package's tests may not).
var errNoHistory = rpcerr.Newf(rpcerr.LgrNotFound, "ledgerNotFound: this node serves no state history")

// historyErr turns a History error into the answer: a ledger it does
// not cover is lgrNotFound, anything else a node fault.
func historyErr(err error) error {
	if errors.Is(err, ledgerlog.ErrNoHistory) {
		return rpcerr.Newf(rpcerr.LgrNotFound, "ledgerNotFound: the event log holds no state history for this ledger (it was written before the entry index)")
	}
	return err
}

// entryJSON renders an entry as rippled's ledger entry JSON.
func entryJSON(e *ledgerlog.Entry) map[string]any {
	switch {
	case e.Account != nil:
		return accountData(e.Account)
	case e.Escrow != nil:
		return escrowJSON(e.Escrow)
	case e.Line != nil:
		return rippleStateJSON(e.Line)
	case e.Table == nil:
		m := make(map[string]any, len(e.Fields)+2)
		for k, v := range e.Fields {
			m[k] = v
		}
		m["LedgerEntryType"], m["index"] = e.Kind, hex256(e.Key)
		return m
	}
	t := e.Table
	return map[string]any{
		"CreateLgrSeq":      t.CreatedSeq,
		"CreatedTxnHash":    hex256(t.CreatedTx),
		"LedgerEntryType":   ledgerlog.KindTable,
		"NameInDB":          strings.ToUpper(hex.EncodeToString(t.NameInDB[:])),
		"Owner":             t.Owner.String(),
		"PreviousTxnID":     hex256(t.PreviousTxnID),
		"PreviousTxnLgrSeq": t.PreviousTxnLgrSeq,
		"TableName":         strings.ToUpper(hex.EncodeToString(t.Name)),
		"TxCheckHash":       hex256(t.CheckHash),
		"index":             hex256(e.Key),
	}
}

// closedLedger resolves the ledger selector of a state query to a
// closed ledger: "current" (and no selector, rippled's default) is the
// last closed ledger, as the open ledger's entries are not kept apart.
func (c *call) closedLedger() (uint32, error) {
	seq, current, err := c.ledgerSelector()
	if err != nil {
		return 0, err
	}
	h, _ := c.view.Closed()
	if current {
		return h.Seq, nil
	}
	if seq != h.Seq {
		if err := c.pastLedger(seq); err != nil {
			return 0, err
		}
	}
	return seq, nil
}

// hexKey reads a ledger index: a JSON string of 64 hex digits.
func hexKey(raw json.RawMessage) (hash.Hash256, bool) {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return hash.Hash256{}, false
	}
	return parseHash256(s)
}

// parseHash256 reads a 256-bit hash (a ledger, transaction or entry
// identifier) written as 64 hex digits, of either case.
func parseHash256(s string) (hash.Hash256, bool) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 32 {
		return hash.Hash256{}, false
	}
	return hash.Hash256(b), true
}

// entryKeyParam reads ledger_entry's choice of entry, as rippled's:
// index, account_root, escrow (an index, or {owner, seq}) or table (an
// index, or {owner, table_name}: this node's table entries), with the
// kind it must have ("" for index).
func (c *call) entryKeyParam() (hash.Hash256, string, error) {
	if raw, ok := c.params["index"]; ok {
		k, ok := hexKey(raw)
		if !ok {
			return k, "", malformedRequest("index is not 64 hex digits.")
		}
		return k, "", nil
	}
	if raw, ok := c.params["account_root"]; ok {
		id, err := bareAccount(raw, "malformedAddress")
		if err != nil {
			return hash.Hash256{}, "", err
		}
		return ledger.AccountKey(id), ledgerlog.KindAccountRoot, nil
	}
	if raw, ok := c.params["escrow"]; ok {
		if k, ok := hexKey(raw); ok {
			return k, ledgerlog.KindEscrow, nil
		}
		var q struct {
			Owner *string
			Seq   *uint32
		}
		if json.Unmarshal(raw, &q) != nil || q.Owner == nil || q.Seq == nil {
			return hash.Hash256{}, "", malformedRequest("escrow is an index or {\"owner\", \"seq\"}.")
		}
		id, err := address.ParseAccountID(*q.Owner)
		if err != nil {
			return hash.Hash256{}, "", rpcerr.Bare("malformedOwner", "The escrow's owner is not an account.")
		}
		return ledger.EscrowKey(id, *q.Seq), ledgerlog.KindEscrow, nil
	}
	if raw, ok := c.params["table"]; ok {
		if k, ok := hexKey(raw); ok {
			return k, ledgerlog.KindTable, nil
		}
		var q struct {
			Owner     *string
			TableName *string `json:"table_name"`
		}
		if json.Unmarshal(raw, &q) != nil || q.Owner == nil || q.TableName == nil || *q.TableName == "" {
			return hash.Hash256{}, "", malformedRequest("table is an index or {\"owner\", \"table_name\"}.")
		}
		id, err := address.ParseAccountID(*q.Owner)
		if err != nil {
			return hash.Hash256{}, "", rpcerr.Bare("malformedOwner", "The table's owner is not an account.")
		}
		return ledger.TableKey(id, []byte(*q.TableName)), ledgerlog.KindTable, nil
	}
	return hash.Hash256{}, "", rpcerr.Bare("unknownOption", "Name the entry with index, account_root, escrow or table.")
}

// malformedRequest is ledger_entry's refusal of a malformed choice.
func malformedRequest(why string) error {
	return rpcerr.Bare("malformedRequest", "Malformed request: "+why)
}

// bareAccount reads an account that ledger_entry refuses with token.
func bareAccount(raw json.RawMessage, token string) (address.AccountID, error) {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return address.AccountID{}, rpcerr.Bare(token, "Not an account address.")
	}
	id, err := address.ParseAccountID(s)
	if err != nil {
		return address.AccountID{}, rpcerr.Bare(token, "Not an account address.")
	}
	return id, nil
}

// cmdLedgerEntry is rippled's ledger_entry: one entry of any closed
// ledger the log holds, by index or by what names it. The entry comes
// from the state history (the event log), for the last closed ledger as
// for older ones, so every ledger answers alike.
func cmdLedgerEntry(c *call) (any, error) {
	key, kind, err := c.entryKeyParam()
	if err != nil {
		return nil, err
	}
	if c.has("binary") {
		if b, err := c.boolean("binary"); err != nil {
			return nil, err
		} else if b {
			return nil, rpcerr.Newf(rpcerr.NotSupported, "binary is not supported: entries are served as JSON.")
		}
	}
	seq, err := c.closedLedger()
	if err != nil {
		return nil, err
	}
	hist := c.s.node.hist
	if hist == nil {
		return nil, errNoHistory
	}
	e, ok, err := hist.Entry(key, seq)
	if err != nil {
		return nil, historyErr(err)
	}
	if !ok {
		return nil, rpcerr.Bare("entryNotFound", "Entry not found.")
	}
	if kind != "" && e.Kind != kind {
		return nil, malformedRequest("the entry is a " + e.Kind + ", not a " + kind + ".")
	}
	return map[string]any{
		"index":        hex256(key),
		"ledger_hash":  hex256(c.ledgerHash(seq)),
		"ledger_index": seq,
		"node":         entryJSON(&e),
		"validated":    true,
	}, nil
}

// ledgerHash is the hash of a closed ledger in the log's range.
func (c *call) ledgerHash(seq uint32) hash.Hash256 {
	h, hash := c.view.Closed()
	if seq == h.Seq {
		return hash
	}
	lh, _, _, err := c.s.node.log.LedgerHeader(seq)
	if err != nil {
		return [32]byte{}
	}
	return lh
}

// ledgerDataPage is rippled's page length of ledger_data in JSON.
const ledgerDataPage = 256

// ledgerDataTypes are ledger_data's type filters that name entries
// this node has (rippled's names; "table" is ChainSQL's).
var ledgerDataTypes = map[string]string{
	"account": ledgerlog.KindAccountRoot, "escrow": ledgerlog.KindEscrow, "table": ledgerlog.KindTable, "state": ledgerlog.KindRippleState,
}

// cmdLedgerData is rippled's ledger_data: every entry of a closed ledger,
// in ledger index order, a page at a time (limit, at most 256; marker,
// the ledger index the next page starts after, as rippled's), from the
// state history. The first page carries the ledger's header. A page
// reads at most four times its limit of the history's keys (entries
// deleted by that ledger are skipped, and count), so a page may be short
// and still carry a marker. binary is notSupported.
func cmdLedgerData(c *call) (any, error) {
	hist := c.s.node.hist
	if hist == nil {
		return nil, errNoHistory
	}
	if b, err := c.boolean("binary"); err != nil {
		return nil, err
	} else if b {
		return nil, rpcerr.Newf(rpcerr.NotSupported, "binary is not supported: entries are served as JSON.")
	}
	var from hash.Hash256
	raw, isMarker := c.params["marker"]
	if isMarker {
		k, ok := hexKey(raw)
		if !ok {
			return nil, rpcerr.InvalidField("marker")
		}
		from, ok = nextKey(k)
		if !ok {
			return nil, rpcerr.InvalidField("marker")
		}
	}
	limit := ledgerDataPage
	if c.has("limit") {
		var l int
		if err := json.Unmarshal(c.params["limit"], &l); err != nil {
			return nil, rpcerr.ExpectedField("limit", "integer")
		}
		if l > 0 && l < limit {
			limit = l
		}
	}
	kind := ""
	if t, ok, err := c.str("type"); err != nil {
		return nil, err
	} else if ok {
		if kind, ok = ledgerDataTypes[t]; !ok {
			return nil, rpcerr.InvalidField("type")
		}
	}
	seq, err := c.closedLedger()
	if err != nil {
		return nil, err
	}
	entries, next, more, err := hist.Entries(seq, from, limit, 4*limit)
	if err != nil {
		return nil, historyErr(err)
	}
	state := make([]any, 0, len(entries))
	for i := range entries {
		if kind == "" || entries[i].Kind == kind {
			state = append(state, entryJSON(&entries[i]))
		}
	}
	lh := c.ledgerHash(seq)
	out := map[string]any{
		"ledger_hash":  hex256(lh),
		"ledger_index": seq,
		"state":        state,
		"validated":    true,
	}
	if !isMarker {
		// The header alone, without reading the ledger's transactions.
		h, err := ledgerlog.LedgerHeader(c.s.node.log, seq)
		if errors.Is(err, eventlog.ErrNotFound) {
			return nil, rpcerr.New(rpcerr.LgrNotFound)
		} else if err != nil {
			return nil, err
		}
		out["ledger"] = headerJSON(h, lh)
	}
	if more {
		m, _ := prevKey(next)
		out["marker"] = hex256(m)
	}
	return out, nil
}

// nextKey is k+1 as a 256-bit number (false past the last key).
func nextKey(k hash.Hash256) (hash.Hash256, bool) {
	for i := len(k) - 1; i >= 0; i-- {
		k[i]++
		if k[i] != 0 {
			return k, true
		}
	}
	return k, false
}

// prevKey is k-1 as a 256-bit number (false below zero).
func prevKey(k hash.Hash256) (hash.Hash256, bool) {
	for i := len(k) - 1; i >= 0; i-- {
		k[i]--
		if k[i] != 0xff {
			return k, true
		}
	}
	return k, false
}
