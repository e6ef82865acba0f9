package vmhost

import "testing"

// benchState is a ledger with the document's name contract deployed.
func benchState(b *testing.B) (*memState, [20]byte) {
	initcode, _ := nameContract(b)
	contract := addr(0xcc)
	st := newMemState().put(alice, 1_000_000_000, 5, nil)
	res := mustExecute(b, st, create(alice, contract, initcode))
	mustStatus(b, res, Success)
	st.applyChanges(b, res.Changes)
	return st, contract
}

// BenchmarkStorageWrite is setName("wawa") on a fresh slot: the document's
// call transaction, one cold SSTORE from zero.
func BenchmarkStorageWrite(b *testing.B) {
	st, contract := benchState(b)
	msg := call(alice, contract, unhex(b, setNameWawa))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Execute(st, msg, testBlock, Config{ChainID: 1})
		if err != nil || res.Status != Success || len(res.Changes.Storage) != 1 {
			b.Fatalf("%v %+v", err, res)
		}
	}
}

// BenchmarkReadOnlyCall is contract_call of getName() after setName.
func BenchmarkReadOnlyCall(b *testing.B) {
	st, contract := benchState(b)
	res := mustExecute(b, st, call(alice, contract, unhex(b, setNameWawa)))
	st.applyChanges(b, res.Changes)
	msg := call(alice, contract, unhex(b, getNameSelector))
	msg.ReadOnly = true
	b.ReportAllocs()
	for b.Loop() {
		res, err := Execute(st, msg, testBlock, Config{ChainID: 1})
		if err != nil || res.Status != Success || len(res.Return) != 96 {
			b.Fatalf("%v %+v", err, res)
		}
	}
}

// BenchmarkDeploy deploys the document's name contract (962 bytes of init
// code, 943 bytes of runtime).
func BenchmarkDeploy(b *testing.B) {
	initcode, _ := nameContract(b)
	st := newMemState().put(alice, 1_000_000_000, 5, nil)
	msg := create(alice, addr(0xcc), initcode)
	b.ReportAllocs()
	for b.Loop() {
		res, err := Execute(st, msg, testBlock, Config{ChainID: 1})
		if err != nil || res.Status != Success {
			b.Fatalf("%v %+v", err, res)
		}
	}
}
