package gateway

import (
	"slices"
	"testing"
)

// frames builds distinct frames of n bytes named by their first byte.
func frame(name byte, n int) []byte {
	f := make([]byte, n)
	f[0] = name
	return f
}

func names(frames [][]byte) string {
	var s []byte
	for _, f := range frames {
		s = append(s, f[0])
	}
	return string(s)
}

func TestOutQueue(t *testing.T) {
	type op struct {
		kind  byte // 'r' reply, 'n' notification
		name  byte
		size  int
		drops int  // notifications dropped by this push
		ok    bool // for replies: whether it fit
	}
	tests := []struct {
		name               string
		maxFrames, maxByte int
		ops                []op
		want               string // the frames taken, in send order
	}{
		{"interleaved order kept", 10, 100, []op{
			{'r', 'a', 1, 0, true}, {'n', 'b', 1, 0, true}, {'r', 'c', 1, 0, true}, {'n', 'd', 1, 0, true},
		}, "abcd"},
		{"count cap drops the oldest notification", 3, 100, []op{
			{'n', 'a', 1, 0, true}, {'r', 'b', 1, 0, true}, {'n', 'c', 1, 0, true}, {'n', 'd', 1, 1, true}, {'n', 'e', 1, 1, true},
		}, "bde"},
		{"byte cap drops as many as needed", 10, 10, []op{
			{'n', 'a', 3, 0, true}, {'n', 'b', 3, 0, true}, {'n', 'c', 3, 0, true}, {'n', 'd', 7, 2, true},
		}, "cd"},
		{"a reply evicts notifications", 2, 100, []op{
			{'n', 'a', 1, 0, true}, {'n', 'b', 1, 0, true}, {'r', 'c', 1, 1, true},
		}, "bc"},
		{"a notification that cannot fit beside replies is dropped", 2, 100, []op{
			{'r', 'a', 1, 0, true}, {'r', 'b', 1, 0, true}, {'n', 'c', 1, 1, true},
		}, "ab"},
		{"a reply that cannot fit is refused", 2, 100, []op{
			{'r', 'a', 1, 0, true}, {'n', 'b', 1, 0, true}, {'r', 'c', 1, 1, true}, {'r', 'd', 1, 0, false},
		}, "ac"},
		{"an oversize notification is dropped alone", 10, 5, []op{
			{'n', 'a', 2, 0, true}, {'n', 'b', 9, 2, true},
		}, ""},
		{"an oversize reply is refused", 10, 5, []op{
			{'r', 'a', 2, 0, true}, {'r', 'b', 9, 0, false},
		}, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := newOutQueue(tt.maxFrames, tt.maxByte)
			for i, o := range tt.ops {
				f := frame(o.name, o.size)
				var drops int
				ok := true
				if o.kind == 'r' {
					drops, ok = q.pushReply(f)
				} else {
					drops = q.pushNote(f)
				}
				if drops != o.drops || ok != o.ok {
					t.Fatalf("op %d (%c %c): drops %d ok %v, want %d %v", i, o.kind, o.name, drops, ok, o.drops, o.ok)
				}
			}
			if got := names(q.take(nil)); got != tt.want {
				t.Fatalf("taken %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOutQueueCountsTakenUntilReleased(t *testing.T) {
	q := newOutQueue(2, 100)
	q.pushReply(frame('a', 10))
	q.pushReply(frame('b', 10))
	taken := q.take(nil)
	if _, ok := q.pushReply(frame('c', 1)); ok {
		t.Fatal("a reply fitted while two taken frames were still unwritten")
	}
	q.release(len(taken[0]))
	if _, ok := q.pushReply(frame('c', 1)); !ok {
		t.Fatal("a released frame did not free its room")
	}
	if q.frames != 2 || q.bytes != 11 {
		t.Fatalf("accounting: %d frames %d bytes, want 2 and 11", q.frames, q.bytes)
	}
}

func TestRingGrowsAndWraps(t *testing.T) {
	var r ring
	var want, got []uint64
	seq := uint64(0)
	for round := range 5 {
		for range 7 + round*5 {
			seq++
			r.push(queued{seq: seq})
			want = append(want, seq)
		}
		for range 4 {
			q, ok := r.pop()
			if !ok {
				t.Fatal("ring empty too soon")
			}
			got = append(got, q.seq)
		}
	}
	for {
		q, ok := r.pop()
		if !ok {
			break
		}
		got = append(got, q.seq)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("FIFO order broken:\n got %v\nwant %v", got, want)
	}
}
