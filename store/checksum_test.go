package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// crc32cBitwise is CRC-32C computed one bit at a time from its definition
// (reflected polynomial 0x82F63B78, initial value and final XOR all ones),
// independently of hash/crc32's tables.
func crc32cBitwise(data []byte) uint32 {
	crc := ^uint32(0)
	for _, b := range data {
		crc ^= uint32(b)
		for range 8 {
			if crc&1 == 1 {
				crc = crc>>1 ^ 0x82F63B78
			} else {
				crc >>= 1
			}
		}
	}
	return ^crc
}

func TestSealIsCRC32COfThePlaceAndTheValue(t *testing.T) {
	// The check value of CRC-32C, the CRC of "123456789", is 0xE3069283
	// (RFC 3720, appendix B.4; the catalogue of parametrised CRC
	// algorithms, "CRC-32/ISCSI").
	if got := crc32cBitwise([]byte("123456789")); got != 0xE3069283 {
		t.Fatalf("the independent CRC-32C is wrong: %08x", got)
	}
	plain := []byte(`{"name":"Sam"}`)
	sealed, _ := checksumCodec{}.seal("patients/01ABC", []byte("record"), plain)
	want := fmt.Sprintf("c%08x", crc32cBitwise([]byte("patients/01ABC/record\x00"+string(plain)))) + string(plain)
	if string(sealed) != want {
		t.Fatalf("sealed %q, want %q", sealed, want)
	}
	// A checksum with leading zeros keeps all eight digits: the value at
	// "x" with key "" whose CRC is below 0x10000000 is found by trying.
	// One value in sixteen has such a CRC; of a thousand, none having one
	// would be a broken search, not luck.
	found := false
	for i := 0; i < 1000 && !found; i++ {
		v := []byte(fmt.Sprint(i))
		if crc32cBitwise(append([]byte("x/\x00"), v...)) < 0x10000000 {
			found = true
			s, _ := checksumCodec{}.seal("x", nil, v)
			if len(s) != checksumLen+len(v) || s[1] != '0' {
				t.Errorf("sealed %q", s)
			}
			if got, err := (checksumCodec{}).open("x", nil, s); err != nil || !bytes.Equal(got, v) {
				t.Errorf("opened %q, %v", got, err)
			}
		}
	}
	if !found {
		t.Fatal("no value with a checksum below 0x10000000 was found")
	}
	if got, err := (checksumCodec{}).open("patients/01ABC", []byte("record"), sealed); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("opened %q, %v", got, err)
	}
	for name, c := range map[string]struct {
		bucket, key string
		value       []byte
		why         string
	}{
		"a flipped byte":   {"patients/01ABC", "record", bytes.Replace(sealed, []byte("Sam"), []byte("Sal"), 1), "changed"},
		"a bad digit":      {"patients/01ABC", "record", append([]byte("cz"), sealed[2:]...), "changed"},
		"another key":      {"patients/01ABC", "other", sealed, "changed"},
		"another bucket":   {"patients/01XYZ", "record", sealed, "changed"},
		"cut short":        {"patients/01ABC", "record", sealed[:5], "not in carecost's format"},
		"without the seal": {"patients/01ABC", "record", plain, "not in carecost's format"},
	} {
		_, err := checksumCodec{}.open(c.bucket, []byte(c.key), c.value)
		var d *DamagedValueError
		if !errors.As(err, &d) || d.Place != c.bucket+"/"+c.key || !strings.Contains(err.Error(), c.why) || !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// flipEvery changes one letter of every copy of marker in the file, as a
// failing disk would, without bbolt: bbolt keeps no checksum of its
// pages, so only carecost's own finds it.
func flipEvery(t *testing.T, path, marker string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := bytes.Count(data, []byte(marker))
	if n == 0 {
		t.Fatalf("%q is not in the file", marker)
	}
	data = bytes.ReplaceAll(data, []byte(marker), []byte("X"+marker[1:]))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestAFlippedByteIsFoundAndNamed(t *testing.T) {
	db, path := openTemp(t)
	id, err := db.AddDemo()
	if err != nil {
		t.Fatal(err)
	}
	// A call's words are kept in its record alone (not in the list index).
	call := &planner.Contact{Key: planner.Key{PatientID: id}, When: time.Date(2026, 12, 1, 15, 4, 0, 0, time.UTC), Party: planner.PartyClinic,
		Said: "The Zebrafish invoice is in the mail"}
	if err := db.Save(call); err != nil {
		t.Fatal(err)
	}
	db.Close()
	flipEvery(t, path, "Zebrafish")

	place := "patients/" + string(id) + "/contacts/" + string(call.ID)
	problems, err := Check(path)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "the value at "+place+" is damaged: its bytes changed after carecost wrote them") ||
		!strings.Contains(problems[0], "carecost rescue") {
		t.Fatalf("check: %q, %v", problems, err)
	}

	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The list still opens; the patient does not, and says where.
	if list, err := db.ListPatients(); err != nil || len(list) != 1 {
		t.Errorf("list: %v, %v", list, err)
	}
	if _, err := db.LoadPatient(id); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), place) {
		t.Errorf("load: %v", err)
	}
	// No backup takes the damage along.
	dest := filepath.Join(t.TempDir(), "b.db")
	if err := db.Backup(dest); err == nil || !strings.Contains(err.Error(), place) {
		t.Errorf("backup: %v", err)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a damaged backup was kept")
	}
	// Rescue keeps everything else and names what it left.
	x, lost, err := db.Rescue()
	if err != nil || len(x.Patients) != 1 || len(lost) != 1 || !strings.Contains(lost[0], string(call.ID)) {
		t.Fatalf("rescue: %d patients, %q, %v", len(x.Patients), lost, err)
	}
	for _, kept := range x.Patients[0].Contacts {
		if kept.ID == call.ID {
			t.Error("the damaged call was rescued")
		}
	}

	// Nothing is imported into it: what came in would mix with the damage.
	newcomer := planner.PatientFile{Patient: planner.PatientRecord{ID: NewID(), Patient: planner.Patient{Name: "Lee"}}}
	if _, err := db.Import(&Export{Format: exportFormat, Version: exportVersion, Patients: []planner.PatientFile{newcomer}}, false); !errors.Is(err, ErrDamaged) ||
		!strings.Contains(err.Error(), place) || !strings.Contains(err.Error(), "nothing was imported") {
		t.Errorf("import: %v", err)
	}
	if _, _, err := db.ImportPrograms([]planner.Program{{Name: "A fund", Kind: planner.ProgramNonprofitGrant}}, false); !errors.Is(err, ErrDamaged) {
		t.Errorf("programs import: %v", err)
	}
	if list, _ := db.ListPatients(); len(list) != 1 {
		t.Errorf("%d patients after a refused import", len(list))
	}

	// Damage to the list index is found too, and check --repair mends it.
	db.Close()
	flipEvery(t, path, "Sam")
	problems, _ = Check(path)
	if !strings.Contains(strings.Join(problems, "\n"), "the value at index/patients/"+string(id)+" is damaged: its bytes changed after carecost wrote them: run carecost check --repair") {
		t.Errorf("check: %q", problems)
	}
}

