package vmhost

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/core/vm"
)

func TestRevertReason(t *testing.T) {
	stringType, _ := abi.NewType("string", "", nil)
	errorData, err := abi.Arguments{{Type: stringType}}.Pack("not allowed")
	if err != nil {
		t.Fatal(err)
	}
	panic11 := word(0x11)
	tests := []struct {
		name   string
		data   []byte
		reason string
	}{
		{"Error(string)", append(unhex(t, "08c379a0"), errorData...), "not allowed"},
		{"Panic(0x11)", append(unhex(t, "4e487b71"), panic11[:]...), "An arithmetic operation results in underflow or overflow."},
		{"chainsqld's zero selector", append([]byte{0, 0, 0, 0}, "table missing"...), "table missing"},
		{"custom error", unhex(t, "deadbeef00ff"), "0xdeadbeef00ff"},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code := revertCode(t, tt.data)
			st := newMemState().put(alice, 1_000_000, 1, nil).put(bob, 0, 1, code)
			msg := call(alice, bob, nil)
			res := mustExecute(t, st, msg)
			mustStatus(t, res, Revert)
			if res.RevertReason != tt.reason || res.Message() != tt.reason {
				t.Fatalf("reason %q / message %q, want %q", res.RevertReason, res.Message(), tt.reason)
			}
			if !bytes.Equal(res.Return, tt.data) || !errors.Is(res.Err, vm.ErrExecutionReverted) {
				t.Fatalf("return %x err %v", res.Return, res.Err)
			}
			if !res.Changes.Empty() || res.Logs != nil {
				t.Fatalf("a revert changed %+v", res.Changes)
			}
			if res.GasUsed <= 21000 || res.GasUsed > 21100 {
				t.Fatalf("revert used %d gas, want a little over 21000", res.GasUsed)
			}
		})
	}
}

func TestOutOfGas(t *testing.T) {
	initcode, _ := nameContract(t)
	intrinsic := intrinsicGas(initcode, true)
	tests := []struct {
		name string
		st   *memState
		msg  Message
		err  error
	}{
		{"endless loop",
			newMemState().put(alice, 1e9, 1, nil).put(bob, 0, 1, loopCode(t)),
			call(alice, bob, nil), vm.ErrOutOfGas},
		{"below intrinsic gas",
			newMemState().put(alice, 1e9, 1, nil).put(bob, 0, 1, stopCode(t)),
			Message{Caller: alice, To: &bob, Gas: 20999}, ErrIntrinsicGas},
		{"code deposit (0x3af bytes × 200 gas)",
			newMemState().put(alice, 1e9, 1, nil),
			Message{Caller: alice, Create: carol, Data: initcode, Gas: intrinsic + 100_000}, vm.ErrCodeStoreOutOfGas},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustExecute(t, tt.st, tt.msg)
			mustStatus(t, res, OutOfGas)
			if !errors.Is(res.Err, tt.err) || res.GasUsed != tt.msg.Gas || !res.Changes.Empty() {
				t.Fatalf("err %v gas used %d of %d changes %+v", res.Err, res.GasUsed, tt.msg.Gas, res.Changes)
			}
		})
	}
}

// Gas figures worked out by hand from the EIPs, not taken from a run.
func TestGasUsed(t *testing.T) {
	one := word(1)
	tests := []struct {
		name string
		code []byte
		slot *[32]byte // slots 0 and 1 before the call
		data []byte
		want uint64
	}{
		{"STOP", stopCode(t), nil, nil, 21000},
		{"STOP with data 00 01: 4 + 16", stopCode(t), nil, []byte{0, 1}, 21020},
		// PUSH1 3 + PUSH0 2 + SSTORE cold (2100) from zero (20000).
		{"store 0 → 1", storeOne(t, 0, 1), nil, nil, 21000 + 3 + 2 + 2100 + 20000},
		// PUSH0 2 + PUSH0 2 + SSTORE cold (2100) reset (2900) = 26006;
		// refund 4800 (EIP-3529), under the cap 26006/5.
		{"store 1 → 0, refunded", storeOne(t, 0, 0), &one, nil, 21000 + 2 + 2 + 2100 + 2900 - 4800},
		// Two resets: 21000 + 2+2+5000 + 2+3+5000 = 31009; the refund of
		// 9600 is capped at 31009/5 = 6201.
		{"two slots 1 → 0, refund capped at a fifth",
			asm(t, push(0), push(0), vm.SSTORE, push(0), push(1), vm.SSTORE, vm.STOP), &one, nil, 31009 - 6201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newMemState().put(alice, 1e9, 1, nil).put(bob, 0, 1, tt.code)
			if tt.slot != nil {
				st.setSlot(bob, word(0), *tt.slot)
				st.setSlot(bob, word(1), *tt.slot)
			}
			res := mustExecute(t, st, call(alice, bob, tt.data))
			mustStatus(t, res, Success)
			if res.GasUsed != tt.want {
				t.Fatalf("gas used %d, want %d", res.GasUsed, tt.want)
			}
		})
	}

	t.Run("deploy of a one-byte STOP", func(t *testing.T) {
		// Intrinsic 53000 + 9 non-zero bytes × 16 + 2 zero bytes × 4 +
		// 1 word × 2; init code PUSH1 DUP1 PUSH2 (3 each), PUSH0 (2),
		// CODECOPY (3 + 3 + 3 memory), PUSH0 (2), RETURN (0); deposit 200.
		st := newMemState().put(alice, 1e9, 1, nil)
		res := mustExecute(t, st, create(alice, bob, initCode(t, stopCode(t))))
		mustStatus(t, res, Success)
		if want := uint64(53000 + 144 + 8 + 2 + 22 + 200); res.GasUsed != want {
			t.Fatalf("gas used %d, want %d", res.GasUsed, want)
		}
	})
	t.Run("read-only calls pay no intrinsic gas", func(t *testing.T) {
		st := newMemState().put(bob, 0, 1, stopCode(t))
		msg := call(alice, bob, nil)
		msg.ReadOnly = true
		if res := mustExecute(t, st, msg); res.GasUsed != 0 {
			t.Fatalf("gas used %d, want 0", res.GasUsed)
		}
	})
}
