package store

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"carecost/planner"
)

func teamOf(t *testing.T, db *DB) (admin, ana *Actor) {
	t.Helper()
	admin = &Actor{Name: "lee", Fingerprint: "SHA256:lee", From: "127.0.0.1:1", Admin: true}
	if err := db.AddAdvocate(nil, "lee", PublicKey{"SHA256:lee", "ssh-ed25519 AAAA lee"}, true); err != nil {
		t.Fatal(err)
	}
	if err := db.AddAdvocate(admin, "ana", PublicKey{"SHA256:ana", "ssh-ed25519 AAAA ana"}, false); err != nil {
		t.Fatal(err)
	}
	return admin, &Actor{Name: "ana", Fingerprint: "SHA256:ana", From: "127.0.0.1:2"}
}

// An advocate changes only what their grants allow; what they add is
// theirs; each change is in the audit trail, written with it.
func TestGrantsDecideWhatAnAdvocateChanges(t *testing.T) {
	db, _ := openTemp(t)
	admin, ana := teamOf(t, db)
	if a, ok, err := db.AdvocateByKey("SHA256:ana"); err != nil || !ok || a.Name != "ana" || a.Admin {
		t.Fatalf("ana by her key: %+v %v %v", a, ok, err)
	}
	if err := db.AddAdvocate(admin, "bo", PublicKey{"SHA256:ana", "ssh-ed25519 AAAA ana"}, false); err == nil || !strings.Contains(err.Error(), "ana's already") {
		t.Errorf("ana's key given to bo: %v", err)
	}
	// The admin adds a patient; ana has no grant for them.
	sam, plan := samplePatient()
	sam.ID = NewID()
	plan.PatientID = sam.ID
	if err := db.SaveAs(admin, sam, plan); err != nil {
		t.Fatal(err)
	}
	if err := db.MayRead(ana, sam.ID); !errors.Is(err, ErrRefused) {
		t.Errorf("ana reads without a grant: %v", err)
	}
	renamed := *plan
	renamed.Name = "Gold"
	if err := db.SaveAs(ana, &renamed); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "no grant") {
		t.Errorf("ana saves without a grant: %v", err)
	}
	// Read-only: she reads, and a save is refused with a sentence.
	if err := db.Grant(admin, "ana", sam.ID, ReadOnly); err != nil {
		t.Fatal(err)
	}
	if err := db.MayRead(ana, sam.ID); err != nil {
		t.Errorf("ana reads with a grant: %v", err)
	}
	if err := db.SaveAs(ana, &renamed); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "read-write grant") {
		t.Errorf("ana saves read-only: %v", err)
	}
	if f, _ := db.LoadPatient(sam.ID); f.Plans[0].Name == "Gold" {
		t.Error("a refused save was written")
	}
	// Read-write: the save goes through.
	if err := db.Grant(admin, "ana", sam.ID, ReadWrite); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAs(ana, &renamed); err != nil {
		t.Fatalf("ana saves read-write: %v", err)
	}
	// The admin's stale copy is refused, naming ana.
	if err := db.SaveAs(admin, plan); !errors.Is(err, ErrChanged) || !strings.HasPrefix(err.Error(), "ana changed this plan at ") {
		t.Errorf("the admin's stale save: %v", err)
	}
	// Revoked, she can no longer read: at her next action.
	if err := db.Revoke(admin, "ana", sam.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.MayRead(ana, sam.ID); !errors.Is(err, ErrRefused) {
		t.Errorf("ana reads after the revoke: %v", err)
	}
	// A patient she adds is hers to change; the catalog is not.
	mine, _ := samplePatient()
	mine.Name = "Ana's patient"
	if err := db.SaveAs(ana, mine); err != nil {
		t.Fatal(err)
	}
	if g, _ := db.Grants("ana"); g[mine.ID] != ReadWrite || len(g) != 1 {
		t.Errorf("ana's grants: %v", g)
	}
	if err := db.SaveAs(ana, &planner.Program{Name: "Fund"}); !errors.Is(err, ErrRefused) {
		t.Errorf("ana adds a program: %v", err)
	}
	// The trail: ana added, the admin's two saves of Sam (patient and
	// plan), two grants, ana's save, the revoke, her patient: in order,
	// with who and from where.
	trail, err := db.Audit("")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range trail {
		got = append(got, e.Who+" "+e.Action+" "+e.Kind)
	}
	want := "lee advocate added |lee saved patient|lee saved plan|lee granted |lee granted |ana saved plan|lee revoked |ana saved patient"
	if strings.Join(got, "|") != want {
		t.Errorf("the trail:\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
	if e := trail[5]; e.From != "127.0.0.1:2" || e.Fingerprint != "SHA256:ana" || e.Patient != sam.ID {
		t.Errorf("ana's save in the trail: %+v", e)
	}
	if sams, _ := db.Audit(sam.ID); len(sams) != 6 {
		t.Errorf("%d entries about Sam, want 6", len(sams))
	}
}

// In an encrypted file the audit trail and the team's records are sealed
// like every record: no advocate's name or action is in the file's bytes.
func TestTheAuditTrailIsSealed(t *testing.T) {
	db, path := openTemp(t)
	if err := db.Encrypt([]byte("correct horse battery staple"), testCost); err != nil {
		t.Fatal(err)
	}
	admin := &Actor{Name: "lee-the-admin", Fingerprint: "SHA256:lee", From: "192.0.2.7:5000", Admin: true}
	if err := db.AddAdvocate(admin, "ana-the-advocate", PublicKey{"SHA256:ana", "ssh-ed25519 AAAA ana"}, false); err != nil {
		t.Fatal(err)
	}
	if err := db.Audited(admin, "backup"); err != nil {
		t.Fatal(err)
	}
	if trail, err := db.Audit(""); err != nil || len(trail) != 2 {
		t.Fatalf("the trail: %v %v", trail, err)
	}
	db.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"lee-the-admin", "ana-the-advocate", "192.0.2.7", "advocate added", "backup"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("%q is readable in the encrypted file", secret)
		}
	}
}

