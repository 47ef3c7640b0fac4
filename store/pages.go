package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"runtime/debug"
	"sort"
	"sync/atomic"
)

// The page structure of a bbolt file (go.etcd.io/bbolt, internal/common
// page.go and meta.go), as verifyPages reads it. bbolt trusts it: it maps
// the file and follows each page's pointers and counts without checking
// them, so a damaged page can make it read outside the file (a fault, not
// a panic), follow a loop for ever, or assert and panic in a goroutine of
// its own. verifyPages checks them first, reading the file with bounded
// reads.
const (
	pageHeaderSize = 16 // id 8, flags 2, count 2, overflow 4
	elementSize    = 16 // branch: pos 4, ksize 4, pgid 8; leaf: flags 4, pos 4, ksize 4, vsize 4
	bucketHeader   = 16 // a bucket's value: root page 8, sequence 8

	branchPage   = 0x01
	leafPage     = 0x02
	metaPage     = 0x04
	freelistPage = 0x10
	bucketLeaf   = 0x01 // a leaf element that is a bucket

	noFreelist = ^uint64(0)
	metaSize   = 64 // magic to checksum, from metaOffset
	boltFormat = 2
	// maxDepth is deeper than any tree of a real file goes: pages within
	// a bucket, and buckets within buckets.
	maxDepth = 64
)

// pageReader follows a file's pages as bbolt would, checking each.
type pageReader struct {
	file     []byte // the whole file, mapped
	meta     []byte // the meta bbolt uses
	pageSize uint64
	highMark uint64   // pages in use: every page ID is below it
	seen     []uint64 // a bit for each page reached
	// shallow: the buckets of each patient are not followed (see
	// verifyPages).
	shallow bool
	// opening: only the root, meta and index buckets' own pages are
	// followed (see verifyOpening); pathOnly: node checks a page's
	// elements and follows none of them (see firstLeaves and seekPath).
	opening, pathOnly bool
	// checked: a bit for each page seekPath has checked.
	checked  []uint64
	path     []byte // of the bucket being read, "patients/ID"
	problems []PageProblem
	// value, when set, hears each value of the buckets followed, with the
	// path of its bucket, in the order of bbolt's ForEach: key order, a
	// bucket's values before those of the next bucket beside it.
	value func(path, key, value []byte)
	// order: each bucket's keys are checked to be in order, as bbolt's
	// own check does (go.etcd.io/bbolt tx_check.go): strictly rising
	// within a page, and each page's keys within the range the branch
	// above gives it, from its own key to the next one's.
	order bool
	// share, when set, is handed the patients' buckets a leaf of the
	// patients bucket holds, in order, rather than the reader following
	// them (see checkByPages).
	share func([]sharedBucket)
}

// sharedBucket is a bucket handed on to be followed elsewhere: its root
// page, or its inline page when that is 0, and its name.
type sharedBucket struct {
	root         uint64
	inline, name []byte
}

// reached says whether page id was reached. Readers that share seen (see
// checkByPages) ask only once all have finished, and reach a page only
// with reachOnce.
func (p *pageReader) reached(id uint64) bool { return p.seen[id/64]&(1<<(id%64)) != 0 }
func (p *pageReader) reach(id uint64)        { p.seen[id/64] |= 1 << (id % 64) }

// reachedNow is reached for a reader that may share seen with others
// still reading.
func (p *pageReader) reachedNow(id uint64) bool {
	return atomic.LoadUint64(&p.seen[id/64])&(1<<(id%64)) != 0
}

// reachOnce reaches page id, and says whether it was reached before, by
// this reader or another sharing seen.
func (p *pageReader) reachOnce(id uint64) (before bool) {
	bit := uint64(1) << (id % 64)
	return atomic.OrUint64(&p.seen[id/64], bit)&bit != 0
}

// PageProblem is damage to the file's pages that bbolt could not follow
// safely, and the bucket it was found in ("" for the file itself,
// "programs", "patients/ID"): what is in that bucket cannot be read.
type PageProblem struct {
	Bucket string
	Err    error
}

