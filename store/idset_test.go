package store

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"

	"carecost/planner"
)

func TestAnIDSetFindsAnIDGivenTwice(t *testing.T) {
	for _, spill := range []bool{false, true} {
		name := "in memory"
		if spill {
			name = "spilled to a file"
		}
		t.Run(name, func(t *testing.T) {
			var s idSet
			dir := t.TempDir()
			if spill {
				// Two runs of 50,000 IDs spilled, and the rest held.
				was := idsHeld
				idsHeld = 50_000
				t.Cleanup(func() { idsHeld = was })
				s.spillTo(dir)
			}
			defer s.close()
			add := func(id planner.ID) {
				t.Helper()
				if err := s.add(id, ulid.MustParseStrict(string(id))); err != nil {
					t.Fatal(err)
				}
			}
			var ids []planner.ID
			// 2 × 256 × 256 IDs: 512 in each of the 256 spreads on average,
			// two chunks of 256; every spread is past its first chunk.
			for range 2 * idChunk * len(s.spread) {
				id := NewID()
				ids = append(ids, id)
				add(id)
			}
			if spill {
				if len(s.runs) != 2*idChunk*len(s.spread)/idsHeld {
					t.Fatalf("%d runs spilled, want %d", len(s.runs), 2*idChunk*len(s.spread)/idsHeld)
				}
				if left, _ := os.ReadDir(dir); len(left) != 0 {
					t.Errorf("the file spilled to is left in the folder while it is open: %v", left)
				}
			} else {
				for i, chunks := range s.spread {
					if len(chunks) < 2 {
						t.Fatalf("spread %d holds %d chunk(s): the test reads no chunk after the first", i, len(chunks))
					}
				}
			}
			twice := func() (planner.ID, bool) {
				t.Helper()
				id, ok, err := s.twice()
				if err != nil {
					t.Fatal(err)
				}
				return id, ok
			}
			if id, ok := twice(); ok {
				t.Fatalf("no ID is given twice, and %s was found", id)
			}
			// The same ID in lower case is another: the file keeps IDs as
			// text.
			lower := planner.ID(strings.ToLower(string(ids[7])))
			add(lower)
			if id, ok := twice(); ok {
				t.Fatalf("%s was found twice: an ID in lower case was taken for the same in capitals", id)
			}
			add(lower)
			if id, ok := twice(); !ok || id != lower {
				t.Fatalf("an ID in lower case given twice: found %q (%v), want %s", id, ok, lower)
			}
			// The first ID (in the first run, spilled) given again and
			// held in memory; an ID of the second run (the 65,537th)
			// given again as the 131,073rd, then 50,000 more: spilled in
			// the third run (IDs 100,001 to 150,000).
			for _, again := range []struct {
				id    planner.ID
				after int
			}{{ids[0], 0}, {ids[len(ids)/2], idsHeld}} {
				var s2 idSet
				if spill {
					s2.spillTo(t.TempDir())
				}
				for _, id := range append(append(ids[:len(ids):len(ids)], again.id), newIDs(again.after)...) {
					if err := s2.add(id, ulid.MustParseStrict(string(id))); err != nil {
						t.Fatal(err)
					}
				}
				if id, ok, err := s2.twice(); err != nil || !ok || id != again.id {
					t.Errorf("found %q (%v, %v), want %s", id, ok, err, again.id)
				}
				s2.close()
			}
		})
	}
}

func TestAnIDSetThatCannotSpillSaysWhy(t *testing.T) {
	was := idsHeld
	idsHeld = 10
	t.Cleanup(func() { idsHeld = was })
	var s idSet
	s.spillTo(t.TempDir() + "/gone")
	defer s.close()
	var err error
	for range idsHeld {
		id := NewID()
		if err = s.add(id, ulid.MustParseStrict(string(id))); err != nil {
			break
		}
	}
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, new(keepError)) {
		t.Fatalf("spilling into a folder that is not there: %v", err)
	}
	if _, _, err2 := s.twice(); err2 != err {
		t.Errorf("twice after a failed spill: %v, want %v", err2, err)
	}
}

func newIDs(n int) []planner.ID {
	ids := make([]planner.ID, n)
	for i := range ids {
		ids[i] = NewID()
	}
	return ids
}

