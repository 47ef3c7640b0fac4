package store

import (
	"strings"
	"testing"

	"github.com/oklog/ulid/v2"

	"carecost/planner"
)

func TestAnIDSetFindsAnIDGivenTwice(t *testing.T) {
	var s idSet
	var ids []planner.ID
	// 2 × 256 × 256 IDs: 512 in each of the 256 spreads on average,
	// two chunks of 256; every spread is past its first chunk.
	for range 2 * idChunk * len(s.spread) {
		id := NewID()
		ids = append(ids, id)
		if s.add(id, ulid.MustParseStrict(string(id))) {
			t.Fatalf("%s was taken for one already there", id)
		}
	}
	for i, chunks := range s.spread {
		if len(chunks) < 2 {
			t.Fatalf("spread %d holds %d chunk(s): the test reads no chunk after the first", i, len(chunks))
		}
	}
	if id, ok := s.twice(); ok {
		t.Fatalf("no ID is given twice, and %s was found", id)
	}
	// The same ID in lower case is another: the file keeps IDs as text.
	lower := planner.ID(strings.ToLower(string(ids[7])))
	if s.add(lower, ulid.MustParseStrict(string(lower))) {
		t.Error("an ID in lower case was taken for the same in capitals")
	}
	if !s.add(lower, ulid.MustParseStrict(string(lower))) {
		t.Error("an ID in lower case given twice was not found at once")
	}
	if id, ok := s.twice(); ok {
		t.Fatalf("%s was found twice", id)
	}
	again := ids[len(ids)/2]
	s.add(again, ulid.MustParseStrict(string(again)))
	if id, ok := s.twice(); !ok || id != again {
		t.Errorf("found %q (%v), want %s", id, ok, again)
	}
}
