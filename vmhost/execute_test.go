package vmhost

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
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

func TestValueTransfer(t *testing.T) {
	st := newMemState().put(alice, 1000, 3, nil).put(bob, 50, 1, payableCode(t))
	msg := call(alice, bob, nil)
	msg.Value = 300
	res := mustExecute(t, st, msg)
	mustStatus(t, res, Success)
	checkChanges(t, res.Changes, Changes{
		Accounts: []AccountChange{
			{Address: alice, Balance: 700, Nonce: 3},
			{Address: bob, Balance: 350, Nonce: 1},
		},
		Storage: []StorageChange{
			{Address: bob, Key: word(0), Value: word(300)},
			{Address: bob, Key: word(1), Value: word(350)},
		},
	})

	msg.Value = 1001
	res = mustExecute(t, st, msg)
	mustStatus(t, res, Unfunded)
	if res.GasUsed != 21000 || !res.Changes.Empty() || !errors.Is(res.Err, vm.ErrInsufficientBalance) {
		t.Fatalf("unfunded: gas %d changes %+v err %v", res.GasUsed, res.Changes, res.Err)
	}
}

func TestContractCallsContract(t *testing.T) {
	st := newMemState().
		put(alice, 1000, 1, nil).
		put(bob, 10, 1, callerCode(t, carol)).
		put(carol, 0, 1, incrementerCode(t))
	res := mustExecute(t, st, call(alice, bob, nil))
	mustStatus(t, res, Success)
	checkChanges(t, res.Changes, Changes{
		Accounts: []AccountChange{
			{Address: bob, Balance: 5, Nonce: 1},
			{Address: carol, Balance: 5, Nonce: 1},
		},
		Storage: []StorageChange{
			{Address: bob, Key: word(0), Value: word(42)},
			{Address: bob, Key: word(1), Value: word(1)},
			{Address: carol, Key: word(0), Value: addrWord(bob)},
		},
	})
}

func TestCreateInsideContract(t *testing.T) {
	child := childInit(t)
	st := newMemState().put(alice, 1000, 1, nil).put(bob, 0, 1, factoryCode(t, child, 0))
	res := mustExecute(t, st, call(alice, bob, nil))
	mustStatus(t, res, Success)
	// CREATE inside a contract derives the address Ethereum's way, from
	// the factory's nonce (1 for a contract), which it then raises.
	childAddr := [20]byte(crypto.CreateAddress(bob, 1))
	accounts := []AccountChange{
		{Address: bob, Balance: 0, Nonce: 2},
		{Address: childAddr, Created: true, Nonce: 1, Code: []byte{0x00}},
	}
	storage := []StorageChange{
		{Address: bob, Key: word(0), Value: addrWord(childAddr)},
		{Address: childAddr, Key: word(0), Value: word(7)},
	}
	if bytes.Compare(childAddr[:], bob[:]) < 0 {
		slices.Reverse(accounts)
		slices.Reverse(storage)
	}
	checkChanges(t, res.Changes, Changes{Accounts: accounts, Storage: storage})
}

func TestEvents(t *testing.T) {
	st := newMemState().
		put(alice, 1000, 1, nil).
		put(bob, 0, 1, loggerCode(t, carol)).
		put(carol, 0, 1, failingLoggerCode(t))
	res := mustExecute(t, st, call(alice, bob, nil))
	mustStatus(t, res, Success)
	want := []Log{
		{Address: bob, Topics: [][32]byte{word(1), word(2)}, Data: []byte("abcd")},
		{Address: bob, Topics: [][32]byte{}},
	}
	if len(res.Logs) != len(want) {
		t.Fatalf("logs %+v, want %+v", res.Logs, want)
	}
	for i := range want {
		got := res.Logs[i]
		if got.Address != want[i].Address || !slices.Equal(got.Topics, want[i].Topics) || !bytes.Equal(got.Data, want[i].Data) {
			t.Fatalf("log %d: %+v, want %+v", i, got, want[i])
		}
	}
	// The reverted callee's write is gone with its log.
	if !res.Changes.Empty() {
		t.Fatalf("changes %+v", res.Changes)
	}

	msg := call(alice, bob, nil)
	msg.ReadOnly = true
	if res = mustExecute(t, st, msg); res.Logs != nil {
		t.Fatalf("read-only call logged %+v", res.Logs)
	}
}

func TestSelfDestruct(t *testing.T) {
	t.Run("existing contract only gives its balance away (EIP-6780)", func(t *testing.T) {
		st := newMemState().put(alice, 1000, 1, nil).put(bob, 100, 1, selfdestructCode(t, carol))
		res := mustExecute(t, st, call(alice, bob, nil))
		mustStatus(t, res, Success)
		checkChanges(t, res.Changes, Changes{Accounts: []AccountChange{
			{Address: bob, Balance: 0, Nonce: 1},
			{Address: carol, Created: true, Balance: 100},
		}})
		st.applyChanges(t, res.Changes)
		res = mustExecute(t, st, call(alice, bob, nil))
		mustStatus(t, res, Success)
		checkChanges(t, res.Changes, Changes{})
	})
	t.Run("contract created and destroyed in one execution leaves nothing", func(t *testing.T) {
		st := newMemState().put(alice, 1000, 1, nil).put(bob, 80, 1, factoryCode(t, selfdestructCode(t, carol), 50))
		res := mustExecute(t, st, call(alice, bob, nil))
		mustStatus(t, res, Success)
		childAddr := [20]byte(crypto.CreateAddress(bob, 1))
		accounts := []AccountChange{
			{Address: bob, Balance: 30, Nonce: 2},
			{Address: carol, Created: true, Balance: 50},
		}
		checkChanges(t, res.Changes, Changes{
			Accounts: accounts,
			Storage:  []StorageChange{{Address: bob, Key: word(0), Value: addrWord(childAddr)}},
		})
	})
}

func TestTransientStorage(t *testing.T) {
	st := newMemState().put(alice, 1000, 1, nil).put(bob, 0, 1, transientCode(t))
	res := mustExecute(t, st, call(alice, bob, nil))
	mustStatus(t, res, Success)
	checkChanges(t, res.Changes, Changes{Storage: []StorageChange{{Address: bob, Key: word(0), Value: word(9)}}})
	st.applyChanges(t, res.Changes)
	// A second execution starts with empty transient storage again, so
	// slot 1 stays zero.
	res = mustExecute(t, st, call(alice, bob, nil))
	mustStatus(t, res, Success)
	checkChanges(t, res.Changes, Changes{})
}

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
