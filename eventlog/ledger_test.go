package eventlog

import (
	"slices"
	"testing"
)

func TestDedupAccounts(t *testing.T) {
	a, b, c := arr20(1), arr20(2), arr20(3)
	many := make([][20]byte, 20)
	for i := range many {
		many[i] = arr20(byte(10 + i))
	}
	cases := []struct {
		name string
		in   [][20]byte
		want [][20]byte
		same bool // the input slice itself comes back
	}{
		{"nil", nil, nil, true},
		{"one", [][20]byte{a}, [][20]byte{a}, true},
		{"distinct", [][20]byte{a, b, c}, [][20]byte{a, b, c}, true},
		{"repeat keeps first order", [][20]byte{b, a, b, c, a}, [][20]byte{b, a, c}, false},
		{"all equal", [][20]byte{c, c, c}, [][20]byte{c}, false},
		{"long distinct", many, many, true},
		{"long with repeats", append(slices.Clone(many), many[3], a, many[0]), append(slices.Clone(many), a), false},
	}
	for _, c := range cases {
		in := slices.Clone(c.in)
		got := dedupAccounts(in)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %d accounts, want %d", c.name, len(got), len(c.want))
		}
		if !slices.Equal(in, c.in) {
			t.Errorf("%s: the input was modified", c.name)
		}
		if same := len(got) > 0 && &got[0] == &in[0]; same != c.same && len(c.in) > 0 {
			t.Errorf("%s: returned the input itself = %v, want %v", c.name, same, c.same)
		}
	}
}

func TestArenaClone(t *testing.T) {
	var a arena
	if got := a.clone(nil); got != nil {
		t.Fatalf("clone(nil) = %v", got)
	}
	src := []byte("first")
	x := a.clone(src)
	y := a.clone([]byte("second"))
	src[0] = 'F'
	if string(x) != "first" || string(y) != "second" {
		t.Fatalf("clones = %q %q", x, y)
	}
	if cap(x) != len(x) {
		t.Fatalf("clone not capped: len %d cap %d", len(x), cap(x))
	}
	_ = append(x, "XXXXXX"...)
	if string(y) != "second" {
		t.Fatal("append to one clone overwrote the next")
	}
	big := make([]byte, arenaChunk)
	if got := a.clone(big); len(got) != arenaChunk || &got[0] == &big[0] {
		t.Fatal("large clone is not a separate copy")
	}
	for range 2 * arenaChunk / 1000 { // crosses chunk boundaries
		v := a.clone(make([]byte, 1000))
		if len(v) != 1000 || cap(v) != 1000 {
			t.Fatalf("clone across chunks: len %d cap %d", len(v), cap(v))
		}
	}
}