func (p PageProblem) Error() string { return "the file's structure is damaged " + p.detail() }

// detail is where the problem is and what it is.
func (p PageProblem) detail() string {
	if p.Bucket == "" {
		return "in its own pages: " + p.Err.Error()
	}
	return "in " + p.Bucket + ": " + p.Err.Error()
}

// verifyPages reads the structure of the bbolt file at path — its meta
// pages, its freelist and the tree of every bucket — and lists what in it
// bbolt cannot follow safely: none means it can all be followed. Each
// damaged bucket is one problem; the buckets beside it are still read.
// Shallow leaves out each patient's bucket, which is most of a large
// file: the patients bucket's own pages, the patient list, the catalog
// and the file's own pages are read all the same. It maps the file
// read-only, as bbolt does, and reads each page once. The error is for a
// file it cannot read at all, or one with no meta page bbolt can use
// (NoMetaError).
func verifyPages(path string, shallow bool) ([]PageProblem, error) {
	problems, _, err := verify(path, nil, shallow, false)
	return problems, err
}

// verifyPagesAt verifies every page of the file at path as a transaction
// sees it, from its meta page (magic to checksum), while the file may be
// written: the pages of a later commit may be handed on meanwhile, but
// none that an open transaction reads is.
func verifyPagesAt(path string, meta []byte) ([]PageProblem, error) {
	problems, _, err := verify(path, meta, false, false)
	return problems, err
}

// verifyOpening reads what a large file's first reads need before the
// rest of it is verified (see DB.verifyRest): the meta pages, the
// freelist's own page, the root bucket's pages, the meta bucket whole,
// and the index bucket's own pages with those of the buckets kept inline
// in it. Every other bucket is left to verifyPages. A file with no freelist is read
// whole, as verifyPages(path, true) reads it: bbolt reads all of its
// pages when it opens it. Whole says which it did.
func verifyOpening(path string) (problems []PageProblem, whole bool, err error) {
	return verify(path, nil, true, true)
}

// verify reads the file from meta, or from the meta page bbolt would use
// when it is nil.
func verify(path string, meta []byte, shallow, opening bool) ([]PageProblem, bool, error) {
	var problems []PageProblem
	var metaErr error
	whole := !opening
	err := withMapped(path, func(file []byte) {
		var p *pageReader
		var err error
		if meta == nil {
			p, err = newPageReader(file)
		} else {
			p, err = pageReaderAt(file, meta, uint64(binary.LittleEndian.Uint32(meta[8:])))
		}
		if err != nil {
			metaErr = err
			return
		}
		free, freeIDs := p.freePages()
		// Without a freelist, bbolt makes one at the first write by
		// following every page in a goroutine of its own (and at open,
		// for writing): they must all be sound.
		p.shallow = shallow && free != noFreelist
		p.opening = opening && free != noFreelist
		whole = !p.opening
		p.bucket(binary.LittleEndian.Uint64(p.meta[16:]), nil, nil)
		p.checkFree(free, freeIDs, false)
		problems = p.problems
	})
	if err == nil && metaErr != nil {
		err = &NoMetaError{metaErr}
	}
	return problems, whole, err
}

// freePages reads the freelist the meta page names, if it names one (free
// is noFreelist if not): its own page, and the pages it names. Damage to
// it is a problem of the file's own pages.
func (p *pageReader) freePages() (free uint64, ids []uint64) {
	free = binary.LittleEndian.Uint64(p.meta[32:])
	if free != noFreelist {
		var err error
		if ids, err = p.freelist(free); err != nil {
			p.problems = append(p.problems, PageProblem{Err: err})
		}
	}
	return free, ids
}

