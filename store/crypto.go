package store

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"

	bolt "go.etcd.io/bbolt"
)

// An encrypted file keeps its header, meta/crypto, in the clear: how the
// key that unlocks it is derived from the passphrase, and the file's data
// key wrapped by that key. Every value of the patients, the list index
// and the catalog is sealed with the data key (sealCodec). The bucket
// names and the keys, which are ULIDs, stay readable: a record's key
// shows when it was made, and nothing else about it.
var keyCrypto = []byte("crypto")

// cryptoHeader is meta/crypto, as JSON.
type cryptoHeader struct {
	// Format is the header's version: 1.
	Format int `json:"format"`
	// Argon2id's salt and cost (RFC 9106): passes over memory, memory in
	// KiB, and lanes.
	Salt      []byte `json:"salt"`
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
	// Wrapped is the data key sealed with XChaCha20-Poly1305 under the
	// derived key: a 24-byte nonce, then the sealed key and its tag.
	Wrapped []byte `json:"wrapped_key"`
}

const cryptoFormat = 1

// KeyCost is how hard the key is to derive from a passphrase: Argon2id's
// passes over memory, its memory in KiB and its lanes.
type KeyCost struct {
	Time      uint32
	MemoryKiB uint32
	Threads   uint8
}

// DefaultKeyCost is the cost a new encrypted file gets: 3 passes over
// 64 MiB with one lane (RFC 9106's second recommended option, with fewer
// lanes for the machines advocates use), about a quarter of a second.
var DefaultKeyCost = KeyCost{Time: 3, MemoryKiB: 64 << 10, Threads: 1}

// maxKeyCost caps what a header read from a file may ask for, so a
// crafted file cannot make opening it take all the memory or hours.
var maxKeyCost = KeyCost{Time: 16, MemoryKiB: 1 << 20, Threads: 16}

// Errors about passphrases.
var (
	ErrNeedsPassphrase = errors.New("is encrypted: carecost needs its passphrase")
	ErrWrongPassphrase = errors.New("the passphrase is not this file's")
)

// wrapAD is what the wrapped data key is bound to.
var wrapAD = []byte("carecost data key, format 1")

// deriveKey is the key a passphrase gives under a header's settings.
func deriveKey(passphrase []byte, h *cryptoHeader) []byte {
	return argon2.IDKey(passphrase, h.Salt, h.Time, h.MemoryKiB, h.Threads, chacha20poly1305.KeySize)
}

// newHeader makes a header for a data key under a passphrase.
func newHeader(passphrase, dataKey []byte, cost KeyCost) (*cryptoHeader, error) {
	if len(passphrase) == 0 {
		return nil, errors.New("the passphrase is empty: choose one")
	}
	h := &cryptoHeader{Format: cryptoFormat, Salt: make([]byte, 16), Time: cost.Time, MemoryKiB: cost.MemoryKiB, Threads: cost.Threads}
	if _, err := rand.Read(h.Salt); err != nil {
		return nil, err
	}
	kek, err := chacha20poly1305.NewX(deriveKey(passphrase, h))
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	h.Wrapped = kek.Seal(nonce, nonce, dataKey, wrapAD)
	return h, nil
}

// readHeader reads meta/crypto: nil for a plain file.
func readHeader(tx *bolt.Tx) (*cryptoHeader, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return nil, nil
	}
	raw := meta.Get(keyCrypto)
	if raw == nil {
		return nil, nil
	}
	var h cryptoHeader
	if err := json.Unmarshal(raw, &h); err != nil {
		return nil, fmt.Errorf("its encryption header cannot be read (%v)", err)
	}
	if err := h.check(); err != nil {
		return nil, err
	}
	return &h, nil
}

