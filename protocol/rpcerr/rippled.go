package rpcerr

const (
	// Transport and syntax.
	BadSyntax Code = 1 // badSyntax
	JSONRPC   Code = 2 // json_rpc
	Forbidden Code = 3 // forbidden

	// Misc failure.
	NoPermission     Code = 6  // noPermission
	NoEvents         Code = 7  // noEvents
	TooBusy          Code = 9  // tooBusy
	SlowDown         Code = 10 // slowDown
	HighFee          Code = 11 // highFee
	NotEnabled       Code = 12 // notEnabled
	NotReady         Code = 13 // notReady
	AmendmentBlocked Code = 14 // amendmentBlocked

	// Networking.
	NoClosed  Code = 15 // noClosed
	NoCurrent Code = 16 // noCurrent
	NoNetwork Code = 17 // noNetwork
	NotSynced Code = 18 // notSynced

	// Ledger state.
	ActNotFound     Code = 19 // actNotFound
	LgrNotFound     Code = 21 // lgrNotFound
	LgrNotValidated Code = 22 // lgrNotValidated
	MasterDisabled  Code = 23 // masterDisabled
	TxnNotFound     Code = 29 // txnNotFound
	TxnNotValidated Code = 30 // txnNotValidated

	// Malformed command.
	InvalidParams  Code = 31 // invalidParams
	UnknownCommand Code = 32 // unknownCmd
	NoPFRequest    Code = 33 // noPathRequest

	// Bad parameter. ActNotMatchPubkey (38) is a ChainSQL addition.
	ActBitcoin          Code = 34 // actBitcoin
	ActMalformed        Code = 35 // actMalformed
	AlreadyMultisig     Code = 36 // alreadyMultisig
	AlreadySingleSig    Code = 37 // alreadySingleSig
	ActNotMatchPubkey   Code = 38 // actNotMatchPublic
	BadFeature          Code = 40 // badFeature
	BadIssuer           Code = 41 // badIssuer
	BadMarket           Code = 42 // badMarket
	BadSecret           Code = 43 // badSecret
	BadSeed             Code = 44 // badSeed
	ChannelMalformed    Code = 45 // channelMalformed
	ChannelAmtMalformed Code = 46 // channelAmtMalformed
	CommandMissing      Code = 47 // commandMissing
	DstActMalformed     Code = 48 // dstActMalformed
	DstActMissing       Code = 49 // dstActMissing
	DstActNotFound      Code = 50 // dstActNotFound
	DstAmtMalformed     Code = 51 // dstAmtMalformed
	DstAmtMissing       Code = 52 // dstAmtMissing
	DstIsrMalformed     Code = 53 // dstIsrMalformed
	LgrIdxsInvalid      Code = 57 // lgrIdxsInvalid
	LgrIdxMalformed     Code = 58 // lgrIdxMalformed
	PublicMalformed     Code = 62 // publicMalformed
	SigningMalformed    Code = 63 // signingMalformed
	SendMaxMalformed    Code = 64 // sendMaxMalformed
	SrcActMalformed     Code = 65 // srcActMalformed
	SrcActMissing       Code = 66 // srcActMissing
	SrcActNotFound      Code = 67 // srcActNotFound
	SrcCurMalformed     Code = 69 // srcCurMalformed
	SrcIsrMalformed     Code = 70 // srcIsrMalformed
	StreamMalformed     Code = 71 // malformedStream
	AtxDeprecated       Code = 72 // deprecated

	// Internal errors and unsupported operations.
	Internal          Code = 73 // internal
	NotImpl           Code = 74 // notImpl
	NotSupported      Code = 75 // notSupported
	BadKeyType        Code = 76 // badKeyType
	DBDeserialization Code = 77 // dbDeserialization
	ExcessiveLgrRange Code = 78 // excessiveLgrRange
	InvalidLgrRange   Code = 79 // invalidLgrRange
)

