//go:build !unix

package store

import (
	"io"
	"os"
)

// mapFile reads the first size bytes of f where a file cannot be mapped.
func mapFile(f *os.File, size int64) ([]byte, func(), error) {
	data := make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, nil, err
	}
	return data, func() {}, nil
}

// linkCount is how many names a file has: one, where it cannot be told.
func linkCount(os.FileInfo) uint64 { return 1 }
