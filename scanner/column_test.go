package scanner

import "testing"

func TestColumn(t *testing.T) {
	src := []byte("ab\n// é😀 x\nz")
	for _, tc := range []struct {
		off, want int
	}{
		{0, 1}, {1, 2}, {3, 1}, {6, 4}, {src2off(src, 'x'), 7}, {len(src) - 1, 1}, {len(src) + 5, 2},
	} {
		if got := Column(src, tc.off); got != tc.want {
			t.Errorf("Column(%d) = %d, want %d", tc.off, got, tc.want)
		}
	}
}

func src2off(src []byte, c byte) int {
	for i, b := range src {
		if b == c {
			return i
		}
	}
	return -1
}
