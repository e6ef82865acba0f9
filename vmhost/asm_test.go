package vmhost

import (
	"encoding/binary"
	"testing"

	"github.com/ethereum/go-ethereum/core/vm"
)

// A tiny assembler for the test contracts, which are written here by hand
// because the machine has no solc. Each contract's source is the item list
// passed to asm, read as EVM assembly.

type (
	label     string // marks the position of the next item
	ref       string // PUSH2 of a label's position
	raw       []byte // bytes as they are (a data section)
	push      uint64 // the shortest PUSH of a value (PUSH0 for zero)
	pushBytes []byte // PUSHn of exactly these bytes (n = len, 1..32)
)

// asm assembles items: vm.OpCode, push, pushBytes, label, ref, raw.
func asm(t testing.TB, items ...any) []byte {
	t.Helper()
	labels := make(map[label]int)
	size := 0
	for _, it := range items {
		if l, ok := it.(label); ok {
			labels[l] = size
			continue
		}
		size += len(encodeItem(t, it, nil))
	}
	out := make([]byte, 0, size)
	for _, it := range items {
		if _, ok := it.(label); !ok {
			out = append(out, encodeItem(t, it, labels)...)
		}
	}
	return out
}

// encodeItem encodes one item; with nil labels a ref encodes as a
// placeholder of the right width.
func encodeItem(t testing.TB, it any, labels map[label]int) []byte {
	t.Helper()
	switch v := it.(type) {
	case vm.OpCode:
		return []byte{byte(v)}
	case push:
		if v == 0 {
			return []byte{byte(vm.PUSH0)}
		}
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], uint64(v))
		i := 0
		for b[i] == 0 {
			i++
		}
		return append([]byte{byte(vm.PUSH1) + byte(7-i)}, b[i:]...)
	case pushBytes:
		if len(v) == 0 || len(v) > 32 {
			t.Fatalf("asm: push of %d bytes", len(v))
		}
		return append([]byte{byte(vm.PUSH1) + byte(len(v)-1)}, v...)
	case ref:
		pos := 0
		if labels != nil {
			p, ok := labels[label(v)]
			if !ok {
				t.Fatalf("asm: undefined label %q", v)
			}
			pos = p
		}
		return []byte{byte(vm.PUSH2), byte(pos >> 8), byte(pos)}
	case raw:
		return v
	}
	t.Fatalf("asm: unknown item %T", it)
	return nil
}

// initCode wraps runtime code in init code that deploys it:
//
//	PUSH len(runtime); DUP1; PUSH2 runtime; PUSH0; CODECOPY; PUSH0; RETURN
//	runtime: <runtime>
func initCode(t testing.TB, runtime []byte) []byte {
	t.Helper()
	return asm(t,
		push(len(runtime)), vm.DUP1, ref("runtime"), push(0), vm.CODECOPY, push(0), vm.RETURN,
		label("runtime"), raw(runtime),
	)
}

func TestAsm(t *testing.T) {
	tests := []struct {
		name  string
		items []any
		want  []byte
	}{
		{"push widths", []any{push(0), push(1), push(0x1234), push(0x010000)},
			[]byte{0x5f, 0x60, 0x01, 0x61, 0x12, 0x34, 0x62, 0x01, 0x00, 0x00}},
		{"labels", []any{ref("end"), vm.JUMP, label("end"), vm.JUMPDEST},
			[]byte{0x61, 0x00, 0x04, 0x56, 0x5b}},
		{"push bytes and raw", []any{pushBytes{0, 1}, raw{0xaa}}, []byte{0x61, 0x00, 0x01, 0xaa}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := asm(t, tt.items...); string(got) != string(tt.want) {
				t.Fatalf("asm = %x, want %x", got, tt.want)
			}
		})
	}
	if got, want := initCode(t, []byte{0x00}), []byte{0x60, 0x01, 0x80, 0x61, 0x00, 0x0a, 0x5f, 0x39, 0x5f, 0xf3, 0x00}; string(got) != string(want) {
		t.Fatalf("initCode = %x, want %x", got, want)
	}
}
