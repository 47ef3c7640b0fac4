package store

import (
	"slices"

	"github.com/oklog/ulid/v2"

	"carecost/planner"
)

// idSet is the record IDs an export holds, for finding one given twice.
// An export of 100,000 patients holds a million IDs: kept as text in a
// map, they took 100 MB; here each takes its 16 bytes, in small chunks
// spread by its last byte (random in a ULID), and the chunks of each
// spread are sorted once, when all are read. An ID written in lower
// case, which carecost never writes, is kept as it is, apart: only the
// same text is the same ID, as it is in the file.
type idSet struct {
	spread [256][][]ulid.ULID // by the ID's last byte; each chunk holds idChunk
	text   map[planner.ID]bool
}

// idChunk is how many IDs a chunk holds: the most memory left unused is
// 256 chunks not yet full, 1 MB.
const idChunk = 256

// add puts id in the set, and says whether it was already there when that
// is known at once (for an ID in lower case); twice finds the rest.
func (s *idSet) add(id planner.ID, u ulid.ULID) (already bool) {
	for i := range len(id) {
		if 'a' <= id[i] && id[i] <= 'z' {
			if s.text == nil {
				s.text = map[planner.ID]bool{}
			}
			already = s.text[id]
			s.text[id] = true
			return already
		}
	}
	chunks := &s.spread[u[len(u)-1]]
	if n := len(*chunks); n == 0 || len((*chunks)[n-1]) == idChunk {
		*chunks = append(*chunks, make([]ulid.ULID, 0, idChunk))
	}
	last := &(*chunks)[len(*chunks)-1]
	*last = append(*last, u)
	return false
}

// twice returns an ID added more than once, if there is one.
func (s *idSet) twice() (planner.ID, bool) {
	var all []ulid.ULID
	for i := range s.spread {
		all = all[:0]
		for _, c := range s.spread[i] {
			all = append(all, c...)
		}
		slices.SortFunc(all, ulid.ULID.Compare)
		for j := 1; j < len(all); j++ {
			if all[j] == all[j-1] {
				return planner.ID(all[j].String()), true
			}
		}
	}
	return "", false
}
