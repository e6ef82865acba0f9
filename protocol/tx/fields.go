package tx

import (
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
)

// PaymentFields are the fields of a Payment that the ledger applies.
type PaymentFields struct {
	Destination       address.AccountID
	Native            bool  // Amount is ZXC
	Drops             int64 // the amount in drops when Native
	HasDestinationTag bool
	HasSendMax        bool
	HasPaths          bool
	HasDeliverMin     bool
	Amount            codec.Amount
	SendMax           codec.Amount // when HasSendMax
}

// Payment returns a Payment's fields; ok is false for another type.
// A decoded payment's were read when it was decoded (fromObject): in
// replay that is on the reader's goroutine, and the ledger's then reads
// one cache line of the Tx instead of searching the fields the reader
// wrote (half a microsecond of cache misses a payment).
func (t *Tx) Payment() (p PaymentFields, ok bool) {
	if t.Type != Payment {
		return p, false
	}
	if t.decoded {
		return t.pay, true
	}
	return paymentFields(t.Fields), true
}

// paymentFields reads a Payment's fields.
func paymentFields(o *codec.Object) (p PaymentFields) {
	p.Destination, _ = o.AccountID("Destination")
	p.Amount, _ = o.Amount("Amount")
	p.Native = p.Amount.IsNative()
	if p.Native {
		p.Drops = p.Amount.Drops()
	}
	p.HasDestinationTag = o.Has("DestinationTag")
	p.SendMax, p.HasSendMax = o.Amount("SendMax")
	p.HasPaths = o.Has("Paths")
	p.HasDeliverMin = o.Has("DeliverMin")
	return p
}

// AccountSetFields are the fields of an AccountSet that the ledger
// applies.
type AccountSetFields struct {
	SetFlag, ClearFlag       uint32
	HasSetFlag, HasClearFlag bool
	Domain                   []byte
	HasDomain                bool
	// TransferRate is rippled's, in billionths (1,000,000,000 is none).
	TransferRate    uint32
	HasTransferRate bool
	// TransferFeeMin and TransferFeeMax are ChainSQL's fee bounds on
	// an issuer's currencies, decimal text.
	TransferFeeMin, TransferFeeMax       []byte
	HasTransferFeeMin, HasTransferFeeMax bool
}

// AccountSet returns an AccountSet's fields (zero for another type).
func (t *Tx) AccountSet() (s AccountSetFields) {
	if t.Type != AccountSet {
		return s
	}
	o := t.Fields
	s.SetFlag, s.HasSetFlag = o.UInt32("SetFlag")
	s.ClearFlag, s.HasClearFlag = o.UInt32("ClearFlag")
	s.Domain, s.HasDomain = o.Blob("Domain")
	s.TransferRate, s.HasTransferRate = o.UInt32("TransferRate")
	s.TransferFeeMin, s.HasTransferFeeMin = o.Blob("TransferFeeMin")
	s.TransferFeeMax, s.HasTransferFeeMax = o.Blob("TransferFeeMax")
	return s
}

// TrustSetFields are the fields of a TrustSet that the ledger applies.
type TrustSetFields struct {
	// Limit is LimitAmount: the currency, the peer (its issuer) and
	// the sender's limit.
	Limit                       codec.Amount
	QualityIn, QualityOut       uint32
	HasQualityIn, HasQualityOut bool
}

// TrustSet returns a TrustSet's fields (zero for another type).
func (t *Tx) TrustSet() (s TrustSetFields) {
	if t.Type != TrustSet {
		return s
	}
	o := t.Fields
	s.Limit, _ = o.Amount("LimitAmount")
	s.QualityIn, s.HasQualityIn = o.UInt32("QualityIn")
	s.QualityOut, s.HasQualityOut = o.UInt32("QualityOut")
	return s
}