// checkFree checks the pages the freelist (page free) names, ids, against
// those reached: bbolt hands a free page to the next write, and one in
// use, or named twice, would be written over. With all, the pages were
// all followed, and each must be in use or free, as bbolt's own check
// says (go.etcd.io/bbolt tx_check.go): one neither is lost to the file.
// One problem is enough to refuse the file.
func (p *pageReader) checkFree(free uint64, ids []uint64, all bool) {
	named := make([]uint64, len(p.seen))
	for _, id := range ids {
		bit := uint64(1) << (id % 64)
		switch {
		case named[id/64]&bit != 0:
			p.problems = append(p.problems, PageProblem{Err: fmt.Errorf("the freelist names page %d twice", id)})
			return
		case p.reached(id) && id != free:
			p.problems = append(p.problems, PageProblem{Err: fmt.Errorf("the freelist names page %d, which is in use", id)})
			return
		}
		named[id/64] |= bit
	}
	if !all || free == noFreelist {
		return
	}
	for id := uint64(2); id < p.highMark; id++ {
		if !p.reached(id) && named[id/64]&(1<<(id%64)) == 0 {
			p.problems = append(p.problems, PageProblem{Err: fmt.Errorf("page %d is neither in use nor free", id)})
			return
		}
	}
}

// NoMetaError says a file has no meta page bbolt can use: it is no
// database, or not a whole one.
type NoMetaError struct{ Err error }

func (e *NoMetaError) Error() string { return e.Err.Error() }

// verifyTree reads the pages of one bucket of the file at path, from its
// root page down, and says what bbolt could not follow safely.
func verifyTree(path string, root uint64, name string) error {
	var problem error
	err := withMapped(path, func(file []byte) {
		p, err := newPageReader(file)
		if err != nil {
			problem = err
			return
		}
		p.bucket(root, nil, []byte(name))
		if len(p.problems) > 0 {
			problem = p.problems[0]
		}
	})
	if err != nil {
		return err
	}
	return problem
}

// withMapped maps the file at path read-only and runs read on its bytes.
// A file cut short by another program while it is read faults; that is a
// panic here, and an error.
func withMapped(path string, read func(file []byte)) (err error) {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() < 2*metaEnd {
		return fmt.Errorf("it is %d bytes long, too short for a database", info.Size())
	}
	file, unmap, err := mapFile(f, info.Size())
	if err != nil {
		return err
	}
	defer unmap()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("it changed while it was read (%v)", r)
		}
	}()
	read(file)
	return nil
}

// newPageReader reads the meta page bbolt would use.
func newPageReader(file []byte) (*pageReader, error) {
	meta, pageSize, err := chooseMeta(file)
	if err != nil {
		return nil, err
	}
	return pageReaderAt(file, meta, pageSize)
}

// pageReaderAt reads file from meta, a meta page's magic to checksum.
func pageReaderAt(file, meta []byte, pageSize uint64) (*pageReader, error) {
	p := &pageReader{file: file, meta: meta, pageSize: pageSize, highMark: binary.LittleEndian.Uint64(meta[40:])}
	if pages := uint64(len(file)) / pageSize; p.highMark < 3 || p.highMark > pages {
		return nil, fmt.Errorf("its meta page says it holds %d pages, and the file has room for %d", p.highMark, pages)
	}
	p.seen = make([]uint64, (p.highMark+63)/64)
	p.reach(0)
	p.reach(1)
	return p, nil
}

// bucket checks the bucket name inside the one being read, whose root
// page is root (or whose inline page is inline, when root is 0); damage
// to it is its problem.
func (p *pageReader) bucket(root uint64, inline []byte, name []byte) {
	parent := len(p.path)
	if parent > 0 {
		p.path = append(p.path, '/')
	}
	p.path = append(p.path, name...)
	defer func() { p.path = p.path[:parent] }()
	if p.shallow && bytes.HasPrefix(p.path, patientsPrefix) {
		return // a patient's bucket
	}
	if p.opening && root != 0 && p.later(parent, name) {
		return // a bucket with pages of its own, left to verifyPages
	}
	if bytes.Count(p.path, []byte("/")) > maxDepth {
		p.problems = append(p.problems, PageProblem{Bucket: string(p.path), Err: errors.New("its buckets are nested deeper than bbolt makes them")})
		return
	}
	var err error
	if root != 0 {
		err = p.tree(root, 0, nil, nil)
	} else {
		err = p.node(inline, binary.LittleEndian.Uint16(inline[8:]), 0, 0, nil, nil)
	}
	if err != nil {
		p.problems = append(p.problems, PageProblem{Bucket: string(p.path), Err: err})
	}
}

