package vmhost

import (
	"testing"

	"github.com/ethereum/go-ethereum/core/vm"
)

// The hand-written contracts of the tests. Each function's item list is
// the contract's source, in EVM assembly.

// stopCode does nothing: STOP.
func stopCode(t testing.TB) []byte { return asm(t, vm.STOP) }

// storeOne writes one storage slot: sstore(key, value).
func storeOne(t testing.TB, key, value uint64) []byte {
	return asm(t, push(value), push(key), vm.SSTORE, vm.STOP)
}

// revertCode reverts with data: codecopy(0, data, len); revert(0, len).
func revertCode(t testing.TB, data []byte) []byte {
	return asm(t,
		push(len(data)), ref("data"), push(0), vm.CODECOPY,
		push(len(data)), push(0), vm.REVERT,
		label("data"), raw(data),
	)
}

// loopCode spins until the gas runs out: loop: JUMPDEST; jump(loop).
func loopCode(t testing.TB) []byte {
	return asm(t, label("loop"), vm.JUMPDEST, ref("loop"), vm.JUMP)
}

// payableCode records what it was paid:
// sstore(0, callvalue()); sstore(1, selfbalance()).
func payableCode(t testing.TB) []byte {
	return asm(t,
		vm.CALLVALUE, push(0), vm.SSTORE,
		vm.SELFBALANCE, push(1), vm.SSTORE,
		vm.STOP,
	)
}

// incrementerCode records its caller and returns its argument plus one:
// sstore(0, caller()); mstore(0, calldataload(0) + 1); return(0, 32).
func incrementerCode(t testing.TB) []byte {
	return asm(t,
		vm.CALLER, push(0), vm.SSTORE,
		push(0), vm.CALLDATALOAD, push(1), vm.ADD, push(0), vm.MSTORE,
		push(32), push(0), vm.RETURN,
	)
}

// callerCode calls target with 41 and 5 drops and stores the answer:
// mstore(0, 41); ok := call(gas(), target, 5, 0, 32, 32, 32);
// sstore(1, ok); sstore(0, mload(32)).
func callerCode(t testing.TB, target [20]byte) []byte {
	return asm(t,
		push(41), push(0), vm.MSTORE,
		push(32), push(32), push(32), push(0), push(5), pushBytes(target[:]), vm.GAS, vm.CALL,
		push(1), vm.SSTORE,
		push(32), vm.MLOAD, push(0), vm.SSTORE,
		vm.STOP,
	)
}

// factoryCode deploys child init code with CREATE, passing value, and
// stores the new address: codecopy(0, child, len);
// sstore(0, create(value, 0, len)).
func factoryCode(t testing.TB, child []byte, value uint64) []byte {
	return asm(t,
		push(len(child)), ref("child"), push(0), vm.CODECOPY,
		push(len(child)), push(0), push(value), vm.CREATE,
		push(0), vm.SSTORE, vm.STOP,
		label("child"), raw(child),
	)
}

// childInit stores 7 and deploys a one-byte STOP:
// sstore(0, 7); return(0, 1).
func childInit(t testing.TB) []byte {
	return asm(t, push(7), push(0), vm.SSTORE, push(1), push(0), vm.RETURN)
}

// selfdestructCode gives its balance to beneficiary: selfdestruct(beneficiary).
func selfdestructCode(t testing.TB, beneficiary [20]byte) []byte {
	return asm(t, pushBytes(beneficiary[:]), vm.SELFDESTRUCT)
}

// loggerCode emits LOG2("abcd", topic 1, topic 2), calls failing (whose
// own log and write must vanish), then emits an empty LOG0:
// mstore(0, "abcd"); log2(28, 4, 1, 2); pop(call(gas(), failing, 0, 0, 0, 0, 0)); log0(0, 0).
func loggerCode(t testing.TB, failing [20]byte) []byte {
	return asm(t,
		pushBytes("abcd"), push(0), vm.MSTORE,
		push(2), push(1), push(4), push(28), vm.LOG2,
		push(0), push(0), push(0), push(0), push(0), pushBytes(failing[:]), vm.GAS, vm.CALL, vm.POP,
		push(0), push(0), vm.LOG0,
		vm.STOP,
	)
}

// failingLoggerCode logs and writes, then reverts:
// log1(0, 0, 0x77); sstore(0, 9); revert(0, 0).
func failingLoggerCode(t testing.TB) []byte {
	return asm(t,
		push(0x77), push(0), push(0), vm.LOG1,
		push(9), push(0), vm.SSTORE,
		push(0), push(0), vm.REVERT,
	)
}

// transientCode shows that transient storage starts empty and holds
// within the execution: sstore(1, tload(0)); tstore(0, 9); sstore(0, tload(0)).
func transientCode(t testing.TB) []byte {
	return asm(t,
		push(0), vm.TLOAD, push(1), vm.SSTORE,
		push(9), push(0), vm.TSTORE,
		push(0), vm.TLOAD, push(0), vm.SSTORE,
		vm.STOP,
	)
}

// envCode returns ten words of its environment: NUMBER, TIMESTAMP,
// COINBASE, GASLIMIT, CHAINID, BLOCKHASH(NUMBER-1), GASPRICE, ORIGIN,
// BASEFEE, PREVRANDAO.
func envCode(t testing.TB) []byte {
	items := []any{}
	ops := []any{vm.NUMBER, vm.TIMESTAMP, vm.COINBASE, vm.GASLIMIT, vm.CHAINID, nil, vm.GASPRICE, vm.ORIGIN, vm.BASEFEE, vm.PREVRANDAO}
	for i, op := range ops {
		if op == nil {
			items = append(items, push(1), vm.NUMBER, vm.SUB, vm.BLOCKHASH)
		} else {
			items = append(items, op)
		}
		items = append(items, push(32*i), vm.MSTORE)
	}
	items = append(items, push(32*len(ops)), push(0), vm.RETURN)
	return asm(t, items...)
}

// cancunCode uses PUSH0 (Shanghai) and MCOPY (Cancun):
// mstore(0, 42); mcopy(32, 0, 32); return(32, 32).
func cancunCode(t testing.TB) []byte {
	return asm(t,
		push(42), push(0), vm.MSTORE,
		push(32), push(0), push(32), vm.MCOPY,
		push(32), push(32), vm.RETURN,
	)
}
