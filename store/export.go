package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	jsonv1 "github.com/go-json-experiment/json/v1"
	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"

	"carecost/planner"
	"carecost/planner/indent"
	"carecost/store/inorder"
)

// Export is the whole database as one JSON document: every patient with
// everything of theirs, and the program catalog. It carries its own format
// version, so a later carecost can read an older export.
type Export struct {
	Format   string
	Version  int
	Patients []planner.PatientFile
	Programs []planner.Program
}

const (
	exportFormat  = "carecost export"
	exportVersion = 1
)

// Export writes the whole database to w as indented JSON. The same data
// always gives the same bytes: patients and records in ID order. It is
// written a patient at a time, so memory follows the largest patient,
// not the file (the bytes are those json.MarshalIndent gives the whole
// Export, with "  " indents).
func (db *DB) Export(w io.Writer) error {
	err := db.view(func(tx *bolt.Tx) error {
		if err := db.verifyDeep(tx); err != nil {
			return err
		}
		if err := errors.Join(db.bucketDamage(bucketPatients), db.bucketDamage(bucketPrograms)); err != nil {
			return err
		}
		out := bufio.NewWriterSize(w, 1<<16)
		head, _ := json.Marshal(exportFormat)
		fmt.Fprintf(out, "{\n  \"Format\": %s,\n  \"Version\": %d,\n  \"Patients\": ", head, exportVersion)
		first := true
		writeElement := func(b []byte) error {
			if first {
				out.WriteString("[\n    ")
			} else {
				out.WriteString(",\n    ")
			}
			first = false
			_, err := out.Write(b)
			return err
		}
		element := func(v any) error {
			b, err := marshalElement(v)
			if err != nil {
				return err
			}
			return writeElement(b)
		}
		closeArray := func() {
			if first {
				out.WriteString("[]")
			} else {
				out.WriteString("\n  ]")
			}
			first = true
		}
		var ids []planner.ID
		tx.Bucket(bucketPatients).ForEachBucket(func(id []byte) error {
			ids = append(ids, planner.ID(id))
			return nil
		})
		// Each patient is read and written out on every core, from this
		// one read transaction (bbolt's are safe to share for reading),
		// and the pieces are put together in ID order.
		if err := inorder.Run(len(ids), func(i int) (b []byte, err error) {
			// Guarded on its own goroutine: what bbolt does on a damaged
			// page is an error, as it is on the goroutine of the view.
			err = db.damaged(guard(func() error {
				f, err := db.loadFile(tx, ids[i])
				if err == nil {
					b, err = marshalElement(f)
				}
				return err
			}))
			return b, err
		}, func(_ int, b []byte) error { return writeElement(b) }, func(done int) { db.tell("Exporting", done, len(ids)) }); err != nil {
			return err
		}
		closeArray()
		out.WriteString(",\n  \"Programs\": ")
		programs, err := loadAll[planner.Program](db, top(tx, bucketPrograms))
		if err != nil {
			return err
		}
		for i := range programs {
			if err := element(programs[i]); err != nil {
				return err
			}
		}
		closeArray()
		out.WriteString("\n}\n")
		return out.Flush()
	})
	if err != nil {
		return fmt.Errorf("cannot export: %w", err)
	}
	return nil
}

// marshalElement is v as an element of one of the export's arrays.
func marshalElement(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	// The bytes json.MarshalIndent gives, laid out in a third of its time.
	return escapeControls(indent.JSON(make([]byte, 0, len(b)*2), b, "    ", "  ")), nil
}

// exportCheck checks every ID and every reference of an export, and that
// no text holds a character that would act on a terminal, a patient at a
// time as they are read: what it keeps is the IDs seen (spilled to a file
// beside the database for a large import), checked for one given twice at
// the end, and the programs the applications name, each with the first
// application naming it, checked once the programs are read.
type exportCheck struct {
	seen     idSet
	programs map[planner.ID]bool
	named    map[planner.ID]planner.ID // program: the first application naming it
	naming   []planner.ID              // the programs named, in the order first named
	patients int
}

