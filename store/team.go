package store

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// A team shares one file through `carecost serve`: advocates, each known
// by the fingerprints of their public keys, see the patients they are
// granted, and every view and change is kept in the audit trail, written
// in the transaction of the change it records.
//
//	team/
//	  advocates/<ULID>         Advocate (keyed by an ID, so that no name is
//	                           in a key, which encryption leaves readable)
//	  keys/<fingerprint>       the advocate's ID
//	  grants/<advocate ID>/<patient>  "ro" or "rw"
//	  lastby/<record id>       who saved the record last, for a refused save
//	audit/<ULID>               AuditEntry, in time order
var (
	bucketTeam      = []byte("team")
	bucketAdvocates = []byte("advocates")
	bucketKeys      = []byte("keys")
	bucketGrants    = []byte("grants")
	bucketLastBy    = []byte("lastby")
	bucketAudit     = []byte("audit")
)

// createTeamBuckets is version 7: the team's buckets and the audit trail.
func createTeamBuckets(_ *DB, tx *bolt.Tx) error {
	team, err := tx.CreateBucketIfNotExists(bucketTeam)
	if err != nil {
		return err
	}
	for _, name := range [][]byte{bucketAdvocates, bucketKeys, bucketGrants, bucketLastBy} {
		if _, err := team.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	_, err = tx.CreateBucketIfNotExists(bucketAudit)
	return err
}

// Advocate is a member of the team.
type Advocate struct {
	ID   string
	Name string
	// Keys are the advocate's public keys, each as an OpenSSH
	// authorized_keys line, with its SHA256 fingerprint.
	Keys []PublicKey
	// Admin: the advocate manages the team (advocates, grants, backups)
	// and sees every patient.
	Admin   bool
	Created time.Time
}

// PublicKey is one of an advocate's keys.
type PublicKey struct {
	Fingerprint string // "SHA256:…"
	Line        string // "ssh-ed25519 AAAA… comment"
}

// Access is what a grant lets an advocate do with a patient's records.
type Access string

const (
	NoAccess  Access = ""
	ReadOnly  Access = "ro"
	ReadWrite Access = "rw"
)

// Actor is who does something in a session: an advocate, from an address.
type Actor struct {
	ID          string // the advocate's; found by Name when not given
	Name        string
	Fingerprint string // of the key the session was opened with
	From        string // the client's address
	Admin       bool
}

// AuditEntry is one view or change, kept in the file.
type AuditEntry struct {
	ID          string // a ULID: entries sort by time
	Time        time.Time
	Who         string
	Fingerprint string
	From        string
	// Action is viewed, saved, deleted, or a team task (advocate added,
	// granted, revoked, backup).
	Action  string
	Patient planner.ID `json:",omitempty"`
	Kind    string     `json:",omitempty"`
	Record  planner.ID `json:",omitempty"`
	What    string     `json:",omitempty"`
}

// ErrRefused is an action the advocate's grants do not allow; nothing was
// written.
var ErrRefused = errors.New("not allowed")

// refused is an ErrRefused with the sentence that says why.
type refused struct{ why string }

func (r *refused) Error() string { return r.why }
func (r *refused) Unwrap() error { return ErrRefused }

func teamShelf(tx *bolt.Tx, name []byte) shelf { return top(tx, bucketTeam).sub(name) }

// validName is a name an advocate can be given and typed in a command.
func validName(name string) error {
	switch {
	case name == "":
		return errors.New("give the advocate a name, like ana")
	case len(name) > 64:
		return errors.New("an advocate's name is at most 64 characters")
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return fmt.Errorf("%q is not a name carecost takes: use letters, digits, - _ or . (like ana.lee)", name)
		}
	}
	return nil
}