func TestAValueMovedToAnotherPlaceIsDamaged(t *testing.T) {
	path := demoFile(t)
	var moved string
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		patients := top(tx, bucketPatients)
		id, _ := patients.Cursor().First()
		courses := patients.sub(id).sub(bucketCourses)
		_, v := courses.Cursor().First()
		// The same bytes, under a new key: a copy no one sealed there.
		key := []byte(NewID())
		moved = courses.path + "/" + string(key)
		return courses.Put(key, bytes.Clone(v))
	})
	problems, _ := Check(path)
	if len(problems) != 1 || !strings.Contains(problems[0], "the value at "+moved+" is damaged") {
		t.Errorf("check: %q", problems)
	}
}

// A file from before checksums (schema 5) has every value sealed when it
// is opened, after a copy of it is kept; the copy is as it was.
func TestMigrationSealsEveryValue(t *testing.T) {
	path := demoFile(t)
	asSchema(t, path, 5, nil)
	if problems, err := checkCopy(path, nil, nil); err != nil || len(problems) != 0 {
		t.Fatalf("the older file, as a copy: %q, %v", problems, err)
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(db.Notice, ".schema-5.bak") {
		t.Errorf("notice %q", db.Notice)
	}
	db.Close()
	if problems, err := Check(path); err != nil || len(problems) != 0 {
		t.Errorf("after sealing: %q, %v", problems, err)
	}
	sealed := 0
	b, _ := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	b.View(func(tx *bolt.Tx) error {
		var walk func(s shelf)
		walk = func(s shelf) {
			s.ForEach(func(k, v []byte) error {
				if v == nil {
					walk(s.sub(k))
				} else if _, err := (checksumCodec{}).open(s.path, k, v); err != nil {
					t.Errorf("%v", err)
				} else {
					sealed++
				}
				return nil
			})
		}
		for _, name := range valueBuckets {
			walk(top(tx, name))
		}
		return nil
	})
	b.Close()
	if sealed < 20 {
		t.Errorf("only %d values sealed", sealed)
	}
	if problems, err := checkCopy(path+".schema-5.bak", nil, nil); err != nil || len(problems) != 0 {
		t.Errorf("the kept copy: %q, %v", problems, err)
	}
}

// A patient whose pages are damaged so that bbolt would follow them for
// ever (a page pointing back to itself) is refused alone, whether Open
// verified every page or only the patient list's: the other patients
// open, check names the damage, rescue takes the rest.
func TestDamagedPagesOfOnePatient(t *testing.T) {
	// Verified at open; each patient verified when first read; and the
	// whole file verified at the first patient read, as after
	// verifyWholeAfter patients.
	for _, mode := range []struct {
		shallow bool
		after   int
	}{{false, verifyWholeAfter}, {true, verifyWholeAfter}, {true, 1}} {
		shallow := mode.shallow
		defer func(was int) { verifyWholeAfter = was }(verifyWholeAfter)
		verifyWholeAfter = mode.after
		db, path := openTemp(t)
		sam, err := db.AddDemo()
		if err != nil {
			t.Fatal(err)
		}
		lee := &planner.PatientRecord{Patient: planner.Patient{Name: "Lee"}}
		if err := db.SavePatient(lee); err != nil {
			t.Fatal(err)
		}
		db.Close()

		var root uint64
		var pageSize int
		b, _ := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
		b.View(func(tx *bolt.Tx) error {
			root = uint64(tx.Bucket(bucketPatients).Bucket([]byte(sam)).Root())
			return nil
		})
		pageSize = b.Info().PageSize
		b.Close()
		data, _ := os.ReadFile(path)
		page := data[root*uint64(pageSize):]
		binary.LittleEndian.PutUint16(page[8:], branchPage)
		binary.LittleEndian.PutUint16(page[10:], 1)
		binary.LittleEndian.PutUint32(page[16:], 16) // the element's key: none, at its end
		binary.LittleEndian.PutUint32(page[20:], 0)
		binary.LittleEndian.PutUint64(page[24:], root) // and the page under it: itself
		os.WriteFile(path, data, 0o600)

		deep := deepAtOpen
		if shallow {
			deep = 0
		}
		restore := opening(deep, quickAtOpen)
		db, err = Open(path, Options{})
		restore()
		if err != nil {
			t.Fatalf("shallow %v: open: %v", shallow, err)
		}
		if list, err := db.ListPatients(); err != nil || len(list) != 2 {
			t.Errorf("shallow %v: list %v, %v", shallow, list, err)
		}
		place := "patients/" + string(sam)
		if _, err := db.LoadPatient(sam); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), place) {
			t.Errorf("shallow %v, whole after %d: load: %v", shallow, mode.after, err)
		}
		if f, err := db.LoadPatient(lee.ID); err != nil || f.Patient.Name != "Lee" {
			t.Errorf("shallow %v: the other patient: %v", shallow, err)
		}
		db.damage.Lock()
		if whole := !db.damage.shallow; whole != (!shallow || mode.after == 1) {
			t.Errorf("shallow %v, whole after %d: the whole file verified: %v", shallow, mode.after, whole)
		}
		db.damage.Unlock()
		task := &planner.Task{Key: planner.Key{PatientID: sam}, Text: "Call", Due: planner.NewDate(2026, 12, 2)}
		if err := db.Save(task); !errors.Is(err, ErrDamaged) {
			t.Errorf("shallow %v: save: %v", shallow, err)
		}
		if err := db.Delete(&planner.PatientRecord{ID: sam}); !errors.Is(err, ErrDamaged) {
			t.Errorf("shallow %v: delete: %v", shallow, err)
		}
		db.Close()

		problems, err := Check(path)
		want := fmt.Sprintf("the file's structure is damaged in %s: a bucket points to page %d, which something else points to too", place, root)
		if err != nil || len(problems) != 1 || !strings.HasPrefix(problems[0], want) {
			t.Errorf("shallow %v: check %q, %v", shallow, problems, err)
		}
		db, err = Open(path, Options{Damaged: true})
		if err != nil {
			t.Fatal(err)
		}
		x, lost, err := db.Rescue()
		db.Close()
		if err != nil || len(x.Patients) != 1 || x.Patients[0].Patient.Name != "Lee" || len(lost) != 1 || !strings.Contains(lost[0], string(sam)) {
			t.Errorf("shallow %v: rescue %d patients, %q, %v", shallow, len(x.Patients), lost, err)
		}
	}
}

