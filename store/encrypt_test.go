package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"carecost/planner"
)

// testCost is a key cost cheap enough for tests; the default is timed by
// BenchmarkDeriveKey.
var testCost = KeyCost{Time: 1, MemoryKiB: 64, Threads: 1}

// secrets are words that must appear in no byte of an encrypted file; a
// plain file keeps names folded in the keys of its ordered indexes.
var secrets = []string{"Quintanilla", "zelda quintanilla", "Abernathy", "Sam Rivera", "ketamine", "Ketamine", "Esketamine"}

// fileHolds says which of the words are in the file at path.
func fileHolds(t *testing.T, path string, words []string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, w := range words {
		if bytes.Contains(data, []byte(w)) {
			found = append(found, w)
		}
	}
	return found
}

// secretFile is a file holding the demo and a patient whose name and
// call notes are in secrets.
func secretFile(t *testing.T) (*DB, string, planner.ID) {
	t.Helper()
	db, path := openTemp(t)
	if _, err := db.AddDemo(); err != nil {
		t.Fatal(err)
	}
	p := &planner.PatientRecord{Patient: planner.Patient{Name: "Zelda Quintanilla", Notes: "referred by Dr Abernathy"}}
	if err := db.SavePatient(p); err != nil {
		t.Fatal(err)
	}
	call := &planner.Contact{Key: planner.Key{PatientID: p.ID}, When: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC),
		Party: planner.PartyClinic, Said: "Abernathy's office will fax the letter"}
	if err := db.Save(call); err != nil {
		t.Fatal(err)
	}
	if found := fileHolds(t, path, secrets); len(found) == 0 {
		t.Fatal("the plain file holds none of the secrets: the test proves nothing")
	}
	return db, path, p.ID
}

func TestEncryptLeavesNoPlainText(t *testing.T) {
	db, path, zelda := secretFile(t)
	pass := []byte("correct horse battery staple")
	if err := db.Encrypt(pass, testCost); err != nil {
		t.Fatal(err)
	}
	if !db.Encrypted() {
		t.Error("not encrypted after Encrypt")
	}
	// The open DB works on the new file at once.
	if f, err := db.LoadPatient(zelda); err != nil || f.Patient.Name != "Zelda Quintanilla" || len(f.Contacts) != 1 {
		t.Fatalf("after encrypting: %+v, %v", f.Patient, err)
	}
	if found := fileHolds(t, path, secrets); len(found) > 0 {
		t.Errorf("the encrypted file holds %q", found)
	}
	// A backup made afterwards, and the file after a delete.
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := db.Backup(backup); err != nil {
		t.Fatal(err)
	}
	if found := fileHolds(t, backup, secrets); len(found) > 0 {
		t.Errorf("the backup holds %q", found)
	}
	if err := db.Delete(&planner.PatientRecord{ID: zelda}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if found := fileHolds(t, path, secrets); len(found) > 0 {
		t.Errorf("after a delete, the file holds %q", found)
	}

	// Opening it needs the passphrase, and only that one; a refusal
	// changes no byte.
	before := sha256Of(t, path)
	if _, err := Open(path, Options{}); !errors.Is(err, ErrNeedsPassphrase) {
		t.Errorf("without a passphrase: %v", err)
	}
	if _, err := Open(path, Options{Passphrase: []byte("Correct horse battery staple")}); !errors.Is(err, ErrWrongPassphrase) || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("a wrong passphrase: %v", err)
	}
	if sha256Of(t, path) != before {
		t.Error("a refused open changed the file")
	}
	db, err := Open(path, Options{Passphrase: pass})
	if err != nil {
		t.Fatal(err)
	}
	if list, err := db.ListPatients(); err != nil || len(list) != 1 || list[0].Name != "Sam Rivera (fictional)" {
		t.Errorf("list: %v, %v", list, err)
	}
	db.Close()
	if problems, err := Check(path); err == nil || !errors.Is(err, ErrNeedsPassphrase) {
		t.Errorf("check without the passphrase: %v, %v", problems, err)
	}
	if problems, err := CheckWith(path, pass); err != nil || len(problems) != 0 {
		t.Errorf("check: %q, %v", problems, err)
	}
}

