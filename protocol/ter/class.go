package ter

// Class is the range a result falls in. The class, not the exact code,
// decides what happens to a transaction: whether it is applied, charged,
// recorded, forwarded or retried.
type Class uint8

// The classes, with chainsqld's ranges.
const (
	// ClassUnknown is any number outside the ranges below.
	ClassUnknown Class = iota
	// ClassTes is 0, tesSUCCESS: applied.
	ClassTes
	// ClassTer is 1..11 (terRETRY..terQUEUED): retry; not applied yet.
	ClassTer
	// ClassTec is 100..199: claimed; fee charged, sequence consumed,
	// recorded in the ledger, no other effect.
	ClassTec
	// ClassTem is 200..299: malformed; can never succeed.
	ClassTem
	// ClassTef is 300..399: failure against the current ledger state.
	ClassTef
	// ClassTel is 400..65534: refused locally by this server.
	ClassTel
)

// telLimit is chainsqld's terMAX: isTelLocal is 400 <= x < terMAX.
const telLimit = 65535

// Class returns the range c falls in, with the bounds of chainsqld's
// isTesSuccess, isTerRetry, isTecClaim, isTemMalformed, isTefFailure and
// isTelLocal. A number need not be defined to have a class.
func (c Code) Class() Class {
	switch {
	case c == TesSUCCESS:
		return ClassTes
	case c > TesSUCCESS && c <= TerQUEUED:
		return ClassTer
	case c >= TecCLAIM && c < TemMALFORMED:
		return ClassTec
	case c >= TemMALFORMED && c < TefFAILURE:
		return ClassTem
	case c >= TefFAILURE && c < TelLOCAL_ERROR:
		return ClassTef
	case c >= TelLOCAL_ERROR && c < telLimit:
		return ClassTel
	default:
		return ClassUnknown
	}
}

// String returns the class's token prefix ("tes", "tec", ...) or "unknown".
func (k Class) String() string {
	switch k {
	case ClassTes:
		return "tes"
	case ClassTer:
		return "ter"
	case ClassTec:
		return "tec"
	case ClassTem:
		return "tem"
	case ClassTef:
		return "tef"
	case ClassTel:
		return "tel"
	default:
		return "unknown"
	}
}

// IsTesSuccess reports whether c is tesSUCCESS.
func (c Code) IsTesSuccess() bool { return c.Class() == ClassTes }

// IsTer reports whether c is a retry result (1..11).
func (c Code) IsTer() bool { return c.Class() == ClassTer }

// IsTec reports whether c is a claimed-cost result (100..199): the fee is
// charged and the transaction is recorded in the ledger.
func (c Code) IsTec() bool { return c.Class() == ClassTec }

// IsTem reports whether c is a malformed result (200..299).
func (c Code) IsTem() bool { return c.Class() == ClassTem }

// IsTef reports whether c is a failure result (300..399).
func (c Code) IsTef() bool { return c.Class() == ClassTef }

// IsTel reports whether c is a local result (400..65534).
func (c Code) IsTel() bool { return c.Class() == ClassTel }
