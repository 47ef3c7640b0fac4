package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/adrg/xdg"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DB is an open carecost file.
type DB struct {
	bolt  *bolt.DB
	path  string
	codec codec
	now   func() time.Time
	// copyOf: the file is checked as a backup's copy (see checkCopy).
	copyOf bool
	damage damage
	// verifying is the verifying of a large file's pages behind Open;
	// nil when Open verified them all.
	verifying *verification
	// header is an encrypted file's meta/crypto, and dataKey the key its
	// values are sealed with; both nil for a plain file.
	header  *cryptoHeader
	dataKey []byte
	// swap is held shared by every transaction, and alone while the file
	// is replaced by a new one (replaceWith).
	swap    sync.RWMutex
	maxSize int
	// progress is Options.Progress.
	progress func(step string, done, total int)
	// Notice is a sentence to show the person once, about something Open
	// did to keep the file safe ("Only you can read FILE now …"); empty
	// when there is nothing to say.
	Notice string
}

// Options change how Open works. The zero value is what the app uses.
type Options struct {
	// ReadOnly opens the file without changing it, and lets other readers
	// share it; a missing file is an error.
	ReadOnly bool
	// MaxSize, when above zero, is the most bytes the file may grow to; a
	// save that needs more fails with ErrDiskFull.
	MaxSize int
	// Timeout is how long to wait for another window to let go of the file;
	// zero means a second.
	Timeout time.Duration
	// Passphrase unlocks an encrypted file; a plain file needs none.
	Passphrase []byte
	// key unlocks an encrypted file with its data key itself, for a copy
	// the store has just made.
	key []byte
	// copyOf opens a copy the store has just made to check it (see
	// checkCopy): Open verifies the pages its own reads need, and the
	// check reads all of them, once, before anything else is read.
	copyOf bool
	// Damaged opens a file whose pages are damaged, read-only, to read
	// what is still sound (check and rescue do); without it such a file
	// is refused, unless the damage is inside some patients' records,
	// which are then refused alone.
	Damaged bool
	// Progress, when set, hears how far a long task over every patient
	// has gone (export, import, check, backup): what it is doing, and how
	// many patients of total are done. It may be called from several
	// goroutines at once, and often: it should only note the figures.
	Progress func(step string, done, total int)
}

// Errors Open returns, each with the file's path in its message.
var (
	ErrInUse       = errors.New("carecost is already open in another window")
	ErrNotCarecost = errors.New("not a carecost database")
	ErrDamaged     = errors.New("damaged")
	ErrTooNew      = errors.New("written by a newer version of carecost")
	ErrDiskFull    = errors.New("the disk is full")
)

// EnvDB names the environment variable that overrides the default file.
const EnvDB = "CARECOST_DB"

// DefaultPath returns where carecost keeps its file: $CARECOST_DB if set,
// else carecost/carecost.db in the XDG data folder
// (~/.local/share/carecost/carecost.db).
func DefaultPath() string {
	if p := os.Getenv(EnvDB); p != "" {
		return p
	}
	return filepath.Join(xdg.DataHome, "carecost", "carecost.db")
}

