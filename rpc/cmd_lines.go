package rpc

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"sort"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/iou"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// account_lines page sizes, rippled's (Tuning.h): default 200, clamped
// to 10..400.
const (
	linesDefault = 200
	linesMin     = 10
	linesMax     = 400
)

// linesOf reads the account and ledger of a trust line command: the
// last closed ledger (also for the default and "current"), or an older
// one from the state history.
func (c *call) linesOf() (address.AccountID, []*ledger.TrustLine, map[string]any, error) {
	id, err := c.account("account")
	if err != nil {
		return id, nil, nil, err
	}
	seq, err := c.closedLedger()
	if err != nil {
		return id, nil, nil, err
	}
	h, hash := c.view.Closed()
	if seq != h.Seq {
		return c.linesAt(id, seq)
	}
	if _, ok := c.view.Account(id); !ok {
		return id, nil, nil, rpcerr.New(rpcerr.ActNotFound)
	}
	out := map[string]any{"ledger_hash": hex256(hash), "ledger_index": h.Seq, "validated": true}
	return id, c.view.AccountLines(id), out, nil
}

// linesAt is linesOf at an older closed ledger, from the state history:
// the account's lines as they stood then, in ledger index order.
func (c *call) linesAt(id address.AccountID, seq uint32) (address.AccountID, []*ledger.TrustLine, map[string]any, error) {
	_, lines, err := c.objectsAt(id, seq)
	if err != nil {
		return id, nil, nil, err
	}
	out := map[string]any{"ledger_hash": hex256(c.ledgerHash(seq)), "ledger_index": seq, "validated": true}
	return id, lines, out, nil
}

// cmdAccountLines is rippled's account_lines: the account's trust lines
// in ledger index order, each from the account's side; peer keeps the
// lines with one account; limit (10..400, default 200) and marker (the
// ledger index of the last line of the previous page) page them.
func cmdAccountLines(c *call) (any, error) {
	id, lines, out, err := c.linesOf()
	if err != nil {
		return nil, err
	}
	var peer address.AccountID
	hasPeer := c.has("peer")
	if hasPeer {
		if peer, err = c.account("peer"); err != nil {
			return nil, err
		}
	}
	limit := uint64(linesDefault)
	if n, ok, err := c.uint("limit"); err != nil {
		return nil, err
	} else if ok {
		limit = min(max(n, linesMin), linesMax)
	}
	start := 0
	if m, ok, err := c.str("marker"); err != nil {
		return nil, err
	} else if ok {
		key, err := hex.DecodeString(m)
		if err != nil || len(key) != 32 {
			return nil, rpcerr.InvalidField("marker")
		}
		start = sort.Search(len(lines), func(i int) bool {
			k := lines[i].Key()
			return bytes.Compare(k[:], key) > 0
		})
	}
	list := []any{}
	for i := start; i < len(lines); i++ {
		l := lines[i]
		if hasPeer && l.Peer(id) != peer {
			continue
		}
		if uint64(len(list)) == limit {
			k := lines[i-1].Key()
			out["marker"] = hex256(k)
			out["limit"] = limit
			break
		}
		list = append(list, lineJSON(l, id))
	}
	out["account"] = id.String()
	out["lines"] = list
	return out, nil
}

// lineJSON is a line in account_lines, from id's side.
func lineJSON(l *ledger.TrustLine, id address.AccountID) map[string]any {
	peer := l.Peer(id)
	qIn, qOut := l.QualitiesOf(id)
	m := map[string]any{
		"account":     peer.String(),
		"balance":     l.BalanceOf(id).String(),
		"currency":    l.Currency.String(),
		"limit":       l.LimitOf(id).String(),
		"limit_peer":  l.LimitOf(peer).String(),
		"quality_in":  qIn,
		"quality_out": qOut,
	}
	for _, f := range []struct {
		name      string
		low, high uint32
		who       address.AccountID
	}{
		{"authorized", ledger.LsfLowAuth, ledger.LsfHighAuth, id},
		{"peer_authorized", ledger.LsfLowAuth, ledger.LsfHighAuth, peer},
		{"no_ripple", ledger.LsfLowNoRipple, ledger.LsfHighNoRipple, id},
		{"no_ripple_peer", ledger.LsfLowNoRipple, ledger.LsfHighNoRipple, peer},
		{"freeze", ledger.LsfLowFreeze, ledger.LsfHighFreeze, id},
		{"freeze_peer", ledger.LsfLowFreeze, ledger.LsfHighFreeze, peer},
	} {
		if l.HasFlag(f.who, f.low, f.high) {
			m[f.name] = true
		}
	}
	return m
}

