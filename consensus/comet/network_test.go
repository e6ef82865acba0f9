package comet

import "testing"

func TestQuorum(t *testing.T) {
	for _, tc := range []struct {
		powers []int64
		want   int
	}{
		{[]int64{10}, 1},
		{[]int64{1, 1, 1}, 3},
		{[]int64{1, 1, 1, 1}, 3},
		{[]int64{1, 1, 1, 1, 1, 1, 1}, 5},
		{[]int64{1, 1, 1, 5}, 2},
	} {
		if got := quorum(tc.powers); got != tc.want {
			t.Errorf("quorum(%v) = %d; want %d", tc.powers, got, tc.want)
		}
	}
}