// Open opens the carecost file at path, creating it (and its folder) if it
// does not exist. A new file is made whole beside its place and then moved
// there, so no start can leave a half-made one; an empty file (which no
// carecost leaves) is made anew. An older file is copied beside itself,
// then brought up to date in one transaction. Open never changes a file it
// refuses: one that is damaged, another program's, or from a newer
// carecost. (A large file's pages are partly verified behind Open: damage
// found there refuses every read and write after the list's first page,
// and Open waits for it before it would change anything.)
func Open(path string, opt Options) (_ *DB, err error) {
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	opt.ReadOnly = opt.ReadOnly || opt.Damaged
	db := &DB{path: path, codec: checksumCodec{}, maxSize: opt.MaxSize, progress: opt.Progress, copyOf: opt.copyOf, now: func() time.Time { return time.Now().UTC().Truncate(time.Second) }}
	defer func() {
		if err != nil {
			db.waitVerified() // nothing is left reading the file behind a refusal
		}
	}()
	info, err := os.Stat(path)
	exists := err == nil
	switch {
	case exists && info.IsDir():
		return nil, fmt.Errorf("%s is a folder, not a carecost database: name a file", path)
	case exists && info.Size() == 0 && opt.ReadOnly:
		return nil, fmt.Errorf("%s is empty: there is no carecost data in it yet", path)
	case exists && info.Size() == 0:
		// Nothing was ever saved in it: a new file whose first write did
		// not finish, under an older carecost. It is made anew.
		exists = false
		db.Notice = path + " was empty (a new file whose first write never finished): carecost made it anew."
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	case !exists && opt.ReadOnly:
		return nil, fmt.Errorf("there is no carecost database at %s", path)
	}
	if !exists {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("cannot make the folder for %s: %w", path, err)
		}
		if err := create(path, opt); err != nil {
			return nil, err
		}
	} else {
		// Look before writing: a read-only look at an existing file finds a
		// foreign, damaged or newer file without changing a byte of it.
		if err := checkSize(path); err != nil {
			return nil, err
		}
		// A copy's pages are all read by its check, once: opening it reads
		// only what its own reads need, whatever its size.
		deep := !opt.copyOf && (opt.Damaged || info.Size() <= deepAtOpen)
		var found []PageProblem
		whole := true
		if !deep && (info.Size() > quickAtOpen || opt.copyOf) {
			found, whole, err = verifyOpening(path)
		} else {
			found, err = verifyPages(path, !deep)
		}
		if errors.As(err, new(*NoMetaError)) {
			// With no meta page to go by, bbolt says what the file is; if
			// it would open it anyway, nothing in it was verified.
			if perr := probe(path, opt.Timeout); perr != nil {
				return nil, perr
			}
			return nil, fmt.Errorf("%s is %w: its meta pages cannot be read as carecost verifies them (%v)", path, ErrDamaged, err)
		}
		if err != nil {
			return nil, openError(path, err)
		}
		db.damage.note(found, deep)
		if p, ok := db.damage.outsidePatients(); ok && (!opt.Damaged || p.Bucket == "" || damagedBucket(p.Bucket) == string(bucketMeta)) {
			// Even to rescue it, the file's own pages and its meta bucket
			// must be read.
			return nil, damagedFile(path, p)
		}
		if !whole && !opt.copyOf {
			// The rest is verified while bbolt opens it and the first
			// page of the list is read.
			db.verifyRest()
		}
		if err := probe(path, opt.Timeout); err != nil {
			return nil, err
		}
		if !opt.ReadOnly {
			if info.Mode().Perm()&0o077 != 0 {
				// Not a file's mode changed that is then refused.
				if err := db.waitVerified(); err != nil {
					return nil, err
				}
			}
			notice, err := tighten(path, info.Mode())
			if err != nil {
				return nil, err
			}
			db.Notice = notice
		}
	}
	bopt := &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly, MaxSize: opt.MaxSize}
	for try := 0; ; try++ {
		before, _ := os.Stat(path)
		if err := guard(func() error {
			var err error
			db.bolt, err = bolt.Open(path, 0o600, bopt)
			return err
		}); err != nil {
			return nil, openError(path, err)
		}
		// Another carecost may have put a new file in place (writing it
		// anew) while this one waited for the old one's lock: the file
		// held must be the one at the path.
		after, err := os.Stat(path)
		if err == nil && before != nil && os.SameFile(before, after) {
			break
		}
		db.bolt.Close()
		if try == 3 {
			return nil, fmt.Errorf("%s kept being replaced while carecost opened it (another carecost is writing it anew): try again in a moment", path)
		}
	}
	err = db.useFileCodec(opt.Passphrase)
	if opt.key != nil {
		err = db.useFileKey(opt.key)
	}
	if err != nil {
		db.bolt.Close()
		return nil, err
	}
	if !opt.ReadOnly {
		// Holding the file alone, no other carecost is writing beside it;
		// none is removed beside a file that is then refused.
		found := leftovers(path)
		if len(found) > 0 {
			if err := db.waitVerified(); err != nil {
				db.bolt.Close()
				return nil, err
			}
		}
		if n := clearLeftovers(found); n > 0 {
			db.Notice = strings.TrimSpace(db.Notice + " Removed " + strconv.Itoa(n) + " unfinished temporary file(s) an earlier run left beside " + path + ".")
		}
		kept, err := db.keepBeforeMigrating()
		if err != nil {
			db.bolt.Close()
			return nil, err
		}
		if kept != "" {
			db.Notice = strings.TrimSpace(db.Notice + " " + kept)
		}
		if err := db.migrate(); err != nil {
			db.bolt.Close()
			return nil, fmt.Errorf("cannot prepare %s: %w", path, err)
		}
	}
	return db, nil
}