// later says whether verifyOpening leaves the bucket name, inside the one
// at p.path[:parent], to verifyPages: each top-level bucket but meta and
// index, and each bucket inside index.
func (p *pageReader) later(parent int, name []byte) bool {
	if parent == 0 {
		return len(name) > 0 && !bytes.Equal(name, bucketMeta) && !bytes.Equal(name, bucketIndex)
	}
	return bytes.HasPrefix(p.path, indexPrefix)
}

// patientsPrefix starts the path of every patient's bucket, and
// indexPrefix that of each index.
var (
	patientsPrefix = []byte("patients/")
	indexPrefix    = []byte("index/")
)

// chooseMeta reads both meta pages and returns the one bbolt uses: the
// valid one of the later transaction. Its page size is the first meta
// page's when that is valid, else the system's (as bbolt opens a file).
func chooseMeta(file []byte) (meta []byte, pageSize uint64, err error) {
	read := func(at uint64) ([]byte, error) {
		if at+metaEnd > uint64(len(file)) {
			return nil, errors.New("the file ends before it")
		}
		b := file[at+metaOffset : at+metaEnd]
		if binary.LittleEndian.Uint32(b) != boltMagic || binary.LittleEndian.Uint32(b[4:]) != boltFormat {
			return nil, errors.New("not a meta page")
		}
		h := fnv.New64a()
		h.Write(b[:56])
		if h.Sum64() != binary.LittleEndian.Uint64(b[56:]) {
			return nil, errors.New("its checksum does not match")
		}
		return b, nil
	}
	meta0, err0 := read(0)
	pageSize = uint64(os.Getpagesize())
	meta1, err1 := []byte(nil), errors.New("not found")
	if err0 == nil {
		pageSize = uint64(binary.LittleEndian.Uint32(meta0[8:]))
		if pageSize < 512 || pageSize > 1<<24 || pageSize&(pageSize-1) != 0 {
			return nil, 0, fmt.Errorf("its page size, %d, is not one bbolt writes", pageSize)
		}
		meta1, err1 = read(pageSize)
	} else {
		// As bbolt does: the second meta page is one page in, at a page
		// size from 1 KiB to 16 MiB that it names itself.
		for size := uint64(1 << 10); size <= 1<<24 && err1 != nil; size <<= 1 {
			if m, err := read(size); err == nil && uint64(binary.LittleEndian.Uint32(m[8:])) == size {
				meta1, err1, pageSize = m, nil, size
			}
		}
	}
	switch {
	case err0 != nil && err1 != nil:
		return nil, 0, fmt.Errorf("neither meta page can be read (%v; %v)", err0, err1)
	case err1 != nil:
		return meta0, pageSize, nil
	case err0 != nil:
		return meta1, pageSize, nil
	}
	if binary.LittleEndian.Uint32(meta1[8:]) != uint32(pageSize) {
		return nil, 0, errors.New("its meta pages disagree on the page size")
	}
	if binary.LittleEndian.Uint64(meta1[48:]) > binary.LittleEndian.Uint64(meta0[48:]) {
		return meta1, pageSize, nil
	}
	return meta0, pageSize, nil
}