// An import written into a copy spills the IDs it reads to a file beside
// the database, finds an ID given twice across what it spilled, and
// leaves nothing behind either way.
func TestALargeImportSpillsItsIDsAndLeavesNothingBehind(t *testing.T) {
	src, _ := openTemp(t)
	addDemos(t, src, 4)
	var export bytes.Buffer
	if err := src.Export(&export); err != nil {
		t.Fatal(err)
	}
	wasInPlace, wasHeld := importInPlace, idsHeld
	t.Cleanup(func() { importInPlace, idsHeld = wasInPlace, wasHeld })
	// Written into a copy (two patients read, then the rest), spilling
	// every 7 IDs: each of the demo's patients holds dozens.
	importInPlace, idsHeld = 1, 7
	only := func(t *testing.T, path string) {
		t.Helper()
		left, err := os.ReadDir(filepath.Dir(path))
		if err != nil {
			t.Fatal(err)
		}
		if len(left) != 1 || left[0].Name() != filepath.Base(path) {
			t.Errorf("the folder holds %v, want the file alone", left)
		}
	}

	db, path := openTemp(t)
	made := keepFilesMade.Load()
	r, err := db.ImportFrom(bytes.NewReader(export.Bytes()), DefaultLimits, false)
	if err != nil || r.Patients != len(mustList(t, src)) {
		t.Fatalf("import: %+v, %v", r, err)
	}
	// One file for the IDs spilled, one for the patients listed last
	// (see idList).
	if n := keepFilesMade.Load() - made; n < 2 {
		t.Errorf("the import kept %d files beside the database, want its IDs and its list spilled", n)
	}
	only(t, path)

	// The last program's ID given to the first patient's first course:
	// the program comes last, long after the course was spilled.
	f, err := src.LoadPatient(mustList(t, src)[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	text := export.String()
	programs := text[strings.Index(text, `"Programs": [`):]
	program := programs[strings.LastIndex(programs, `"ID": "`)+len(`"ID": "`):][:26]
	course := string(f.Courses[0].ID)
	twice := text[:len(text)-len(programs)] + strings.Replace(programs, program, course, 1)
	empty, emptyPath := openTemp(t)
	was := sha256Of(t, emptyPath)
	made = keepFilesMade.Load()
	if _, err := empty.ImportFrom(strings.NewReader(twice), DefaultLimits, false); err == nil ||
		!strings.Contains(err.Error(), "the ID "+course+" appears twice; nothing was imported") {
		t.Errorf("an ID given twice, far apart: %v", err)
	}
	empty.Close()
	if sha256Of(t, emptyPath) != was {
		t.Error("a refused import changed the file")
	}
	if keepFilesMade.Load() == made {
		t.Error("the import refused kept nothing beside the database: the ID given twice was found in memory, not spilled")
	}
	only(t, emptyPath)
}

func TestAnIDListGivesBackItsIDsInOrder(t *testing.T) {
	dir := t.TempDir()
	l := idList{dir: dir}
	defer l.close()
	if err := l.each(func(planner.ID) error { return errors.New("an empty list has no IDs") }); err != nil {
		t.Fatal(err)
	}
	want := append(newIDs(20_000), "01m91chfptfw2bp82e0jctyyxs")
	for _, id := range want {
		if err := l.add(id); err != nil {
			t.Fatal(err)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the list's file is left in the folder while it is open: %v", left)
	}
	var got []planner.ID
	if err := l.each(func(id planner.ID) error { got = append(got, id); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("read back %d IDs, not the %d added in their order", len(got), len(want))
	}
	stop := errors.New("stop")
	n := 0
	if err := l.each(func(planner.ID) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("each went on after an error: %d IDs, %v", n, err)
	}
}

// Keeping what an import read failing is said as that, not as the
// import's fault: a full disk, or the error of the folder.
func TestAnImportThatCannotKeepItsIDsSaysWhy(t *testing.T) {
	full := unusable(keepError{&os.PathError{Op: "write", Path: "/x/.carecost-import-1.ids", Err: syscall.ENOSPC}})
	if !strings.HasPrefix(full.Error(), "the disk is full: ") || strings.Contains(full.Error(), "cannot be used") || !errors.Is(full, syscall.ENOSPC) {
		t.Errorf("a full disk: %v", full)
	}
	denied := unusable(keepError{&os.PathError{Op: "open", Path: "/x/.carecost-import-1.ids", Err: syscall.EACCES}})
	if want := "cannot keep the IDs the import has read in a file beside the database (permission denied); nothing was imported"; denied.Error() != want {
		t.Errorf("got %q, want %q", denied, want)
	}
	if bad := unusable(errors.New("the ID X appears twice")); !strings.HasPrefix(bad.Error(), "the import cannot be used: ") {
		t.Errorf("the import's own fault: %v", bad)
	}
}

// An import killed where an open file cannot be removed leaves its keep
// file behind; the next import to keep one beside the same file removes
// those untouched for staleAfter, and nothing else.
func TestAnImportClearsKeepFilesLeftBehind(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-staleAfter - time.Minute)
	names := map[string]bool{ // the name, and whether it should stay
		".carecost-import-123456.ids": false, // left by a killed import
		".carecost-import-987654.ids": true,  // another import's, in use
		".carecost-import-abc.ids":    true,  // not a name an import gives
		"carecost-import-111.ids":     true,  // not hidden: not an import's
		".carecost-import-222.idsx":   true,
		"patients.db":                 true,
	}
	for name := range names {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if name != ".carecost-import-987654.ids" { // every other one long untouched
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	f, err := newKeepFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	dropKeepFile(&f)
	for name, stays := range names {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := errors.Is(err, fs.ErrNotExist); gone == stays {
			t.Errorf("%s: gone %v, want %v", name, gone, !stays)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(names)-1 {
		t.Errorf("%d files in the folder, want %d: the new keep file stayed", len(entries), len(names)-1)
	}
}
