package tableop

import (
	"fmt"
	"slices"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/ter"
)

// Rule is a table's OperationRule (ChainSQL's record-level rules:
// chainsqld's OperationRule.cpp), parsed and checked against the create's
// columns once, when the create is:
//
//	{"Insert": {"Condition": {"account": "$account", "txid": "$tx_hash"},
//	            "Count": {"AccountField": "account", "CountLimit": 5}},
//	 "Update": {"Condition": {"account": "$account"}, "Fields": ["age"]},
//	 "Delete": {"Condition": {"account": "$account"}},
//	 "Get":    {"Condition": {"id": {"$ge": 3}}}}
//
// A nil part has no rule. A Rule is immutable.
type Rule struct {
	Insert *InsertRule
	Update *UpdateRule
	Delete *CondRule
	Get    *CondRule
}

// InsertRule is what an insert must hold to.
type InsertRule struct {
	// Condition gives columns their value, sorted by column: the string
	// "$account" (the inserting account), "$tx_hash" (the insert's
	// hash), or the value itself. A row that leaves such a column out
	// gets it; a row that gives it must give that value.
	Condition []Member
	// Count limits the rows each account may insert; nil: no limit.
	Count *InsertCount
}

// InsertCount is an insert rule's Count: AccountField, a column of the
// table, holds the inserting account, and each account inserts at most
// Limit rows.
type InsertCount struct {
	AccountField string
	Limit        int64
}

// UpdateRule is what an update must hold to.
type UpdateRule struct {
	// Condition is AND-ed with the update's conditions (an object, or
	// the zero Value: none).
	Condition Value
	// Fields are the columns an update may set; none: any.
	Fields []string
}

// CondRule is a delete's or a query's rule: Condition (an object, or the
// zero Value: none) is AND-ed with the operation's conditions.
type CondRule struct {
	Condition Value
}

// The placeholders an OperationRule's values may hold.
const (
	RuleAccount = "$account"
	RuleTxHash  = "$tx_hash"
)

// ParseRule parses an OperationRule for a table whose columns are named
// columns, created by creator, and checks it as chainsqld's TableListSet
// preflight and dealWithTableListSetRule do. It returns the rule, or nil
// and why it is refused: temBAD_OPERATIONRULE, temBAD_UPDATERULE (a
// Count needs an update rule with Fields, not naming the AccountField),
// temBAD_DELETERULE (a delete rule is exactly a Condition object; a
// Count needs one that restricts the deleter to its own rows).
func ParseRule(text []byte, columns []string, creator address.AccountID) (*Rule, ter.Code) {
	return ruleChecker{columns: columns}.parse(text, creator)
}

// ReadRule reads an OperationRule that a ledger accepted at its table's
// create (a table's, as the SQL store keeps it), as ParseRule does but
// without the checks against the create's columns and account, which it
// passed then.
func ReadRule(text []byte) (*Rule, error) {
	r, code := ruleChecker{accepted: true}.parse(text, address.AccountID{})
	if code != ter.TesSUCCESS {
		return nil, fmt.Errorf("tableop: OperationRule %s: %s", text, code.Token())
	}
	return r, nil
}

func (c ruleChecker) parse(text []byte, creator address.AccountID) (*Rule, ter.Code) {
	doc, depth, err := decode(text)
	if err != nil || depth > MaxDepth || doc.kind != Object {
		return nil, ter.TemBAD_OPERATIONRULE
	}
	ins, hasIns := doc.Get("Insert")
	upd, hasUpd := doc.Get("Update")
	del, hasDel := doc.Get("Delete")
	get, hasGet := doc.Get("Get")
	if !hasIns && !hasUpd && !hasDel && !hasGet {
		return nil, ter.TemBAD_OPERATIONRULE
	}
	r := new(Rule)
	if hasIns {
		if r.Insert = c.insert(ins); r.Insert == nil {
			return nil, ter.TemBAD_OPERATIONRULE
		}
	}
	count := r.Insert != nil && r.Insert.Count != nil
	switch {
	case hasUpd:
		var code ter.Code
		if r.Update, code = c.update(upd, r.Insert); code != ter.TesSUCCESS {
			return nil, code
		}
	case count:
		return nil, ter.TemBAD_UPDATERULE
	}
	switch {
	case hasDel:
		var code ter.Code
		if r.Delete, code = c.delete(del); code != ter.TesSUCCESS {
			return nil, code
		}
		if count && !c.accepted && !ownRowsOnly(r.Delete.Condition, r.Insert, creator) {
			return nil, ter.TemBAD_DELETERULE
		}
	case count:
		return nil, ter.TemBAD_DELETERULE
	}
	if hasGet {
		cond, ok := onlyCondition(get)
		if !ok || !c.fields(cond) {
			return nil, ter.TemBAD_OPERATIONRULE
		}
		r.Get = &CondRule{Condition: cond}
	}
	return r, ter.TesSUCCESS
}

// ruleChecker checks the parts of a rule against the table's columns;
// accepted, it reads a rule that passed them once and takes any name
// for a column.
type ruleChecker struct {
	columns  []string
	accepted bool
}

func (c ruleChecker) isColumn(name string) bool {
	return c.accepted || slices.Contains(c.columns, name)
}