// The check of a backup reads every value from the pages as they are
// mapped, and finds what reading them through bbolt finds, in the same
// order: in a file sound and in one whose every "fictional" was flipped,
// in the patients' records, the list index and the program catalog, over
// enough patients that their buckets take pages of their own.
func TestValuesReadByPagesAreThoseReadByBuckets(t *testing.T) {
	db, path := openTemp(t)
	addDemos(t, db, 40)
	db.Close()
	for _, flipped := range []bool{false, true} {
		if flipped {
			flipEvery(t, path, "fictional")
		}
		db, err := Open(path, Options{Damaged: true, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		db.copyOf = true
		db.view(func(tx *bolt.Tx) error {
			pages, byPages, ok := db.checkByPages(tx)
			if len(pages) > 0 {
				t.Errorf("flipped %v: the pages read as damaged: %v", flipped, pages)
			}
			byBuckets := db.damagedValues(tx)
			tops := map[string]bool{}
			for _, d := range byPages {
				top, _, _ := strings.Cut(d.Place, "/")
				tops[top] = true
			}
			switch {
			case !ok:
				t.Errorf("flipped %v: the pages could not be followed", flipped)
			case !reflect.DeepEqual(byPages, byBuckets):
				t.Errorf("flipped %v: by pages %d values, by buckets %d", flipped, len(byPages), len(byBuckets))
			case flipped && (!tops["patients"] || !tops["index"] || !tops["programs"]):
				t.Errorf("damage found only in %v", tops)
			case !flipped && len(byPages) > 0:
				t.Errorf("a sound file has %d damaged values", len(byPages))
			}
			return nil
		})
		db.Close()
	}
}
