package store

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the file to dest, safely: into a
// temporary file beside dest, synced to disk, renamed over dest (so an older
// backup there is replaced only by a whole new one), with the folder synced
// too; then it opens the copy and checks it. The copy is the file's pages
// as one transaction sees them, with every page it does not use written
// as zeros: what deleted or changed records left in free pages is not
// copied.
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
	patients := 0 // the copy's, for the progress of its check
	err := writeBackup(dest, func(f *os.File) error {
		// copyPages reads every page it copies, and refuses a damaged one.
		pending := false
		err := db.view(func(tx *bolt.Tx) error {
			pending = tx.Bucket(bucketMeta).Get(keyErase) != nil
			patients = db.patientsToTell(tx)
			return db.copyPages(tx, f, patients)
		})
		if err == nil && pending {
			err = dropErasePending(f.Name())
		}
		if err != nil {
			return fmt.Errorf("%w: %w", errWritingBackup, backupError(err))
		}
		return nil
	}, func(tmp string) error {
		problems, err := checkCopy(tmp, db.dataKey, func(_ string, done, _ int) { db.tell("Checking the copy", done, patients) })
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

// copyPages writes to w the pages of the file as tx sees them, as
// tx.WriteTo would, with zeros for every page tx does not use. Each run
// of pages is written in one call, from the file mapped: a copy through
// bbolt, record by record, wrote each page in a call of its own, and took
// ten times as long. Its progress counts against total patients.
func (db *DB) copyPages(tx *bolt.Tx, w io.Writer, total int) error {
	pageSize := uint64(db.bolt.Info().PageSize)
	var copyErr error
	err := db.readPages(tx, func(file, metas []byte, p *pageReader) {
		p.freePages() // the freelist's page reached, or its damage a problem
		p.bucket(binary.LittleEndian.Uint64(p.meta[16:]), nil, nil)
		if len(p.problems) > 0 {
			copyErr = fmt.Errorf("%s is %w (%s): carecost rescue NEWFILE copies everything still readable into a new file", db.path, ErrDamaged, p.problems[0].detail())
			return
		}
		if _, copyErr = w.Write(metas); copyErr != nil {
			return
		}
		zeros, told := make([]byte, copyRun), 0
		runPages := uint64(copyRun) / pageSize
		for id := uint64(2); id < p.highMark; {
			// A run of pages in use, or of pages not, up to copyRun bytes.
			live, end := p.reached(id), id+1
			for end < p.highMark && end-id < runPages && p.reached(end) == live {
				end++
			}
			run := file[id*pageSize : end*pageSize]
			if !live {
				run = zeros[:len(run)]
			}
			if _, copyErr = w.Write(run); copyErr != nil {
				return
			}
			id = end
			// Patients fill most pages: the share of pages copied is the
			// share of patients told.
			if done := int(uint64(total) * id / p.highMark); done > told {
				told = done
				db.tell("Copying", done, total)
			}
		}
	})
	if err != nil {
		return err
	}
	return copyErr
}

// readPages reads the pages of the file as tx sees them, from the file
// mapped: it hands read the file, tx's meta page twice (see metaPages),
// and a reader of the pages from that meta page. Its error is one of
// reading the meta page, mapping the file or making the reader (read is
// not called then), or of the file changing while it is read.
func (db *DB) readPages(tx *bolt.Tx, read func(file, metas []byte, p *pageReader)) error {
	pageSize := uint64(db.bolt.Info().PageSize)
	metas, err := metaPages(tx, pageSize)
	if err != nil {
		return err
	}
	var readerErr error
	err = withMapped(db.path, func(file []byte) {
		p, err := pageReaderAt(file, metas[metaOffset:metaEnd], pageSize)
		if err != nil {
			readerErr = err
			return
		}
		read(file, metas, p)
	})
	return cmp.Or(err, readerErr)
}

// metaPages returns tx's meta page twice, as tx.WriteTo writes the two
// meta pages of a copy: the file's own may already be a later
// transaction's.
func metaPages(tx *bolt.Tx, pageSize uint64) ([]byte, error) {
	metas := &firstBytes{want: 2 * int(pageSize)}
	if _, err := tx.WriteTo(metas); len(metas.b) < metas.want {
		return nil, fmt.Errorf("cannot read the file's meta page: %w", err)
	}
	return metas.b, nil
}

// copyRun is the most a copy writes in one call.
const copyRun = 1 << 20

// firstBytes keeps the first want bytes written to it, and refuses the
// rest.
type firstBytes struct {
	b    []byte
	want int
}

var errEnough = errors.New("enough was read")

func (f *firstBytes) Write(p []byte) (int, error) {
	if len(f.b) >= f.want {
		return 0, errEnough
	}
	n := min(len(p), f.want-len(f.b))
	f.b = append(f.b, p[:n]...)
	if n < len(p) {
		return n, errEnough
	}
	return n, nil
}

// dropErasePending removes the mark of records deleted since the last
// compaction from the copy at path, which holds nothing deleted, so that
// it is not compacted again when it is next closed.
func dropErasePending(path string) error {
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, NoSync: true})
	if err != nil {
		return err
	}
	err = b.Update(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil && meta.Get(keyErase) != nil {
			return meta.Delete(keyErase)
		}
		return nil
	})
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	return err
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
