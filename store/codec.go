package store

import (
	"encoding/json"
	"fmt"
	"hash/crc32"
	"runtime"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
	bolt "go.etcd.io/bbolt"
)

// codec is the one door every stored value passes through, both ways: the
// bytes of records and of the list index are sealed on the way into the
// file and opened on the way out. Each value is sealed for its place (the
// path of its bucket and its key), so a value copied or moved to another
// key does not open there. Encrypting values at rest means a codec that
// encrypts here, and nothing else.
type codec interface {
	seal(bucket string, key, plain []byte) ([]byte, error)
	open(bucket string, key, sealed []byte) ([]byte, error)
}

// checksumCodec stores a value as it is, behind a checksum of the value
// and its place: a flipped byte, a cut value or a value in the wrong place
// is found when it is read (and by Check), never taken for a record.
//
// A sealed value is the format byte 'c', the CRC-32C of the place and the
// value in 8 lowercase hexadecimal digits, then the value: still readable
// with any bbolt tool. CRC-32C (Castagnoli) finds every burst of damage up
// to 32 bits long; it guards against a damaged disk, not an attacker, who
// could rewrite the checksum with the value (encryption guards against
// that).
type checksumCodec struct{}

const (
	checksumFormat = 'c'
	checksumLen    = 1 + 8
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksum is the CRC-32C of a value at its place: the bucket's path, a
// slash, the key, a NUL, and the value.
func checksum(bucket string, key, plain []byte) uint32 {
	sum := updateCRC(0, bucket)
	sum = updateCRC(sum, "/")
	sum = updateCRC(sum, key)
	sum = updateCRC(sum, "\x00")
	return crc32.Update(sum, castagnoli, plain)
}

// updateCRC is crc32.Update for the few bytes of a place, byte by byte from
// the table: handing them to crc32.Update would copy them to the heap, and
// a list of 100,000 entries opens 100,000 values.
func updateCRC[T string | []byte](sum uint32, p T) uint32 {
	sum = ^sum
	for i := 0; i < len(p); i++ {
		sum = castagnoli[byte(sum)^p[i]] ^ sum>>8
	}
	return ^sum
}

func (checksumCodec) seal(bucket string, key, plain []byte) ([]byte, error) {
	out := make([]byte, checksumLen, checksumLen+len(plain))
	out[0] = checksumFormat
	sum := checksum(bucket, key, plain)
	for i := range 8 {
		out[checksumLen-1-i] = hexDigits[sum>>(4*i)&0xf]
	}
	return append(out, plain...), nil
}

func (checksumCodec) open(bucket string, key, sealed []byte) ([]byte, error) {
	if len(sealed) < checksumLen || sealed[0] != checksumFormat {
		return nil, &DamagedValueError{Place: bucket + "/" + string(key), Why: "it is not in carecost's format"}
	}
	var want uint32
	bad := byte(0)
	for _, c := range sealed[1:checksumLen] {
		d := hexValue[c]
		bad |= d
		want = want<<4 | uint32(d)
	}
	plain := sealed[checksumLen:]
	if bad > 0xf || want != checksum(bucket, key, plain) {
		return nil, &DamagedValueError{Place: bucket + "/" + string(key), Why: "its bytes changed after carecost wrote them"}
	}
	return plain, nil
}

const hexDigits = "0123456789abcdef"

// hexValue is the value of each lowercase hexadecimal digit, and 0xff for
// every other byte.
var hexValue = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i := range len(hexDigits) {
		t[hexDigits[i]] = byte(i)
	}
	return t
}()

// rawCodec reads the values of a file from before checksums (schema 5 and
// older), which are stored as they are; it is used only to read such a
// file and to bring it up to date.
type rawCodec struct{}

func (rawCodec) seal(_ string, _, plain []byte) ([]byte, error)  { return plain, nil }
func (rawCodec) open(_ string, _, sealed []byte) ([]byte, error) { return sealed, nil }

// DamagedValueError is a stored value that does not read back as what
// carecost wrote: Place is its bucket path and key in the file.
type DamagedValueError struct{ Place, Why string }

func (e *DamagedValueError) Error() string {
	return "the value at " + e.Place + " is damaged: " + e.Why
}

func (e *DamagedValueError) Unwrap() error { return ErrDamaged }

// shelf is a bucket with its path in the file ("patients/ID/courses"),
// which the codec seals each value for.
type shelf struct {
	*bolt.Bucket
	path string
}

// sub is the bucket name inside s, or a shelf with a nil bucket.
func (s shelf) sub(name []byte) shelf {
	var b *bolt.Bucket
	if s.Bucket != nil {
		b = s.Bucket.Bucket(name)
	}
	return shelf{b, s.path + "/" + string(name)}
}

// keyValue is a value of a bucket, with its key.
type keyValue struct{ k, v []byte }

