package eventlog

import (
	"errors"
	"testing"
)

func TestMeta(t *testing.T) {
	fs := memFS()
	l := openLog(t, fs, "log")
	if err := l.SetMeta("sql-checkpoint", []byte{0, 0, 0, 42}); err != nil {
		t.Fatal(err)
	}
	if err := l.SetMeta("snapshot", []byte("ledger 7")); err != nil {
		t.Fatal(err)
	}
	if err := l.SetMeta("snapshot", []byte("ledger 9")); err != nil {
		t.Fatal(err)
	}
	if err := l.SetMeta("", []byte("x")); !errors.Is(err, ErrInvalid) {
		t.Fatalf("SetMeta with an empty key = %v, want ErrInvalid", err)
	}
	if _, _, ok := l.Head(); ok {
		t.Fatal("SetMeta moved the head")
	}
	want := appendRange(t, l, 1, 3)
	closeLog(t, l)

	l = openLog(t, fs, "log")
	defer closeLog(t, l)
	requireContents(t, l, want)
	for key, want := range map[string]string{"sql-checkpoint": "\x00\x00\x00\x2a", "snapshot": "ledger 9"} {
		got, err := l.Meta(key)
		if err != nil || string(got) != want {
			t.Errorf("Meta(%q) = %q, %v; want %q", key, got, err, want)
		}
	}
	if _, err := l.Meta("snap"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Meta of a key prefix = %v, want ErrNotFound", err)
	}
}