func newExportCheck() *exportCheck {
	return &exportCheck{programs: map[planner.ID]bool{}, named: map[planner.ID]planner.ID{}}
}

func (c *exportCheck) id(r planner.Record) error {
	id := *r.RecordID()
	u, err := ulid.ParseStrict(string(id))
	if err != nil {
		return fmt.Errorf("a %s has the ID %q, which is not a carecost ID", r.RecordKind(), id)
	}
	return c.seen.add(id, u)
}

// program checks the export's programs.
func (c *exportCheck) program(programs []planner.Program) error {
	for i := range programs {
		if err := unsafeText(&programs[i], "program "+strconv.Itoa(i+1)); err != nil {
			return err
		}
	}
	for i := range programs {
		if err := c.id(&programs[i]); err != nil {
			return err
		}
		if err := programs[i].Validate(); err != nil {
			return fmt.Errorf("%s: %w", programAt(programs, i), err)
		}
		c.programs[programs[i].ID] = true
	}
	return nil
}

// patient checks the export's next patient.
func (c *exportCheck) patient(f *planner.PatientFile) error {
	c.patients++
	if err := unsafeText(f, "patient "+strconv.Itoa(c.patients)); err != nil {
		return err
	}
	if err := c.id(&f.Patient); err != nil {
		return err
	}
	// An ID given twice in one patient is found at once; across patients,
	// at the end.
	ids := map[planner.ID]bool{f.Patient.ID: true}
	plans, courses := map[planner.ID]bool{}, map[planner.ID]bool{}
	for _, r := range f.Children() {
		if err := c.id(r); err != nil {
			return err
		}
		id := *r.RecordID()
		if ids[id] {
			return fmt.Errorf("the ID %s appears twice", id)
		}
		ids[id] = true
		if r.Owner() != f.Patient.ID {
			return fmt.Errorf("a %s (%s) is listed under patient %s but says it belongs to %s", r.RecordKind(), *r.RecordID(), f.Patient.ID, r.Owner())
		}
		switch r := r.(type) {
		case *planner.PlanRecord:
			plans[r.ID] = true
		case *planner.CourseRecord:
			courses[r.ID] = true
		}
	}
	for _, co := range f.Courses {
		if co.PlanID != "" && !plans[co.PlanID] {
			return fmt.Errorf("the course %s refers to a plan (%s) that is not in the import", co.ID, co.PlanID)
		}
	}
	for _, s := range f.Scenarios {
		if !courses[s.CourseID] {
			return fmt.Errorf("the scenario %s refers to a course that is not in the import", s.ID)
		}
	}
	for _, a := range f.Applications {
		if _, ok := c.named[a.ProgramID]; !ok {
			c.named[a.ProgramID] = a.ID
			c.naming = append(c.naming, a.ProgramID)
		}
	}
	for _, r := range f.Children() {
		if course := courseOf(r); course != "" && !courses[course] {
			return fmt.Errorf("the %s %s refers to a course (%s) that is not in the import", r.RecordKind(), *r.RecordID(), course)
		}
	}
	// The figures must make sense too: what the app would refuse to
	// save, an import refuses to bring in.
	if err := f.Patient.Validate(); err != nil {
		return fmt.Errorf("the patient %s: %w", f.Patient.ID, err)
	}
	for _, p := range f.Plans {
		if err := p.Plan.Validate(); err != nil {
			return fmt.Errorf("the plan %q of %s: %w", p.Name, f.Patient.ID, err)
		}
	}
	for _, co := range f.Courses {
		if err := co.Course.Validate(); err != nil {
			return fmt.Errorf("the course %q of %s: %w", co.Name, f.Patient.ID, err)
		}
	}
	for _, r := range f.Children() {
		if v, ok := r.(validator); ok {
			if err := v.Validate(); err != nil {
				return fmt.Errorf("the %s %s of %s: %w", r.RecordKind(), *r.RecordID(), f.Patient.ID, err)
			}
		}
	}
	for i := range f.Scenarios {
		s, err := f.Scenario(&f.Scenarios[i])
		if err == nil {
			err = s.Validate()
		}
		if err != nil {
			return fmt.Errorf("the scenario %q of %s: %w", f.Scenarios[i].Name, f.Patient.ID, err)
		}
	}
	return nil
}