func sha256Of(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestChangePassphraseLeavesNoOldWrapping(t *testing.T) {
	db, path, _ := secretFile(t)
	old, pass := []byte("first one"), []byte("second one")
	if err := db.Encrypt(old, testCost); err != nil {
		t.Fatal(err)
	}
	wrapped := db.header.Wrapped
	if err := db.ChangePassphrase([]byte("not it"), pass, testCost); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("with a wrong old passphrase: %v", err)
	}
	if err := db.ChangePassphrase(old, pass, testCost); err != nil {
		t.Fatal(err)
	}
	if list, err := db.ListPatients(); err != nil || len(list) != 2 {
		t.Errorf("after the change: %v, %v", list, err)
	}
	db.Close()
	data, _ := os.ReadFile(path)
	if bytes.Contains(data, wrapped) {
		t.Error("the old wrapped key is still in the file")
	}
	if _, err := Open(path, Options{Passphrase: old}); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("the old passphrase: %v", err)
	}
	db, err := Open(path, Options{Passphrase: pass})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if found := fileHolds(t, path, secrets); len(found) > 0 {
		t.Errorf("the file holds %q", found)
	}
}

// Every value of an encrypted file is bound to its place: one moved to
// another key does not open there.
func TestSealedValuesAreBoundToTheirPlace(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	c, _ := newSealCodec(key)
	sealed, _ := c.seal("patients/01A", []byte("record"), []byte(`{"Name":"Zelda"}`))
	if bytes.Contains(sealed, []byte("Zelda")) {
		t.Error("the value is in the clear")
	}
	if plain, err := c.open("patients/01A", []byte("record"), sealed); err != nil || string(plain) != `{"Name":"Zelda"}` {
		t.Errorf("open: %q, %v", plain, err)
	}
	again, _ := c.seal("patients/01A", []byte("record"), []byte(`{"Name":"Zelda"}`))
	if bytes.Equal(again, sealed) {
		t.Error("two seals of one value are the same: the nonce repeats")
	}
	flipped := bytes.Clone(sealed)
	flipped[len(flipped)/2] ^= 1
	for name, c2 := range map[string]struct {
		bucket, key string
		v           []byte
	}{
		"another key": {"patients/01A", "other", sealed}, "another bucket": {"patients/01B", "record", sealed},
		"a flipped bit": {"patients/01A", "record", flipped}, "cut short": {"patients/01A", "record", sealed[:20]},
	} {
		if _, err := c.open(c2.bucket, []byte(c2.key), c2.v); !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: %v", name, err)
		}
	}
	other, _ := newSealCodec(bytes.Repeat([]byte{8}, 32))
	if _, err := other.open("patients/01A", []byte("record"), sealed); !errors.Is(err, ErrDamaged) {
		t.Errorf("another key: %v", err)
	}
}

// A header read from a file cannot ask for more work than carecost
// allows, or for none.
func TestCraftedHeadersAreRefused(t *testing.T) {
	good, _ := newHeader([]byte("x"), bytes.Repeat([]byte{1}, 32), testCost)
	for name, change := range map[string]func(h *cryptoHeader){
		"a huge memory":  func(h *cryptoHeader) { h.MemoryKiB = 64 << 20 },
		"endless passes": func(h *cryptoHeader) { h.Time = 1 << 30 },
		"many lanes":     func(h *cryptoHeader) { h.Threads = 255 },
		"no work":        func(h *cryptoHeader) { h.Time = 0 },
		"a short salt":   func(h *cryptoHeader) { h.Salt = h.Salt[:4] },
		"a new format":   func(h *cryptoHeader) { h.Format = 2 },
	} {
		h := *good
		change(&h)
		if err := h.check(); err == nil {
			t.Errorf("%s: taken", name)
		}
	}
	if err := good.check(); err != nil {
		t.Errorf("a good header: %v", err)
	}
}