// page returns page id whole, with its overflow pages, after checking it
// is a page of the file that has not been reached before.
func (p *pageReader) page(id uint64, from string) ([]byte, uint16, error) {
	switch {
	case id < 2 || id >= p.highMark:
		return nil, 0, fmt.Errorf("%s points to page %d, outside the %d pages in use", from, id, p.highMark)
	}
	// Only a page that is one is reached: a damaged pointer to a free
	// page leaves it free, its damage the bucket's alone.
	head := p.file[id*p.pageSize:]
	if got := binary.LittleEndian.Uint64(head); got != id {
		return nil, 0, fmt.Errorf("page %d says it is page %d", id, got)
	}
	flags := binary.LittleEndian.Uint16(head[8:])
	overflow := uint64(binary.LittleEndian.Uint32(head[12:]))
	if overflow >= p.highMark-id {
		return nil, 0, fmt.Errorf("page %d runs %d pages on, past the %d in use", id, overflow, p.highMark)
	}
	for i := id + 1; i <= id+overflow; i++ {
		if p.reachedNow(i) {
			return nil, 0, fmt.Errorf("page %d runs on into page %d, which something else points to", id, i)
		}
	}
	for i := id; i <= id+overflow; i++ {
		if p.reachOnce(i) { // reached meanwhile by a reader sharing seen
			return nil, 0, fmt.Errorf("%s points to page %d, which something else points to too", from, i)
		}
	}
	return p.whole(id), flags, nil
}

// whole is page id with the overflow pages its header counts (checked by
// page).
func (p *pageReader) whole(id uint64) []byte {
	overflow := uint64(binary.LittleEndian.Uint32(p.file[id*p.pageSize+12:]))
	return p.file[id*p.pageSize : (id+overflow+1)*p.pageSize]
}

// freelist checks the page of the pages not in use, and returns them.
func (p *pageReader) freelist(id uint64) ([]uint64, error) {
	data, flags, err := p.page(id, "the meta page's freelist")
	if err != nil {
		return nil, err
	}
	if flags != freelistPage {
		return nil, fmt.Errorf("page %d should be the freelist, and is not (flags %#x)", id, flags)
	}
	start, count := uint64(pageHeaderSize), uint64(binary.LittleEndian.Uint16(data[10:]))
	if count == 0xFFFF { // the real count is the first element
		count, start = binary.LittleEndian.Uint64(data[pageHeaderSize:]), pageHeaderSize+8
	}
	if count > (uint64(len(data))-start)/8 {
		return nil, fmt.Errorf("the freelist (page %d) counts %d pages, more than it holds", id, count)
	}
	ids := make([]uint64, count)
	for i := range count {
		if ids[i] = binary.LittleEndian.Uint64(data[start+8*i:]); ids[i] < 2 || ids[i] >= p.highMark {
			return nil, fmt.Errorf("the freelist (page %d) names page %d, outside the %d pages in use", id, ids[i], p.highMark)
		}
	}
	return ids, nil
}

// tree checks the pages of a bucket from page id down; depth is how far
// below the bucket's root page it is, and [lo, hi) the range of its keys
// (nil for no bound), checked with p.order.
func (p *pageReader) tree(id uint64, depth int, lo, hi []byte) error {
	_, _, err := p.treeNode(id, depth, lo, hi)
	return err
}

// treeNode checks page id of a bucket, depth below its root page, and
// returns it with its flags: with pathOnly, the page alone; without, what
// it points to as well.
func (p *pageReader) treeNode(id uint64, depth int, lo, hi []byte) ([]byte, uint16, error) {
	if depth > maxDepth {
		return nil, 0, fmt.Errorf("its pages are nested %d deep, deeper than bbolt makes them", depth)
	}
	data, flags, err := p.page(id, "a bucket")
	if err == nil {
		err = p.node(data, flags, id, depth, lo, hi)
	}
	if err != nil {
		return nil, 0, err
	}
	return data, flags, nil
}

// placeOf names a page, or a bucket kept inside its parent's page (id 0),
// for a message.
type placeOf uint64

func (id placeOf) String() string {
	if id == 0 {
		return "a bucket kept inside its parent"
	}
	return fmt.Sprintf("page %d", uint64(id))
}