// finish checks what could be checked only once all was read: that no ID
// is given twice, and that each application's program is in the import
// (the first application naming one that is not is named).
func (c *exportCheck) finish() error {
	if id, ok, err := c.seen.twice(); err != nil {
		return err
	} else if ok {
		return fmt.Errorf("the ID %s appears twice", id)
	}
	for _, p := range c.naming {
		if !c.programs[p] {
			return fmt.Errorf("the application %s refers to a program (%s) that is not in the import", c.named[p], p)
		}
	}
	return nil
}

// conflicts are the imported records already in the file: how many, and
// the first twenty, which the error names.
type conflicts struct {
	n     int
	named []string
}

func (c *conflicts) add(record string) {
	if c.n++; len(c.named) < 20 {
		c.named = append(c.named, record)
	}
}

// err says how many there are, and names them.
func (c *conflicts) err() error {
	more := ""
	if c.n > len(c.named) {
		more = fmt.Sprintf(" and %d more", c.n-len(c.named))
	}
	return fmt.Errorf("%d of the imported records are %w (%s%s): import with --replace to overwrite them", c.n, ErrConflict, strings.Join(c.named, ", "), more)
}

// importInPlace is how many patients an import brings in, at most, in one
// transaction of the file itself; a larger one is written into a copy of
// the file, in batches, and the copy put in its place.
var importInPlace = 2_000

// importBatch is how many patients a transaction of that copy holds.
var importBatch = 500

// ImportFrom reads an export from r a patient at a time and writes it into
// the file, all of it or nothing, within the limits. A small export is
// written in one transaction, as Import writes it; a large one, into a new
// copy of the file in batches, so that memory stays that of a batch at
// any size: the copy is checked and put in place of the file at the end,
// and left behind if anything is wrong.
func (db *DB) ImportFrom(r io.Reader, lim Limits, replace bool) (ImportResult, error) {
	s := newExportStream(newBoundedReader(r, lim, "import"))
	var first []planner.PatientFile
	for len(first) <= importInPlace { // one more than fits says it does not
		f, err := s.next()
		if err != nil {
			return ImportResult{}, err
		}
		if f == nil {
			return db.Import(&Export{Format: s.format, Version: s.version, Patients: first, Programs: s.programs}, replace)
		}
		first = append(first, *f)
	}
	return db.importByCopy(s, first, replace)
}

