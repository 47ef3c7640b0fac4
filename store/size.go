package store

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// A bbolt file begins with two meta pages; the newer valid one says how
// many pages the file has (its high-water mark). A file shorter than that
// was cut off: bbolt would read past its end, and can fault doing so, so
// carecost looks first and says so in a sentence.
//
// Each meta page is a page header (id 8 bytes, flags 2, count 2, overflow
// 4) followed by the meta: magic 4, version 4, page size 4, flags 4, root
// bucket 16, freelist page 8, high-water mark 8, transaction id 8,
// checksum 8 (go.etcd.io/bbolt internal/common/meta.go). bbolt writes
// them in the machine's byte order: little-endian on every platform Go
// builds carecost for but a few.
const (
	boltMagic     = 0xED0CDAED
	metaOffset    = 16
	metaPageSize  = metaOffset + 8
	metaHighWater = metaOffset + 40
	metaTxID      = metaOffset + 48
	metaEnd       = metaOffset + 64
)

// checkSize reports a file shorter than its own meta pages say it is. A
// file whose meta pages cannot be read is left for bbolt to judge.
func checkSize(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // bbolt gives the real error
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil
	}
	first := make([]byte, metaEnd)
	if _, err := io.ReadFull(f, first); err != nil {
		return nil
	}
	order := binary.LittleEndian
	if order.Uint32(first[metaOffset:]) != boltMagic {
		return nil
	}
	pageSize := int64(order.Uint32(first[metaPageSize:]))
	if pageSize < 512 || pageSize > 1<<16 {
		return nil
	}
	best, bestTx := int64(-1), uint64(0)
	for i := int64(0); i < 2; i++ {
		meta := make([]byte, metaEnd)
		if _, err := f.ReadAt(meta, i*pageSize); err != nil || order.Uint32(meta[metaOffset:]) != boltMagic {
			continue
		}
		if tx := order.Uint64(meta[metaTxID:]); best < 0 || tx > bestTx {
			best, bestTx = int64(order.Uint64(meta[metaHighWater:])), tx
		}
	}
	if best > 0 && info.Size() < best*pageSize {
		return fmt.Errorf("%s is %w or incomplete: it holds %d bytes of the %d its pages need (it was cut off, perhaps by a full disk or a copy that stopped); restore it from a backup",
			path, ErrDamaged, info.Size(), best*pageSize)
	}
	return nil
}
