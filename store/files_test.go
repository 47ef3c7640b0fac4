package store

import (
	"bytes"
	"carecost/planner"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"strconv"

	"crypto/sha256"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// demoFile makes a closed carecost file holding the demo.
func demoFile(t *testing.T) string {
	t.Helper()
	db, path := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}

// rawUpdate changes a file with bbolt directly, as another program would.
func rawUpdate(t *testing.T, path string, f func(tx *bolt.Tx) error) {
	t.Helper()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Update(f); err != nil {
		t.Fatal(err)
	}
}

// asSchema makes the file at path one of an older schema version, as that
// version wrote it: its values lose their checksums (see checksumSchema),
// and change first runs on the older file's transaction, if not nil.
func asSchema(t *testing.T, path string, version int, change func(tx *bolt.Tx) error) {
	t.Helper()
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		if version < checksumSchema {
			if err := rewriteValues(tx, func(bucket string, k, v []byte) ([]byte, error) {
				plain, err := (checksumCodec{}).open(bucket, k, v)
				return bytes.Clone(plain), err
			}); err != nil {
				return err
			}
		}
		if change != nil {
			if err := change(tx); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(version)))
	})
}

func TestBadFilesAreRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	random := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(7, 8))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	demo, err := os.ReadFile(demoFile(t))
	if err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "foreign.db")
	rawUpdate(t, foreign, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("widgets"))
		if err != nil {
			return err
		}
		return b.Put([]byte("a"), []byte("b"))
	})
	newer := write("newer.db", demo)
	rawUpdate(t, newer, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("99")) })

	tests := []struct {
		name string
		path string
		want string
		is   error
	}{
		{"random bytes", write("random.db", random), "not a carecost database", ErrNotCarecost},
		// Cut off halfway through the pages in use (the file may be longer:
		// bbolt grows it ahead of need).
		{"truncated copy", write("truncated.db", demo[:usedBytes(t, demo)/2]), "is damaged or incomplete", ErrDamaged},
		{"the first page only", write("short.db", demo[:4096]), "is damaged or incomplete", ErrDamaged},
		{"another program's bbolt file", foreign, "another program's data", ErrNotCarecost},
		{"a newer schema", newer, "newer version of carecost (file version 99; this one reads up to 8): update carecost", ErrTooNew},
		{"a folder", dir, "is a folder", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before [32]byte
			if tt.name != "a folder" {
				before = fileHash(t, tt.path)
			}
			db, err := Open(tt.path, Options{})
			if err == nil {
				db.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Errorf("error %q, want one with %q and the path", err, tt.want)
			}
			if tt.name != "a folder" && fileHash(t, tt.path) != before {
				t.Error("the file was changed")
			}
			if _, err := Check(tt.path); err == nil {
				t.Error("check opened it")
			}
		})
	}
}

func TestSecondInstanceIsToldAndChangesNothing(t *testing.T) {
	db, path := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	second, err := Open(path, Options{})
	if err == nil {
		second.Close()
		t.Fatal("the second instance opened the file")
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("it took %v to say so", took)
	}
	want := "carecost is already open in another window (" + path + ")"
	if err.Error() != want || !errors.Is(err, ErrInUse) {
		t.Errorf("error %q, want %q", err, want)
	}
	// The first is untouched and still works.
	if list, err := db.ListPatients(); err != nil || len(list) != 1 {
		t.Errorf("first instance: %v, %v", list, err)
	}
}

func TestMigrationBuildsTheIndexOfAVersionOneFile(t *testing.T) {
	path := demoFile(t)
	// Make it a version-1 file: no index yet.
	asSchema(t, path, 1, func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketIndex) })
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The demo's ketamine course is appealing: the best plan available now
	// is the grant's $5,186.00, not the in-network $2,880.00.
	list, err := db.ListPatients()
	if err != nil || len(list) != 1 || list[0].Best != "Ketamine with a grant" || list[0].BestNet != planner.Dollars(5_186) {
		t.Errorf("list after migrating: %v, %v", list, err)
	}
	db.view(func(tx *bolt.Tx) error {
		if v, _ := schemaVersion(tx.Bucket(bucketMeta)); v != SchemaVersion {
			t.Errorf("schema version %d after migrating", v)
		}
		return nil
	})
}

