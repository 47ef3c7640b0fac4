package store

import (
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the file to dest, safely: into a
// temporary file beside dest, synced to disk, renamed over dest (so an older
// backup there is replaced only by a whole new one), with the folder synced
// too; then it opens the copy and checks it.
func (db *DB) Backup(dest string) error {
	dir := filepath.Dir(dest)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write a backup in %s: %w", dir, err)
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("cannot protect the backup: %w", err)
	}
	if err := db.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(tmp)
		return err
	}); err != nil {
		return fmt.Errorf("cannot write the backup: %w", backupError(err))
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write the backup to disk: %w", backupError(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write the backup: %w", backupError(err))
	}
	// Check the copy before it replaces an older backup, so a bad copy never
	// costs a good one.
	problems, err := Check(tmp.Name())
	if err != nil {
		return fmt.Errorf("the new backup cannot be read back (%w); %s was left as it was", err, dest)
	}
	if len(problems) > 0 {
		return fmt.Errorf("the new backup has problems (%s); %s was left as it was", problems[0], dest)
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return fmt.Errorf("cannot put the backup in place: %w", err)
	}
	keep = true
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("cannot write the backup's folder to disk: %w", err)
	}
	return nil
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
