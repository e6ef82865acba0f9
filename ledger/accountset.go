package ledger

import (
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// accountFlags are the account root flags AccountSet can change: each
// with its legacy transaction flags (set, clear; zero when it has none)
// and its SetFlag/ClearFlag value. Other rippled asf values concern
// features this node does not have (regular keys, issued currencies,
// freezes) and are refused with temDISABLED.
var accountFlags = []struct {
	tfSet, tfClear uint32
	asf            uint32
	lsf            uint32
}{
	{tx.FlagRequireDestTag, tx.FlagOptionalDestTag, tx.AsfRequireDest, LsfRequireDestTag},
	{tx.FlagRequireAuth, tx.FlagOptionalAuth, tx.AsfRequireAuth, LsfRequireAuth},
	{tx.FlagDisallowZXC, tx.FlagAllowZXC, tx.AsfDisallowZXC, LsfDisallowZXC},
	{0, 0, tx.AsfDefaultRipple, LsfDefaultRipple},
}

const maxDomainBytes = 256

// accountSetMask are the transaction flags AccountSet accepts.
const accountSetMask = tx.FlagFullyCanonicalSig |
	tx.FlagRequireDestTag | tx.FlagOptionalDestTag |
	tx.FlagRequireAuth | tx.FlagOptionalAuth |
	tx.FlagDisallowZXC | tx.FlagAllowZXC

// preflightAccountSet checks an AccountSet alone, as rippled's
// SetAccount::preflight does: unknown transaction flags, the same
// SetFlag and ClearFlag, or a flag both set and cleared (by a legacy
// transaction flag or by SetFlag/ClearFlag, in any combination) are
// temINVALID_FLAG. A SetFlag or ClearFlag of 0 means none. TransferRate
// and ChainSQL's transfer fee bounds are checked by preflightTransfer.
func preflightAccountSet(t *tx.Tx, _ *parsed) ter.Code {
	if t.Flags&^accountSetMask != 0 {
		return ter.TemINVALID_FLAG
	}
	s := t.AccountSet()
	if s.SetFlag != 0 && s.SetFlag == s.ClearFlag {
		return ter.TemINVALID_FLAG
	}
	set, clear := accountSetChanges(t, s)
	if set&clear != 0 {
		return ter.TemINVALID_FLAG
	}
	if !supportedAsf(s.SetFlag) || !supportedAsf(s.ClearFlag) {
		return ter.TemDISABLED
	}
	if code := preflightTransfer(s); code != ter.TesSUCCESS {
		return code
	}
	if len(s.Domain) > maxDomainBytes {
		return ter.TelBAD_DOMAIN
	}
	return ter.TesSUCCESS
}

// accountSetChanges returns the account root flags an AccountSet sets
// and clears.
func accountSetChanges(t *tx.Tx, s tx.AccountSetFields) (set, clear uint32) {
	for _, f := range accountFlags {
		if t.Flags&f.tfSet != 0 || s.SetFlag == f.asf {
			set |= f.lsf
		}
		if t.Flags&f.tfClear != 0 || s.ClearFlag == f.asf {
			clear |= f.lsf
		}
	}
	return set, clear
}

// supportedAsf reports whether a SetFlag/ClearFlag value is none (0) or
// one this ledger applies.
func supportedAsf(asf uint32) bool {
	if asf == 0 {
		return true
	}
	for _, f := range accountFlags {
		if f.asf == asf {
			return true
		}
	}
	return false
}

func applyAccountSet(v *sandbox, t *tx.Tx, _ *env) ter.Code {
	a := v.account(t.Account)
	s := t.AccountSet()
	set, clear := accountSetChanges(t, s)
	a.Flags = a.Flags&^clear | set
	if s.HasDomain {
		a.Domain = append([]byte(nil), s.Domain...)
		if len(a.Domain) == 0 {
			a.Domain = nil
		}
	}
	applyTransfer(a, s)
	return ter.TesSUCCESS
}
