package vmhost

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
)

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
