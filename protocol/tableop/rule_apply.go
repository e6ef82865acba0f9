package tableop

import (
	"slices"
	"strings"
)

// What a Rule does to a statement, as chainsqld's STTx::buildRaw
// rewrites the Raw and its dealWithSqlStatementRule checks it: account
// is the sender's address and txHash the transaction's hash in
// uppercase hex.

// Fill returns row with every column of the rule's Condition that row
// leaves out, set to the rule's value: account for "$account", txHash
// for "$tx_hash".
func (r *InsertRule) Fill(row Value, account, txHash string) Value {
	var add []Member
	for _, c := range r.Condition {
		if _, ok := row.Get(c.Key); ok {
			continue
		}
		v := c.Value
		switch v.Str() {
		case RuleAccount:
			v = newString(account)
		case RuleTxHash:
			v = newString(txHash)
		}
		add = append(add, Member{Key: c.Key, Value: v})
	}
	if len(add) == 0 {
		return row
	}
	return newObject(append(slices.Clone(row.obj), add...))
}

// Admits reports whether an inserted row holds to the rule
// (tefTABLE_RULEDISSATISFIED otherwise): each column of the Condition it
// gives has the rule's value, and with a Count the AccountField is the
// inserting account's (the row's, or the rule's "$account").
func (r *InsertRule) Admits(row Value, account, txHash string) bool {
	for _, m := range row.obj {
		i := slices.IndexFunc(r.Condition, func(c Member) bool { return c.Key == m.Key })
		if i < 0 {
			continue
		}
		got, ok := scalarText(m.Value)
		if !ok {
			return false
		}
		want, _ := scalarText(r.Condition[i].Value)
		switch want {
		case RuleAccount:
			want = account
		case RuleTxHash:
			want = txHash
		}
		if got != want {
			return false
		}
	}
	if r.Count == nil {
		return true
	}
	field := r.Count.AccountField
	if i := slices.IndexFunc(r.Condition, func(c Member) bool { return c.Key == field }); i >= 0 {
		s := r.Condition[i].Value.Str()
		return s == RuleAccount || s == account
	}
	v, ok := row.Get(field)
	got, isScalar := scalarText(v)
	return ok && isScalar && got == account
}

// scalarText is a scalar as jsoncpp's asString reads it (null is "");
// ok is false for arrays and objects, which it cannot read.
func scalarText(v Value) (string, bool) {
	switch v.kind {
	case String:
		return v.s, true
	case Number:
		return v.s, true
	case Bool:
		return v.Text(), true
	case Null:
		return "", true
	}
	return "", false
}

// Admits reports whether an update that sets the columns of set holds
// to the rule (tefTABLE_RULEDISSATISFIED otherwise): with Fields, it
// sets only those.
func (r *UpdateRule) Admits(set Value) bool {
	if len(r.Fields) == 0 {
		return true
	}
	for _, m := range set.obj {
		if !slices.Contains(r.Fields, m.Key) {
			return false
		}
	}
	return true
}

// For returns the rule's condition for account: every "$account" in its
// strings replaced by account's address (chainsqld replaces it in the
// rule's text). It is the zero Value when there is none, or it is {}.
func For(cond Value, account string) Value {
	if cond.kind != Object || len(cond.obj) == 0 {
		return Value{}
	}
	return replaceAccount(cond, account)
}

func replaceAccount(v Value, account string) Value {
	switch v.kind {
	case String:
		if strings.Contains(v.s, RuleAccount) {
			return newString(strings.ReplaceAll(v.s, RuleAccount, account))
		}
	case Array:
		elems := make([]Value, len(v.arr))
		for i, el := range v.arr {
			elems[i] = replaceAccount(el, account)
		}
		return newArray(elems)
	case Object:
		ms := make([]Member, len(v.obj))
		for i, m := range v.obj {
			ms[i] = Member{Key: m.Key, Value: replaceAccount(m.Value, account)}
		}
		return newObject(ms)
	}
	return v
}

// And returns conditions (objects, OR-ed) AND-ed with rule (an object
// from For; the zero Value leaves them as they are), as chainsqld's
// buildRaw writes it: [{"$and": [cond, rule]}] for one condition,
// [{"$and": [{"$or": conds}, rule]}] for several, [rule] for none (or
// one that is {}).
func And(conds []Value, rule Value) []Value {
	if rule.kind != Object {
		return conds
	}
	var own Value
	switch {
	case len(conds) == 1:
		own = conds[0]
	case len(conds) > 1:
		own = newObject([]Member{{Key: "$or", Value: newArray(conds)}})
	}
	if len(conds) == 0 || own.kind == Object && len(own.obj) == 0 {
		return []Value{rule}
	}
	return []Value{newObject([]Member{{Key: "$and", Value: newArray([]Value{own, rule})}})}
}
