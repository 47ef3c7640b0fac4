// Package inorder works out n pieces on every core and hands them on in
// their order, as soon as each is done and those before it are handed on,
// so that a long task over every patient takes a fraction of the time one
// core would and holds no more than a window of pieces in memory.
package inorder

import (
	"runtime"
	"sync"
)

// Window is how many pieces Run holds at most, done and not yet handed
// on: a caller that gives the memory of pieces handed on back to work
// keeps as many.
func Window() int { return 64 * runtime.GOMAXPROCS(0) }

// Run calls work for 0 … n-1, on every core, and emit with each result in
// order; it stops at the first error, of work or of emit, and returns it.
// after, if not nil, hears how many are done, every window of pieces and
// at the end.
//
// A core takes the next piece as soon as it is free, and runs at most a
// window ahead of the last piece handed on: no core waits for another to
// finish a batch, and no more than a window of pieces is held.
func Run(n int, work func(i int) ([]byte, error), emit func(i int, b []byte) error, after func(done int)) error {
	workers, window := runtime.GOMAXPROCS(0), Window()
	type piece struct {
		b     []byte
		err   error
		ready bool
	}
	var (
		mu    sync.Mutex
		ready = sync.NewCond(&mu) // a piece is done, or the run stops
		room  = sync.NewCond(&mu) // a piece was handed on
		held  = make([]piece, window)
		next  int // the next piece to work out
		done  int // the pieces handed on
		stop  bool
		wg    sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			for {
				for !stop && next < n && next >= done+window {
					room.Wait()
				}
				if stop || next >= n {
					return
				}
				i := next
				next++
				mu.Unlock()
				b, err := work(i)
				mu.Lock()
				held[i%window] = piece{b: b, err: err, ready: true}
				ready.Signal()
			}
		})
	}
	// However the handing on ends, by an error or a panic in emit or
	// after, no worker is left waiting or working once Run returns.
	defer func() {
		mu.Lock()
		stop = true
		room.Broadcast()
		mu.Unlock()
		wg.Wait()
	}()
	var err error
	for done < n && err == nil {
		mu.Lock()
		for !held[done%window].ready {
			ready.Wait()
		}
		p := held[done%window]
		held[done%window] = piece{}
		mu.Unlock()
		if err = p.err; err == nil {
			err = emit(done, p.b)
		}
		if err != nil {
			break
		}
		mu.Lock()
		done++
		room.Broadcast()
		mu.Unlock()
		if after != nil && (done%window == 0 || done == n) {
			after(done)
		}
	}
	return err
}
