package ledger

import (
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// asfFlags maps AccountSet's SetFlag/ClearFlag values to the account root
// flags this ledger supports. Other rippled asf values concern features
// this node does not have (regular keys, issued currencies, freezes) and
// are refused with temDISABLED.
var asfFlags = map[uint32]uint32{
	tx.AsfRequireDest:   LsfRequireDestTag,
	tx.AsfRequireAuth:   LsfRequireAuth,
	tx.AsfDisallowZXC:   LsfDisallowZXC,
	tx.AsfDefaultRipple: LsfDefaultRipple,
}

// tfAccountSet are the legacy transaction flags of AccountSet and the
// account root flag each sets or clears.
var tfAccountSet = []struct {
	set, clear uint32
	flag       uint32
}{
	{tx.FlagRequireDestTag, tx.FlagOptionalDestTag, LsfRequireDestTag},
	{tx.FlagRequireAuth, tx.FlagOptionalAuth, LsfRequireAuth},
	{tx.FlagDisallowZXC, tx.FlagAllowZXC, LsfDisallowZXC},
}

const maxDomainBytes = 256

func preflightAccountSet(t *tx.Tx) ter.Code {
	var all uint32 = tx.FlagFullyCanonicalSig
	for _, f := range tfAccountSet {
		all |= f.set | f.clear
		if t.Flags&f.set != 0 && t.Flags&f.clear != 0 {
			return ter.TemINVALID_FLAG
		}
	}
	if t.Flags&^all != 0 {
		return ter.TemINVALID_FLAG
	}
	s := t.AccountSet()
	if s.HasSetFlag && s.HasClearFlag && s.SetFlag == s.ClearFlag {
		return ter.TemINVALID_FLAG
	}
	for _, f := range []struct {
		has bool
		v   uint32
	}{{s.HasSetFlag, s.SetFlag}, {s.HasClearFlag, s.ClearFlag}} {
		if _, ok := asfFlags[f.v]; f.has && !ok {
			return ter.TemDISABLED
		}
	}
	if len(s.Domain) > maxDomainBytes {
		return ter.TelBAD_DOMAIN
	}
	return ter.TesSUCCESS
}

func applyAccountSet(v *sandbox, t *tx.Tx, _ *env) ter.Code {
	a := v.account(t.Account)
	s := t.AccountSet()
	for _, f := range tfAccountSet {
		if t.Flags&f.set != 0 {
			a.Flags |= f.flag
		}
		if t.Flags&f.clear != 0 {
			a.Flags &^= f.flag
		}
	}
	if s.HasSetFlag {
		a.Flags |= asfFlags[s.SetFlag]
	}
	if s.HasClearFlag {
		a.Flags &^= asfFlags[s.ClearFlag]
	}
	if s.HasDomain {
		a.Domain = append([]byte(nil), s.Domain...)
		if len(a.Domain) == 0 {
			a.Domain = nil
		}
	}
	return ter.TesSUCCESS
}
