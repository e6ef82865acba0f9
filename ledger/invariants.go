package ledger

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/iou"

	"github.com/sqledger/sqledger/protocol/tx"
)

// ErrInvariant reports ledger state or a closed ledger that breaks a
// rule every ledger must keep: a bug or corruption, never the result of
// a transaction.
var ErrInvariant = errors.New("ledger: invariant violated")

// checkClosed verifies what must hold between a parent ledger and the
// ledger closed on it, as rippled's invariant checkers do after each
// transaction:
//
//   - the header follows its parent: the next sequence, the parent's hash
//     and close time, a later close time;
//   - each recorded transaction destroys exactly its fee and creates no
//     ZXC: the balances of the entries it touched, escrows' amounts
//     included, fall by its fee;
//   - the sender existed and its sequence advanced by one, to the
//     transaction's sequence plus one; no entry's sequence decreases and
//     none is deleted;
//   - a created account starts at sequence 1 with at least the reserve;
//   - no account but the sender loses an issued currency, and a
//     payment's destination gains what it delivered (checkLines);
//   - the header's total is the parent's less the fees.
func checkClosed(p Params, parent Header, c *Closed) error {
	h := c.Header
	switch {
	case h.Seq != parent.Seq+1:
		return fmt.Errorf("%w: ledger %d follows ledger %d", ErrInvariant, h.Seq, parent.Seq)
	case h.ParentHash != parent.Hash():
		return fmt.Errorf("%w: ledger %d: parent hash %X is not ledger %d's", ErrInvariant, h.Seq, h.ParentHash, parent.Seq)
	case h.ParentCloseTime != parent.CloseTime || h.CloseTime <= parent.CloseTime:
		return fmt.Errorf("%w: ledger %d: close time %d, parent's %d (recorded %d)", ErrInvariant, h.Seq, h.CloseTime, parent.CloseTime, h.ParentCloseTime)
	}
	var fees uint64
	for i, a := range c.Txs {
		if a.Meta.Index != uint32(i) {
			return fmt.Errorf("%w: ledger %d: transaction %d has index %d", ErrInvariant, h.Seq, i, a.Meta.Index)
		}
		if err := checkApplied(p, a); err != nil {
			return fmt.Errorf("%w: ledger %d: transaction %d (%X): %w", ErrInvariant, h.Seq, i, a.Tx.Hash, err)
		}
		fees += a.Destroyed
	}
	if fees > parent.TotalDrops || h.TotalDrops != parent.TotalDrops-fees {
		return fmt.Errorf("%w: ledger %d: total %d drops, parent's %d less %d destroyed", ErrInvariant, h.Seq, h.TotalDrops, parent.TotalDrops, fees)
	}
	return nil
}

// checkApplied verifies one recorded transaction's changes.
func checkApplied(p Params, a Applied) error {
	var before, after uint64
	sender := false
	for _, n := range a.Meta.Nodes {
		if n.After == nil {
			return errors.New("an entry was deleted")
		}
		if n.After.Balance > maxDrops {
			return fmt.Errorf("%s holds %d drops", n.After.Account, n.After.Balance)
		}
		after += n.After.Balance
		if n.Before == nil {
			// A contract's account holds what its deploy sent it, with no
			// reserve (ChainSQL's contract accounts).
			if n.After.Sequence != 1 || (n.After.Balance < p.ReserveBase && a.Tx.Type != tx.Contract) {
				return fmt.Errorf("%s created at sequence %d with %d drops", n.After.Account, n.After.Sequence, n.After.Balance)
			}
			continue
		}
		before += n.Before.Balance
		switch {
		case n.Before.Account != n.After.Account:
			return fmt.Errorf("entry %s became %s", n.Before.Account, n.After.Account)
		case n.After.Sequence < n.Before.Sequence:
			return fmt.Errorf("%s: sequence fell from %d to %d", n.After.Account, n.Before.Sequence, n.After.Sequence)
		case n.After.Account == a.Tx.Account:
			sender = true
			if n.Before.Sequence != a.Tx.Sequence || n.After.Sequence != a.Tx.Sequence+1 {
				return fmt.Errorf("sender sequence %d -> %d for a transaction of sequence %d", n.Before.Sequence, n.After.Sequence, a.Tx.Sequence)
			}
		}
	}
	if !sender {
		return errors.New("the sender's account is not among the changes")
	}
	if a.Destroyed < a.Tx.Fee || (a.Destroyed != a.Tx.Fee && a.Tx.Type != tx.Contract) {
		return fmt.Errorf("%d drops destroyed for a fee of %d", a.Destroyed, a.Tx.Fee)
	}
	// Escrowed drops are the balances' too: what an escrow holds before
	// and after.
	for _, e := range a.Meta.Escrows {
		if e.Before != nil {
			before += e.Before.Amount
		}
		if e.After != nil {
			after += e.After.Amount
		}
	}
	if err := checkLines(a); err != nil {
		return err
	}
	if before < after || before-after != a.Destroyed {
		return fmt.Errorf("balances went from %d to %d drops with %d destroyed (fee %d)", before, after, a.Destroyed, a.Tx.Fee)
	}
	return nil
}