// importByCopy writes the patients read so far, the rest of the stream and
// its programs into a copy of the file, which replaces it if all is well.
func (db *DB) importByCopy(s *exportStream, first []planner.PatientFile, replace bool) (ImportResult, error) {
	if db.bolt.IsReadOnly() {
		return ImportResult{}, errors.New("the file is open read-only: nothing was imported")
	}
	target, err := db.target()
	if err != nil {
		return ImportResult{}, err
	}
	// What an import keeps of each patient until its end goes into files
	// beside the database, which are removed as soon as they are made.
	dir := filepath.Dir(target)
	s.check.seen.spillTo(dir)
	defer s.check.seen.close()
	// The patients with applications, whose list entries (naming the
	// programs applied to) are made once the programs are written.
	applying := idList{dir: dir}
	defer applying.close()
	var (
		result   ImportResult
		existing conflicts
		refused  error // why nothing is imported, said as it is
	)
	// The file is checked first, as an import in place checks it: the
	// copy's own check could not tell its problems from the import's.
	// (Not inside replaceWith, which holds every other transaction off.)
	if err := db.view(func(tx *bolt.Tx) error { return db.mustBeSound(tx, "nothing was imported") }); err != nil {
		return ImportResult{}, err
	}
	err = db.replaceWith(db.dataKey, func(src *bolt.Tx, dst *bolt.DB) error {
		if err := db.copyInto(src, dst, db.header, nil); err != nil {
			return err
		}
		tx, err := dst.Begin(true)
		if err != nil {
			return err
		}
		defer func() { tx.Rollback() }()
		inBatch := 0
		batched := func() error {
			if inBatch++; inBatch < importBatch {
				return nil
			}
			if err := tx.Commit(); err != nil {
				return err
			}
			inBatch = 0
			tx, err = dst.Begin(true)
			return err
		}
		put := func(f *planner.PatientFile, summary *planner.PatientSummary) error {
			id := []byte(f.Patient.ID)
			if src.Bucket(bucketPatients).Bucket(id) != nil {
				existing.add("patient " + f.Patient.Name)
			}
			if existing.n > 0 && !replace {
				return nil // the rest is read for what else is in the file
			}
			// An application names a program the export holds after its
			// patients; the export's own check has found it there.
			if err := db.putImported(tx, f, true, summary); err != nil {
				return err
			}
			if len(f.Applications) > 0 {
				if err := applying.add(f.Patient.ID); err != nil {
					refused = err
					return err
				}
			}
			result.Patients++
			db.tell("Importing", result.Patients, 0)
			return batched()
		}
		for i := range first {
			if err := put(&first[i], nil); err != nil {
				return err
			}
		}
		first = nil
		// The export is read and checked, and its patients' list entries
		// worked out, while what is read is written.
		read, stop := readAhead(s)
		defer stop()
		for next := range read {
			if next.err != nil {
				refused = next.err
				return next.err
			}
			if next.f == nil {
				break
			}
			if err := put(next.f, next.summary); err != nil {
				return err
			}
		}
		for i := range s.programs {
			if src.Bucket(bucketPrograms).Get([]byte(s.programs[i].ID)) != nil {
				existing.add("program " + s.programs[i].Name)
			}
		}
		if existing.n > 0 && !replace {
			refused = existing.err()
			return refused
		}
		for i := range s.programs {
			if err := db.put(tx, &s.programs[i], false); err != nil {
				return err
			}
		}
		if err := applying.each(func(id planner.ID) error {
			if err := db.refreshSummary(tx, id); err != nil {
				return err
			}
			return batched()
		}); err != nil {
			if errors.As(err, new(keepError)) {
				refused = err
			}
			return err
		}
		result.Programs, result.Replaced = len(s.programs), existing.n
		return tx.Commit()
	})
	switch {
	case refused != nil:
		return ImportResult{}, refused
	case err != nil:
		return ImportResult{}, err
	}
	return result, nil
}

// readPatient is a patient read from an export, or the error that ended
// it; the end is neither. summary, when set, is the patient's list entry
// as the file will hold it.
type readPatient struct {
	f       *planner.PatientFile
	summary *planner.PatientSummary
	err     error
}

// readAhead reads s's patients on a goroutine of its own, up to
// readAheadPatients before they are taken, and works out on another the
// list entry of each patient without applications (whose entries name
// programs written after the patients): each patient, then the end or an
// error. stop ends the reading early, and returns once nothing reads s
// any longer.
func readAhead(s *exportStream) (read <-chan readPatient, stop func()) {
	read1, out, done := make(chan readPatient, readAheadPatients), make(chan readPatient, readAheadPatients), make(chan struct{})
	go func() {
		defer close(read1)
		for {
			select {
			case <-done:
				return
			default:
			}
			var next readPatient
			next.err = guard(func() (err error) {
				next.f, err = s.next()
				return err
			})
			select {
			case read1 <- next:
			case <-done:
				return
			}
			if next.f == nil || next.err != nil {
				return
			}
		}
	}()
	go func() {
		// Once stopped, what is read is let go until the reading ends.
		defer close(out)
		stopped := false
		for next := range read1 {
			if stopped {
				continue
			}
			if next.f != nil && len(next.f.Applications) == 0 {
				next.err = guard(func() error {
					sum := summaryAsStored(next.f)
					next.summary = &sum
					return nil
				})
			}
			select {
			case out <- next:
			case <-done:
				stopped = true
			}
		}
	}()
	var once sync.Once
	return out, func() {
		once.Do(func() {
			close(done)
			for range out {
			}
		})
	}
}

