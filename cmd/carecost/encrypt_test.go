package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"carecost/store"
)

func init() {
	// The default costs take a quarter of a second and a second a
	// derivation; the tests derive often.
	keyCost = store.KeyCost{Time: 1, MemoryKiB: 64, Threads: 1}
	store.AgeWorkFactor = 10
}

func TestEncryptedFileFromTheCommandLine(t *testing.T) {
	path := demoDB(t)
	dir := t.TempDir()
	passFile := filepath.Join(dir, "pass")
	os.WriteFile(passFile, []byte("a long enough passphrase\n"), 0o600)
	wrongFile := filepath.Join(dir, "wrong")
	os.WriteFile(wrongFile, []byte("not the passphrase\n"), 0o600)

	out, err := run(t, "--db", path, "encrypt", "--new-passphrase-file", passFile)
	if err != nil || !strings.Contains(out, "Backups made before now still hold plain text") {
		t.Fatalf("encrypt: %v %s", err, out)
	}
	data, _ := os.ReadFile(path)
	for _, w := range []string{"Sam Rivera", "Ketamine", "Cobalt"} {
		if bytes.Contains(data, []byte(w)) {
			t.Errorf("the encrypted file holds %q", w)
		}
	}
	if _, err := run(t, "--db", path, "encrypt", "--new-passphrase-file", passFile, "--passphrase-file", passFile); err == nil || !strings.Contains(err.Error(), "already encrypted") {
		t.Errorf("encrypt twice: %v", err)
	}

	// Without the passphrase, each command says how to give it; a wrong
	// one is a sentence; neither changes a byte.
	before := sha256.Sum256(data)
	for _, args := range [][]string{{"report"}, {"export"}, {"check"}, {"backup", filepath.Join(dir, "b.db")}} {
		if _, err := run(t, append([]string{"--db", path}, args...)...); err == nil || !strings.Contains(err.Error(), "or give --passphrase-file FILE") {
			t.Errorf("%s without the passphrase: %v", args[0], err)
		}
		if _, err := run(t, append([]string{"--db", path, "--passphrase-file", wrongFile}, args...)...); err == nil || !strings.Contains(err.Error(), "the passphrase is not this file's") {
			t.Errorf("%s with a wrong passphrase: %v", args[0], err)
		}
	}
	if now, _ := os.ReadFile(path); sha256.Sum256(now) != before {
		t.Error("a refused command changed the file")
	}

	// With it, everything works as on a plain file.
	if out, err := run(t, "--db", path, "--passphrase-file", passFile, "report"); err != nil || !strings.Contains(out, "Best plan available now: Ketamine with a grant, net $5,186.00.") {
		t.Errorf("report: %v %s", err, out)
	}
	if out, err := run(t, "--db", path, "--passphrase-file", passFile, "check"); err != nil || !strings.Contains(out, "is sound") {
		t.Errorf("check: %v %s", err, out)
	}
	backup := filepath.Join(dir, "b.db")
	if _, err := run(t, "--db", path, "--passphrase-file", passFile, "backup", backup); err != nil {
		t.Errorf("backup: %v", err)
	}
	if b, _ := os.ReadFile(backup); bytes.Contains(b, []byte("Sam Rivera")) {
		t.Error("the backup holds plain text")
	}
	rescued := filepath.Join(dir, "r.db")
	if _, err := run(t, "--db", path, "--passphrase-file", passFile, "rescue", rescued); err != nil {
		t.Errorf("rescue: %v", err)
	}
	if b, _ := os.ReadFile(rescued); bytes.Contains(b, []byte("Sam Rivera")) || len(b) == 0 {
		t.Error("the rescued file holds plain text")
	}
	if out, err := run(t, "--db", rescued, "--passphrase-file", passFile, "report"); err != nil || !strings.Contains(out, "Sam Rivera") {
		t.Errorf("report of the rescued file: %v %s", err, out)
	}

	// A new passphrase: the old one no longer opens it.
	newFile := filepath.Join(dir, "new")
	os.WriteFile(newFile, []byte("another long passphrase\n"), 0o600)
	if out, err := run(t, "--db", path, "--passphrase-file", passFile, "passphrase", "--new-passphrase-file", newFile); err != nil || !strings.Contains(out, "Changed the passphrase") {
		t.Errorf("passphrase: %v %s", err, out)
	}
	if _, err := run(t, "--db", path, "--passphrase-file", passFile, "report"); err == nil {
		t.Error("the old passphrase still opens it")
	}
	if _, err := run(t, "--db", path, "--passphrase-file", newFile, "report"); err != nil {
		t.Errorf("the new passphrase: %v", err)
	}
}

