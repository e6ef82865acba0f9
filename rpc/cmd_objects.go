package rpc

import (
	"strconv"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/iou"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// accountObjectTypes are rippled's account_objects type filters; of
// these, only escrows and trust lines (state) exist here, so the others
// list nothing.
var accountObjectTypes = map[string]bool{
	"check": true, "deposit_preauth": true, "escrow": true, "offer": true,
	"payment_channel": true, "signer_list": true, "state": true, "ticket": true,
}

// cmdAccountObjects is rippled's account_objects: the ledger objects an
// account owns or is the destination of. Here those are escrows
// (LedgerEntryType Escrow) and then trust lines (RippleState), each in
// ledger index order, from the last closed
// ledger (the default and "current" included: the open ledger's objects
// are not kept) or an older one by the state history. type filters as
// rippled's; limit and marker are not needed, as one account's escrows
// are few (each costs a reserve).
func cmdAccountObjects(c *call) (any, error) {
	id, err := c.account("account")
	if err != nil {
		return nil, err
	}
	seq, err := c.closedLedger()
	if err != nil {
		return nil, err
	}
	h, _ := c.view.Closed()
	past := seq != h.Seq
	typ, hasType, err := c.str("type")
	if err != nil {
		return nil, err
	}
	if hasType && !accountObjectTypes[typ] {
		return nil, rpcerr.InvalidField("type")
	}
	var escrows []*ledger.Escrow
	var lines []*ledger.TrustLine
	if past {
		if escrows, lines, err = c.objectsAt(id, seq); err != nil {
			return nil, err
		}
	} else {
		if _, ok := c.view.Account(id); !ok {
			return nil, rpcerr.New(rpcerr.ActNotFound)
		}
		escrows, lines = c.view.AccountEscrows(id), c.view.AccountLines(id)
	}
	objects := []any{}
	if !hasType || typ == "escrow" {
		for _, e := range escrows {
			objects = append(objects, escrowJSON(e))
		}
	}
	if !hasType || typ == "state" {
		for _, l := range lines {
			objects = append(objects, rippleStateJSON(l))
		}
	}
	return map[string]any{
		"account":         id.String(),
		"account_objects": objects,
		"ledger_hash":     hex256(c.ledgerHash(seq)),
		"ledger_index":    seq,
		"validated":       true,
	}, nil
}

// objectsAt returns the escrows and trust lines of an account as they
// stood after older closed ledger seq (one pastLedger accepted), from
// the state history (actNotFound when the account did not exist then).
func (c *call) objectsAt(id address.AccountID, seq uint32) ([]*ledger.Escrow, []*ledger.TrustLine, error) {
	hist := c.s.node.hist
	if _, ok, err := hist.Account(id, seq); err != nil {
		return nil, nil, historyErr(err)
	} else if !ok {
		return nil, nil, rpcerr.New(rpcerr.ActNotFound)
	}
	objs, err := hist.Objects(id, seq)
	if err != nil {
		return nil, nil, historyErr(err)
	}
	var escrows []*ledger.Escrow
	var lines []*ledger.TrustLine
	for _, o := range objs {
		switch {
		case o.Escrow != nil:
			escrows = append(escrows, o.Escrow)
		case o.Line != nil:
			lines = append(lines, o.Line)
		}
	}
	return escrows, lines, nil
}

// escrowJSON renders an escrow as rippled's ledger entry.
func escrowJSON(e *ledger.Escrow) map[string]any {
	m := map[string]any{
		"Account":           e.Owner.String(),
		"Amount":            strconv.FormatUint(e.Amount, 10),
		"Destination":       e.Destination.String(),
		"Flags":             0,
		"LedgerEntryType":   "Escrow",
		"OwnerNode":         "0",
		"PreviousTxnID":     hex256(e.PreviousTxnID),
		"PreviousTxnLgrSeq": e.PreviousTxnLgrSeq,
		"index":             hex256(e.Key()),
	}
	if e.FinishAfter != 0 {
		m["FinishAfter"] = e.FinishAfter
	}
	if e.CancelAfter != 0 {
		m["CancelAfter"] = e.CancelAfter
	}
	if e.HasSourceTag {
		m["SourceTag"] = e.SourceTag
	}
	if e.HasDestinationTag {
		m["DestinationTag"] = e.DestinationTag
	}
	return m
}

// rippleStateJSON renders a trust line as rippled's ledger entry.
func rippleStateJSON(l *ledger.TrustLine) map[string]any {
	amount := func(v iou.Value, issuer address.AccountID) map[string]any {
		return map[string]any{"currency": l.Currency.String(), "issuer": issuer.String(), "value": v.String()}
	}
	m := map[string]any{
		"Balance":           amount(l.Balance, address.AccountID{19: 1}),
		"Flags":             l.Flags,
		"HighLimit":         amount(l.HighLimit, l.High),
		"HighNode":          "0",
		"LedgerEntryType":   "RippleState",
		"LowLimit":          amount(l.LowLimit, l.Low),
		"LowNode":           "0",
		"PreviousTxnID":     hex256(l.PreviousTxnID),
		"PreviousTxnLgrSeq": l.PreviousTxnLgrSeq,
		"index":             hex256(l.Key()),
	}
	for name, q := range map[string]uint32{"LowQualityIn": l.LowQualityIn, "LowQualityOut": l.LowQualityOut, "HighQualityIn": l.HighQualityIn, "HighQualityOut": l.HighQualityOut} {
		if q != 0 {
			m[name] = q
		}
	}
	return m
}