// summaryAsStored is the list entry of an imported patient as the file
// will hold it once the patient is written: each kind of record in the
// order of its IDs, as the file keeps them (an import keeps each
// record's revision, and the file reads back each record as it was
// written: TestStoredValuesReadAsWritten). It puts f's records in that
// order. The check of the new file finds any entry that is not.
func summaryAsStored(f *planner.PatientFile) planner.PatientSummary {
	sortByID(f.Plans)
	sortByID(f.Courses)
	sortByID(f.Scenarios)
	sortByID(f.PreAuthorizations)
	sortByID(f.Checklist)
	sortByID(f.Contacts)
	sortByID(f.Denials)
	sortByID(f.Estimates)
	sortByID(f.Tasks)
	sortByID(f.Applications)
	return f.Summary()
}

// sortByID puts records in the order of their IDs' bytes: the order of
// their keys in the file.
func sortByID[T any, P interface {
	*T
	RecordID() *planner.ID
}](records []T) {
	slices.SortStableFunc(records, func(a, b T) int {
		return strings.Compare(string(*P(&a).RecordID()), string(*P(&b).RecordID()))
	})
}

// readAheadPatients is how many patients an import reads before they are
// written.
const readAheadPatients = 64

// putImported writes an imported patient whole in tx, in place of the
// patient of that ID if there is one (erased when the file closes, as a
// delete is), and their list entry. With programsLater (see putRecord),
// an application may name a program not yet in the file, and the list
// entry of a patient with applications, which names the programs, is left
// for the caller to make once they are written. summary, when not nil, is
// the patient's list entry, worked out already (summaryAsStored).
func (db *DB) putImported(tx *bolt.Tx, f *planner.PatientFile, programsLater bool, summary *planner.PatientSummary) error {
	id := []byte(f.Patient.ID)
	if tx.Bucket(bucketPatients).Bucket(id) != nil {
		if err := tx.Bucket(bucketPatients).DeleteBucket(id); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keyErase, []byte("1")); err != nil {
			return err
		}
	}
	if err := db.put(tx, &f.Patient, false); err != nil {
		return err
	}
	for _, r := range f.Children() {
		if err := db.putRecord(tx, r, false, programsLater); err != nil {
			return err
		}
	}
	switch {
	case programsLater && len(f.Applications) > 0:
		return nil
	case summary != nil:
		return db.putSummary(tx, summary)
	}
	return db.refreshSummary(tx, f.Patient.ID)
}

// ImportResult says what an import did.
type ImportResult struct {
	Patients, Programs int
	// Replaced counts the patients and programs that were already in the
	// file and were overwritten.
	Replaced int
}

// ErrConflict is returned when an import would overwrite records and
// replacing was not asked for.
var ErrConflict = errors.New("already in the file")

// ReadExport reads and checks an export, without touching the database: it
// is what Import does first, and lets the command line say what an import
// would replace before it asks.
func ReadExport(r io.Reader) (*Export, error) { return ReadExportLimited(r, DefaultLimits) }

// ReadExportLimited is ReadExport with limits of its own. The import is
// read whole, and refused if it passes a limit, before it is decoded.
func ReadExportLimited(r io.Reader, lim Limits) (*Export, error) {
	data, err := readBounded(r, lim, "import")
	if err != nil {
		return nil, err
	}
	s := newExportStream(bytes.NewReader(data))
	x := &Export{}
	for {
		f, err := s.next()
		if err != nil {
			return nil, err
		}
		if f == nil {
			break
		}
		x.Patients = append(x.Patients, *f)
	}
	x.Format, x.Version, x.Programs = s.format, s.version, s.programs
	return x, nil
}

