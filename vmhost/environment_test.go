package vmhost

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/core/vm"
)

func TestNotExist(t *testing.T) {
	st := newMemState().put(alice, 1000, 1, nil)
	for _, msg := range []Message{
		call(alice, bob, []byte{1, 2}),
		call(bob, alice, nil),
		{Caller: alice, To: &bob, Gas: 1e9, ReadOnly: true},
	} {
		res := mustExecute(t, st, msg)
		mustStatus(t, res, NotExist)
		want := intrinsicGas(msg.Data, false)
		if msg.ReadOnly {
			want = 0
		}
		if res.GasUsed != want || !errors.Is(res.Err, ErrNoContract) || res.Message() != "Contract does not exist,maybe destructed." {
			t.Fatalf("gas %d err %v message %q", res.GasUsed, res.Err, res.Message())
		}
	}
}

func TestPrecompileCalledDirectly(t *testing.T) {
	st := newMemState().put(alice, 1000, 1, nil)
	msg := call(alice, addr(0), []byte("abc"))
	sha := [20]byte{19: 2}
	msg.To = &sha
	res := mustExecute(t, st, msg)
	mustStatus(t, res, Success)
	if want := sha256.Sum256([]byte("abc")); !bytes.Equal(res.Return, want[:]) {
		t.Fatalf("sha256 precompile returned %x", res.Return)
	}
}

func TestExceptions(t *testing.T) {
	tests := []struct {
		name string
		code []byte
		err  error
	}{
		{"INVALID", asm(t, vm.INVALID), nil},
		{"jump to a non-JUMPDEST", asm(t, push(3), vm.JUMP, vm.STOP, vm.STOP), vm.ErrInvalidJump},
		{"stack underflow", asm(t, vm.ADD), nil},
		{"CLZ is Osaka, after Cancun", asm(t, push(1), vm.CLZ), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newMemState().put(alice, 1000, 1, nil).put(bob, 0, 1, tt.code)
			msg := call(alice, bob, nil)
			res := mustExecute(t, st, msg)
			mustStatus(t, res, Exception)
			if res.GasUsed != msg.Gas || res.Err == nil || (tt.err != nil && !errors.Is(res.Err, tt.err)) {
				t.Fatalf("gas %d err %v", res.GasUsed, res.Err)
			}
		})
	}
	t.Run("deploy onto an existing account", func(t *testing.T) {
		st := newMemState().put(alice, 1000, 1, nil).put(bob, 0, 1, nil)
		msg := create(alice, bob, initCode(t, stopCode(t)))
		res := mustExecute(t, st, msg)
		mustStatus(t, res, Exception)
		if !errors.Is(res.Err, vm.ErrContractAddressCollision) || res.GasUsed != msg.Gas {
			t.Fatalf("gas %d err %v", res.GasUsed, res.Err)
		}
	})
}

func TestCancunOpcodes(t *testing.T) {
	st := newMemState().put(bob, 0, 1, cancunCode(t))
	msg := call(alice, bob, nil)
	msg.ReadOnly = true
	res := mustExecute(t, st, msg)
	mustStatus(t, res, Success)
	if want := word(42); !bytes.Equal(res.Return, want[:]) {
		t.Fatalf("return %x", res.Return)
	}
}

func TestBlockEnvironment(t *testing.T) {
	blk := Block{
		Number: 100, Time: 1_700_000_000, Coinbase: carol, GasLimit: 210000,
		Hash: func(n uint64) [32]byte { return word(1000 + n) },
	}
	st := newMemState().put(bob, 0, 1, envCode(t))
	msg := call(alice, bob, nil)
	msg.GasPrice, msg.ReadOnly = 10, true
	res, err := Execute(st, msg, blk, Config{ChainID: 77})
	if err != nil {
		t.Fatal(err)
	}
	mustStatus(t, res, Success)
	want := [][32]byte{
		word(100), word(1_700_000_000), addrWord(carol), word(210000), word(77),
		word(1099), word(10), addrWord(alice), word(0), word(0),
	}
	for i, w := range want {
		if got := res.Return[32*i : 32*i+32]; !bytes.Equal(got, w[:]) {
			t.Fatalf("word %d = %x, want %x", i, got, w)
		}
	}
	blk.Hash = nil
	if res, _ = Execute(st, msg, blk, Config{}); !bytes.Equal(res.Return[32*5:32*6], make([]byte, 32)) {
		t.Fatalf("BLOCKHASH without a Hash function = %x", res.Return[32*5:32*6])
	}
}

func TestBadMessage(t *testing.T) {
	if _, err := Execute(nil, call(alice, bob, nil), testBlock, Config{}); !errors.Is(err, ErrBadMessage) {
		t.Fatalf("nil state: %v", err)
	}
	msg := create(alice, bob, nil)
	msg.ReadOnly = true
	if _, err := Execute(newMemState(), msg, testBlock, Config{}); !errors.Is(err, ErrBadMessage) {
		t.Fatalf("read-only deploy: %v", err)
	}
}
