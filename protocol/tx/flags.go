package tx

// Transaction flags (rippled's TxFlags.h).
const (
	// FlagFullyCanonicalSig asks verifiers to refuse a signature that is
	// not fully canonical (high S). Every current client sets it.
	FlagFullyCanonicalSig uint32 = 0x80000000

	// Payment flags.
	FlagNoRippleDirect uint32 = 0x00010000
	FlagPartialPayment uint32 = 0x00020000
	FlagLimitQuality   uint32 = 0x00040000

	// TrustSet flags.
	FlagSetfAuth      uint32 = 0x00010000
	FlagSetNoRipple   uint32 = 0x00020000
	FlagClearNoRipple uint32 = 0x00040000
	FlagSetFreeze     uint32 = 0x00100000
	FlagClearFreeze   uint32 = 0x00200000

	// AccountSet legacy flags.
	FlagRequireDestTag  uint32 = 0x00010000
	FlagOptionalDestTag uint32 = 0x00020000
	FlagRequireAuth     uint32 = 0x00040000
	FlagOptionalAuth    uint32 = 0x00080000
	FlagDisallowZXC     uint32 = 0x00100000
	FlagAllowZXC        uint32 = 0x00200000
)

// AccountSet SetFlag and ClearFlag values (rippled's asf flags).
const (
	AsfRequireDest    uint32 = 1
	AsfRequireAuth    uint32 = 2
	AsfDisallowZXC    uint32 = 3
	AsfDisableMaster  uint32 = 4
	AsfAccountTxnID   uint32 = 5
	AsfNoFreeze       uint32 = 6
	AsfGlobalFreeze   uint32 = 7
	AsfDefaultRipple  uint32 = 8
	AsfDepositAuth    uint32 = 9
	AsfAuthorizedNFTM uint32 = 10
)