// AddAdvocate adds an advocate with a key, or adds the key to the advocate
// of that name; admin makes them an admin (it never takes that away). A
// key belongs to one advocate only.
func (db *DB) AddAdvocate(by *Actor, name string, key PublicKey, admin bool) error {
	if err := validName(name); err != nil {
		return err
	}
	if !strings.HasPrefix(key.Fingerprint, "SHA256:") || strings.ContainsAny(key.Line, "\r\n") {
		return errors.New("that is not a public key: give one line of an OpenSSH public key file, like ~/.ssh/id_ed25519.pub")
	}
	return db.update(func(tx *bolt.Tx) error {
		var a Advocate
		found, err := db.getAdvocate(tx, name, &a)
		if err != nil {
			return err
		}
		if owner := db.getText(teamShelf(tx, bucketKeys), []byte(key.Fingerprint)); owner != "" && owner != a.ID {
			var other Advocate
			db.advocateByID(tx, owner, &other)
			return fmt.Errorf("that key is %s's already: each key names one advocate", other.Name)
		}
		if !found {
			a = Advocate{ID: string(NewID()), Name: name, Created: db.now()}
		}
		if !slices.ContainsFunc(a.Keys, func(k PublicKey) bool { return k.Fingerprint == key.Fingerprint }) {
			a.Keys = append(a.Keys, key)
		}
		a.Admin = a.Admin || admin
		if err := db.putValue(teamShelf(tx, bucketAdvocates), []byte(a.ID), &a); err != nil {
			return err
		}
		if err := db.putValue(teamShelf(tx, bucketKeys), []byte(key.Fingerprint), a.ID); err != nil {
			return err
		}
		what := "key " + key.Fingerprint
		if a.Admin {
			what += ", admin"
		}
		return db.audit(tx, by, AuditEntry{Action: "advocate added", What: name + ": " + what})
	})
}

// RemoveAdvocate takes an advocate, their keys and grants off the team.
func (db *DB) RemoveAdvocate(by *Actor, name string) error {
	return db.update(func(tx *bolt.Tx) error {
		var a Advocate
		found, err := db.getAdvocate(tx, name, &a)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("there is no advocate %q: ssh HOST advocates lists them", name)
		}
		for _, k := range a.Keys {
			if err := teamShelf(tx, bucketKeys).Delete([]byte(k.Fingerprint)); err != nil {
				return err
			}
		}
		if err := teamShelf(tx, bucketAdvocates).Delete([]byte(a.ID)); err != nil {
			return err
		}
		if g := teamShelf(tx, bucketGrants); g.Bucket.Bucket([]byte(a.ID)) != nil {
			if err := g.DeleteBucket([]byte(a.ID)); err != nil {
				return err
			}
		}
		return db.audit(tx, by, AuditEntry{Action: "advocate removed", What: name})
	})
}

func (db *DB) getAdvocate(tx *bolt.Tx, name string, a *Advocate) (bool, error) {
	s := teamShelf(tx, bucketAdvocates)
	if s.Bucket == nil {
		return false, fmt.Errorf("the team's records are missing: %w", ErrDamaged)
	}
	// A team is a few dozen people: they are read through.
	found := false
	err := s.ForEach(func(k, v []byte) error {
		var each Advocate
		if err := db.decode(s, k, v, &each); err != nil {
			return err
		}
		if each.Name == name {
			*a, found = each, true
		}
		return nil
	})
	return found, err
}

// advocateByID reads the advocate of an ID.
func (db *DB) advocateByID(tx *bolt.Tx, id string, a *Advocate) (bool, error) {
	s := teamShelf(tx, bucketAdvocates)
	data := s.Get([]byte(id))
	if data == nil {
		return false, nil
	}
	return true, db.decode(s, []byte(id), data, a)
}

// advocateID is the actor's advocate ID, found by name when not given;
// "" for no advocate.
func (db *DB) advocateID(tx *bolt.Tx, by *Actor) string {
	if by.ID != "" {
		return by.ID
	}
	var a Advocate
	if found, err := db.getAdvocate(tx, by.Name, &a); err != nil || !found {
		return ""
	}
	return a.ID
}

// Advocates lists the team, by name.
func (db *DB) Advocates() ([]Advocate, error) {
	var out []Advocate
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		out, err = loadAll[Advocate](db, teamShelf(tx, bucketAdvocates))
		return err
	})
	slices.SortFunc(out, func(a, b Advocate) int { return strings.Compare(a.Name, b.Name) })
	return out, err
}

// AdvocateByKey is the advocate whose key has the fingerprint.
func (db *DB) AdvocateByKey(fingerprint string) (Advocate, bool, error) {
	var a Advocate
	var found bool
	err := db.view(func(tx *bolt.Tx) error {
		id := db.getText(teamShelf(tx, bucketKeys), []byte(fingerprint))
		if id == "" {
			return nil
		}
		var err error
		found, err = db.advocateByID(tx, id, &a)
		return err
	})
	return a, found, err
}

