package vmhost

import "strconv"

// Status classifies how an execution ended. Every status except Success
// leaves the ledger as it was, apart from what the caller charges for gas.
type Status uint8

const (
	// Success: the code ran to STOP or RETURN (tesSUCCESS).
	Success Status = iota
	// Revert: the code executed REVERT; unused gas is returned
	// (tefCONTRACT_REVERT_INSTRUCTION, reason in RevertReason).
	Revert
	// OutOfGas: the gas ran out, or did not cover the intrinsic gas or the
	// deposit of the deployed code (tefGAS_INSUFFICIENT).
	OutOfGas
	// Exception: any other failure of the code (an invalid opcode, a bad
	// jump, a stack error, a write in a static call, code too large, an
	// address collision); all gas is used (tefCONTRACT_EXEC_EXCEPTION).
	Exception
	// NotExist: the called address holds no code; nothing ran and
	// GasUsed is the intrinsic gas (tefCONTRACT_NOT_EXIST).
	NotExist
	// Unfunded: Caller's balance does not cover Value; nothing ran and
	// GasUsed is the intrinsic gas (the ledger checks this before;
	// chainsqld's transfer would say tecUNFUNDED_PAYMENT).
	Unfunded
)

var statusNames = [...]string{
	Success:   "Success",
	Revert:    "Revert",
	OutOfGas:  "OutOfGas",
	Exception: "Exception",
	NotExist:  "NotExist",
	Unfunded:  "Unfunded",
}

// String is the status's name.
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// Result is what one execution did.
type Result struct {
	Status Status
	// Return is the return data of a call, the revert data of a Revert,
	// or the deployed code of a successful deploy.
	Return []byte
	// RevertReason is the revert data as chainsqld reports it in
	// error_message when Status is Revert (see DecodeRevert).
	RevertReason string
	// GasUsed is the gas consumed, intrinsic gas included, after the
	// refund (capped at a fifth of the gas used, EIP-3529).
	GasUsed uint64
	// Logs are the events of a successful, non-read-only execution, in
	// the order the code emitted them.
	Logs []Log
	// Changes is the state a successful, non-read-only execution leaves.
	Changes Changes
	// Err is the EVM's error when Status is not Success, matched with
	// errors.Is against go-ethereum's core/vm errors (vm.ErrOutOfGas,
	// vm.ErrInvalidJump, ...) or ErrIntrinsicGas and ErrNoContract.
	Err error
}

// Message is the detail text chainsqld puts in error_message for a failed
// execution: the revert reason, its "Contract does not exist,maybe
// destructed." for NotExist, or the EVM's error. It is empty on Success.
func (r *Result) Message() string {
	switch {
	case r.Status == Success:
		return ""
	case r.Status == Revert:
		return r.RevertReason
	case r.Status == NotExist:
		return "Contract does not exist,maybe destructed."
	case r.Err != nil:
		return r.Err.Error()
	default:
		return r.Status.String()
	}
}

// Log is one event (LOG0..LOG4), published to accounts_contract
// subscribers as a contract_event.
type Log struct {
	Address [20]byte
	Topics  [][32]byte
	Data    []byte
}
