package store

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// benchFiles holds the files the benchmarks share, built once per run.
var (
	benchDir   string
	benchFiles = map[int]string{}
	benchMu    sync.Mutex
)

// benchFile returns a closed file holding n patients, each with a plan, the
// demo's ketamine course, five scenarios, a dated task and a call with a
// follow-up (two items on the agenda).
func benchFile(b *testing.B, n int) string {
	benchMu.Lock()
	defer benchMu.Unlock()
	if path, ok := benchFiles[n]; ok {
		return path
	}
	if benchDir == "" {
		dir, err := os.MkdirTemp("", "carecost-bench")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	}
	path := filepath.Join(benchDir, fmt.Sprintf("%d.db", n))
	db, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	demo := planner.NewDemo()
	const perTx = 1000
	for start := 0; start < n; start += perTx {
		err := db.update(func(tx *bolt.Tx) error {
			for i := start; i < min(start+perTx, n); i++ {
				p := &planner.PatientRecord{ID: NewID(), Patient: demo.Patient}
				p.Name = fmt.Sprintf("Patient %06d", i)
				plan := &planner.PlanRecord{Key: planner.Key{ID: NewID(), PatientID: p.ID}, Plan: demo.Plan}
				course := &planner.CourseRecord{Key: planner.Key{ID: NewID(), PatientID: p.ID}, PlanID: plan.ID, Course: demo.Courses[0]}
				records := []planner.Record{p, plan, course}
				for _, s := range demo.Scenarios[:5] {
					records = append(records, &planner.ScenarioRecord{Key: planner.Key{ID: NewID(), PatientID: p.ID}, CourseID: course.ID,
						Name: s.Name, Coverage: s.Coverage, Sources: s.Sources})
				}
				day := planner.NewDate(2026, 11, 1)
				records = append(records,
					&planner.Task{Key: planner.Key{ID: NewID(), PatientID: p.ID}, Text: "Send the therapist's letter", Due: day.AddDays(i % 90)},
					&planner.Contact{Key: planner.Key{ID: NewID(), PatientID: p.ID}, When: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), Party: planner.PartyInsurer,
						Said: "Under review", FollowUp: day.AddDays(i % 30)})
				for _, r := range records {
					stampNow(r, db.now())
					if err := db.put(tx, r, false); err != nil {
						return err
					}
				}
				if err := db.refreshSummary(tx, p.ID); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	benchFiles[n] = path
	return path
}

func cleanBenchFiles() {
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
}

func benchmarkOpenAndList(b *testing.B, n int) {
	openAndList(b, benchFile(b, n), n, Options{})
}

// openAndList opens the file at path and lists its n patients, again and
// again.
func openAndList(b *testing.B, path string, n int, opt Options) {
	b.ResetTimer()
	for b.Loop() {
		db, err := Open(path, opt)
		if err != nil {
			b.Fatal(err)
		}
		list, err := db.ListPatients()
		if err != nil || len(list) != n {
			b.Fatalf("%d listed, %v", len(list), err)
		}
		db.Close()
	}
}

// benchmarkBareOpenAndScan is the baseline: bbolt alone opening the same
// file and reading every entry of the list index, decoding nothing.
func benchmarkBareOpenAndScan(b *testing.B, n int) {
	path := benchFile(b, n)
	b.ResetTimer()
	for b.Loop() {
		bdb, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			b.Fatal(err)
		}
		count, size := 0, 0
		bdb.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketIndex).Bucket(bucketPatientIndex).ForEach(func(k, v []byte) error {
				count++
				size += len(v)
				return nil
			})
		})
		if count != n {
			b.Fatalf("%d scanned", count)
		}
		bdb.Close()
	}
}