// create makes a new, complete carecost file at path: written beside it
// (buckets, app marker, schema version), synced, then moved into place.
// A start killed meanwhile leaves only the temporary file, which the next
// start removes (see leftovers).
func create(path string, opt Options) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".new.tmp")
	os.Remove(tmp)
	unfinished.add(tmp)
	defer unfinished.remove(tmp)
	b, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: opt.Timeout})
	if err != nil {
		return fmt.Errorf("cannot make %s: %w", path, err)
	}
	db := &DB{path: tmp, bolt: b, codec: checksumCodec{}}
	err = db.migrate()
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// Linked, never renamed: a file another carecost made there
		// meanwhile is kept, and used.
		err = place(tmp, path, false)
		if errors.Is(err, ErrExists) {
			os.Remove(tmp)
			return nil
		}
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot make %s: %w; nothing was written there", path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// clearLeftovers removes the files leftovers found, and says how many it
// removed.
func clearLeftovers(found []string) int {
	n := 0
	for _, full := range found {
		if os.Remove(full) == nil {
			n++
		}
	}
	return n
}

// leftovers lists the temporary files an earlier carecost left beside the
// database at path when it was stopped while writing: the database being
// made (".NAME.new.tmp") and a copy of a database, such as a backup or the
// copy kept before a migration (".NAME.DIGITS.tmp", as os.CreateTemp
// names writeAtomic's, where NAME is a database in this folder and the
// leftover is one too, or empty). Nothing else is among them.
func leftovers(path string) []string {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var found []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tmp") {
			continue
		}
		full := filepath.Join(dir, name)
		ours := name == "."+base+".new.tmp"
		if target, digits, ok := cutTempName(name); ok && digits && (target == base || isDatabase(filepath.Join(dir, target))) {
			info, err := e.Info()
			ours = err == nil && (info.Size() == 0 || isDatabase(full))
		}
		if ours {
			found = append(found, full)
		}
	}
	return found
}

// cutTempName splits ".NAME.SUFFIX.tmp" into NAME, and says whether SUFFIX
// is all digits.
func cutTempName(name string) (target string, digits, ok bool) {
	inner := strings.TrimSuffix(strings.TrimPrefix(name, "."), ".tmp")
	i := strings.LastIndex(inner, ".")
	if i <= 0 || i == len(inner)-1 {
		return "", false, false
	}
	suffix := inner[i+1:]
	return inner[:i], strings.Trim(suffix, "0123456789") == "", true
}

// keepBeforeMigrating copies a file of an older schema beside itself
// before it is brought up to date, so the older version can be kept (and
// used by an older carecost); it says so in a sentence, or says nothing
// when the file is current or new.
func (db *DB) keepBeforeMigrating() (string, error) {
	version := len(migrations)
	db.viewNow(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			version, _ = schemaVersion(meta)
		}
		return nil
	})
	if version == 0 || version >= len(migrations) {
		return "", nil
	}
	dest := db.path + ".schema-" + strconv.Itoa(version) + ".bak"
	copyTo := func(dest string) error {
		return writeAtomicOver(dest, false, true, func(f *os.File) error {
			return db.view(func(tx *bolt.Tx) error {
				_, err := tx.WriteTo(f)
				return err
			})
		}, nil)
	}
	err := copyTo(dest)
	if errors.Is(err, ErrExists) {
		// An earlier copy of the same schema is kept too.
		dest = db.path + ".schema-" + strconv.Itoa(version) + "." + time.Now().UTC().Format("20060102T150405") + ".bak"
		err = copyTo(dest)
	}
	var synced *FolderSyncError
	if err != nil && !errors.As(err, &synced) {
		return "", fmt.Errorf("cannot keep a copy of %s before bringing it up to date (%w): nothing was changed", db.path, err)
	}
	return "Before bringing " + db.path + " up to date, carecost kept a copy of it as " + dest + ".", nil
}

