// Package vmhost runs EVM bytecode for ChainSQL's Contract transactions
// (type 24) and its contract_call command, with go-ethereum's core/vm
// over the ledger's state.
//
// # The model
//
// One call of [Execute] is one execution: a deploy, a call or a read-only
// call. It reads the committed ledger through a [State], runs the code,
// and returns a [Result] saying how it ended and what it changed. It never
// writes: the ledger applies Result.Changes itself, so vmhost has no
// notion of ledger entries, fees, reserves or metadata, and the ledger has
// none of EVM journals or gas schedules.
//
//	st := ledgerView(sandbox)                    // implements vmhost.State
//	res, err := vmhost.Execute(st, vmhost.Message{
//		Caller: sender, To: &contract,               // To nil: deploy at Create
//		Value: drops, Data: contractData,
//		Gas: gas, GasPrice: 10,
//	}, vmhost.Block{Number: seq, Time: closeTime + 946684800}, vmhost.Config{ChainID: id})
//	switch {
//	case err != nil:                 // a host fault: stop, loudly
//	case res.Status == vmhost.Success:
//		apply(res.Changes)           // accounts, code, storage, in order
//		publish(res.Logs)            // contract_event notifications
//	default:                         // tef… result, res.Message() as error_message
//	}
//	refund(sender, (gas-res.GasUsed)*gasPrice)
//
// # Messages
//
// A [Message] with To nil deploys: Data is init code, run at
// Message.Create, the address the ledger derives as chainsqld does,
// RIPEMD160(SHA256(sender ‖ BE32(Sequence))). The new contract gets nonce
// 1 and the code the init code returns. With To set, Data is call data
// for the code at To. ReadOnly is contract_call: the call runs (as under
// chainsqld, as an ordinary call, not a static one, so a function that
// writes still succeeds), with no intrinsic gas, and its Result has no
// Changes and no Logs.
//
// # Results
//
// Result.Status says how the execution ended; each status is one of
// chainsqld's engine results:
//
//	Success     tesSUCCESS
//	Revert      tefCONTRACT_REVERT_INSTRUCTION  REVERT; RevertReason holds the reason
//	OutOfGas    tefGAS_INSUFFICIENT             gas ran out, or did not cover intrinsic gas or code deposit
//	Exception   tefCONTRACT_EXEC_EXCEPTION      invalid opcode, bad jump, stack error, collision, code too large…
//	NotExist    tefCONTRACT_NOT_EXIST           To holds no code (nothing ran)
//	Unfunded    tecUNFUNDED_PAYMENT             Caller cannot pay Value
//
// Result.Message is the text chainsqld puts in error_message. Revert data
// is decoded by [DecodeRevert] as chainsqld's Executive::formatOutput
// does: Error(string), Panic(uint256) with chainsqld's texts, and its own
// zero-selector texts. Execute's error is reserved for host faults
// ([ErrBadMessage], [ErrHostFault]); nothing the code does is an error.
//
// # Changes
//
// On Success (and not ReadOnly) [Changes] holds the final value of every
// account and storage slot that differs from State: accounts sorted by
// address, then storage sorted by address and key. An [AccountChange]
// carries the final balance and nonce, Code when the execution deployed
// code there, Created for an account State did not have (a new contract,
// or an account a contract paid), and Deleted for one to remove with its
// storage. A [StorageChange] with a zero Value deletes the slot. Balances
// are absolute, so State must already show the upfront gas charge (or the
// ledger must add the charge back when it applies the sender's balance).
// Any failure leaves no Changes: the EVM reverted its own work.
//
// # Gas and value
//
// Values are drops: ContractValue, CALLVALUE, BALANCE and every transfer
// count drops, 1 ZXC = 1,000,000 drops, exactly as chainsqld passes
// drops to its EVM. GASPRICE is Message.GasPrice in drops per gas.
//
// The caller charges Gas×GasPrice before Execute and refunds
// (Gas−GasUsed)×GasPrice after it, whatever the Status. GasUsed counts the
// intrinsic gas (21000 for a call, 53000 for a deploy, 16 per non-zero and
// 4 per zero data byte, 2 per init-code word), the execution, the code
// deposit (200 per byte), less the refund of cleared storage, which is at
// most a fifth of the gas used (EIP-3529). A revert keeps its unused gas;
// every other failure uses all of it.
//
// # Rules
//
// The EVM follows Ethereum's rules up to and including Cancun, all active
// from ledger 0: PUSH0, MCOPY, TLOAD/TSTORE (EIP-1153), warm and cold
// access (EIP-2929, with the sender, destination, precompiles and
// coinbase warm at the start), SELFDESTRUCT deleting only a contract
// created in the same execution (EIP-6780), 24576-byte code and
// 49152-byte init code limits, precompiles 0x01–0x0a. Nothing of Prague
// or later. CREATE and CREATE2 inside a contract derive addresses
// Ethereum's way and raise the creating contract's nonce.
//
// # Determinism
//
// Execute reads no clock, environment or randomness, starts no goroutine
// and never lets map order reach its output: the Result is a function of
// State, Message, Block and Config. Time, ledger number, coinbase, gas
// limit and ledger hashes (BLOCKHASH, through Block.Hash) are inputs;
// BASEFEE, BLOBBASEFEE, PREVRANDAO and BLOBHASH read zero. A test
// (lint_test.go) fails if the package imports time, math/rand, os, sync
// and the like, starts a goroutine or ranges over a map outside the two
// functions that sort what they collect.
//
// # The state behind the EVM
//
// go-ethereum's EVM talks to a vm.StateDB. vmhost implements it as an
// overlay over State rather than using geth's core/state, which needs a
// trie database and computes state roots the ledger does not use. Every
// read falls through to State once and is cached; every write is
// journalled (balances, nonces, code, storage, transient storage, refund,
// logs, access list, self-destructs), so the snapshots the EVM takes
// around each call frame revert exactly; at the end, what is left is
// compared with State and sorted into Changes, with EIP-161's removal of
// touched empty accounts applied as geth's Finalise does.
package vmhost