// Grant lets an advocate read (ReadOnly) or change (ReadWrite) a
// patient's records.
func (db *DB) Grant(by *Actor, name string, patient planner.ID, access Access) error {
	if access != ReadOnly && access != ReadWrite {
		return fmt.Errorf("a grant is ro (read-only) or rw (read-write), not %q", access)
	}
	return db.update(func(tx *bolt.Tx) error {
		var a Advocate
		if found, err := db.getAdvocate(tx, name, &a); err != nil || !found {
			return firstError(err, fmt.Errorf("there is no advocate %q: ssh HOST advocates lists them", name))
		}
		if top(tx, bucketPatients).sub([]byte(patient)).Bucket == nil {
			return fmt.Errorf("there is no patient %s: ssh HOST patients lists them with their IDs", patient)
		}
		if err := db.putGrant(tx, a.ID, patient, access); err != nil {
			return err
		}
		return db.audit(tx, by, AuditEntry{Action: "granted", Patient: patient, What: name + " " + string(access)})
	})
}

func (db *DB) putGrant(tx *bolt.Tx, advocate string, patient planner.ID, access Access) error {
	b, err := teamShelf(tx, bucketGrants).CreateBucketIfNotExists([]byte(advocate))
	if err != nil {
		return err
	}
	return db.putValue(shelf{b, teamShelf(tx, bucketGrants).path + "/" + advocate}, []byte(patient), string(access))
}

// Revoke takes an advocate's grant for a patient away; it takes effect at
// their next action.
func (db *DB) Revoke(by *Actor, name string, patient planner.ID) error {
	return db.update(func(tx *bolt.Tx) error {
		b := teamShelf(tx, bucketGrants).sub([]byte(db.advocateID(tx, &Actor{Name: name})))
		if b.Bucket == nil || b.Get([]byte(patient)) == nil {
			return fmt.Errorf("%s has no grant for patient %s", name, patient)
		}
		if err := b.Delete([]byte(patient)); err != nil {
			return err
		}
		return db.audit(tx, by, AuditEntry{Action: "revoked", Patient: patient, What: name})
	})
}

// Grants is an advocate's grants, by patient.
func (db *DB) Grants(name string) (map[planner.ID]Access, error) {
	out := map[planner.ID]Access{}
	err := db.view(func(tx *bolt.Tx) error {
		b := teamShelf(tx, bucketGrants).sub([]byte(db.advocateID(tx, &Actor{Name: name})))
		if b.Bucket == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			out[planner.ID(k)] = Access(db.getText(b, k))
			return nil
		})
	})
	return out, err
}

// accessIn is what the actor may do with the patient's records, read in
// tx so a revoked grant counts at once.
func (db *DB) accessIn(tx *bolt.Tx, a *Actor, patient planner.ID) Access {
	if a == nil {
		return ReadWrite
	}
	adv, on := db.onTeam(tx, a)
	switch {
	case !on:
		return NoAccess // taken off the team since the session began
	case adv.Admin:
		return ReadWrite
	}
	b := teamShelf(tx, bucketGrants).sub([]byte(adv.ID))
	if b.Bucket == nil {
		return NoAccess
	}
	return Access(db.getText(b, []byte(patient)))
}

// onTeam is the actor's advocate as the file has them now: whether they
// are still on the team, and still an admin, counts at every action, not
// as it was when their session began.
func (db *DB) onTeam(tx *bolt.Tx, a *Actor) (Advocate, bool) {
	var adv Advocate
	id := db.advocateID(tx, a)
	if id == "" {
		return adv, false
	}
	found, err := db.advocateByID(tx, id, &adv)
	return adv, found && err == nil
}

// IsAdmin says whether the actor is an admin now.
func (db *DB) IsAdmin(a *Actor) bool {
	admin := false
	db.view(func(tx *bolt.Tx) error {
		adv, on := db.onTeam(tx, a)
		admin = on && adv.Admin
		return nil
	})
	return admin
}

// getText is a text value of the team's buckets (sealed as every value
// is); "" when there is none, or it cannot be read: no access, then.
func (db *DB) getText(s shelf, key []byte) string {
	data := s.Get(key)
	if data == nil {
		return ""
	}
	var text string
	if db.decode(s, key, data, &text) != nil {
		return ""
	}
	return text
}

// audit keeps an entry, in tx: the entry is there exactly when what it
// records is. A nil actor (the app on one machine) keeps none.
func (db *DB) audit(tx *bolt.Tx, by *Actor, e AuditEntry) error {
	if by == nil {
		return nil
	}
	s := top(tx, bucketAudit)
	if s.Bucket == nil {
		return fmt.Errorf("the audit trail is missing: %w", ErrDamaged)
	}
	e.ID = string(NewID())
	if e.Time.IsZero() {
		e.Time = db.now()
	}
	e.Who, e.Fingerprint, e.From = by.Name, by.Fingerprint, by.From
	return db.putValue(s, []byte(e.ID), &e)
}

