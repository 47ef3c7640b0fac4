package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// ageWorkFactor is scrypt's work factor (log2 of N) for an export sealed
// with a passphrase: age's own default, about a second. Tests lower it.
var ageWorkFactor = 18

// sealExport wraps w so that what is written through it is an armored
// (plain ASCII) age file for the recipients, or, with none, for the
// passphrase: readable with `age -d`. Closing it finishes the file.
func sealExport(w io.Writer, passphrase []byte, recipients []string) (io.WriteCloser, error) {
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
		r.SetWorkFactor(ageWorkFactor)
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

// ageMarks start an age file: binary, or armored.
var ageMarks = [][]byte{[]byte("age-encryption.org/v1"), []byte("-----BEGIN AGE ENCRYPTED FILE-----")}

// openExport reads an export: as it is, or, if it is an age file, through
// age with the identities in identityFile or else a passphrase. name is
// the file's, for messages.
func (a *app) openExport(r io.Reader, name, identityFile string) (io.Reader, error) {
	buffered := bufio.NewReader(r)
	head, _ := buffered.Peek(len(ageMarks[1]))
	head = bytes.TrimLeft(head, " \t\r\n")
	sealed, armored := bytes.HasPrefix(head, ageMarks[0]), bytes.HasPrefix(head, ageMarks[1])
	if !sealed && !armored {
		return buffered, nil
	}
	var ids []age.Identity
	if identityFile != "" {
		f, err := os.Open(identityFile)
		if err != nil {
			return nil, readError(identityFile, err)
		}
		ids, err = age.ParseIdentities(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s holds no age identity carecost can read: %v", identityFile, err)
		}
	} else {
		pass, err := a.readPassphrase(a.passphraseFile, "--passphrase-file", name+" is encrypted; its passphrase")
		if err != nil {
			return nil, err
		}
		id, err := age.NewScryptIdentity(string(pass))
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	var src io.Reader = buffered
	if armored {
		src = armor.NewReader(buffered)
	}
	plain, err := age.Decrypt(src, ids...)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil, fmt.Errorf("%s does not open with that passphrase or identity: nothing was imported", name)
		}
		return nil, fmt.Errorf("%s cannot be decrypted (%v): nothing was imported", name, err)
	}
	return plain, nil
}