// checkLine verifies a trust line's shape: stored under its own ledger
// index, its accounts distinct and in byte order, an issued currency,
// limits that are not negative.
func checkLine(l *TrustLine, key hash.Hash256) error {
	switch {
	case l.Key() != key:
		return fmt.Errorf("trust line %X stored under %X", l.Key(), key)
	case bytes.Compare(l.Low[:], l.High[:]) >= 0:
		return fmt.Errorf("trust line %X: low account %s is not below %s", key, l.Low, l.High)
	case l.Currency.IsNative() || l.Currency == badCurrency:
		return fmt.Errorf("trust line %X in the native currency", key)
	case l.LowLimit.Sign() < 0 || l.HighLimit.Sign() < 0:
		return fmt.Errorf("trust line %X: negative limit", key)
	}
	return nil
}

// checkLines verifies what a transaction did to trust lines: no
// account other than the sender ends with less of a currency (its net
// holdings across the lines the transaction changed, issued and held
// IOUs summed), and a payment's destination gains exactly what the
// metadata says was delivered.
func checkLines(a Applied) error {
	type position struct {
		id       address.AccountID
		currency codec.Currency
		delta    iou.Value
	}
	var net []position
	addNet := func(id address.AccountID, c codec.Currency, d iou.Value) error {
		for i := range net {
			if net[i].id == id && net[i].currency == c {
				s, err := net[i].delta.Add(d)
				net[i].delta = s
				return err
			}
		}
		net = append(net, position{id: id, currency: c, delta: d})
		return nil
	}
	for _, lc := range a.Meta.Lines {
		before, after := iou.Zero, iou.Zero
		l := lc.After
		if lc.Before != nil {
			before, l = lc.Before.Balance, lc.Before
		}
		if lc.After != nil {
			after = lc.After.Balance
		} else if lc.Final != nil {
			after = lc.Final.Balance
		}
		d, err := after.Sub(before)
		if err != nil {
			return err
		}
		if err := addNet(l.Low, l.Currency, d); err != nil {
			return err
		}
		if err := addNet(l.High, l.Currency, d.Neg()); err != nil {
			return err
		}
	}
	dst, _ := a.Tx.Fields.AccountID("Destination")
	for _, p := range net {
		if p.id != a.Tx.Account && p.delta.Sign() < 0 {
			return fmt.Errorf("%s lost %s %s", p.id, p.delta.Neg(), p.currency)
		}
		if a.Meta.HasDeliveredIOU && p.id == dst && p.currency == a.Meta.DeliveredIOU.Currency() && p.delta != iou.FromAmount(a.Meta.DeliveredIOU) {
			return fmt.Errorf("%s gained %s %s, %s delivered", dst, p.delta, p.currency, a.Meta.DeliveredIOU.Value())
		}
	}
	return nil
}