// cmdAccountCurrencies is rippled's account_currencies: the currencies
// the account can still receive (its balance below its limit) and send
// (its balance above minus the peer's limit), sorted.
func cmdAccountCurrencies(c *call) (any, error) {
	id, lines, out, err := c.linesOf()
	if err != nil {
		return nil, err
	}
	var receive, send []codec.Currency
	for _, l := range lines {
		bal := l.BalanceOf(id)
		if bal.Cmp(l.LimitOf(id)) < 0 {
			receive = append(receive, l.Currency)
		}
		if bal.Neg().Cmp(l.LimitOf(l.Peer(id))) < 0 {
			send = append(send, l.Currency)
		}
	}
	out["receive_currencies"] = currencyList(receive)
	out["send_currencies"] = currencyList(send)
	return out, nil
}

// currencyList sorts currencies by their bits and writes each once.
func currencyList(cs []codec.Currency) []string {
	sort.Slice(cs, func(i, j int) bool { return bytes.Compare(cs[i][:], cs[j][:]) < 0 })
	out := []string{}
	for i, c := range cs {
		if i > 0 && c == cs[i-1] {
			continue
		}
		out = append(out, c.String())
	}
	return out
}

// cmdGatewayBalances is rippled's gateway_balances: what the account
// owes on its lines (obligations, by currency), what it owes the
// hotwallet accounts (balances, by wallet), and what others owe it
// (assets, by account). hotwallet is one account or a list.
func cmdGatewayBalances(c *call) (any, error) {
	id, lines, out, err := c.linesOf()
	if err != nil {
		return nil, err
	}
	hot, err := c.hotWallets()
	if err != nil {
		return nil, err
	}
	obligations := map[codec.Currency]iou.Value{}
	type byAccount map[address.AccountID]map[codec.Currency]iou.Value
	balances, assets := byAccount{}, byAccount{}
	addTo := func(m byAccount, a address.AccountID, cur codec.Currency, v iou.Value) error {
		if m[a] == nil {
			m[a] = map[codec.Currency]iou.Value{}
		}
		s, err := iou.Zero.Add(v)
		if old, ok := m[a][cur]; ok {
			s, err = old.Add(v)
		}
		m[a][cur] = s
		return err
	}
	for _, l := range lines {
		peer, bal := l.Peer(id), l.BalanceOf(id)
		switch {
		case hot[peer] && bal.Sign() < 0:
			err = addTo(balances, peer, l.Currency, bal.Neg())
		case bal.Sign() > 0:
			err = addTo(assets, peer, l.Currency, bal)
		case bal.Sign() < 0:
			s := bal.Neg()
			if old, ok := obligations[l.Currency]; ok {
				s, err = old.Add(s)
			}
			obligations[l.Currency] = s
		}
		if err != nil {
			return nil, rpcerr.New(rpcerr.Internal)
		}
	}
	out["account"] = id.String()
	if len(obligations) > 0 {
		ob := map[string]string{}
		for cur, v := range obligations {
			ob[cur.String()] = v.String()
		}
		out["obligations"] = ob
	}
	for name, m := range map[string]byAccount{"balances": balances, "assets": assets} {
		if len(m) == 0 {
			continue
		}
		js := map[string]any{}
		for a, curs := range m {
			list := make([]map[string]string, 0, len(curs))
			for cur, v := range curs {
				list = append(list, map[string]string{"currency": cur.String(), "value": v.String()})
			}
			sort.Slice(list, func(i, j int) bool { return list[i]["currency"] < list[j]["currency"] })
			js[a.String()] = list
		}
		out[name] = js
	}
	return out, nil
}

// hotWallets reads gateway_balances' hotwallet: one account or a list.
func (c *call) hotWallets() (map[address.AccountID]bool, error) {
	raw, ok := c.params["hotwallet"]
	if !ok {
		return nil, nil
	}
	var one string
	var list []string
	if json.Unmarshal(raw, &one) == nil {
		list = []string{one}
	} else if json.Unmarshal(raw, &list) != nil {
		return nil, rpcerr.InvalidField("hotwallet")
	}
	out := make(map[address.AccountID]bool, len(list))
	for _, s := range list {
		id, err := address.ParseAccountID(s)
		if err != nil {
			return nil, rpcerr.InvalidField("hotwallet")
		}
		out[id] = true
	}
	return out, nil
}
