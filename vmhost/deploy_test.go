package vmhost

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
)

// Deploys the rules refuse: each uses all its gas and changes nothing.
func TestDeployLimits(t *testing.T) {
	tests := []struct {
		name string
		code []byte
		err  error
	}{
		// mstore8(0, 0xEF); return(0, 1)
		{"code starting with 0xEF (EIP-3541)", asm(t, push(0xEF), push(0), vm.MSTORE8, push(1), push(0), vm.RETURN), vm.ErrInvalidCode},
		// return(0, 24577): zeros, one byte over EIP-170
		{"code of 24577 bytes (EIP-170)", asm(t, push(24577), push(0), vm.RETURN), vm.ErrMaxCodeSizeExceeded},
		{"init code of 49153 bytes (EIP-3860)", make([]byte, 49153), vm.ErrMaxInitCodeSizeExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newMemState().put(alice, 1e9, 1, nil)
			msg := create(alice, bob, tt.code)
			msg.Gas = 10_000_000
			res := mustExecute(t, st, msg)
			mustStatus(t, res, Exception)
			if !errors.Is(res.Err, tt.err) || res.GasUsed != msg.Gas || !res.Changes.Empty() {
				t.Fatalf("err %v, gas %d of %d, changes %+v", res.Err, res.GasUsed, msg.Gas, res.Changes)
			}
		})
	}
	t.Run("value beyond the balance", func(t *testing.T) {
		st := newMemState().put(alice, 100, 1, nil)
		msg := create(alice, bob, initCode(t, stopCode(t)))
		msg.Value = 101
		res := mustExecute(t, st, msg)
		mustStatus(t, res, Unfunded)
		if want := intrinsicGas(msg.Data, true); res.GasUsed != want {
			t.Fatalf("gas %d, want the intrinsic %d", res.GasUsed, want)
		}
	})
}

// EXTCODESIZE and EXTCODEHASH see code as Ethereum defines them:
// keccak256 of the code, the empty-code hash for an account without code,
// zero for no account.
func TestCodeQueries(t *testing.T) {
	target := incrementerCode(t)
	nobody := addr(0x99)
	// mstore(0, extcodesize(carol)); mstore(32, extcodehash(carol));
	// mstore(64, extcodehash(nobody)); mstore(96, extcodehash(alice)); return(0, 128)
	code := asm(t,
		pushBytes(carol[:]), vm.EXTCODESIZE, push(0), vm.MSTORE,
		pushBytes(carol[:]), vm.EXTCODEHASH, push(32), vm.MSTORE,
		pushBytes(nobody[:]), vm.EXTCODEHASH, push(64), vm.MSTORE,
		pushBytes(alice[:]), vm.EXTCODEHASH, push(96), vm.MSTORE,
		push(128), push(0), vm.RETURN,
	)
	st := newMemState().put(alice, 1e9, 1, nil).put(bob, 0, 1, code).put(carol, 0, 1, target)
	msg := call(alice, bob, nil)
	msg.ReadOnly = true
	res := mustExecute(t, st, msg)
	mustStatus(t, res, Success)
	var want []byte
	size := word(uint64(len(target)))
	want = append(want, size[:]...)
	want = append(want, crypto.Keccak256(target)...)
	want = append(want, make([]byte, 32)...)
	want = append(want, types.EmptyCodeHash[:]...)
	if !bytes.Equal(res.Return, want) {
		t.Fatalf("return %x\nwant   %x", res.Return, want)
	}
}

func TestStatusText(t *testing.T) {
	tests := []struct {
		res           Result
		name, message string
	}{
		{Result{Status: Success}, "Success", ""},
		{Result{Status: Revert, RevertReason: "no"}, "Revert", "no"},
		{Result{Status: OutOfGas, Err: vm.ErrOutOfGas}, "OutOfGas", "out of gas"},
		{Result{Status: Exception, Err: vm.ErrInvalidJump}, "Exception", "invalid jump destination"},
		{Result{Status: NotExist, Err: ErrNoContract}, "NotExist", "Contract does not exist,maybe destructed."},
		{Result{Status: Unfunded, Err: vm.ErrInsufficientBalance}, "Unfunded", "insufficient balance for transfer"},
		{Result{Status: Exception}, "Exception", "Exception"},
		{Result{Status: Status(9)}, "Status(9)", "Status(9)"},
	}
	for _, tt := range tests {
		if got := tt.res.Status.String(); got != tt.name {
			t.Errorf("String() = %q, want %q", got, tt.name)
		}
		if got := tt.res.Message(); got != tt.message {
			t.Errorf("%s: Message() = %q, want %q", tt.name, got, tt.message)
		}
	}
}