// A plain file where a patient was deleted keeps none of their text once
// it is closed, and no backup made after the delete holds it.
func TestDeletesErase(t *testing.T) {
	db, path, zelda := secretFile(t)
	if err := db.Delete(&planner.PatientRecord{ID: zelda}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := db.Backup(backup); err != nil {
		t.Fatal(err)
	}
	gone := []string{"Quintanilla", "Abernathy"}
	if found := fileHolds(t, backup, gone); len(found) > 0 {
		t.Errorf("a backup made after the delete holds %q", found)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if found := fileHolds(t, path, gone); len(found) > 0 {
		t.Errorf("the file holds %q after it was closed", found)
	}
	// The rest is all there.
	if problems, err := Check(path); err != nil || len(problems) > 0 {
		t.Errorf("check: %q, %v", problems, err)
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if list, err := db.ListPatients(); err != nil || len(list) != 1 {
		t.Errorf("list: %v, %v", list, err)
	}
}

// A copy that fails part way (a value that does not open) is a sentence,
// never a hang, and leaves the file as it was.
func TestAFailedCopyChangesNothing(t *testing.T) {
	db, path, _ := secretFile(t)
	db.Close()
	flipEvery(t, path, "Quintanilla")
	before := sha256Of(t, path)
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- db.Encrypt([]byte("a passphrase"), testCost) }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "nothing was changed") {
			t.Errorf("encrypt of a damaged file: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("encrypting a damaged file hung")
	}
	if err := db.Backup(filepath.Join(t.TempDir(), "b.db")); err == nil {
		t.Error("a damaged file was backed up")
	}
	db.Close()
	if sha256Of(t, path) != before {
		t.Error("the file changed")
	}
}

// Saves made while the file is written anew (a close that erases, an
// encryption) wait for it and land in the new file: none is lost.
func TestSavesDuringACompactionAreKept(t *testing.T) {
	db, path, zelda := secretFile(t)
	if err := db.Delete(&planner.PatientRecord{ID: zelda}); err != nil {
		t.Fatal(err)
	}
	list, _ := db.ListPatients()
	sam := list[0].ID
	var saved []planner.ID
	var count atomic.Int64 // len(saved), read while it grows
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			task := &planner.Task{Key: planner.Key{PatientID: sam}, Text: "call back", Due: planner.NewDate(2026, 12, 9)}
			if err := db.Save(task); err == nil {
				saved = append(saved, task.ID)
				count.Add(1)
			}
		}
	}()
	// Saves before the compaction, during it, and after it, however
	// slowly the machine runs.
	for count.Load() < 3 {
		time.Sleep(time.Millisecond)
	}
	if err := db.Compact(); err != nil {
		t.Fatal(err)
	}
	for after := count.Load(); count.Load() < after+3; {
		time.Sleep(time.Millisecond)
	}
	close(stop)
	<-done
	db.Close()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f, err := db.LoadPatient(sam)
	if err != nil {
		t.Fatal(err)
	}
	have := map[planner.ID]bool{}
	for _, task := range f.Tasks {
		have[task.ID] = true
	}
	lost := 0
	for _, id := range saved {
		if !have[id] {
			lost++
		}
	}
	if lost > 0 || len(saved) == 0 {
		t.Errorf("%d of %d saves lost", lost, len(saved))
	}
}

// A file reached through a link is written anew where the link points,
// and the link stays; a file with two names is not parted from one.
func TestRewritingFollowsLinks(t *testing.T) {
	db, real, _ := secretFile(t)
	db.Close()
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here")
	}
	db, err := Open(link, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Encrypt([]byte("through a link"), testCost); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if found := fileHolds(t, real, secrets); len(found) > 0 {
		t.Errorf("the linked file holds %q", found)
	}
	if _, err := Open(real, Options{}); !errors.Is(err, ErrNeedsPassphrase) {
		t.Errorf("the linked file: %v", err)
	}

	second := filepath.Join(filepath.Dir(real), "second.db")
	if err := os.Link(real, second); err != nil {
		t.Skip("no hard links here")
	}
	db, err = Open(real, Options{Passphrase: []byte("through a link")})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Compact(); err == nil || !strings.Contains(err.Error(), "2 names") {
		t.Errorf("compact of a file with two names: %v", err)
	}
}

// A new passphrase seals the file under a new data key too: the old
// passphrase, with an old copy's header, opens nothing written after.
func TestChangePassphraseChangesTheDataKey(t *testing.T) {
	db, _, _ := secretFile(t)
	defer db.Close()
	if err := db.Encrypt([]byte("first"), testCost); err != nil {
		t.Fatal(err)
	}
	key := bytes.Clone(db.dataKey)
	if err := db.ChangePassphrase([]byte("first"), []byte("second"), testCost); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(key, db.dataKey) {
		t.Error("the data key is the same")
	}
	if list, err := db.ListPatients(); err != nil || len(list) != 2 {
		t.Errorf("list: %v, %v", list, err)
	}
}
