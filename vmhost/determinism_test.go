package vmhost

import (
	"reflect"
	"testing"
)

// TestDeterminism runs a busy scenario many times from identical states:
// nested calls with value, a CREATE, logs, a reverted frame, storage in
// several accounts. Every Result must be identical, whatever Go's map
// iteration order did inside.
func TestDeterminism(t *testing.T) {
	initcode, _ := nameContract(t)
	base := newMemState().
		put(alice, 1_000_000_000, 7, nil).
		put(bob, 10, 1, callerCode(t, carol)).
		put(carol, 0, 1, incrementerCode(t)).
		put(addr(0xe0), 0, 1, loggerCode(t, addr(0xe1))).
		put(addr(0xe1), 0, 1, failingLoggerCode(t)).
		put(addr(0xf0), 100, 1, factoryCode(t, childInit(t), 40))
	msgs := []Message{
		create(alice, addr(0xcc), initcode),
		call(alice, addr(0xcc), unhex(t, setNameWawa)),
		call(alice, bob, nil),
		call(alice, addr(0xe0), nil),
		call(alice, addr(0xf0), nil),
	}
	run := func() []*Result {
		st := base.clone()
		var out []*Result
		for _, m := range msgs {
			res := mustExecute(t, st, m)
			mustStatus(t, res, Success)
			st.applyChanges(t, res.Changes)
			out = append(out, res)
		}
		return out
	}
	first := run()
	for i := range 20 {
		if again := run(); !reflect.DeepEqual(first, again) {
			t.Fatalf("run %d differs from the first", i+1)
		}
	}
}
