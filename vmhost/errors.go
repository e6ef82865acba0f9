package vmhost

import "errors"

// Host faults: Execute returns these, wrapped with detail, when it cannot
// run a message at all. They never describe what the EVM did with a
// message; that is Result.Status.
var (
	// ErrBadMessage: the message cannot be executed as given (a read-only
	// deploy, a nil State).
	ErrBadMessage = errors.New("vmhost: bad message")
	// ErrHostFault: an invariant of the host broke during execution (a
	// snapshot that does not exist, a refund counter going negative, a
	// balance beyond 64 bits, a panic inside the EVM). The execution's
	// outcome is unknown and nothing of it may be applied.
	ErrHostFault = errors.New("vmhost: host fault")
)

// Execution failures that the EVM does not name itself; they appear in
// Result.Err and are matched with errors.Is.
var (
	// ErrIntrinsicGas: Message.Gas does not cover the intrinsic gas of the
	// message (21000 or 53000 plus its data), Status OutOfGas.
	ErrIntrinsicGas = errors.New("vmhost: gas below intrinsic gas")
	// ErrNoContract: the called address holds no code, Status NotExist.
	ErrNoContract = errors.New("vmhost: no contract at the called address")
)