// contents lists the values of s and the names of the buckets inside it,
// in key order: what a walk that writes into s needs first, since bbolt
// may not be written while ForEach reads.
func (s shelf) contents() (values []keyValue, subs [][]byte) {
	s.ForEach(func(k, v []byte) error {
		if v == nil {
			subs = append(subs, k)
		} else {
			values = append(values, keyValue{k, v})
		}
		return nil
	})
	return values, subs
}

// valueBuckets are the top-level buckets whose values the codec seals
// (the meta bucket is in the clear).
var valueBuckets = [][]byte{bucketPatients, bucketIndex, bucketPrograms, bucketTeam, bucketAudit}

// rewriteValues replaces every sealed value of tx, at every depth, with
// what change makes of it.
func rewriteValues(tx *bolt.Tx, change func(bucket string, k, v []byte) ([]byte, error)) error {
	var walk func(s shelf) error
	walk = func(s shelf) error {
		values, subs := s.contents()
		for _, kv := range values {
			data, err := change(s.path, kv.k, kv.v)
			if err != nil {
				return err
			}
			if err := s.Put(kv.k, data); err != nil {
				return err
			}
		}
		for _, name := range subs {
			if err := walk(s.sub(name)); err != nil {
				return err
			}
		}
		return nil
	}
	for _, name := range valueBuckets {
		if s := top(tx, name); s.Bucket != nil {
			if err := walk(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// top is a top-level bucket of tx.
func top(tx *bolt.Tx, name []byte) shelf { return shelf{tx.Bucket(name), string(name)} }

// encode turns a record into stored bytes for its place: JSON, readable
// with any bbolt tool and tolerant of fields later versions add.
func (db *DB) encode(s shelf, key []byte, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("could not encode a record: %w", err)
	}
	return db.codec.seal(s.path, key, b)
}

// decode reads a record back from its place. bbolt's bytes are only
// valid inside the transaction, and decoding copies what it keeps.
func (db *DB) decode(s shelf, key, data []byte, v any) error {
	plain, err := db.codec.open(s.path, key, data)
	if err != nil {
		return err
	}
	if err := unmarshal(plain, v); err != nil {
		return &DamagedValueError{Place: s.path + "/" + string(key), Why: "it is not a record carecost can read (" + err.Error() + ")"}
	}
	return nil
}

// unmarshal decodes a stored value. Values are read with encoding/json's
// second version (the module github.com/go-json-experiment/json mirrors
// it, until Go 1.27 has it in the standard library): it reads a patient's
// records in less than half the time of the first, with a quarter of the
// allocations. What it reads was written by encode with the first
// version, and reads back the same (TestStoredValuesReadAsWritten): each
// field under its own name, unknown fields (a later version's) left
// aside, no name twice, valid UTF-8.
var unmarshal = func(data []byte, v any) error { return jsonv2.Unmarshal(data, v) }

// putValue encodes v and keeps it at key in s.
func (db *DB) putValue(s shelf, key []byte, v any) error {
	data, err := db.encode(s, key, v)
	if err != nil {
		return err
	}
	return s.Put(key, data)
}

// Damaged says the error is damage to the file, for callers that cannot
// name ErrDamaged.
func (e *DamagedValueError) Damaged() bool { return true }

// forEachOpened calls fn with every value of s opened, in key order, as
// ForEach would: fn's bytes are valid until it returns. A sealed file's
// values are opened a batch at a time on every core, since decrypting
// 100,000 list entries one by one would double the list's time.
func (db *DB) forEachOpened(s shelf, fn func(k, plain []byte) error) error {
	sealer, ok := db.codec.(sealCodec)
	if !ok {
		return s.ForEach(func(k, v []byte) error {
			plain, err := db.codec.open(s.path, k, v)
			if err != nil {
				return err
			}
			return fn(k, plain)
		})
	}
	const batch = 4096
	workers := runtime.GOMAXPROCS(0)
	keys, values := make([][]byte, 0, batch), make([][]byte, 0, batch)
	plains, errs := make([][]byte, batch), make([]error, batch)
	scratch := make([][]byte, workers)
	flush := func() error {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(keys); i += workers {
					// Each worker reuses one buffer for its share; fn
					// sees them before the next batch is opened.
					start := len(scratch[w])
					scratch[w], errs[i] = sealer.openAppend(scratch[w], s.path, keys[i], values[i])
					plains[i] = scratch[w][start:len(scratch[w]):len(scratch[w])]
				}
			})
		}
		wg.Wait()
		for i := range keys {
			if errs[i] != nil {
				return errs[i]
			}
			if err := fn(keys[i], plains[i]); err != nil {
				return err
			}
		}
		keys, values = keys[:0], values[:0]
		for w := range scratch {
			scratch[w] = scratch[w][:0]
		}
		return nil
	}
	if err := s.ForEach(func(k, v []byte) error {
		if v == nil {
			return nil
		}
		keys, values = append(keys, k), append(values, v)
		if len(keys) == batch {
			return flush()
		}
		return nil
	}); err != nil {
		return err
	}
	return flush()
}