// exportStream reads an export a patient at a time, checking each as it
// comes (its text) and the export's format and version, so that an import
// of any size holds one patient in memory at a time.
type exportStream struct {
	dec        *jsonv1.Decoder
	format     string
	version    int
	programs   []planner.Program
	started    bool            // its opening brace is read
	inPatients bool            // inside the Patients array
	done       bool            // all of it is read, and sound
	fields     map[string]bool // the top-level keys read, lower-cased
	check      *exportCheck
}

// The export is read by the first version of encoding/json's rules, as
// carecost has always read it (names in any case, unknown fields refused),
// on the second version's decoder (the module's v1 package): it reads the
// same values with less work.
func newExportStream(r io.Reader) *exportStream {
	dec := jsonv1.NewDecoder(r)
	dec.DisallowUnknownFields()
	return &exportStream{dec: dec, check: newExportCheck()}
}

// notExport says the import's JSON is not an export's.
func notExport(err error) error {
	var lim *limitError
	if errors.As(err, &lim) {
		return err
	}
	return fmt.Errorf("the import is not a carecost export: %v", err)
}

// next is the export's next patient, checked; nil once there are no more,
// when the rest of the export has been read and checked too.
func (s *exportStream) next() (*planner.PatientFile, error) {
	if !s.started {
		if err := expectDelim(s.dec, '{'); err != nil {
			return nil, notExport(err)
		}
		s.started = true
	}
	for !s.done {
		if s.inPatients {
			if s.dec.More() {
				var f planner.PatientFile
				if err := s.dec.Decode(&f); err != nil {
					return nil, notExport(err)
				}
				if err := s.check.patient(&f); err != nil {
					return nil, unusable(err)
				}
				return &f, nil
			}
			if err := expectDelim(s.dec, ']'); err != nil {
				return nil, notExport(err)
			}
			s.inPatients = false
			continue
		}
		if !s.dec.More() {
			if err := s.end(); err != nil {
				return nil, err
			}
			s.done = true
			break
		}
		tok, err := s.dec.Token()
		if err != nil {
			return nil, notExport(err)
		}
		// Keys match without regard to case, as encoding/json's own; each
		// comes once.
		field, _ := tok.(string)
		key := strings.ToLower(field)
		if s.fields[key] {
			return nil, notExport(fmt.Errorf("it holds %q twice", field))
		}
		if s.fields == nil {
			s.fields = map[string]bool{}
		}
		s.fields[key] = true
		switch {
		case strings.EqualFold(field, "Format"):
			if err = s.dec.Decode(&s.format); err == nil && s.format != exportFormat {
				return nil, errors.New("the import is not a carecost export: it does not say \"carecost export\" as its format")
			}
		case strings.EqualFold(field, "Version"):
			if err = s.dec.Decode(&s.version); err == nil && (s.version < 1 || s.version > exportVersion) {
				return nil, s.versionError()
			}
		case strings.EqualFold(field, "Patients"):
			var tok jsonv1.Token
			if tok, err = s.dec.Token(); err == nil && tok != nil {
				if d, ok := tok.(jsonv1.Delim); ok && d == '[' {
					s.inPatients = true
				} else {
					err = fmt.Errorf("json: expected an array, found %v", tok)
				}
			}
		case strings.EqualFold(field, "Programs"):
			if s.programs, err = decodeArray[planner.Program](s.dec); err == nil {
				if err := s.check.program(s.programs); err != nil {
					return nil, unusable(err)
				}
			}
		default:
			err = fmt.Errorf("json: unknown field %q", field)
		}
		if err != nil {
			return nil, notExport(err)
		}
	}
	return nil, nil
}

