package vmhost

import (
	"reflect"
	"testing"
)

// checkChanges compares Changes field by field, with readable output.
func checkChanges(t testing.TB, got, want Changes) {
	t.Helper()
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
