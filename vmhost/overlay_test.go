package vmhost

import (
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/holiman/uint256"
)

func TestOverlaySnapshots(t *testing.T) {
	st := newMemState().put(bob, 100, 1, []byte{0x00})
	st.setSlot(bob, word(1), word(11))
	db := newOverlay(st)
	b := common.Address(bob)
	key := common.Hash(word(1))

	outer := db.Snapshot()
	db.AddBalance(b, uint256.NewInt(5), tracing.BalanceChangeUnspecified)
	db.SetState(b, key, common.Hash(word(12)))
	db.SetTransientState(b, key, common.Hash(word(3)))
	db.AddRefund(7)
	db.AddLog(&types.Log{Address: b})
	db.AddSlotToAccessList(b, key)

	inner := db.Snapshot()
	db.SubBalance(b, uint256.NewInt(50), tracing.BalanceChangeUnspecified)
	db.SetNonce(b, 9, tracing.NonceChangeUnspecified)
	db.SetState(b, key, common.Hash(word(13)))
	db.SetCode(b, []byte{0x60, 0x00}, tracing.CodeChangeUnspecified)
	db.SetTransientState(b, key, common.Hash(word(4)))
	db.SubRefund(7)
	db.AddLog(&types.Log{Address: b})
	db.SelfDestruct(b)
	db.AddAddressToAccessList(common.Address(carol))

	db.RevertToSnapshot(inner)
	check := func(stage string, bal, nonce uint64, cur, committed [32]byte, tval [32]byte, refund uint64, logs int, warm bool) {
		t.Helper()
		if got := db.GetBalance(b); !got.Eq(uint256.NewInt(bal)) {
			t.Fatalf("%s: balance %v, want %d", stage, got, bal)
		}
		if got := db.GetNonce(b); got != nonce {
			t.Fatalf("%s: nonce %d, want %d", stage, got, nonce)
		}
		if c, o := db.GetStateAndCommittedState(b, key); c != cur || o != committed {
			t.Fatalf("%s: slot %x/%x, want %x/%x", stage, c, o, cur, committed)
		}
		if got := db.GetTransientState(b, key); got != tval {
			t.Fatalf("%s: transient %x, want %x", stage, got, tval)
		}
		if db.GetRefund() != refund || len(db.logs) != logs {
			t.Fatalf("%s: refund %d logs %d, want %d %d", stage, db.GetRefund(), len(db.logs), refund, logs)
		}
		if _, slotWarm := db.SlotInAccessList(b, key); slotWarm != warm {
			t.Fatalf("%s: slot warm %v", stage, slotWarm)
		}
		if db.HasSelfDestructed(b) || db.AddressInAccessList(common.Address(carol)) {
			t.Fatalf("%s: self-destruct or carol's warmth survived the revert", stage)
		}
		if got := db.GetCode(b); len(got) != 1 || db.GetCodeHash(b) != crypto.Keccak256Hash([]byte{0x00}) {
			t.Fatalf("%s: code %x", stage, got)
		}
	}
	check("after inner revert", 105, 1, word(12), word(11), word(3), 7, 1, true)
	db.RevertToSnapshot(outer)
	check("after outer revert", 100, 1, word(11), word(11), [32]byte{}, 0, 0, false)
	if db.fault != nil {
		t.Fatal(db.fault)
	}
	if c, err := db.changes(); err != nil || !c.Empty() {
		t.Fatalf("changes after full revert: %+v, %v", c, err)
	}
}

func TestOverlayImplicitCreation(t *testing.T) {
	db := newOverlay(newMemState())
	c := common.Address(carol)
	snap := db.Snapshot()
	db.AddBalance(c, uint256.NewInt(1), tracing.BalanceChangeUnspecified)
	db.SetState(c, common.Hash{}, common.Hash(word(5)))
	if !db.Exist(c) {
		t.Fatal("a credited account does not exist")
	}
	db.RevertToSnapshot(snap)
	if db.Exist(c) || db.GetState(c, common.Hash{}) != (common.Hash{}) || db.GetCodeHash(c) != (common.Hash{}) {
		t.Fatal("reverted creation left the account behind")
	}
	if ch, _ := db.changes(); !ch.Empty() {
		t.Fatalf("changes %+v", ch)
	}
}

func TestOverlayEmptyAccounts(t *testing.T) {
	// An account State holds with nothing in it (EIP-161 "empty").
	st := newMemState().put(bob, 0, 0, nil)
	db := newOverlay(st)
	b, c := common.Address(bob), common.Address(carol)
	if !db.Empty(b) || !db.Exist(b) || db.GetCodeHash(b) != types.EmptyCodeHash {
		t.Fatal("bob should exist and be empty")
	}
	// Reading does not touch; a zero credit does.
	if ch, _ := db.changes(); !ch.Empty() {
		t.Fatalf("a read changed %+v", ch)
	}
	db.AddBalance(b, new(uint256.Int), tracing.BalanceChangeTouchAccount)
	db.AddBalance(c, new(uint256.Int), tracing.BalanceChangeTouchAccount)
	ch, err := db.changes()
	if err != nil {
		t.Fatal(err)
	}
	checkChanges(t, ch, Changes{Accounts: []AccountChange{{Address: bob, Deleted: true}}})
}

func TestOverlayFaults(t *testing.T) {
	db := newOverlay(newMemState())
	db.SubRefund(1)
	if !errors.Is(db.fault, ErrHostFault) {
		t.Fatalf("refund underflow: %v", db.fault)
	}
	db = newOverlay(newMemState())
	db.RevertToSnapshot(3)
	if !errors.Is(db.fault, ErrHostFault) {
		t.Fatalf("unknown snapshot: %v", db.fault)
	}
	db = newOverlay(newMemState())
	huge := new(uint256.Int).Lsh(uint256.NewInt(1), 64)
	db.AddBalance(common.Address(bob), huge, tracing.BalanceChangeUnspecified)
	if _, err := db.changes(); !errors.Is(err, ErrHostFault) {
		t.Fatalf("balance beyond 64 bits: %v", err)
	}
}

func TestOverlayChangesOrder(t *testing.T) {
	db := newOverlay(newMemState())
	// Touch accounts and slots in a scrambled order.
	for i := range 64 {
		a := common.Address(addr(byte(i * 37 % 64)))
		db.AddBalance(a, uint256.NewInt(uint64(i+1)), tracing.BalanceChangeUnspecified)
		for j := range 4 {
			db.SetState(a, common.Hash(word(uint64((j*3+i)%4+1))), common.Hash(word(1)))
		}
	}
	ch, err := db.changes()
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Accounts) != 64 || len(ch.Storage) != 256 {
		t.Fatalf("%d accounts, %d slots", len(ch.Accounts), len(ch.Storage))
	}
	checkSorted(t, ch)
}
