package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// ErrExists says a file is already where a new one was to be written, and
// replacing it was not asked for.
var ErrExists = fs.ErrExist

// writeAtomic is the one way carecost writes a file outside its database:
// into a temporary file beside path (mode 0600), synced to disk, checked
// by check if given, then moved into place and the folder synced. The
// file at path is whole before and after, never half written. Without
// replace, a file already at path is left alone and ErrExists returned.
// The temporary file is removed on every failure.
func writeAtomic(path string, replace bool, write func(f *os.File) error, check func(tmp string) error) (err error) {
	return writeAtomicOver(path, replace, false, write, check)
}

// writeAtomicOver is writeAtomic; overDatabase lets it replace a database
// (a backup replacing an older one).
func writeAtomicOver(path string, replace, overDatabase bool, write func(f *os.File) error, check func(tmp string) error) (err error) {
	if !overDatabase && isDatabase(path) {
		return fmt.Errorf("%s is a carecost database (or another bbolt file): writing there would lose it; name another file: %w", path, ErrIsDatabase)
	}
	dir := filepath.Dir(path)
	clearStale(dir, tempOf(filepath.Base(path)))
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	unfinished.add(tmp.Name())
	defer unfinished.remove(tmp.Name())
	placed := false
	defer func() {
		if !placed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp makes the file readable by its owner alone (0600).
	if err := syncedWhileWritten(tmp, write); err != nil {
		return err
	}
	// The copy is checked while it is synced to disk: reading it back
	// from memory needs nothing of the disk, and takes about as long.
	synced := make(chan error, 1)
	go func() { synced <- tmp.Sync() }()
	var checkErr error
	if check != nil {
		checkErr = check(tmp.Name())
	}
	if err := <-synced; err != nil {
		return err
	}
	if checkErr != nil {
		return checkErr
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := place(tmp.Name(), path, replace); err != nil {
		return err
	}
	placed = true
	if runtime.GOOS == "windows" {
		return nil // a folder cannot be synced there
	}
	if err := syncDir(dir); err != nil {
		return &FolderSyncError{Path: path, Err: err}
	}
	return nil
}

// syncedWhileWritten runs write on f while what it has written so far is
// synced to disk every syncEvery, so that the disk writes while the next
// part is made: the last sync, which the caller makes, then has only the
// end to write. An export of 100,000 patients, 950 MB, took a third more
// time when it was all synced at the end. A failed sync is the write's
// error: the system may say it once.
func syncedWhileWritten(f *os.File, write func(f *os.File) error) error {
	stop, synced := make(chan struct{}), make(chan error, 1)
	go func() {
		tick := time.NewTicker(syncEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				synced <- nil
				return
			case <-tick.C:
				if err := f.Sync(); err != nil {
					synced <- err
					return
				}
			}
		}
	}()
	err := write(f)
	close(stop)
	return errors.Join(err, <-synced)
}

// syncEvery is how often a file being written is synced to disk.
const syncEvery = 250 * time.Millisecond

// tempFiles is a set of temporary files being written.
type tempFiles struct {
	sync.Mutex
	paths map[string]bool
}

// unfinished is the temporary files this process is writing, for
// RemoveUnfinished.
var unfinished = tempFiles{paths: map[string]bool{}}

func (u *tempFiles) add(path string) {
	u.Lock()
	u.paths[path] = true
	u.Unlock()
}

func (u *tempFiles) remove(path string) {
	u.Lock()
	delete(u.paths, path)
	u.Unlock()
}

// RemoveUnfinished removes the temporary files of every write still in
// progress, for a process stopped by a signal: a backup, export or letter
// cut short leaves nothing behind. It says how many it removed.
func RemoveUnfinished() int {
	unfinished.Lock()
	defer unfinished.Unlock()
	n := 0
	for path := range unfinished.paths {
		if os.Remove(path) == nil {
			n++
		}
		delete(unfinished.paths, path)
	}
	return n
}

// staleAfter is how long a temporary file beside a file carecost writes
// goes untouched before it is surely a leftover of a run that was killed:
// one being written changes as it grows.
const staleAfter = 15 * time.Minute

// clearStale removes the hidden files in dir that leftover says a run
// killed before it could clean up left behind, once they are untouched
// for staleAfter.
func clearStale(dir string, leftover func(name string) bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() || !leftover(e.Name()) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleAfter {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// tempOf says which names are writeAtomic's temporary files for base:
// ".BASE.DIGITS.tmp", as os.CreateTemp names them.
func tempOf(base string) func(name string) bool {
	return func(name string) bool {
		target, digits, ok := cutTempName(name)
		return ok && digits && target == base
	}
}

// ErrIsDatabase says a file to be written over is a database.
var ErrIsDatabase = errors.New("refused")

// isDatabase reports whether the file at path is a bbolt file: its first
// meta page says so (see checkSize).
func isDatabase(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, metaEnd)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return binary.LittleEndian.Uint32(head[metaOffset:]) == boltMagic
}

// FolderSyncError says a file was written whole and put in place, but its
// folder could not be synced to disk, so a crash soon after might lose the
// new name.
type FolderSyncError struct {
	Path string
	Err  error
}

func (e *FolderSyncError) Error() string {
	return "wrote " + e.Path + ", but its folder could not be synced to disk (" + e.Err.Error() + "): check the file is there"
}

func (e *FolderSyncError) Unwrap() error { return e.Err }

// Written says the file itself was written whole.
func (e *FolderSyncError) Written() bool { return true }

// place moves the finished temporary file to path. Without replace it
// links it there, which fails if anything is there already, so a file
// that appears meanwhile is never replaced; a file system without links
// falls back to a check and a rename.
func place(tmp, path string, replace bool) error {
	if replace {
		return os.Rename(tmp, path)
	}
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		os.Remove(tmp) // the file is in place; a second name left behind is only untidy
		return nil
	case errors.Is(err, fs.ErrExist):
		return ErrExists
	}
	switch _, statErr := os.Lstat(path); {
	case statErr == nil:
		return ErrExists
	case !errors.Is(statErr, fs.ErrNotExist):
		return statErr
	}
	return os.Rename(tmp, path)
}

// Files writes the files the app makes, such as letters, through the
// atomic writer. Its zero value is ready to use.
type Files struct{}

// WriteFile writes data to path, whole or not at all, and returns the
// full path written. A path starting with ~/ is in the home folder. An
// existing file is replaced only with replace; otherwise the answer is
// ErrExists and the file is left as it was.
func (Files) WriteFile(path string, data []byte, replace bool) (string, error) {
	abs, err := typedPath(path)
	if err != nil {
		return abs, err
	}
	return abs, writeAtomic(abs, replace, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	}, nil)
}

// typedPath is the full path of a file name a person typed: ~/ is the
// home folder, and a relative name is in the current folder. A folder is
// refused (ErrIsFolder).
func typedPath(path string) (string, error) {
	if rest, ok := strings.CutPrefix(path, "~"+string(filepath.Separator)); ok {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, rest)
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path, err
	}
	if info, err := os.Stat(abs); err == nil && info.IsDir() {
		return abs, ErrIsFolder
	}
	return abs, nil
}

// ErrIsFolder says a path names a folder where a file was to be written.
var ErrIsFolder = errors.New("that is a folder: add a file name")

// WriteWhole writes a file with write, as the file commands do: whole or
// not at all, an existing file replaced only with force.
func WriteWhole(path string, force bool, write func(io.Writer) error) error {
	err := writeAtomic(path, force, func(f *os.File) error { return write(f) }, nil)
	var synced *FolderSyncError
	switch {
	case errors.As(err, &synced), errors.Is(err, ErrIsDatabase):
		return err
	case !force && errors.Is(err, ErrExists):
		return fmt.Errorf("%s already exists: name another file, or add --force to overwrite it", path)
	case err != nil:
		return fmt.Errorf("cannot write %s: %w; nothing was changed there", path, err)
	}
	return nil
}
