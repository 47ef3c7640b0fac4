package store

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// AgeWorkFactor is scrypt's work factor (log2 of N) for an export sealed
// with a passphrase: age's own default, about a second. Tests lower it.
var AgeWorkFactor = 18

// SealExport wraps w so that what is written through it is an armored
// (plain ASCII) age file for the recipients, or, with none, for the
// passphrase: readable with `age -d`. Closing it finishes the file.
func SealExport(w io.Writer, passphrase []byte, recipients []string) (io.WriteCloser, error) {
	var to []age.Recipient
	for _, r := range recipients {
		parsed, err := age.ParseRecipients(strings.NewReader(r))
		if err != nil {
			return nil, fmt.Errorf("--recipient %q is not an age recipient (age1…): %v", r, err)
		}
		to = append(to, parsed...)
	}
	if len(to) == 0 {
		r, err := age.NewScryptRecipient(string(passphrase))
		if err != nil {
			return nil, err
		}
		r.SetWorkFactor(AgeWorkFactor)
		to = append(to, r)
	}
	armored := armor.NewWriter(w)
	sealed, err := age.Encrypt(armored, to...)
	if err != nil {
		return nil, err
	}
	return &sealedWriter{sealed, armored}, nil
}

// sealedWriter closes the age stream, then its armor.
type sealedWriter struct {
	io.WriteCloser
	armor io.WriteCloser
}

func (s *sealedWriter) Close() error {
	return errors.Join(s.WriteCloser.Close(), s.armor.Close())
}

// ExportSealed writes the export as an armored age file sealed with the
// passphrase (see SealExport).
func (db *DB) ExportSealed(w io.Writer, passphrase []byte) error {
	sealed, err := SealExport(w, passphrase, nil)
	if err != nil {
		return err
	}
	if err := db.Export(sealed); err != nil {
		return err
	}
	return sealed.Close()
}