// A deleted patient stays deleted: a save from a form opened before is
// refused as such, the grants go with the patient, and nobody is given
// the patient back read-write.
func TestADeletedPatientStaysDeleted(t *testing.T) {
	db, _ := openTemp(t)
	admin, ana := teamOf(t, db)
	sam, _ := samplePatient()
	if err := db.SaveAs(admin, sam); err != nil {
		t.Fatal(err)
	}
	if err := db.Grant(admin, "ana", sam.ID, ReadOnly); err != nil {
		t.Fatal(err)
	}
	stale := *sam // ana's form, at revision 1
	if err := db.DeleteAs(ana, sam); !errors.Is(err, ErrRefused) {
		t.Errorf("ana deletes read-only: %v", err)
	}
	// Read-write lets her change the records, not delete the patient.
	if err := db.Grant(admin, "ana", sam.ID, ReadWrite); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteAs(ana, sam); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "Only an admin deletes a patient") {
		t.Errorf("ana deletes the patient read-write: %v", err)
	}
	if err := db.Grant(admin, "ana", sam.ID, ReadOnly); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteAs(admin, sam); err != nil {
		t.Fatal(err)
	}
	err := db.SaveAs(ana, &stale)
	if err == nil {
		t.Fatal("a save of a deleted patient brought them back")
	}
	if err := db.SaveAs(admin, &stale); !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), "deleted this patient") {
		t.Errorf("the admin's stale save of the deleted patient: %v", err)
	}
	if g, _ := db.Grants("ana"); len(g) != 0 {
		t.Errorf("ana's grants after the delete: %v", g)
	}
	if list, _ := db.ListPatients(); len(list) != 0 {
		t.Errorf("patients after the delete: %v", list)
	}
}

// An admin taken off the team loses every right at once, within a
// session begun before.
func TestARemovedAdvocateLosesTheirRightsAtOnce(t *testing.T) {
	db, _ := openTemp(t)
	admin, _ := teamOf(t, db)
	if err := db.AddAdvocate(admin, "kim", PublicKey{"SHA256:kim", "ssh-ed25519 AAAA kim"}, true); err != nil {
		t.Fatal(err)
	}
	kim := &Actor{Name: "kim", Fingerprint: "SHA256:kim", Admin: true} // as her session began
	sam, _ := samplePatient()
	if err := db.SaveAs(kim, sam); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveAdvocate(admin, "kim"); err != nil {
		t.Fatal(err)
	}
	if err := db.MayRead(kim, sam.ID); !errors.Is(err, ErrRefused) {
		t.Errorf("kim reads after removal: %v", err)
	}
	sam.Name = "Changed by kim"
	if err := db.SaveAs(kim, sam); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "no longer on the team") {
		t.Errorf("kim saves after removal: %v", err)
	}
	if db.IsAdmin(kim) {
		t.Error("kim is still an admin")
	}
}
