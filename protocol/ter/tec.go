package ter

const (
	// Claimed cost only (100..199): applied, fee charged and
	// sequence consumed, recorded in the ledger with no other effect.
	// Numbers are rippled's and must never change: they are stored in
	// metadata. ChainSQL renames XRP to ZXC (tecNO_DST_INSUF_ZXC).
	TecCLAIM                 Code = 100
	TecPATH_PARTIAL          Code = 101
	TecUNFUNDED_ADD          Code = 102
	TecUNFUNDED_OFFER        Code = 103
	TecUNFUNDED_PAYMENT      Code = 104
	TecFAILED_PROCESSING     Code = 105
	TecUNFUNDED_ESCROW       Code = 106
	TecDIR_FULL              Code = 121
	TecINSUF_RESERVE_LINE    Code = 122
	TecINSUF_RESERVE_OFFER   Code = 123
	TecNO_DST                Code = 124
	TecNO_DST_INSUF_ZXC      Code = 125
	TecNO_LINE_INSUF_RESERVE Code = 126
	TecNO_LINE_REDUNDANT     Code = 127
	TecPATH_DRY              Code = 128
	TecUNFUNDED              Code = 129
	TecNO_ALTERNATIVE_KEY    Code = 130
	TecNO_REGULAR_KEY        Code = 131
	TecOWNERS                Code = 132
	TecNO_ISSUER             Code = 133
	TecNO_AUTH               Code = 134
	TecNO_LINE               Code = 135
	TecINSUFF_FEE            Code = 136
	TecFROZEN                Code = 137
	TecNO_TARGET             Code = 138
	TecNO_PERMISSION         Code = 139
	TecNO_ENTRY              Code = 140
	TecINSUFFICIENT_RESERVE  Code = 141
	TecNEED_MASTER_KEY       Code = 142
	TecDST_TAG_NEEDED        Code = 143
	TecINTERNAL              Code = 144
	TecOVERSIZE              Code = 145
	TecCRYPTOCONDITION_ERROR Code = 146
	TecINVARIANT_FAILED      Code = 147
	TecEXPIRED               Code = 148
	TecDUPLICATE             Code = 149
	TecKILLED                Code = 150
	TecHAS_OBLIGATIONS       Code = 151
	TecTOO_SOON              Code = 152
)

// claimedResults lists every tec code with its token and chainsqld's text.
var claimedResults = []result{
	{TecCLAIM, "tecCLAIM", "Fee claimed. Sequence used. No action."},
	{TecPATH_PARTIAL, "tecPATH_PARTIAL", "Path could not send full amount."},
	{TecUNFUNDED_ADD, "tecUNFUNDED_ADD", "Insufficient ZXC balance for WalletAdd."},
	{TecUNFUNDED_OFFER, "tecUNFUNDED_OFFER", "Insufficient balance to fund created offer."},
	{TecUNFUNDED_PAYMENT, "tecUNFUNDED_PAYMENT", "Insufficient ZXC balance to send."},
	{TecFAILED_PROCESSING, "tecFAILED_PROCESSING", "Failed to correctly process transaction."},
	{TecUNFUNDED_ESCROW, "tecUNFUNDED_ESCROW", "Insufficient balance to create escrow."},
	{TecDIR_FULL, "tecDIR_FULL", "Can not add entry to full directory."},
	{TecINSUF_RESERVE_LINE, "tecINSUF_RESERVE_LINE", "Insufficient reserve to add trust line."},
	{TecINSUF_RESERVE_OFFER, "tecINSUF_RESERVE_OFFER", "Insufficient reserve to create offer."},
	{TecNO_DST, "tecNO_DST", "Destination does not exist. Send ZXC to create it."},
	{TecNO_DST_INSUF_ZXC, "tecNO_DST_INSUF_ZXC", "Destination does not exist. Too little ZXC sent to create it."},
	{TecNO_LINE_INSUF_RESERVE, "tecNO_LINE_INSUF_RESERVE", "No such line. Too little reserve to create it."},
	{TecNO_LINE_REDUNDANT, "tecNO_LINE_REDUNDANT", "Can't set non-existent line to default."},
	{TecPATH_DRY, "tecPATH_DRY", "Path could not send partial amount."},
	{TecUNFUNDED, "tecUNFUNDED", "One of _ADD, _OFFER, or _SEND. Deprecated."},
	{TecNO_ALTERNATIVE_KEY, "tecNO_ALTERNATIVE_KEY", "The operation would remove the ability to sign transactions with the account."},
	{TecNO_REGULAR_KEY, "tecNO_REGULAR_KEY", "Regular key is not set."},
	{TecOWNERS, "tecOWNERS", "Non-zero owner count."},
	{TecNO_ISSUER, "tecNO_ISSUER", "Issuer account does not exist."},
	{TecNO_AUTH, "tecNO_AUTH", "Not authorized to hold asset."},
	{TecNO_LINE, "tecNO_LINE", "No such line."},
	{TecINSUFF_FEE, "tecINSUFF_FEE", "Insufficient balance to pay fee."},
	{TecFROZEN, "tecFROZEN", "Asset is frozen."},
	{TecNO_TARGET, "tecNO_TARGET", "Target account does not exist."},
	{TecNO_PERMISSION, "tecNO_PERMISSION", "No permission to perform requested operation."},
	{TecNO_ENTRY, "tecNO_ENTRY", "No matching entry found."},
	{TecINSUFFICIENT_RESERVE, "tecINSUFFICIENT_RESERVE", "Insufficient reserve to complete requested operation."},
	{TecNEED_MASTER_KEY, "tecNEED_MASTER_KEY", "The operation requires the use of the Master Key."},
	{TecDST_TAG_NEEDED, "tecDST_TAG_NEEDED", "A destination tag is required."},
	{TecINTERNAL, "tecINTERNAL", "An internal error has occurred during processing."},
	{TecOVERSIZE, "tecOVERSIZE", "Object exceeded serialization limits."},
	{TecCRYPTOCONDITION_ERROR, "tecCRYPTOCONDITION_ERROR", "Malformed, invalid, or mismatched conditional or fulfillment."},
	{TecINVARIANT_FAILED, "tecINVARIANT_FAILED", "One or more invariants for the transaction were not satisfied."},
	{TecEXPIRED, "tecEXPIRED", "Expiration time is passed."},
	{TecDUPLICATE, "tecDUPLICATE", "Ledger object already exists."},
	{TecKILLED, "tecKILLED", "FillOrKill offer killed."},
	{TecHAS_OBLIGATIONS, "tecHAS_OBLIGATIONS", "The account cannot be deleted since it has obligations."},
	{TecTOO_SOON, "tecTOO_SOON", "It is too early to attempt the requested operation. Please wait."},
}
