package ledger

import (
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// transactor is the code of one transaction type. preflight checks the
// transaction alone, keeping in p what apply will read again; preclaim
// (optional) checks it against the state before it is claimed, as
// rippled's preclaim does where it answers a tem code: a failure leaves
// it out of the ledger, uncharged; apply does its work in a sandbox
// after the fee has been charged and the sequence consumed, with the
// sandbox's parsed filled by preflight.
type transactor struct {
	preflight func(t *tx.Tx, p *parsed) ter.Code
	preclaim  func(v *sandbox, t *tx.Tx) ter.Code
	apply     func(v *sandbox, t *tx.Tx, env *env) ter.Code
}

// parsed holds the fields of a transaction that its preflight read and
// its apply needs again, so that applying reads them once, and the
// detail of a refusal.
type parsed struct {
	payment tx.PaymentFields
	// detail says why a table operation's Raw was refused (temBAD_RAW,
	// temMALFORMED), in ChainSQL's words.
	detail string
}

// explain returns code, keeping in p why op's Raw was refused when that
// is what code says.
func (p *parsed) explain(op *tableop.Op, code ter.Code) ter.Code {
	if err := op.Raw.Err(); err != nil && (code == ter.TemBAD_RAW || code == ter.TemMALFORMED) {
		p.detail = err.Error()
	}
	return code
}

// env is what a transactor may know besides the state and the
// transaction: the ledger being built.
type env struct {
	seq       uint32
	closeTime uint32
	// parentCloseTime is the last closed ledger's close time, which
	// escrows are timed against, as in rippled.
	parentCloseTime uint32
	params          Params
	// blockHash answers BLOCKHASH; nil gives zero.
	blockHash func(n uint64) [32]byte
}

// transactors is the dispatch table, checked when the package loads.
var transactors = map[tx.Type]transactor{
	tx.Payment:        {preflight: preflightPayment, apply: applyPayment},
	tx.AccountSet:     {preflight: preflightAccountSet, preclaim: preclaimAccountSet, apply: applyAccountSet},
	tx.TableListSet:   {preflight: preflightTableListSet, preclaim: preclaimTableListSet, apply: applyTableListSet},
	tx.SQLStatement:   {preflight: preflightSQLStatement, preclaim: preclaimSQLStatement, apply: applySQLStatement},
	tx.SQLTransaction: {preflight: preflightSQLTransaction, apply: applySQLTransaction},
	tx.Contract:       {preflight: preflightContract, apply: applyContract},
	tx.EscrowCreate:   {preflight: preflightEscrowCreate, apply: applyEscrowCreate},
	tx.EscrowFinish:   {preflight: preflightEscrowEnd, apply: applyEscrowFinish},
	tx.EscrowCancel:   {preflight: preflightEscrowEnd, apply: applyEscrowCancel},
	tx.TrustSet:       {preflight: preflightTrustSet, preclaim: preclaimTrustSet, apply: applyTrustSet},
}

func init() {
	for typ, t := range transactors {
		if t.preflight == nil || t.apply == nil {
			panic("ledger: incomplete transactor for " + typ.String())
		}
	}
}

// Supported reports whether this ledger applies transactions of type t.
func Supported(t tx.Type) bool {
	_, ok := transactors[t]
	return ok
}

// Preflight checks a transaction on its own, as rippled's preflight does:
// a non-success result is a tem code (or temDISABLED for a type this
// ledger does not apply, or telBAD_DOMAIN) and the transaction can never
// be in a ledger. detail says more than the code when a TableListSet's
// or a SQLStatement's Raw is refused (temBAD_RAW, temMALFORMED): why, in
// ChainSQL's words; otherwise it is empty.
func Preflight(t *tx.Tx) (code ter.Code, detail string) {
	var p parsed
	code = preflight(t, &p)
	return code, p.detail
}

// preflight is Preflight, keeping what it parsed in p.
func preflight(t *tx.Tx, p *parsed) ter.Code {
	tr, ok := transactors[t.Type]
	if !ok {
		return ter.TemDISABLED
	}
	if t.Account.IsZero() {
		return ter.TemBAD_SRC_ACCOUNT
	}
	return tr.preflight(t, p)
}

// MinFee is the smallest fee, in drops, that a transaction must pay.
func MinFee(t *tx.Tx, p Params) uint64 {
	if t.Type.IsTable() {
		return tableFee(t, p)
	}
	return p.BaseFee
}

// CheckAccount checks a transaction against its sender's account as the
// ledger will when it applies it in ledger seq: nil means the sender does
// not exist. It returns tesSUCCESS or a ter, tef or tel code, in the order
// of rippled's checkSeq and checkFee: the sequence (a Sequence of 0 is
// simply in the past), AccountTxnID (no account here tracks one, so any
// non-zero value is tefWRONG_PRIOR), LastLedgerSequence (a present 0 has
// passed), the fee, and the balance to pay it.
func CheckAccount(a *AccountRoot, t *tx.Tx, seq uint32, p Params) ter.Code {
	switch {
	case a == nil:
		return ter.TerNO_ACCOUNT
	case t.Sequence < a.Sequence:
		return ter.TefPAST_SEQ
	case t.Sequence > a.Sequence:
		return ter.TerPRE_SEQ
	case wrongPrior(t):
		return ter.TefWRONG_PRIOR
	case t.LastLedgerSequence < seq && hasLastLedger(t):
		return ter.TefMAX_LEDGER
	case t.Fee < MinFee(t, p):
		return ter.TelINSUF_FEE_P
	case a.Balance < t.Fee:
		return ter.TerINSUF_FEE_B
	}
	return ter.TesSUCCESS
}

// hasLastLedger reports whether t carries LastLedgerSequence, including
// a LastLedgerSequence of 0 (which tx.Tx cannot tell from none).
func hasLastLedger(t *tx.Tx) bool {
	return t.LastLedgerSequence != 0 || t.HasLastLedgerSequence()
}

// wrongPrior reports whether t names a previous transaction of its
// account (AccountTxnID) that the account does not record.
func wrongPrior(t *tx.Tx) bool {
	id, ok := t.AccountTxnID()
	return ok && id != hash.Hash256{}
}

// applyOne applies a transaction to the sandbox. claimed reports whether
// it goes into the ledger: then the sandbox holds its changes, including
// the fee and the sequence. Otherwise the sandbox is empty.
//
// Once the account checks pass, the transaction is claimed whatever its
// transactor answers: tesSUCCESS keeps every change, any failure (a tec
// code, or the tef codes that ChainSQL's table and contract transactions
// give at this stage, which its POP consensus records in the ledger the
// same way) keeps only the fee and the sequence.
func applyOne(v *sandbox, t *tx.Tx, e *env) (code ter.Code, claimed bool) {
	if code = preflight(t, &v.parsed); code != ter.TesSUCCESS {
		return code, false
	}
	if code = CheckAccount(v.account(t.Account), t, e.seq, e.params); code != ter.TesSUCCESS {
		v.reset()
		return code, false
	}
	if pc := transactors[t.Type].preclaim; pc != nil {
		if code = pc(v, t); code != ter.TesSUCCESS {
			v.reset()
			return code, false
		}
	}
	chargeFee(v, t)
	code = transactors[t.Type].apply(v, t, e)
	if k := code.Class(); t.Type == tx.Payment && (k == ter.ClassTem || k == ter.ClassTel) {
		// rippled applies nothing for a tem or tel code from a
		// payment's doApply (its path, the engine's pass limit);
		// ChainSQL's table transactions record theirs.
		v.reset()
		return code, false
	}
	if code != ter.TesSUCCESS {
		extra, res := v.failCharge, v.result
		res.logs = nil
		v.reset()
		chargeFee(v, t)
		v.account(t.Account).Balance -= extra
		v.feeDrops += extra
		v.result = res
	}
	return code, true
}

// chargeFee destroys the fee and consumes the sequence.
func chargeFee(v *sandbox, t *tx.Tx) {
	src := v.account(t.Account)
	src.Balance -= t.Fee
	src.Sequence++
	v.feeDrops = t.Fee
}
