package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the file to dest, safely: into a
// temporary file beside dest, synced to disk, renamed over dest (so an older
// backup there is replaced only by a whole new one), with the folder synced
// too; then it opens the copy and checks it.
func (db *DB) Backup(dest string) error {
	dir := filepath.Dir(dest)
	switch info, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write a backup in %s: the folder does not exist", dir)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("carecost may not write a backup in %s: permission denied; check who owns the folder and its permissions (ls -ld %s)", dir, dir)
	case err != nil:
		return fmt.Errorf("cannot write a backup in %s: %w", dir, plainSyscall(err))
	case !info.IsDir():
		return fmt.Errorf("cannot write a backup in %s: it is not a folder", dir)
	}
	if same(dest, db.path) {
		return fmt.Errorf("%s is the file carecost has open: name another file for the backup", dest)
	}
	// The copy is checked before it replaces an older backup, so a bad
	// copy never costs a good one; a backup may replace an older backup,
	// itself a database, but nothing else written may.
	var checkErr error
	err := writeBackup(dest, func(f *os.File) error {
		// A copy of what the file holds, record by record, not of its
		// pages: what deleted records left in free pages is not copied.
		if err := db.soundPages(); err != nil {
			return err
		}
		// The copy's commits are not synced one by one: the whole file is
		// synced once it is written, before it replaces anything.
		dst, err := bolt.Open(f.Name(), 0o600, &bolt.Options{Timeout: time.Second, NoSync: true, InitialMmapSize: db.copySize()})
		if err == nil {
			err = db.view(func(tx *bolt.Tx) error { return db.copyInto(tx, dst, db.header, nil) })
			if cerr := dst.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			return fmt.Errorf("%w: %w", errWritingBackup, backupError(err))
		}
		return nil
	}, func(tmp string) error {
		problems, err := checkCopy(tmp, db.dataKey, func(_ string, done, total int) { db.tell("Checking the copy", done, total) })
		switch {
		case err != nil:
			checkErr = fmt.Errorf("the new backup cannot be read back (%w); %s was left as it was", err, dest)
		case len(problems) > 0:
			checkErr = fmt.Errorf("the new backup has problems (%s); %s was left as it was", problems[0], dest)
		}
		return checkErr
	})
	var synced *FolderSyncError
	switch {
	case err == nil:
		return nil
	case checkErr != nil:
		return checkErr
	case errors.As(err, &synced):
		return fmt.Errorf("the backup was written to %s, but its folder could not be synced to disk (%w): check it is there", dest, synced.Err)
	case errors.Is(err, errWritingBackup):
		return err
	}
	return fmt.Errorf("cannot write the backup to %s: %w", dest, backupError(err))
}

// same reports whether two paths name one file.
func same(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

// writeBackup is writeAtomic for a backup, which replaces an older backup
// (a database) at its destination.
func writeBackup(dest string, write func(f *os.File) error, check func(tmp string) error) error {
	return writeAtomicOver(dest, true, true, write, check)
}

// errWritingBackup is a failure to copy the database into the backup.
var errWritingBackup = errors.New("cannot write the backup")

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

// BackupFile is Backup to a path a person typed: ~/ is the home folder,
// and a file already there is replaced only with replace (ErrExists
// otherwise). It returns the full path.
func (db *DB) BackupFile(path string, replace bool) (string, error) {
	abs, err := typedPath(path)
	if err != nil {
		return abs, err
	}
	if _, err := os.Stat(abs); err == nil && !replace {
		return abs, ErrExists
	}
	return abs, db.Backup(abs)
}