// node checks one branch or leaf page of the bucket at path (or a
// bucket's inline page, id 0), whose keys are in [lo, hi), then what its
// elements point to: the pages below it, and the buckets inside it, each
// on its own.
func (p *pageReader) node(data []byte, flags uint16, id uint64, depth int, lo, hi []byte) error {
	where := placeOf(id)
	count := uint64(binary.LittleEndian.Uint16(data[10:]))
	if count > (uint64(len(data))-pageHeaderSize)/elementSize {
		return fmt.Errorf("%s counts %d elements, more than it holds", where, count)
	}
	var prev []byte // the key before, with p.order
	switch {
	case flags == branchPage && id != 0:
		if count == 0 {
			return fmt.Errorf("%s is a branch with nothing under it", where)
		}
		key := func(i uint64) []byte {
			e := pageHeaderSize + i*elementSize
			pos, ksize := uint64(binary.LittleEndian.Uint32(data[e:])), uint64(binary.LittleEndian.Uint32(data[e+4:]))
			return data[e+pos : e+pos+ksize]
		}
		for i := range count {
			e := pageHeaderSize + i*elementSize
			pos, ksize := uint64(binary.LittleEndian.Uint32(data[e:])), uint64(binary.LittleEndian.Uint32(data[e+4:]))
			if e+pos+ksize > uint64(len(data)) {
				return fmt.Errorf("%s has a key that runs past its end", where)
			}
			if p.order {
				if err := inOrder(where, key(i), prev, lo, hi); err != nil {
					return err
				}
				prev = key(i)
			}
		}
		if p.pathOnly {
			return nil
		}
		for i := range count {
			below := hi
			if i+1 < count {
				below = key(i + 1)
			}
			if err := p.tree(binary.LittleEndian.Uint64(data[pageHeaderSize+i*elementSize+8:]), depth+1, key(i), below); err != nil {
				return err
			}
		}
		return nil
	case flags == leafPage:
		// The elements are checked before any bucket among them is
		// followed: a bucket's damage is its own.
		// With p.value, the values are among the children, heard in
		// their place.
		type child struct {
			root         uint64
			inline, name []byte
			value        []byte // of a value, not a bucket
		}
		var few [16]child
		children := few[:0]
		for i := range count {
			e := pageHeaderSize + i*elementSize
			kind := binary.LittleEndian.Uint32(data[e:])
			pos, ksize := uint64(binary.LittleEndian.Uint32(data[e+4:])), uint64(binary.LittleEndian.Uint32(data[e+8:]))
			vsize := uint64(binary.LittleEndian.Uint32(data[e+12:]))
			start := e + pos + ksize
			if start+vsize > uint64(len(data)) {
				return fmt.Errorf("%s has a key or value that runs past its end", where)
			}
			if p.order {
				if err := inOrder(where, data[e+pos:start], prev, lo, hi); err != nil {
					return err
				}
				prev = data[e+pos : start]
			}
			if p.pathOnly {
				continue
			}
			name, value := data[e+pos:start], data[start:start+vsize]
			if kind&bucketLeaf == 0 {
				if p.value != nil {
					children = append(children, child{name: name, value: value})
				}
				continue
			}
			if len(value) < bucketHeader {
				return fmt.Errorf("%s has a bucket too short to be one", where)
			}
			c := child{root: binary.LittleEndian.Uint64(value), name: name}
			if c.root == 0 {
				if c.inline = value[bucketHeader:]; len(c.inline) < pageHeaderSize {
					return fmt.Errorf("%s has a bucket inside it too short to be one", where)
				}
			}
			children = append(children, c)
		}
		var shared []sharedBucket
		for _, c := range children {
			switch {
			case c.value != nil:
				p.value(p.path, c.name, c.value)
			case p.share != nil && bytes.Equal(p.path, bucketPatients):
				shared = append(shared, sharedBucket{c.root, c.inline, c.name})
			default:
				p.bucket(c.root, c.inline, c.name)
			}
		}
		if len(shared) > 0 {
			p.share(shared)
		}
		return nil
	}
	return fmt.Errorf("%s should be a branch or a leaf of a bucket, and is not (flags %#x)", where, flags)
}