// tighten makes an existing file readable by its owner only.
func tighten(path string, mode fs.FileMode) (string, error) {
	if mode.Perm()&0o077 == 0 {
		return "", nil
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return "", fmt.Errorf("%s can be read by other users, and carecost could not change that (%v): run chmod 600 on it", path, err)
	}
	return fmt.Sprintf("Other users could read %s; now only you can.", path), nil
}

// probe opens an existing file read-only and checks it is a carecost file
// this version can read.
func probe(path string, timeout time.Duration) error {
	var b *bolt.DB
	if err := guard(func() error {
		var err error
		b, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: timeout})
		return err
	}); err != nil {
		return openError(path, err)
	}
	defer b.Close()
	err := guard(func() error {
		return b.View(func(tx *bolt.Tx) error { return checkHeader(tx, path) })
	})
	if err != nil {
		return openError(path, err)
	}
	return nil
}

// checkHeader says whether the file is carecost's and not too new. A file
// with no buckets at all is a new one whose first transaction never
// committed: carecost may set it up.
func checkHeader(tx *bolt.Tx, path string) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty := true
		tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if empty {
			return nil
		}
		return fmt.Errorf("%s is %w: it holds another program's data", path, ErrNotCarecost)
	}
	if string(meta.Get(keyApp)) != appName {
		return fmt.Errorf("%s is %w: it holds another program's data", path, ErrNotCarecost)
	}
	v, err := schemaVersion(meta)
	if err != nil {
		return fmt.Errorf("%s is %w: %v", path, ErrDamaged, err)
	}
	if v > len(migrations) {
		return fmt.Errorf("%s was %w (file version %d; this one reads up to %d): update carecost to open it", path, ErrTooNew, v, len(migrations))
	}
	return nil
}

func schemaVersion(meta *bolt.Bucket) (int, error) {
	raw := meta.Get(keySchema)
	if raw == nil {
		return 0, nil
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil || v < 0 {
		return 0, fmt.Errorf("its schema version %q is not a number", raw)
	}
	return v, nil
}

// openError puts what bbolt said in words.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("%w (%s)", ErrInUse, path)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum):
		return fmt.Errorf("%s is %w: it is not a carecost database, or not a whole one", path, ErrNotCarecost)
	case errors.Is(err, berrors.ErrVersionMismatch):
		return fmt.Errorf("%s is %w: it was written by a different database format", path, ErrNotCarecost)
	case errors.As(err, new(panicError)):
		// bbolt read past what the file holds or found a page it did not
		// expect.
		return fmt.Errorf("%s is %w or incomplete (%v): restore it from a backup", path, ErrDamaged, err)
	case errors.Is(err, ErrDamaged), errors.Is(err, ErrNotCarecost), errors.Is(err, ErrTooNew):
		return err
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("carecost may not open %s: permission denied; check who owns it and its permissions (ls -l %s)", path, path)
	case errors.Is(err, syscall.EIO), errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("cannot open %s: %v; nothing was changed", path, plainSyscall(err))
	}
	return fmt.Errorf("%s is %w or incomplete (%v): restore it from a backup", path, ErrDamaged, err)
}

// plainSyscall is the system's own words for an error, without the call.
func plainSyscall(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// guard runs f, turning a panic inside bbolt (which a damaged file can
// cause) into an error. A read at an address a damaged page points to
// outside the file's mapping is a panic too, not a crash.
func guard(f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = panicError{r}
		}
	}()
	return f()
}

// panicError is a panic inside bbolt, caught by guard.
type panicError struct{ value any }

func (p panicError) Error() string { return fmt.Sprint(p.value) }

// Path returns the file's path.
func (db *DB) Path() string { return db.path }

