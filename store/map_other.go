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