// insert reads an insert rule: only Condition and Count; a Count's
// AccountField a column and its CountLimit a positive integer; a
// Condition an object of columns, each a string, a number or null, the
// AccountField's "$account" or an address.
func (c ruleChecker) insert(v Value) *InsertRule {
	if v.kind != Object {
		return nil
	}
	r := new(InsertRule)
	for _, m := range v.obj {
		if m.Key != "Condition" && m.Key != "Count" {
			return nil
		}
	}
	if cnt, ok := v.Get("Count"); ok {
		field, okF := cnt.Get("AccountField")
		limit, okL := cnt.Get("CountLimit")
		n, isInt := limit.Int()
		if cnt.kind != Object || !okF || !okL || field.kind != String || !c.isColumn(field.s) ||
			!isInt || n <= 0 || n > 1<<31-1 {
			return nil
		}
		r.Count = &InsertCount{AccountField: field.s, Limit: n}
	}
	if cond, ok := v.Get("Condition"); ok {
		if cond.kind != Object {
			return nil
		}
		for _, m := range cond.obj {
			if !c.isColumn(m.Key) {
				return nil
			}
			switch m.Value.kind {
			case String, Number, Null:
			default:
				return nil
			}
			if r.Count != nil && m.Key == r.Count.AccountField && m.Value.s != RuleAccount {
				if _, err := address.ParseAccountID(m.Value.s); err != nil || m.Value.kind != String {
					return nil
				}
			}
		}
		r.Condition = cond.obj
	}
	return r
}

// update reads an update rule: only Condition and Fields; Fields an
// array of columns (not the Count's AccountField of ins), which a Count
// requires and requires not empty (temBAD_UPDATERULE).
func (c ruleChecker) update(v Value, ins *InsertRule) (*UpdateRule, ter.Code) {
	count, accountField := false, ""
	if ins != nil && ins.Count != nil {
		count, accountField = true, ins.Count.AccountField
	}
	if v.kind != Object {
		return nil, ter.TemBAD_OPERATIONRULE
	}
	for _, m := range v.obj {
		if m.Key != "Condition" && m.Key != "Fields" {
			return nil, ter.TemBAD_OPERATIONRULE
		}
	}
	r := new(UpdateRule)
	fields, ok := v.Get("Fields")
	switch {
	case !ok && count:
		return nil, ter.TemBAD_UPDATERULE
	case ok && fields.kind != Array:
		return nil, ter.TemBAD_OPERATIONRULE
	case ok && len(fields.arr) == 0 && count:
		return nil, ter.TemBAD_UPDATERULE
	}
	for _, f := range fields.arr {
		if f.kind != String || !c.isColumn(f.s) || count && f.s == accountField {
			return nil, ter.TemBAD_OPERATIONRULE
		}
		r.Fields = append(r.Fields, f.s)
	}
	if cond, ok := v.Get("Condition"); ok {
		if !c.fields(cond) {
			return nil, ter.TemBAD_OPERATIONRULE
		}
		r.Condition = cond
	}
	return r, ter.TesSUCCESS
}

// delete reads a delete rule: exactly {"Condition": {…}}
// (temBAD_DELETERULE), whose fields are columns (temBAD_OPERATIONRULE).
func (c ruleChecker) delete(v Value) (*CondRule, ter.Code) {
	cond, ok := onlyCondition(v)
	if !ok || cond.kind != Object {
		return nil, ter.TemBAD_DELETERULE
	}
	if !c.fields(cond) {
		return nil, ter.TemBAD_OPERATIONRULE
	}
	return &CondRule{Condition: cond}, ter.TesSUCCESS
}

// onlyCondition reads a rule part that must be exactly {"Condition": …}.
func onlyCondition(v Value) (Value, bool) {
	if v.kind != Object || len(v.obj) != 1 || v.obj[0].Key != "Condition" {
		return Value{}, false
	}
	return v.obj[0].Value, true
}

// fields checks a rule's condition as chainsqld's checkRuleFields does:
// an object whose keys are columns or operators ("$…"), whose object
// values are checked alike and whose array values are arrays of objects
// checked alike (so a rule cannot use $in). An empty key is refused
// (chainsqld lets it through to the SQL, which cannot run it).
func (c ruleChecker) fields(cond Value) bool {
	if cond.kind != Object {
		return false
	}
	for _, m := range cond.obj {
		if m.Key == "" || m.Key[0] != '$' && !c.isColumn(m.Key) {
			return false
		}
		switch m.Value.kind {
		case Object:
			if !c.fields(m.Value) {
				return false
			}
		case Array:
			for _, el := range m.Value.arr {
				if !c.fields(el) {
					return false
				}
			}
		}
	}
	return true
}

// ownRowsOnly reports whether a delete rule lets an account delete only
// the rows whose Count AccountField is its own, as chainsqld requires
// when inserts are counted: no "$or" at the top; the AccountField, at the
// top or in one element of a top "$and", equal to "$account" (or the
// creator's address) or to the insert rule's own value for it. chainsqld
// finds the insert rule's value by searching the condition's text, which
// also finds it nested under a "$or" inside the "$and"; here it must be
// a member of the condition or of an element of its "$and".
func ownRowsOnly(cond Value, ins *InsertRule, creator address.AccountID) bool {
	field := ins.Count.AccountField
	var fixed *Value
	for i := range ins.Condition {
		if ins.Condition[i].Key == field {
			fixed = &ins.Condition[i].Value
		}
	}
	own := func(obj Value) bool {
		v, ok := obj.Get(field)
		if !ok || v.kind != String {
			return false
		}
		if fixed != nil {
			return v.s == fixed.s
		}
		return v.s == RuleAccount || v.s == creator.String()
	}
	if _, ok := cond.Get("$or"); ok {
		return false
	}
	and, ok := cond.Get("$and")
	if !ok {
		return own(cond)
	}
	if and.kind != Array {
		return false
	}
	return slices.ContainsFunc(and.arr, own)
}
