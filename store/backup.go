package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the file to dest, safely: into a
// temporary file beside dest, synced to disk, renamed over dest (so an older
// backup there is replaced only by a whole new one), with the folder synced
// too; then it opens the copy and checks it.
func (db *DB) Backup(dest string) error {
	dir := filepath.Dir(dest)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("cannot write a backup in %s: the folder does not exist", dir)
	}
	// The copy is checked before it replaces an older backup, so a bad
	// copy never costs a good one.
	var checkErr error
	err := writeAtomic(dest, true, func(f *os.File) error {
		if err := db.view(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(f)
			return err
		}); err != nil {
			return fmt.Errorf("cannot write the backup: %w", backupError(err))
		}
		return nil
	}, func(tmp string) error {
		problems, err := Check(tmp)
		switch {
		case err != nil:
			checkErr = fmt.Errorf("the new backup cannot be read back (%w); %s was left as it was", err, dest)
		case len(problems) > 0:
			checkErr = fmt.Errorf("the new backup has problems (%s); %s was left as it was", problems[0], dest)
		}
		return checkErr
	})
	switch {
	case err == nil:
		return nil
	case checkErr != nil:
		return checkErr
	case strings.HasPrefix(err.Error(), "cannot write the backup"):
		return err
	}
	return fmt.Errorf("cannot write the backup to %s: %w", dest, backupError(err))
}

func backupError(err error) error {
	if isNoSpace(err) {
		return ErrDiskFull
	}
	return err
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
