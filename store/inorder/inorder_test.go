package inorder

import (
	"errors"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
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

// A slow piece holds back no core: the others go on working out the
// pieces after it (here, piece 0 waits for piece 2, which the one core
// that ran pieces 0, 2, 4… in turn would never reach), and no core runs
// more than a window ahead of the pieces handed on.
func TestASlowPieceHoldsNoCoreBack(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	const n = 2_000
	window := 64 * 2
	second := make(chan struct{})
	var mu sync.Mutex
	started, emitted, ahead := 0, 0, 0
	finished := make(chan error, 1)
	go func() {
		finished <- Run(n, func(i int) ([]byte, error) {
			mu.Lock()
			started++
			ahead = max(ahead, started-emitted)
			mu.Unlock()
			switch i {
			case 0:
				<-second
			case 2:
				close(second)
			}
			return []byte{byte(i)}, nil
		}, func(i int, b []byte) error {
			mu.Lock()
			emitted++
			mu.Unlock()
			if b[0] != byte(i) {
				t.Errorf("piece %d came as %d", i, b[0])
			}
			return nil
		}, nil)
	}()
	select {
	case err := <-finished:
		if err != nil || emitted != n {
			t.Fatalf("%d of %d handed on: %v", emitted, n, err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("piece 0 still waits for piece 2: no other core took it")
	}
	if ahead > window {
		t.Errorf("%d pieces were started past those handed on, more than the window of %d", ahead, window)
	}
}

// A panic in emit, caught by the caller, leaves no worker behind: none is
// working or waiting once Run has returned, so none reads the caller's
// transaction after it ends.
func TestAPanicInEmitLeavesNoWorkerBehind(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	var mu sync.Mutex
	returned, late := false, 0
	work := func(i int) ([]byte, error) {
		mu.Lock()
		if returned {
			late++
		}
		mu.Unlock()
		time.Sleep(50 * time.Microsecond)
		return nil, nil
	}
	func() {
		defer func() {
			if r := recover(); r == nil {
				t.Error("emit's panic was not passed on")
			}
		}()
		Run(100_000, work, func(i int, _ []byte) error {
			if i == 10 {
				panic("emit fails")
			}
			return nil
		}, nil)
	}()
	mu.Lock()
	returned = true
	mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	if late != 0 {
		t.Errorf("%d pieces were started after Run returned", late)
	}
}