// Audit is the audit trail, oldest first: every entry, or those about one
// patient.
func (db *DB) Audit(patient planner.ID) ([]AuditEntry, error) {
	var out []AuditEntry
	err := db.view(func(tx *bolt.Tx) error {
		all, err := loadAll[AuditEntry](db, top(tx, bucketAudit))
		for _, e := range all {
			if patient == "" || e.Patient == patient {
				out = append(out, e)
			}
		}
		return err
	})
	return out, err
}

// SaveAs is Save by an advocate: refused whole, with a sentence, when a
// record is of a patient they may not change (or a program, for one who
// is not an admin); a new patient is theirs to change. The audit trail
// records each record saved, in the same transaction.
func (db *DB) SaveAs(by *Actor, records ...planner.Record) error {
	return db.saveAs(by, records)
}

// DeleteAs is Delete by an advocate, refused as SaveAs refuses.
func (db *DB) DeleteAs(by *Actor, r planner.Record) error {
	return db.deleteAs(by, r)
}

// mayChange says why the actor may not change r, in tx; nil when they may.
func (db *DB) mayChange(tx *bolt.Tx, by *Actor, r planner.Record) error {
	if by == nil {
		return nil
	}
	adv, on := db.onTeam(tx, by)
	switch {
	case !on:
		return &refused{"You are no longer on the team: nothing was saved."}
	case adv.Admin:
		return nil
	}
	owner := r.Owner()
	if owner == "" {
		return &refused{"Only an admin changes the programs catalog: nothing was saved."}
	}
	if p, isPatient := r.(*planner.PatientRecord); isPatient && p.Rev == 0 && top(tx, bucketPatients).sub([]byte(owner)).Bucket == nil {
		return nil // a new patient: theirs
	}
	switch db.accessIn(tx, by, owner) {
	case ReadWrite:
		return nil
	case ReadOnly:
		return &refused{"You can read this patient's records but not change them: ask an admin for a read-write grant. Nothing was saved."}
	}
	return &refused{"You have no grant for this patient: ask an admin for one. Nothing was saved."}
}

// View is a patient's records read in a session, and when.
type View struct {
	Patient planner.ID
	At      time.Time
}

// Viewed records that the actor read the patients' records, each at the
// time it was read, in one transaction.
func (db *DB) Viewed(by *Actor, views []View) error {
	if by == nil || len(views) == 0 {
		return nil
	}
	return db.update(func(tx *bolt.Tx) error {
		for _, v := range views {
			if err := db.audit(tx, by, AuditEntry{Time: v.At, Action: "viewed", Patient: v.Patient}); err != nil {
				return err
			}
		}
		return nil
	})
}

// MayRead says why the actor may not read the patient's records; nil when
// they may.
func (db *DB) MayRead(by *Actor, patient planner.ID) error {
	return db.view(func(tx *bolt.Tx) error {
		if db.accessIn(tx, by, patient) == NoAccess {
			return &refused{"You have no grant for this patient: ask an admin for one."}
		}
		return nil
	})
}

// Readable is the patients the actor may read, from a list of them.
func (db *DB) Readable(by *Actor, ids []planner.ID) (map[planner.ID]Access, error) {
	out := make(map[planner.ID]Access, len(ids))
	err := db.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			if a := db.accessIn(tx, by, id); a != NoAccess {
				out[id] = a
			}
		}
		return nil
	})
	return out, err
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// forgetPatient takes a deleted patient's grants and who-saved entries
// away, in tx, so none comes back with another patient of that ID.
func (db *DB) forgetPatient(tx *bolt.Tx, patient planner.ID, records [][]byte) error {
	grants := teamShelf(tx, bucketGrants)
	if grants.Bucket == nil {
		return nil
	}
	if err := grants.ForEachBucket(func(advocate []byte) error {
		return grants.Bucket.Bucket(advocate).Delete([]byte(patient))
	}); err != nil {
		return err
	}
	lastBy := teamShelf(tx, bucketLastBy)
	for _, id := range records {
		if err := lastBy.Delete(id); err != nil {
			return err
		}
	}
	return nil
}

// Audited keeps an entry of a team task the actor did, like a backup.
func (db *DB) Audited(by *Actor, action string) error {
	return db.update(func(tx *bolt.Tx) error { return db.audit(tx, by, AuditEntry{Action: action}) })
}

// CheckOpen is Check of the file this DB has open, as it is now: for the
// team server, which cannot open it a second time.
func (db *DB) CheckOpen() ([]string, error) {
	var problems []string
	err := db.view(func(tx *bolt.Tx) error {
		problems = db.problems(tx)
		return nil
	})
	return problems, err
}