// Close closes the file. If records were deleted from it, it is first
// compacted into a new file put in its place, so no byte of them is left
// in its free pages; if that fails, the file is closed as it is and the
// next close tries again.
func (db *DB) Close() error {
	db.waitVerified() // nothing of the file is left being read behind it
	if db.ErasePending() {
		if err := db.Compact(); err != nil {
			db.bolt.Close()
			return fmt.Errorf("could not erase what was deleted from %s's free pages (%w): carecost tries again when it next closes", db.path, err)
		}
	}
	return db.bolt.Close()
}

// ErasePending says whether records were deleted since the file was
// last compacted, so that Close compacts it (which takes a while for a
// large file).
func (db *DB) ErasePending() bool {
	if db.bolt.IsReadOnly() {
		return false
	}
	pending := false
	db.viewNow(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			pending = meta.Get(keyErase) != nil
		}
		return nil
	})
	return pending
}

// update runs one read-write transaction: one per user action. A file that
// would outgrow its limit gives ErrDiskFull, and nothing is changed.
func (db *DB) update(f func(tx *bolt.Tx) error) error {
	if err := db.waitVerified(); err != nil {
		return err
	}
	db.swap.RLock()
	defer db.swap.RUnlock()
	var fnErr error
	err := guard(func() error {
		return db.bolt.Update(func(tx *bolt.Tx) error {
			defer db.damage.forget(tx)
			fnErr = f(tx)
			return fnErr
		})
	})
	if err != nil && fnErr == nil && !errors.As(err, new(panicError)) && !errors.Is(err, berrors.ErrDatabaseReadOnly) &&
		!errors.Is(err, berrors.ErrMaxSizeReached) && !isNoSpace(err) {
		// The change was made, and the disk failed while it was being
		// written for good: it may or may not be there now. (A full disk
		// stops bbolt before its last page, and nothing is changed.)
		return &CommitError{Err: plainSyscall(err)}
	}
	switch {
	case errors.Is(err, berrors.ErrMaxSizeReached) || isNoSpace(err):
		return fmt.Errorf("%w — nothing was changed", ErrDiskFull)
	case errors.Is(err, berrors.ErrDatabaseReadOnly):
		return errors.New("the file is open read-only: nothing was changed")
	}
	return db.damaged(err)
}

// CommitError says the disk failed while a change was being written to
// it: the change may or may not have been saved.
type CommitError struct{ Err error }

func (e *CommitError) Error() string {
	return "the disk reported an error while saving (" + e.Err.Error() + "): the change may or may not have been saved; look before entering it again, and check the disk"
}

func (e *CommitError) Unwrap() error { return e.Err }

// MaybeSaved says the change may be in the file after all.
func (e *CommitError) MaybeSaved() bool { return true }

// view runs one read-only transaction, once the file's pages are all
// verified.
func (db *DB) view(f func(tx *bolt.Tx) error) error {
	if err := db.waitVerified(); err != nil {
		return err
	}
	return db.viewNow(f)
}

// viewNow runs one read-only transaction at once, before the file's pages
// are all verified: for what reads only the buckets verifyOpening read
// (the meta bucket, the index's own pages), or checks the pages it reads
// first (FirstPatients).
func (db *DB) viewNow(f func(tx *bolt.Tx) error) error {
	db.swap.RLock()
	defer db.swap.RUnlock()
	return db.damaged(guard(func() error { return db.bolt.View(f) }))
}

// damaged puts a panic caught inside bbolt in words.
func (db *DB) damaged(err error) error {
	if errors.As(err, new(panicError)) {
		return fmt.Errorf("%s is %w (%v): nothing was changed; run carecost check, and restore a backup if it finds problems", db.path, ErrDamaged, err)
	}
	return err
}

// tell passes on how far a long task has gone, if anyone listens.
func (db *DB) tell(step string, done, total int) {
	if db.progress != nil {
		db.progress(step, done, total)
	}
}

// patientsToTell is how many patients a long task's progress counts
// against: patientCount, or none when nobody listens.
func (db *DB) patientsToTell(tx *bolt.Tx) int {
	if db.progress == nil {
		return 0
	}
	return patientCount(tx)
}

// patientCount is how many patients the file holds, counted by their
// buckets' names alone.
func patientCount(tx *bolt.Tx) int {
	n := 0
	if b := tx.Bucket(bucketPatients); b != nil {
		c := b.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			n++
		}
	}
	return n
}
