package store

import (
	"bufio"
	"carecost/internal/inorder"
	"carecost/planner"
	"strconv"

	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	bolt "go.etcd.io/bbolt"
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
	if err := db.verifyDeep(); err != nil {
		return err
	}
	err := db.view(func(tx *bolt.Tx) error {
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
		if err := inorder.Run(len(ids), func(i int) ([]byte, error) {
			f, err := db.loadFile(tx, ids[i])
			if err != nil {
				return nil, err
			}
			return marshalElement(f)
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
	b, err := json.MarshalIndent(v, "    ", "  ")
	if err != nil {
		return nil, err
	}
	return escapeControls(b), nil
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

// ReadExportLimited is ReadExport with limits of its own.
func ReadExportLimited(r io.Reader, lim Limits) (*Export, error) {
	data, err := readBounded(r, lim, "import")
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	x, err := decodeExport(dec)
	if err != nil {
		return nil, fmt.Errorf("the import is not a carecost export: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("the import has something more after its end: it should hold one export, and nothing after it")
	}
	if x.Format != exportFormat {
		return nil, errors.New("the import is not a carecost export: it does not say \"carecost export\" as its format")
	}
	if x.Version < 1 || x.Version > exportVersion {
		return nil, fmt.Errorf("the import is export version %d; this carecost reads version %d: update carecost to import it", x.Version, exportVersion)
	}
	if err := x.validate(); err != nil {
		return nil, fmt.Errorf("the import cannot be used: %w; nothing was imported", err)
	}
	return x, nil
}

// decodeExport decodes an export one patient and one program at a time,
// in chunks put together once at the end, so that memory follows what the
// file holds rather than the doubling of one growing slice.
func decodeExport(dec *json.Decoder) (*Export, error) {
	var x Export
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		// Keys match without regard to case, as encoding/json's own.
		field, _ := tok.(string)
		switch {
		case strings.EqualFold(field, "Format"):
			err = dec.Decode(&x.Format)
		case strings.EqualFold(field, "Version"):
			err = dec.Decode(&x.Version)
		case strings.EqualFold(field, "Patients"):
			x.Patients, err = decodeArray[planner.PatientFile](dec)
		case strings.EqualFold(field, "Programs"):
			x.Programs, err = decodeArray[planner.Program](dec)
		default:
			err = fmt.Errorf("json: unknown field %q", field)
		}
		if err != nil {
			return nil, err
		}
	}
	return &x, expectDelim(dec, '}')
}

// decodeArray decodes a JSON array (or null) of T, element by element.
func decodeArray[T any](dec *json.Decoder) ([]T, error) {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
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

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("json: expected %q, found %v", want, tok)
	}
	return nil
}

// validate checks every ID and every reference inside the export, and
// that no text holds a character that would act on a terminal.
func (x *Export) validate() error {
	for i := range x.Patients {
		if err := unsafeText(&x.Patients[i], "patient "+strconv.Itoa(i+1)); err != nil {
			return err
		}
	}
	for i := range x.Programs {
		if err := unsafeText(&x.Programs[i], "program "+strconv.Itoa(i+1)); err != nil {
			return err
		}
	}
	seen := map[planner.ID]bool{}
	checkID := func(r planner.Record) error {
		id := *r.RecordID()
		if !validID(id) {
			return fmt.Errorf("a %s has the ID %q, which is not a carecost ID", r.RecordKind(), id)
		}
		if seen[id] {
			return fmt.Errorf("the ID %s appears twice", id)
		}
		seen[id] = true
		return nil
	}
	programs := map[planner.ID]bool{}
	for i := range x.Programs {
		if err := checkID(&x.Programs[i]); err != nil {
			return err
		}
		if err := x.Programs[i].Validate(); err != nil {
			return fmt.Errorf("%s: %w", programAt(x.Programs, i), err)
		}
		programs[x.Programs[i].ID] = true
	}
	for i := range x.Patients {
		f := &x.Patients[i]
		if err := checkID(&f.Patient); err != nil {
			return err
		}
		plans, courses := map[planner.ID]bool{}, map[planner.ID]bool{}
		for _, r := range f.Children() {
			if err := checkID(r); err != nil {
				return err
			}
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
		for _, c := range f.Courses {
			if c.PlanID != "" && !plans[c.PlanID] {
				return fmt.Errorf("the course %s refers to a plan (%s) that is not in the import", c.ID, c.PlanID)
			}
		}
		for _, s := range f.Scenarios {
			if !courses[s.CourseID] {
				return fmt.Errorf("the scenario %s refers to a course that is not in the import", s.ID)
			}
		}
		for _, a := range f.Applications {
			if !programs[a.ProgramID] {
				return fmt.Errorf("the application %s refers to a program (%s) that is not in the import", a.ID, a.ProgramID)
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
		for _, c := range f.Courses {
			if err := c.Course.Validate(); err != nil {
				return fmt.Errorf("the course %q of %s: %w", c.Name, f.Patient.ID, err)
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
		var existing []string
		for i := range x.Patients {
			if tx.Bucket(bucketPatients).Bucket([]byte(x.Patients[i].Patient.ID)) != nil {
				existing = append(existing, "patient "+x.Patients[i].Patient.Name)
			}
		}
		for i := range x.Programs {
			if tx.Bucket(bucketPrograms).Get([]byte(x.Programs[i].ID)) != nil {
				existing = append(existing, "program "+x.Programs[i].Name)
			}
		}
		if len(existing) > 0 && !replace {
			return fmt.Errorf("%d of the imported records are %w (%s): import with --replace to overwrite them", len(existing), ErrConflict, strings.Join(existing, ", "))
		}
		result.Replaced = len(existing)
		for i := range x.Programs {
			if err := db.put(tx, &x.Programs[i], false); err != nil {
				return err
			}
		}
		for i := range x.Patients {
			f := &x.Patients[i]
			if tx.Bucket(bucketPatients).Bucket([]byte(f.Patient.ID)) != nil {
				if err := tx.Bucket(bucketPatients).DeleteBucket([]byte(f.Patient.ID)); err != nil {
					return err
				}
				if err := tx.Bucket(bucketMeta).Put(keyErase, []byte("1")); err != nil {
					return err // what is replaced is erased at close, as a delete is
				}
			}
			if err := db.put(tx, &f.Patient, false); err != nil {
				return err
			}
			for _, r := range f.Children() {
				if err := db.put(tx, r, false); err != nil {
					return err
				}
			}
			if err := db.refreshSummary(tx, f.Patient.ID); err != nil {
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
