package store

import (
	"encoding/json"
	"fmt"
)

// codec is the one door every stored value passes through, both ways: the
// bytes of records and of the list index are sealed on the way into the
// file and opened on the way out. Today it passes them through unchanged;
// encrypting values at rest means a codec that encrypts here, and nothing
// else.
type codec interface {
	seal(plain []byte) ([]byte, error)
	open(sealed []byte) ([]byte, error)
}

// plainCodec stores values as they are.
type plainCodec struct{}

func (plainCodec) seal(plain []byte) ([]byte, error)  { return plain, nil }
func (plainCodec) open(sealed []byte) ([]byte, error) { return sealed, nil }

// encode turns a record into stored bytes: JSON, readable with any bbolt
// tool and tolerant of fields later versions add.
func (db *DB) encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("could not encode a record: %w", err)
	}
	return db.codec.seal(b)
}

// decode reads a record back. bbolt's bytes are only valid inside the
// transaction, and decoding copies what it keeps.
func (db *DB) decode(data []byte, v any) error {
	plain, err := db.codec.open(data)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(plain, v); err != nil {
		return fmt.Errorf("a record could not be read: %w", err)
	}
	return nil
}
