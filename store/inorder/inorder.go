// Package inorder works out n pieces on every core and hands them on in
// their order, a batch at a time, so that a long task over every patient
// takes a fraction of the time one core would and holds no more than a
// batch in memory.
package inorder

import (
	"runtime"
	"sync"
)

// Run calls work for 0 … n-1, on every core, and emit with each result in
// order; it stops at the first error, of work or of emit, and returns it.
// after, if not nil, hears how many are done after each batch.
func Run(n int, work func(i int) ([]byte, error), emit func(i int, b []byte) error, after func(done int)) error {
	workers := runtime.GOMAXPROCS(0)
	batch := 64 * workers
	pieces, errs := make([][]byte, batch), make([]error, batch)
	for start := 0; start < n; start += batch {
		size := min(batch, n-start)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for k := w; k < size; k += workers {
					pieces[k], errs[k] = work(start + k)
				}
			})
		}
		wg.Wait()
		for k := range size {
			if errs[k] != nil {
				return errs[k]
			}
			if err := emit(start+k, pieces[k]); err != nil {
				return err
			}
			pieces[k] = nil
		}
		if after != nil {
			after(start + size)
		}
	}
	return nil
}