// end reads the export's closing brace and checks that nothing follows it
// and that it said what it is.
func (s *exportStream) end() error {
	if err := expectDelim(s.dec, '}'); err != nil {
		return notExport(err)
	}
	if _, err := s.dec.Token(); err != io.EOF {
		var lim *limitError
		if errors.As(err, &lim) {
			return err
		}
		return errors.New("the import has something more after its end: it should hold one export, and nothing after it")
	}
	if s.format != exportFormat {
		return errors.New("the import is not a carecost export: it does not say \"carecost export\" as its format")
	}
	if s.version < 1 || s.version > exportVersion {
		return s.versionError()
	}
	if err := s.check.finish(); err != nil {
		return unusable(err)
	}
	return nil
}

// keepError is a failure to keep what an import has read in a file beside
// the database: nothing wrong with the import.
type keepError struct{ err error }

func (e keepError) Error() string {
	if isNoSpace(e.err) {
		return "the disk is full: an import keeps the IDs it has read in a file beside the database until its end; free some space there and import again; nothing was imported"
	}
	return fmt.Sprintf("cannot keep the IDs the import has read in a file beside the database (%v); nothing was imported", plainSyscall(e.err))
}

func (e keepError) Unwrap() error { return e.err }

// unusable says why an import that is an export cannot be used, unless
// what went wrong was keeping what it read.
func unusable(err error) error {
	var keep keepError
	if errors.As(err, &keep) {
		return keep
	}
	return fmt.Errorf("the import cannot be used: %w; nothing was imported", err)
}

func (s *exportStream) versionError() error {
	return fmt.Errorf("the import is export version %d; this carecost reads version %d: update carecost to import it", s.version, exportVersion)
}

// decodeArray decodes a JSON array (or null) of T, element by element.
func decodeArray[T any](dec *jsonv1.Decoder) ([]T, error) {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return nil, err
	}
	if d, ok := tok.(jsonv1.Delim); !ok || d != '[' {
		return nil, fmt.Errorf("json: expected an array, found %v", tok)
	}
	const chunk = 4096
	var chunks [][]T
	n := 0
	for dec.More() {
		if n%chunk == 0 {
			chunks = append(chunks, make([]T, 0, chunk))
		}
		last := &chunks[len(chunks)-1]
		*last = append(*last, *new(T))
		if err := dec.Decode(&(*last)[len(*last)-1]); err != nil {
			return nil, err
		}
		n++
	}
	if err := expectDelim(dec, ']'); err != nil {
		return nil, err
	}
	out := make([]T, 0, n)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}

func expectDelim(dec *jsonv1.Decoder, want jsonv1.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(jsonv1.Delim); !ok || d != want {
		return fmt.Errorf("json: expected %q, found %v", want, tok)
	}
	return nil
}

// Import writes an export into the database in one transaction. Records
// keep their IDs and times. If a patient or program is already in the file,
// nothing is written and the error (ErrConflict) names them, unless replace
// is set: then they are overwritten, patients whole.
func (db *DB) Import(x *Export, replace bool) (ImportResult, error) {
	result := ImportResult{Patients: len(x.Patients), Programs: len(x.Programs)}
	err := db.update(func(tx *bolt.Tx) error {
		if err := db.mustBeSound(tx, "nothing was imported"); err != nil {
			return err
		}
		var existing conflicts
		for i := range x.Patients {
			if tx.Bucket(bucketPatients).Bucket([]byte(x.Patients[i].Patient.ID)) != nil {
				existing.add("patient " + x.Patients[i].Patient.Name)
			}
		}
		for i := range x.Programs {
			if tx.Bucket(bucketPrograms).Get([]byte(x.Programs[i].ID)) != nil {
				existing.add("program " + x.Programs[i].Name)
			}
		}
		if existing.n > 0 && !replace {
			return existing.err()
		}
		result.Replaced = existing.n
		for i := range x.Programs {
			if err := db.put(tx, &x.Programs[i], false); err != nil {
				return err
			}
		}
		for i := range x.Patients {
			if err := db.putImported(tx, &x.Patients[i], false, nil); err != nil {
				return err
			}
			db.tell("Importing", i+1, len(x.Patients))
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return result, nil
}