// inOrder checks a key of the page where against the key before it on
// the page (nil for the first) and the range [lo, hi) of the page's keys.
func inOrder(where placeOf, key, prev, lo, hi []byte) error {
	switch {
	case prev != nil && bytes.Compare(prev, key) >= 0:
		return fmt.Errorf("%s holds its keys out of order", where)
	case prev == nil && lo != nil && bytes.Compare(key, lo) < 0,
		hi != nil && bytes.Compare(key, hi) >= 0:
		return fmt.Errorf("%s holds a key outside the range the page above gives it", where)
	}
	return nil
}

// Damaged says the error is damage to the file, for callers that cannot
// name ErrDamaged.
func (p PageProblem) Damaged() bool { return true }

// firstLeaves checks the pages a cursor reads from the start of the tree
// whose root is page id to its want-th element: the leaves in key order
// and the branches above them, until they hold want elements. Each is
// read once: a page reached twice is damage, and would make the cursor go
// round. The tree is a bucket's (bucket names it), which verifyPages has
// not read yet.
func (p *pageReader) firstLeaves(id uint64, want int, bucket string) error {
	p.pathOnly = true
	var walk func(id uint64, depth int) error
	walk = func(id uint64, depth int) error {
		data, flags, err := p.treeNode(id, depth, nil, nil)
		if err != nil {
			return err
		}
		count := int(binary.LittleEndian.Uint16(data[10:]))
		if flags == leafPage {
			want -= count
			return nil
		}
		for i := 0; i < count && want > 0; i++ {
			if err := walk(binary.LittleEndian.Uint64(data[pageHeaderSize+i*elementSize+8:]), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(id, 0); err != nil {
		return PageProblem{Bucket: bucket, Err: err}
	}
	return nil
}

// seekPath checks the pages bbolt reads to find key in the tree whose
// root is page id, a bucket's (bucket names it): from the root, down the
// branch that bbolt's cursor takes (go.etcd.io/bbolt cursor.go,
// searchPage), to a leaf. A page already checked is not checked again.
func (p *pageReader) seekPath(id uint64, key []byte, bucket string) error {
	p.pathOnly = true
	if p.checked == nil {
		p.checked = make([]uint64, len(p.seen))
	}
	for depth := 0; ; depth++ {
		data, flags, err := p.checkedPage(id, depth)
		if err != nil {
			return PageProblem{Bucket: bucket, Err: err}
		}
		if flags == leafPage {
			return nil
		}
		count := int(binary.LittleEndian.Uint16(data[10:]))
		elementKey := func(i int) []byte {
			e := pageHeaderSize + i*elementSize
			pos, ksize := int(binary.LittleEndian.Uint32(data[e:])), int(binary.LittleEndian.Uint32(data[e+4:]))
			return data[e+pos : e+pos+ksize]
		}
		exact := false
		i := sort.Search(count, func(i int) bool {
			ret := bytes.Compare(elementKey(i), key)
			if ret == 0 {
				exact = true
			}
			return ret != -1
		})
		if !exact && i > 0 {
			i--
		}
		id = binary.LittleEndian.Uint64(data[pageHeaderSize+i*elementSize+8:])
	}
}

// checkedPage returns page id as page does, its elements checked, once;
// a page reached again (by another key's path) is returned as it is.
func (p *pageReader) checkedPage(id uint64, depth int) ([]byte, uint16, error) {
	if depth <= maxDepth && id >= 2 && id < p.highMark && p.checked[id/64]&(1<<(id%64)) != 0 {
		head := p.file[id*p.pageSize:]
		return p.whole(id), binary.LittleEndian.Uint16(head[8:]), nil
	}
	data, flags, err := p.treeNode(id, depth, nil, nil)
	if err == nil {
		p.checked[id/64] |= 1 << (id % 64)
	}
	return data, flags, err
}