// A version-4 file named the lowest net total best in its list index,
// whatever waited on approval: the index is made again.
func TestMigrationNamesTheBestPlanAvailableNow(t *testing.T) {
	path := demoFile(t)
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	list, _ := db.ListPatients()
	stale := list[0]
	stale.Best, stale.BestNet, stale.BestWaits = "Ketamine in network", planner.Dollars(2_880), ""
	if err := db.update(func(tx *bolt.Tx) error { return db.putSummary(tx, &stale) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	asSchema(t, path, 4, nil)
	if db, err = Open(path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if list, err = db.ListPatients(); err != nil || list[0].Best != "Ketamine with a grant" {
		t.Errorf("list after migrating: %+v, %v", list, err)
	}
}

func TestAFailedMigrationChangesNothing(t *testing.T) {
	path := demoFile(t)
	before := fileHash(t, path)
	saved := migrations
	defer func() { migrations = saved }()
	migrations = append(migrations[:len(migrations):len(migrations)], migration{"break", func(*DB, *bolt.Tx) error {
		return errors.New("broken on purpose")
	}})
	if db, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "break: broken on purpose") {
		if db != nil {
			db.Close()
		}
		t.Fatalf("open: %v", err)
	}
	migrations = saved
	if fileHash(t, path) != before {
		t.Error("a failed migration changed the file")
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.view(func(tx *bolt.Tx) error {
		if v, _ := schemaVersion(tx.Bucket(bucketMeta)); v != SchemaVersion {
			t.Errorf("schema version %d", v)
		}
		return nil
	})
}

func TestReadOnlyOpen(t *testing.T) {
	path := demoFile(t)
	before := fileHash(t, path)
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if list, err := db.ListPatients(); err != nil || len(list) != 1 {
		t.Errorf("list: %v %v", list, err)
	}
	if err := db.Save(&planner.Program{Name: "x"}); err == nil || !strings.Contains(err.Error(), "open read-only") {
		t.Error("a read-only file took a save")
	}
	db.Close()
	if fileHash(t, path) != before {
		t.Error("a read-only open changed the file")
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none.db"), Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "there is no carecost database") {
		t.Errorf("read-only open of a missing file: %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv(EnvDB, "/tmp/x.db")
	if DefaultPath() != "/tmp/x.db" {
		t.Errorf("with %s set: %s", EnvDB, DefaultPath())
	}
	t.Setenv(EnvDB, "")
	if !strings.HasSuffix(DefaultPath(), filepath.Join("carecost", "carecost.db")) {
		t.Errorf("default: %s", DefaultPath())
	}
}

// usedBytes is how much of a bbolt file its pages use: the newer meta
// page's high-water mark times the page size (see checkSize).
func usedBytes(t *testing.T, file []byte) int {
	t.Helper()
	order := binary.LittleEndian
	pageSize := int(order.Uint32(file[metaPageSize:]))
	used, tx := 0, uint64(0)
	for i := range 2 {
		meta := file[i*pageSize:]
		if order.Uint32(meta[metaOffset:]) == boltMagic && order.Uint64(meta[metaTxID:]) >= tx {
			used, tx = int(order.Uint64(meta[metaHighWater:]))*pageSize, order.Uint64(meta[metaTxID:])
		}
	}
	if used == 0 || used > len(file) {
		t.Fatalf("pages in use: %d of %d bytes", used, len(file))
	}
	return used
}

// A file cut off anywhere among its pages is refused in a sentence before
// bbolt reads it, never a fault, and is left as it was.
func TestTruncatedFilesAreRefused(t *testing.T) {
	demo, err := os.ReadFile(demoFile(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	used := usedBytes(t, demo)
	for cut := 4096; cut < used; cut += 4096 {
		path := filepath.Join(dir, fmt.Sprintf("cut%d.db", cut))
		if err := os.WriteFile(path, demo[:cut], 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := Open(path, Options{})
		if err == nil {
			db.Close()
			t.Errorf("cut at %d of %d bytes: opened", cut, used)
			continue
		}
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "cut off") {
			t.Errorf("cut at %d: %v", cut, err)
		}
		if info, _ := os.Stat(path); info.Size() != int64(cut) {
			t.Errorf("cut at %d: the file became %d bytes", cut, info.Size())
		}
	}
}

// Opening a file of an older schema keeps a copy of it beside it first,
// and says so; the copy is the older file as it was.
func TestMigrationKeepsACopyOfTheOlderFile(t *testing.T) {
	path := demoFile(t)
	asSchema(t, path, 4, nil)
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	kept := path + ".schema-4.bak"
	if !strings.Contains(db.Notice, "kept a copy of it as "+kept) {
		t.Errorf("notice %q", db.Notice)
	}
	old, err := bolt.Open(kept, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	old.View(func(tx *bolt.Tx) error {
		if v, _ := schemaVersion(tx.Bucket(bucketMeta)); v != 4 {
			t.Errorf("the copy has schema %d", v)
		}
		return nil
	})
	// A current file keeps no copy.
	if db, err = Open(path, Options{}); err != nil || db.Notice != "" {
		t.Errorf("current file: %v, %q", err, db.Notice)
	}
	db.Close()
}

// An empty file (a new file whose first write never finished, under an
// older carecost) is made anew, and said so; a read-only look says it is
// empty. A new file is made whole beside its place, so none is left empty.
func TestEmptyFileIsMadeAnew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Errorf("read-only: %v", err)
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(db.Notice, "was empty") {
		t.Errorf("notice %q", db.Notice)
	}
	if err := db.SavePatient(&planner.PatientRecord{Patient: planner.Patient{Name: "Ana"}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left beside it: %v", entries)
	}
}

// Temporary files a killed backup or a killed start left beside the
// database are removed at the next start, and said so; every other file
// stays, however like them its name is.
func TestLeftoversAreCleared(t *testing.T) {
	path := demoFile(t)
	dir := filepath.Dir(path)
	base := filepath.Base(path)
	db, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"." + base + ".123456.tmp": db[:4096], // a backup cut off: a database's first page
		"." + base + ".99.tmp":     nil,       // one killed before it wrote anything
		"." + base + ".new.tmp":    []byte("x"),
		// Not carecost's: they stay.
		"notes.txt": []byte("x"), ".notes.txt.draft.tmp": []byte("x"), ".vimrc.new.tmp": []byte("x"),
		"other.db": []byte("not a database"), ".other.db.8812.tmp": nil, "." + base + ".123457.tmp": []byte("text"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	if !strings.Contains(d.Notice, "Removed 3 unfinished temporary file(s)") {
		t.Errorf("notice %q", d.Notice)
	}
	for _, name := range []string{"notes.txt", ".notes.txt.draft.tmp", ".vimrc.new.tmp", "other.db", ".other.db.8812.tmp", "." + base + ".123457.tmp"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s was removed", name)
		}
	}
}

// A file of an older schema can be backed up as it is, before anything
// brings it up to date.
func TestBackupOfAnOlderFile(t *testing.T) {
	path := demoFile(t)
	asSchema(t, path, 4, nil)
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dest := filepath.Join(t.TempDir(), "b.db")
	if err := db.Backup(dest); err != nil {
		t.Fatal(err)
	}
	b, err := bolt.Open(dest, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.View(func(tx *bolt.Tx) error {
		if v, _ := schemaVersion(tx.Bucket(bucketMeta)); v != 4 {
			t.Errorf("the backup has schema %d", v)
		}
		return nil
	})
}

// A file carecost may not open is said to be so, not damaged.
func TestPermissionIsNotDamage(t *testing.T) {
	err := openError("/x/c.db", &fs.PathError{Op: "open", Path: "/x/c.db", Err: fs.ErrPermission})
	if !strings.Contains(err.Error(), "carecost may not open /x/c.db: permission denied") || errors.Is(err, ErrDamaged) {
		t.Errorf("%v", err)
	}
}

// A file written anywhere (an export, a letter) removes the leftovers of
// earlier writes of the same file that were killed, once they have gone
// untouched for staleAfter; a write of another process, still growing, and
// every other file stay.
func TestStaleLeftoversOfAFileAreClearedWhenItIsWritten(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-staleAfter - time.Minute)
	files := map[string]bool{ // name: whether it should go
		".export.json.1234.tmp": true,
		".export.json.5678.tmp": false, // touched just now
		".other.json.1234.tmp":  false, // another file's
		".export.json.new.tmp":  false, // not os.CreateTemp's name
		"export.json.1234.tmp":  false, // not hidden
	}
	for name, stale := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("part of"), 0o600); err != nil {
			t.Fatal(err)
		}
		if stale || name != ".export.json.5678.tmp" {
			os.Chtimes(path, old, old)
		}
	}
	if err := WriteWhole(filepath.Join(dir, "export.json"), false, func(w io.Writer) error {
		_, err := w.Write([]byte("{}"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for name, gone := range files {
		if _, err := os.Stat(filepath.Join(dir, name)); (err != nil) != gone {
			t.Errorf("%s: gone %v, want %v", name, err != nil, gone)
		}
	}
}

// The temporary file of a write in progress is removed by RemoveUnfinished
// (what a signal runs), and the write then fails without placing anything.
func TestRemoveUnfinished(t *testing.T) {
	dir := t.TempDir()
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- WriteWhole(filepath.Join(dir, "b.json"), false, func(w io.Writer) error {
			close(started)
			<-release
			_, err := w.Write([]byte("{}"))
			return err
		})
	}()
	<-started
	if n := RemoveUnfinished(); n != 1 {
		t.Errorf("removed %d", n)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
	close(release)
	if err := <-done; err == nil {
		t.Error("the write went on")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("after the write: %v", entries)
	}
}
