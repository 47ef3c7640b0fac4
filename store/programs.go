package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"

	"carecost/planner"
)

// ProgramList is the assistance program catalog alone, as one JSON
// document: an advocate's address book of programs, to share between
// files. Like Export it carries its own format and version.
type ProgramList struct {
	Format   string
	Version  int
	Programs []planner.Program
}

const (
	programsFormat  = "carecost programs"
	programsVersion = 1
)

// ExportPrograms writes the program catalog to w as indented JSON, the
// programs sorted by name (planner.SortProgramsByName), each with its ID
// and times. The same catalog always gives the same bytes.
func (db *DB) ExportPrograms(w io.Writer) error {
	programs, err := db.Programs()
	if err != nil {
		return fmt.Errorf("cannot export the programs: %w", err)
	}
	planner.SortProgramsByName(programs)
	list := ProgramList{Format: programsFormat, Version: programsVersion, Programs: programs}
	if list.Programs == nil {
		list.Programs = []planner.Program{}
	}
	out, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return fmt.Errorf("cannot export the programs: %w", err)
	}
	_, err = w.Write(append(escapeControls(out), '\n'))
	return err
}

// ReadPrograms reads a program list (as ExportPrograms writes it, or one
// written by hand) and checks every program in it, without touching any
// file: it is what importing a list does first. A program may leave out
// its ID, to be imported as a new one; an ID it gives must be a carecost
// ID, and no two programs may give the same. The error says what is
// wrong in a sentence, naming the program by its place in the list and its
// name.
func ReadPrograms(r io.Reader) ([]planner.Program, error) {
	return ReadProgramsLimited(r, DefaultLimits)
}

// ReadProgramsLimited is ReadPrograms with limits of its own.
func ReadProgramsLimited(r io.Reader, lim Limits) ([]planner.Program, error) {
	data, err := readBounded(r, lim, "program list")
	if err != nil {
		return nil, err
	}
	// The format and version first, leniently: a whole export or a newer
	// list is told so, rather than that it has fields this one doesn't know.
	var header struct {
		Format  string
		Version int
	}
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&header); err != nil {
		return nil, fmt.Errorf("the file is not a carecost program list: %s", jsonProblem(err))
	}
	switch {
	case header.Format == exportFormat:
		return nil, errors.New("the file is a whole carecost export, not a program list: bring it in with carecost import")
	case header.Format != programsFormat:
		return nil, fmt.Errorf("the file is not a carecost program list: it does not say %q as its format", programsFormat)
	case header.Version > programsVersion:
		return nil, fmt.Errorf("the program list is version %d; this carecost reads version %d: update carecost to import it", header.Version, programsVersion)
	case header.Version < 1:
		return nil, fmt.Errorf("the program list says it is version %d, which no carecost writes: check the file's \"Version\"", header.Version)
	}
	var list ProgramList
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&list); err != nil {
		return nil, fmt.Errorf("the program list cannot be read: %s", jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("the program list has something more after its end: check that the file holds one list only")
	}
	if err := checkPrograms(list.Programs); err != nil {
		return nil, fmt.Errorf("%w; nothing was imported", err)
	}
	return list.Programs, nil
}

// checkPrograms checks the programs of a list in order and says what is
// wrong with the first that has a problem, and how many more have one.
func checkPrograms(programs []planner.Program) error {
	first := map[planner.ID]int{}
	var problem error
	more := 0
	for i := range programs {
		err := checkProgram(programs, i, first)
		switch {
		case err == nil:
		case problem == nil:
			problem = err
		default:
			more++
		}
	}
	switch {
	case more == 1:
		return fmt.Errorf("%w (1 more program has a problem too)", problem)
	case more > 1:
		return fmt.Errorf("%w (%d more programs have problems too)", problem, more)
	}
	return problem
}

