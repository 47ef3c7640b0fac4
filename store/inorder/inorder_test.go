package inorder

import (
	"errors"
	"strconv"
	"testing"
)

// The pieces come out in their order, whatever core made them, and the
// first error stops the run where it is.
func TestPiecesComeInOrder(t *testing.T) {
	for _, n := range []int{0, 1, 5, 1000} {
		var got []int
		err := Run(n, func(i int) ([]byte, error) { return []byte(strconv.Itoa(i)), nil },
			func(i int, b []byte) error {
				if string(b) != strconv.Itoa(i) {
					t.Errorf("piece %d is %q", i, b)
				}
				got = append(got, i)
				return nil
			}, nil)
		if err != nil || len(got) != n {
			t.Fatalf("n %d: %d pieces, %v", n, len(got), err)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("n %d: piece %d came at %d", n, v, i)
			}
		}
	}
	bad := errors.New("piece 700 cannot be made")
	emitted := 0
	err := Run(1000, func(i int) ([]byte, error) {
		if i == 700 {
			return nil, bad
		}
		return nil, nil
	}, func(int, []byte) error { emitted++; return nil }, nil)
	if !errors.Is(err, bad) || emitted != 700 {
		t.Errorf("after the error: %v, %d emitted", err, emitted)
	}
}
