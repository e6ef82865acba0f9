package vmhost

import (
	"reflect"
	"testing"
)

// FuzzExecute runs arbitrary bytecode, as a contract and as init code,
// and checks what must hold for any code: no host fault, the same Result
// twice, sorted Changes that apply cleanly, no Changes unless Success,
// GasUsed within Gas.
func FuzzExecute(f *testing.F) {
	initcode, runtime := nameContract(f)
	for _, seed := range [][]byte{
		runtime, initcode, stopCode(f), loopCode(f), payableCode(f), transientCode(f), envCode(f),
		callerCode(f, carol), factoryCode(f, childInit(f), 1), loggerCode(f, carol),
		selfdestructCode(f, carol), revertCode(f, []byte("no")),
	} {
		f.Add(seed, []byte(nil), uint16(0))
		f.Add(seed, unhex(f, setNameWawa), uint16(7))
	}
	f.Fuzz(func(t *testing.T, code, data []byte, value uint16) {
		base := newMemState().
			put(alice, 1_000_000, 1, nil).
			put(bob, 500, 1, code).
			put(carol, 0, 1, incrementerCode(t))
		for _, msg := range []Message{
			{Caller: alice, To: &bob, Data: data, Value: uint64(value), Gas: 200_000, GasPrice: 10},
			{Caller: alice, Create: addr(0xdd), Data: code, Value: uint64(value), Gas: 200_000, GasPrice: 10},
		} {
			first := mustExecute(t, base.clone(), msg)
			if again := mustExecute(t, base.clone(), msg); !reflect.DeepEqual(first, again) {
				t.Fatalf("two runs differ:\n%+v\n%+v", first, again)
			}
			if first.GasUsed > msg.Gas {
				t.Fatalf("gas used %d > %d", first.GasUsed, msg.Gas)
			}
			if first.Status != Success && (!first.Changes.Empty() || first.Logs != nil) {
				t.Fatalf("%v with changes %+v", first.Status, first.Changes)
			}
			checkSorted(t, first.Changes)
			base.clone().applyChanges(t, first.Changes)
		}
	})
}