// check refuses a header no carecost writes: of an unknown format,
// damaged, or asking for no work or for more than maxKeyCost.
func (h *cryptoHeader) check() error {
	switch {
	case h.Format != cryptoFormat:
		return fmt.Errorf("its encryption header is of format %d, which this carecost does not know: update carecost", h.Format)
	case len(h.Salt) < 16 || len(h.Wrapped) != chacha20poly1305.NonceSizeX+chacha20poly1305.KeySize+chacha20poly1305.Overhead:
		return errors.New("its encryption header is damaged")
	case h.Time < 1 || h.Threads < 1 || h.MemoryKiB < 8*uint32(h.Threads):
		return errors.New("its encryption header asks for no work at all, as no carecost writes it")
	case h.Time > maxKeyCost.Time || h.MemoryKiB > maxKeyCost.MemoryKiB || h.Threads > maxKeyCost.Threads:
		return fmt.Errorf("its encryption header asks for more work (%d passes over %d MiB, %d lanes) than carecost allows (%d over %d MiB, %d)",
			h.Time, h.MemoryKiB>>10, h.Threads, maxKeyCost.Time, maxKeyCost.MemoryKiB>>10, maxKeyCost.Threads)
	}
	return nil
}

// unwrap derives the key from the passphrase and opens the data key.
func (h *cryptoHeader) unwrap(passphrase []byte) ([]byte, error) {
	kek, err := chacha20poly1305.NewX(deriveKey(passphrase, h))
	if err != nil {
		return nil, err
	}
	nonce, sealed := h.Wrapped[:chacha20poly1305.NonceSizeX], h.Wrapped[chacha20poly1305.NonceSizeX:]
	key, err := kek.Open(nil, nonce, sealed, wrapAD)
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return key, nil
}

// sealCodec encrypts every value with the file's data key: XChaCha20-
// Poly1305, with a random 24-byte nonce for each value (so nonces never
// repeat in practice), bound to the value's place by the associated data.
//
// A sealed value is the format byte 0x02, the nonce, then the ciphertext
// and its 16-byte tag. The associated data is the format byte, the
// bucket's path, a slash and the key.
type sealCodec struct{ aead cipher.AEAD }

const sealFormat = 0x02

func newSealCodec(dataKey []byte) (sealCodec, error) {
	aead, err := chacha20poly1305.NewX(dataKey)
	return sealCodec{aead}, err
}

// associated is the associated data of a value at its place.
func associated(bucket string, key []byte) []byte {
	ad := make([]byte, 0, 2+len(bucket)+len(key))
	ad = append(ad, sealFormat)
	ad = append(ad, bucket...)
	ad = append(ad, '/')
	return append(ad, key...)
}

func (c sealCodec) seal(bucket string, key, plain []byte) ([]byte, error) {
	out := make([]byte, 1+chacha20poly1305.NonceSizeX, 1+chacha20poly1305.NonceSizeX+len(plain)+chacha20poly1305.Overhead)
	out[0] = sealFormat
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, err
	}
	return c.aead.Seal(out, out[1:], plain, associated(bucket, key)), nil
}

func (c sealCodec) open(bucket string, key, sealed []byte) ([]byte, error) {
	return c.openAppend(nil, bucket, key, sealed)
}

// openAppend opens a sealed value, appending it to dst.
func (c sealCodec) openAppend(dst []byte, bucket string, key, sealed []byte) ([]byte, error) {
	if len(sealed) < 1+chacha20poly1305.NonceSizeX+chacha20poly1305.Overhead || sealed[0] != sealFormat {
		return dst, &DamagedValueError{Place: bucket + "/" + string(key), Why: "it is not sealed as carecost seals an encrypted file's values"}
	}
	nonce, body := sealed[1:1+chacha20poly1305.NonceSizeX], sealed[1+chacha20poly1305.NonceSizeX:]
	// Room first: Open would otherwise copy dst into a new slice of
	// exactly the size it needs, every time.
	dst = slices.Grow(dst, len(body)-chacha20poly1305.Overhead)
	out, err := c.aead.Open(dst, nonce, body, associated(bucket, key))
	if err != nil {
		return dst, &DamagedValueError{Place: bucket + "/" + string(key), Why: "it does not open with the file's key: its bytes changed, or it was moved there from elsewhere"}
	}
	return out, nil
}