// benchmarkAgenda is the agenda screen's read: every patient's open items
// from the list index, sorted by date.
func benchmarkAgenda(b *testing.B, n int) {
	db, err := Open(benchFile(b, n), Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	for b.Loop() {
		items, err := db.Agenda()
		if err != nil || len(items) != 2*n {
			b.Fatalf("%d items, %v", len(items), err)
		}
	}
}

func BenchmarkAgenda10k(b *testing.B)  { benchmarkAgenda(b, 10_000) }
func BenchmarkAgenda100k(b *testing.B) { benchmarkAgenda(b, 100_000) }

func BenchmarkOpenAndList10k(b *testing.B)      { benchmarkOpenAndList(b, 10_000) }
func BenchmarkOpenAndList100k(b *testing.B)     { benchmarkOpenAndList(b, 100_000) }
func BenchmarkBareOpenAndScan10k(b *testing.B)  { benchmarkBareOpenAndScan(b, 10_000) }
func BenchmarkBareOpenAndScan100k(b *testing.B) { benchmarkBareOpenAndScan(b, 100_000) }

// BenchmarkSaveScenario is one user action: saving a scenario of a patient
// in a file of 10,000, with the patient's list entry brought up to date in
// the same fsync'd transaction.
func BenchmarkSaveScenario(b *testing.B) {
	db, err := Open(benchFile(b, 10_000), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	list, _ := db.ListPatients()
	f, err := db.LoadPatient(list[len(list)/2].ID)
	if err != nil {
		b.Fatal(err)
	}
	s := f.Scenarios[0]
	b.ResetTimer()
	for b.Loop() {
		s.Name = "Renamed"
		if err := db.Save(&s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareSave is the baseline: one fsync'd bbolt transaction putting
// one record of the same size, in the same file.
func BenchmarkBareSave(b *testing.B) {
	db, err := Open(benchFile(b, 10_000), Options{})
	if err != nil {
		b.Fatal(err)
	}
	list, _ := db.ListPatients()
	f, _ := db.LoadPatient(list[len(list)/2].ID)
	key := []byte(NewID())
	value, _ := db.encode(shelf{path: string(bucketPrograms)}, key, f.Scenarios[0])
	db.Close()
	bdb, err := bolt.Open(benchFile(b, 10_000), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer bdb.Close()
	b.ResetTimer()
	for b.Loop() {
		if err := bdb.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketPrograms).Put(key, value)
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// encryptedBenchFile is benchFile(n), encrypted (with the default key
// cost), made once per run.
func encryptedBenchFile(b *testing.B, n int) string {
	plain := benchFile(b, n)
	benchMu.Lock()
	defer benchMu.Unlock()
	if path, ok := benchFiles[-n]; ok {
		return path
	}
	path := filepath.Join(benchDir, fmt.Sprintf("%d-encrypted.db", n))
	data, err := os.ReadFile(plain)
	if err == nil {
		err = os.WriteFile(path, data, 0o600)
	}
	if err != nil {
		b.Fatal(err)
	}
	db, err := Open(path, Options{})
	if err == nil {
		err = db.Encrypt(benchPassphrase, DefaultKeyCost)
	}
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	benchFiles[-n] = path
	return path
}

var benchPassphrase = []byte("benchmark passphrase")

// benchmarkOpenAndListEncrypted is benchmarkOpenAndList on the encrypted
// file: the key's derivation (see BenchmarkDeriveKey) and the opening of
// every list entry.
func benchmarkOpenAndListEncrypted(b *testing.B, n int) {
	openAndList(b, encryptedBenchFile(b, n), n, Options{Passphrase: benchPassphrase})
}

func BenchmarkOpenAndListEncrypted10k(b *testing.B)  { benchmarkOpenAndListEncrypted(b, 10_000) }
func BenchmarkOpenAndListEncrypted100k(b *testing.B) { benchmarkOpenAndListEncrypted(b, 100_000) }

// BenchmarkDeriveKey is the key's derivation from a passphrase at the
// default cost: what opening an encrypted file adds once.
func BenchmarkDeriveKey(b *testing.B) {
	h, err := newHeader(benchPassphrase, make([]byte, 32), DefaultKeyCost)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		deriveKey(benchPassphrase, h)
	}
}

// BenchmarkExport10k is carecost export of 10,000 patients, to nowhere:
// B/op is what the export allocates in all (written a patient at a time,
// it stays about one patient's worth at any moment).
func BenchmarkExport10k(b *testing.B) {
	db, err := Open(benchFile(b, 10_000), Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := db.Export(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck10k is carecost check of 10,000 patients: every value
// opened, every record read, every list entry worked out again.
func BenchmarkCheck10k(b *testing.B) {
	path := benchFile(b, 10_000)
	b.ResetTimer()
	for b.Loop() {
		problems, err := Check(path)
		if err != nil || len(problems) > 0 {
			b.Fatal(err, problems)
		}
	}
}

// BenchmarkBackup10k is carecost backup of 10,000 patients, the copy read
// back; beside it, the floor: copying the file's bytes as cp does.
func BenchmarkBackup10k(b *testing.B) {
	path := benchFile(b, 10_000)
	dir := b.TempDir()
	b.Run("floor-copy", func(b *testing.B) {
		for b.Loop() {
			src, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			dst, err := os.Create(filepath.Join(dir, "cp.db"))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(dst, src); err != nil {
				b.Fatal(err)
			}
			dst.Sync()
			dst.Close()
			src.Close()
		}
	})
	b.Run("backup", func(b *testing.B) {
		db, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		for i := 0; b.Loop(); i++ {
			if err := db.Backup(filepath.Join(dir, fmt.Sprintf("backup%d.db", i))); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFirstPage100k is what the first frame and the agenda read of a
// file of 100,000 patients: the list's first 200 by name, and the
// agenda's first 200 items by date, each through its ordered index.
func BenchmarkFirstPage100k(b *testing.B) {
	db, err := Open(benchFile(b, 100_000), Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.Run("list", func(b *testing.B) {
		for b.Loop() {
			if list, more, err := db.FirstPatients(200); err != nil || len(list) != 200 || !more {
				b.Fatalf("%d, %v, %v", len(list), more, err)
			}
		}
	})
	b.Run("agenda", func(b *testing.B) {
		for b.Loop() {
			if items, next, err := db.AgendaPage("", 200); err != nil || len(items) != 200 || next == "" {
				b.Fatalf("%d, %q, %v", len(items), next, err)
			}
		}
	})
}
