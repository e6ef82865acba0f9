package vmhost

import (
	"bytes"
	"reflect"
	"testing"
)

// checkChanges compares Changes field by field, with readable output.
func checkChanges(t testing.TB, got, want Changes) {
	t.Helper()
	checkSorted(t, got)
	if len(got.Accounts) != len(want.Accounts) || len(got.Storage) != len(want.Storage) {
		t.Fatalf("changes:\n got %+v\nwant %+v", got, want)
	}
	for i := range want.Accounts {
		if !reflect.DeepEqual(got.Accounts[i], want.Accounts[i]) {
			t.Fatalf("account change %d:\n got %+v\nwant %+v", i, got.Accounts[i], want.Accounts[i])
		}
	}
	for i := range want.Storage {
		if got.Storage[i] != want.Storage[i] {
			t.Fatalf("storage change %d:\n got %x\nwant %x", i, got.Storage[i], want.Storage[i])
		}
	}
}

// checkSorted fails unless accounts are in strictly increasing address
// order and storage in strictly increasing (address, key) order.
func checkSorted(t testing.TB, c Changes) {
	t.Helper()
	for i := 1; i < len(c.Accounts); i++ {
		if bytes.Compare(c.Accounts[i-1].Address[:], c.Accounts[i].Address[:]) >= 0 {
			t.Fatalf("accounts out of order at %d: %x then %x", i, c.Accounts[i-1].Address, c.Accounts[i].Address)
		}
	}
	for i := 1; i < len(c.Storage); i++ {
		a, b := c.Storage[i-1], c.Storage[i]
		order := bytes.Compare(a.Address[:], b.Address[:])
		if order == 0 {
			order = bytes.Compare(a.Key[:], b.Key[:])
		}
		if order >= 0 {
			t.Fatalf("storage out of order at %d: %x/%x then %x/%x", i, a.Address, a.Key, b.Address, b.Key)
		}
	}
}