// checkProgram checks the program at index i of a list; first holds the
// index of the first program giving each ID seen so far.
func checkProgram(programs []planner.Program, i int, first map[planner.ID]int) error {
	p := &programs[i]
	where := programAt(programs, i)
	if p.ID != "" {
		if !validID(p.ID) {
			return fmt.Errorf("%s: its ID, %q, is not a carecost ID: remove the ID to import it as a new program", where, p.ID)
		}
		if j, seen := first[p.ID]; seen {
			return fmt.Errorf("%s has the same ID as %s: remove the ID of one of them to import it as a new program", where, programAt(programs, j))
		}
		first[p.ID] = i
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	return checkUnits(p, where)
}

// A list written by hand may give percentages as plain numbers ("200" for
// 200%), which the file format reads as millionths: 0.02%. A plain number
// up to 1000 is at most 0.1%, and no program limits income to under 1% of
// the poverty level or pays under 1% of the cost, so such figures are
// refused with the format's units.
const (
	leastIncomeLimit = planner.Percent
	leastShare       = planner.Percent
)

const unitsNote = "percentages in a program list are written in millionths, so 200% is 2000000, " +
	"and amounts in cents, so $1,500.00 is 150000"

// nameKey is a program's name for telling two apart: case and spacing
// aside.
func nameKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// checkUnits refuses figures that are surely in the wrong units.
func checkUnits(p *planner.Program, where string) error {
	limits := []planner.Rate{p.MaxIncomePercent}
	shares := []planner.Rate{p.Share}
	for _, t := range p.Tiers {
		limits, shares = append(limits, t.UpToPercent), append(shares, t.PaysPercent)
	}
	for _, r := range limits {
		if r > 0 && r < leastIncomeLimit {
			return fmt.Errorf("%s: an income limit of %s of the poverty level is surely a slip: %s", where, r, unitsNote)
		}
	}
	for _, r := range shares {
		if r > 0 && r < leastShare {
			return fmt.Errorf("%s: a share of %s of the cost is surely a slip: %s", where, r, unitsNote)
		}
	}
	return nil
}

// programAt names the program at index i of a list as a person would find
// it: `program 3 ("Hope Fund")`, counting from 1.
func programAt(programs []planner.Program, i int) string {
	name := "with no name"
	if n := strings.TrimSpace(programs[i].Name); n != "" {
		name = strconv.Quote(n)
	}
	return fmt.Sprintf("program %d (%s)", i+1, name)
}

// jsonProblem says what the JSON decoder found wrong, in words.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	var kind *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return "it is empty"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "it ends in the middle: it may have been cut short"
	case errors.As(err, &syntax):
		return fmt.Sprintf("it is not valid JSON at character %d (%s)", syntax.Offset, strings.TrimPrefix(syntax.Error(), "json: "))
	case errors.As(err, &kind) && kind.Field == "":
		return fmt.Sprintf("it holds %s where carecost expects %s", jsonValueWords(kind.Value), jsonTypeWords(kind.Type))
	case errors.As(err, &kind):
		return fmt.Sprintf("the field %s holds %s where carecost expects %s", kind.Field, jsonValueWords(kind.Value), jsonTypeWords(kind.Type))
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// jsonValueWords names a kind of JSON value as the decoder reports it
// ("string", "array", "number 1.5").
func jsonValueWords(value string) string {
	word, _, _ := strings.Cut(value, " ")
	switch word {
	case "string":
		return "text"
	case "array":
		return "a list"
	case "object":
		return "a JSON object"
	case "bool":
		return "true or false"
	case "number":
		return "the " + value
	}
	return value
}

// jsonTypeWords names what a Go type holds, as JSON.
func jsonTypeWords(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "a JSON object"
	}
	return "a " + t.String()
}

// ImportPrograms writes programs into the catalog in one transaction, and
// says how many were added and how many replaced programs already there.
// The programs are checked as ReadPrograms checks them. A program with no
// ID is new and gets one; a program whose ID is already in the file is
// refused (ErrConflict, naming them) unless replace is set, and then it
// overwrites the one there. Times a program carries are kept; missing
// ones are set to now. The caller's programs are not changed. If
// anything is wrong, nothing is written.
func (db *DB) ImportPrograms(programs []planner.Program, replace bool) (added, replaced int, err error) {
	if err := checkPrograms(programs); err != nil {
		return 0, 0, fmt.Errorf("%w; nothing was imported", err)
	}
	programs = slices.Clone(programs)
	now := db.now()
	err = db.update(func(tx *bolt.Tx) error {
		if err := db.mustBeSound(tx, "nothing was imported"); err != nil {
			return err
		}
		catalog := top(tx, bucketPrograms)
		var existing []string
		for i := range programs {
			if id := programs[i].ID; id != "" && catalog.Get([]byte(id)) != nil {
				existing = append(existing, strconv.Quote(programs[i].Name))
			}
		}
		if len(existing) > 0 && !replace {
			are, them := "of the programs are", "them"
			if len(existing) == 1 {
				are, them = "of the programs is", "it"
			}
			return fmt.Errorf("%d %s %w (%s): import with --replace to overwrite %s",
				len(existing), are, ErrConflict, strings.Join(existing, ", "), them)
		}
		replaced = len(existing)
		// A program with no ID is new: one of the same name already in
		// the catalog is surely the same program, read in twice.
		names := map[string]bool{}
		if err := catalog.ForEach(func(k, v []byte) error {
			var p planner.Program
			if err := db.decode(catalog, k, v, &p); err != nil {
				return err
			}
			if !slices.ContainsFunc(programs, func(q planner.Program) bool { return q.ID == p.ID }) {
				names[nameKey(p.Name)] = true // a program the import replaces may be renamed
			}
			return nil
		}); err != nil {
			return err
		}
		for i := range programs {
			key := nameKey(programs[i].Name)
			if programs[i].ID == "" && names[key] {
				return fmt.Errorf("%s has no ID, and a program of that name is already in the catalog: to update it, export the catalog "+
					"and edit that copy (it keeps the IDs); to add it as another program, give it another name", programAt(programs, i))
			}
			names[key] = true
		}
		for i := range programs {
			p := &programs[i]
			if p.ID == "" {
				p.ID = NewID()
			}
			if p.Created.IsZero() {
				p.Created = now
			}
			if p.Updated.IsZero() {
				p.Updated = now
			}
			if err := db.put(tx, p, false); err != nil {
				return fmt.Errorf("%s: %w", programAt(programs, i), err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return len(programs) - replaced, replaced, nil
}