// The export of an encrypted file is an age file, sealed with the file's
// passphrase or for a recipient; the age tool reads it, and so does
// import; --plain writes plain JSON on purpose.
func TestEncryptedExports(t *testing.T) {
	path := demoDB(t)
	dir := t.TempDir()
	passFile := filepath.Join(dir, "pass")
	os.WriteFile(passFile, []byte("a long enough passphrase\n"), 0o600)
	if _, err := run(t, "--db", path, "encrypt", "--new-passphrase-file", passFile); err != nil {
		t.Fatal(err)
	}
	sealed := filepath.Join(dir, "export.age")
	if _, err := run(t, "--db", path, "--passphrase-file", passFile, "export", sealed); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(sealed)
	if !bytes.HasPrefix(data, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) || bytes.Contains(data, []byte("Sam Rivera")) {
		t.Fatalf("the export is not sealed:\n%.200s", data)
	}
	// Standard output gets the same armored text.
	if out, err := run(t, "--db", path, "--passphrase-file", passFile, "export"); err != nil || !strings.HasPrefix(out, "-----BEGIN AGE ENCRYPTED FILE-----") {
		t.Errorf("export to standard output: %v %.80s", err, out)
	}

	// Import into a new (plain) file reads it with the passphrase, and
	// refuses a wrong one.
	wrong := filepath.Join(dir, "wrong")
	os.WriteFile(wrong, []byte("something else\n"), 0o600)
	if _, err := run(t, "--db", filepath.Join(dir, "x.db"), "--passphrase-file", wrong, "import", sealed); err == nil || !strings.Contains(err.Error(), "does not open with that passphrase") {
		t.Errorf("import with a wrong passphrase: %v", err)
	}
	into := filepath.Join(dir, "into.db")
	if out, err := run(t, "--db", into, "--passphrase-file", passFile, "import", sealed); err != nil || !strings.Contains(out, "Imported 1 patient(s) and 4 program(s)") {
		t.Errorf("import: %v %s", err, out)
	}

	// The age tool reads it, where it is installed (.ci/run installs it).
	if ageTool, err := exec.LookPath("age"); err == nil {
		// age reads a passphrase from the terminal only: a recipient's
		// identity is what a script can give it.
		idFile := filepath.Join(dir, "id.txt")
		id, _ := age.GenerateX25519Identity()
		os.WriteFile(idFile, []byte(id.String()+"\n"), 0o600)
		forRecipient := filepath.Join(dir, "for-recipient.age")
		if _, err := run(t, "--db", path, "--passphrase-file", passFile, "export", forRecipient, "--recipient", id.Recipient().String()); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(ageTool, "-d", "-i", idFile, forRecipient).Output()
		if err != nil || !bytes.Contains(out, []byte(`"Sam Rivera (fictional)"`)) {
			t.Errorf("age -d: %v %.200s", err, out)
		}
		if out, err := run(t, "--db", filepath.Join(dir, "by-id.db"), "import", forRecipient, "--identity", idFile); err != nil || !strings.Contains(out, "Imported 1 patient(s)") {
			t.Errorf("import with an identity: %v %s", err, out)
		}
	} else {
		t.Log("age is not installed: the age tool's reading is not tried")
	}

	// --plain is plain JSON, on purpose.
	plain := filepath.Join(dir, "export.json")
	if _, err := run(t, "--db", path, "--passphrase-file", passFile, "export", plain, "--plain"); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(plain); !bytes.Contains(data, []byte(`"Sam Rivera (fictional)"`)) {
		t.Error("--plain did not write plain JSON")
	}
}

// compact leaves no older version of an edited record in the file.
func TestCompactCommand(t *testing.T) {
	path := demoDB(t)
	db, _ := store.Open(path, store.Options{})
	list, _ := db.ListPatients()
	f, _ := db.LoadPatient(list[0].ID)
	f.Patient.Notes = "Before: Wexford-Lindqvist"
	db.Save(&f.Patient)
	f.Patient.Notes = "After"
	db.Save(&f.Patient)
	db.Close()
	if data, _ := os.ReadFile(path); !bytes.Contains(data, []byte("Wexford-Lindqvist")) {
		t.Fatal("the older version is not in the free pages: the test would prove nothing")
	}
	if out, err := run(t, "--db", path, "compact"); err != nil || !strings.Contains(out, "Wrote "+path+" anew") {
		t.Fatalf("compact: %v %s", err, out)
	}
	if data, _ := os.ReadFile(path); bytes.Contains(data, []byte("Wexford-Lindqvist")) {
		t.Error("the older version is still in the file")
	}
	if out, err := run(t, "--db", path, "check"); err != nil || !strings.Contains(out, "is sound") {
		t.Errorf("check: %v %s", err, out)
	}
}