// rippledErrors lists every rippled code (and ChainSQL's 38) with chainsqld's token and text.
var rippledErrors = []info{
	{BadSyntax, "badSyntax", "Syntax error."},
	{JSONRPC, "json_rpc", "JSON-RPC transport error."},
	{Forbidden, "forbidden", "Bad credentials."},
	{NoPermission, "noPermission", "You don't have permission for this command."},
	{NoEvents, "noEvents", "Current transport does not support events."},
	{TooBusy, "tooBusy", "The server is too busy to help you now."},
	{SlowDown, "slowDown", "You are placing too much load on the server."},
	{HighFee, "highFee", "Current transaction fee exceeds your limit."},
	{NotEnabled, "notEnabled", "Not enabled in configuration."},
	{NotReady, "notReady", "Not ready to handle this request."},
	{AmendmentBlocked, "amendmentBlocked", "Amendment blocked, need upgrade."},
	{NoClosed, "noClosed", "Closed ledger is unavailable."},
	{NoCurrent, "noCurrent", "Current ledger is unavailable."},
	{NoNetwork, "noNetwork", "Not synced to the network."},
	{NotSynced, "notSynced", "Not synced to the network."},
	{ActNotFound, "actNotFound", "Account not found."},
	{LgrNotFound, "lgrNotFound", "Ledger not found."},
	{LgrNotValidated, "lgrNotValidated", "Ledger not validated."},
	{MasterDisabled, "masterDisabled", "Master key is disabled."},
	{TxnNotFound, "txnNotFound", "Transaction not found."},
	{TxnNotValidated, "txnNotValidated", "Transaction not validated."},
	{InvalidParams, "invalidParams", "Invalid parameters."},
	{UnknownCommand, "unknownCmd", "Unknown method."},
	{NoPFRequest, "noPathRequest", "No pathfinding request in progress."},
	{ActBitcoin, "actBitcoin", "Account is bitcoin address."},
	{ActMalformed, "actMalformed", "Account malformed."},
	{AlreadyMultisig, "alreadyMultisig", "Already multisigned."},
	{AlreadySingleSig, "alreadySingleSig", "Already single-signed."},
	{ActNotMatchPubkey, "actNotMatchPublic", "Account is not match with publicKey."},
	{BadFeature, "badFeature", "Feature unknown or invalid."},
	{BadIssuer, "badIssuer", "Issuer account malformed."},
	{BadMarket, "badMarket", "No such market."},
	{BadSecret, "badSecret", "Secret does not match account."},
	{BadSeed, "badSeed", "Disallowed seed."},
	{ChannelMalformed, "channelMalformed", "Payment channel is malformed."},
	{ChannelAmtMalformed, "channelAmtMalformed", "Payment channel amount is malformed."},
	{CommandMissing, "commandMissing", "Missing command entry."},
	{DstActMalformed, "dstActMalformed", "Destination account is malformed."},
	{DstActMissing, "dstActMissing", "Destination account not provided."},
	{DstActNotFound, "dstActNotFound", "Destination account not found."},
	{DstAmtMalformed, "dstAmtMalformed", "Destination amount/currency/issuer is malformed."},
	{DstAmtMissing, "dstAmtMissing", "Destination amount/currency/issuer is missing."},
	{DstIsrMalformed, "dstIsrMalformed", "Destination issuer is malformed."},
	{LgrIdxsInvalid, "lgrIdxsInvalid", "Ledger indexes invalid."},
	{LgrIdxMalformed, "lgrIdxMalformed", "Ledger index malformed."},
	{PublicMalformed, "publicMalformed", "Public key is malformed."},
	{SigningMalformed, "signingMalformed", "Signing of transaction is malformed."},
	{SendMaxMalformed, "sendMaxMalformed", "SendMax amount malformed."},
	{SrcActMalformed, "srcActMalformed", "Source account is malformed."},
	{SrcActMissing, "srcActMissing", "Source account not provided."},
	{SrcActNotFound, "srcActNotFound", "Source account not found."},
	{SrcCurMalformed, "srcCurMalformed", "Source currency is malformed."},
	{SrcIsrMalformed, "srcIsrMalformed", "Source issuer is malformed."},
	{StreamMalformed, "malformedStream", "Stream malformed."},
	{AtxDeprecated, "deprecated", "Use the new API or specify a ledger range."},
	{Internal, "internal", "Internal error."},
	{NotImpl, "notImpl", "Not implemented."},
	{NotSupported, "notSupported", "Operation not supported."},
	{BadKeyType, "badKeyType", "Bad key type."},
	{DBDeserialization, "dbDeserialization", "Database deserialization error."},
	{ExcessiveLgrRange, "excessiveLgrRange", "Ledger range exceeds 1000."},
	{InvalidLgrRange, "invalidLgrRange", "Ledger range is invalid."},
}
