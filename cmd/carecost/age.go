package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"filippo.io/age"
	"filippo.io/age/armor"
)

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
		// Asked once: an import read again to replace uses it again.
		pass := a.exportPassphrase
		if pass == nil {
			var err error
			if pass, err = a.readPassphrase(a.passphraseFile, "--passphrase-file", name+" is encrypted; its passphrase"); err != nil {
				return nil, err
			}
			a.exportPassphrase = pass
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
