package vmhost

// Message is one execution: a deploy (To nil), a call, or a read-only call.
type Message struct {
	// Caller is the transaction's Account (ORIGIN and the first CALLER).
	Caller [20]byte
	// To is the contract called; nil deploys Data as init code at Create
	// (ContractOpType 1).
	To *[20]byte
	// Create is the deploy address when To is nil. The ledger derives it as
	// chainsqld does: RIPEMD160(SHA256(Caller ‖ BE32(Sequence))).
	Create [20]byte
	// Value is moved from Caller to the contract before its code runs, in
	// drops (ContractValue); CALLVALUE and BALANCE count drops.
	Value uint64
	// Data is the init code of a deploy or the call data of a call.
	Data []byte
	// Gas is the gas limit (the transaction's Gas field). The caller
	// charges Gas×GasPrice before Execute and refunds
	// (Gas−Result.GasUsed)×GasPrice after it.
	Gas uint64
	// GasPrice is what GASPRICE returns, in drops per gas (chainsqld's
	// default is 10; contract_call uses 0).
	GasPrice uint64
	// ReadOnly runs a call for its result only, as contract_call does: the
	// code runs as an ordinary call (it may write, as under chainsqld), no
	// intrinsic gas is charged, and Result carries no Changes and no Logs.
	ReadOnly bool
}

// Block is the ledger the message executes in. Every field is an input:
// vmhost reads no clock.
type Block struct {
	// Number is the ledger sequence (NUMBER).
	Number uint64
	// Time is the ledger's close time in Unix seconds (TIMESTAMP): the
	// ledger's close time plus 946684800, the Ripple epoch's offset.
	Time uint64
	// Coinbase is what COINBASE returns; chainsqld returns zero.
	Coinbase [20]byte
	// GasLimit is what GASLIMIT returns; chainsqld returns 210000 for
	// transactions and 21000 for contract_call.
	GasLimit uint64
	// Hash returns the hash of ledger n for BLOCKHASH, which asks only for
	// the 256 ledgers before Number. Nil, or an unknown ledger, gives zero,
	// as chainsqld does for a ledger it does not have.
	Hash func(n uint64) [32]byte
}

// Config is what stays fixed for a chain.
type Config struct {
	// ChainID is what CHAINID returns (chainsqld keeps it in the ledger's
	// ChainId object).
	ChainID uint64
}
