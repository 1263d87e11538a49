package catalog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"sort"

	"go.yaml.in/yaml/v3"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
)

// A snapshot is the formula files already parsed into YAML node trees, in
// a compact binary form embedded beside them, with what the full load of
// those files found: which files each file reads (so a command can load
// one formula's files and no others), the list of formulas (so `list`
// loads none), and the parsed message catalogs. Parsing YAML and TOML is
// most of the cost of loading; decoding the snapshot takes a fraction of
// it. The snapshot is used only when every file's hash matches what it was
// made from, so a stale snapshot can slow loading down but never change
// it. `go generate ./formulas` rewrites it after proving the files; a test
// fails when it is stale.
//
// The trees are generic: a new section or field of the formula files
// needs no change here. The index is derived from the loaded Catalog
// (Catalog.Index, the ids it defines) and from every identifier written
// anywhere in a file, so it too follows the files by itself.

// SnapshotName is the file the snapshot lives in, beside the YAML.
const SnapshotName = "catalog.snap"

const snapMagic = "CNTXSNP2"

// Hash is the fingerprint of one formula file: its CRC-32 and its length.
// (IEEE, not Castagnoli: both run on the CPU's own instructions, but the
// Castagnoli tables take 0.2 ms to build at every start.)
func Hash(b []byte) uint64 {
	return uint64(crc32.ChecksumIEEE(b))<<32 | uint64(uint32(len(b)))
}

// SizesFS fingerprints the files of fsys matching pattern by their names
// and sizes, which need no byte of them read. It is how the message
// catalogs and the list of formulas are known to be current: they change
// no number, and a snapshot made before an edit of the same size is
// caught by the test that regenerates it (TestSnapshotFresh). What a
// command computes with is checked by the hash of every file it loads.
func SizesFS(fsys fs.FS, pattern string) (uint64, error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return 0, err
	}
	sort.Strings(names)
	var b []byte
	for _, n := range names {
		fi, err := fs.Stat(fsys, n)
		if err != nil {
			return 0, err
		}
		b = append(b, n...)
		b = binary.LittleEndian.AppendUint64(append(b, 0), uint64(fi.Size()))
	}
	return Hash(b), nil
}

// SnapshotSource is what a snapshot is made of. Cat and Messages are
// optional (tests of the trees alone leave them out); the generator gives
// the full load of Files and of the i18n files, after it proved them.
type SnapshotSource struct {
	Files         map[string][]byte // formula file name → contents
	Cat           *Catalog
	MessagesSizes uint64 // SizesFS of the i18n files
	Messages      map[i18n.Lang]*i18n.Catalog
}

type snapFile struct {
	hash uint64
	// root decodes the file's tree (see decodeTree); files decode
	// independently.
	root func(skip, keep func(string) bool) (*yaml.Node, error)
}

// Snapshot is a decoded snapshot; trees and messages decode on demand.
type Snapshot struct {
	files map[string]snapFile
	// indexSec is the encoded index (the list, and for each formula what
	// loading it alone takes), read when asked for; blob holds its strings.
	indexSec, blob string
	msgsHash       uint64
	msgs           func() map[i18n.Lang]*i18n.Catalog
}

// EncodeSnapshot parses each file and encodes the trees, and the index
// and messages when src has them.
func EncodeSnapshot(src SnapshotSource) ([]byte, error) {
	files := src.Files
	names := sortedKeys(files)
	// Every string once, in one blob; a reference is its offset and length,
	// so decoding builds no table: a string is a slice of the blob.
	strs := map[string]uint64{}
	var blob []byte
	intern := func(s string) uint64 {
		if off, ok := strs[s]; ok {
			return off
		}
		strs[s] = uint64(len(blob))
		blob = append(blob, s...)
		return strs[s]
	}
	// Messages first, keys together and each language's messages together:
	// a lookup then touches few pages of the blob.
	if src.Messages != nil {
		for _, k := range src.Messages[i18n.Langs[0]].Keys() {
			intern(k)
		}
		for _, l := range i18n.Langs {
			if c := src.Messages[l]; c != nil {
				for _, k := range c.Keys() {
					intern(k)
				}
				for _, k := range c.Keys() {
					v, _ := c.Raw(k)
					intern(v)
				}
			}
		}
	}
	var body []byte
	put := func(v uint64) { body = binary.AppendUvarint(body, v) }
	ref := func(s string) { put(intern(s)); put(uint64(len(s))) }
	// A node: kind, style, tag, value, line, column, children; a node with
	// children also gives their encoded length, so a section a command
	// does not need can be stepped over.
	// The entries of a file's sections (params and tables by id) and the
	// items of its lists (formulas, scenarios) carry their id, so that a
	// command decodes only those it needs.
	entry := map[string]bool{}
	if src.Cat != nil {
		entry = entryIDs(src.Cat)
	}
	var enc func(n *yaml.Node, depth int, parent yaml.Kind, idx int) error
	enc = func(n *yaml.Node, depth int, parent yaml.Kind, idx int) error {
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			return errors.New("anchors and aliases are not supported in formula files")
		}
		put(uint64(n.Kind))
		put(uint64(n.Style))
		ref(n.Tag)
		ref(n.Value)
		put(uint64(n.Line))
		put(uint64(n.Column))
		put(uint64(len(n.Content)))
		if depth == itemDepth {
			switch {
			case parent == yaml.SequenceNode:
				ref(itemID(n))
			case parent == yaml.MappingNode && idx%2 == 0 && n.Kind == yaml.ScalarNode && entry[n.Value]:
				ref(n.Value)
			case parent == yaml.MappingNode && idx%2 == 0:
				ref("")
			}
		}
		if len(n.Content) == 0 {
			return nil
		}
		outer := body
		body = nil
		for i, c := range n.Content {
			if err := enc(c, depth+1, n.Kind, i); err != nil {
				return err
			}
		}
		kids := body
		body = binary.AppendUvarint(outer, uint64(len(kids)))
		body = append(body, kids...)
		return nil
	}
	count := func(n *yaml.Node) int {
		k := 0
		var walk func(*yaml.Node)
		walk = func(n *yaml.Node) {
			k++
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(n)
		return k
	}
	var header []byte
	uv := func(v uint64) { header = binary.AppendUvarint(header, v) }
	href := func(s string) { uv(intern(s)); uv(uint64(len(s))) }
	uv(uint64(len(names)))
	roots := map[string]*yaml.Node{}
	for _, name := range names {
		var root yaml.Node
		if err := yaml.Unmarshal(files[name], &root); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		roots[name] = &root
		start := len(body)
		put(uint64(count(&root)))
		if err := enc(&root, 0, 0, 0); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		href(name)
		header = binary.LittleEndian.AppendUint64(header, Hash(files[name]))
		uv(uint64(len(body) - start))
	}
	// The index: the list, and for each formula what loading it needs; a
	// section with its length first, so that a command that does not read
	// it steps over it.
	if src.Cat == nil {
		uv(0)
	} else {
		uv(1)
		outer := header
		header = nil
		need := needs(roots, src.Cat)
		ix := src.Cat.Index()
		uv(uint64(len(ix.Categories)))
		for _, c := range ix.Categories {
			href(c.ID)
			uv(uint64(len(c.Formulas)))
			for _, h := range c.Formulas {
				href(h.ID)
				href(h.File)
				uv(uint64(h.ValidFrom))
				uv(uint64(h.ValidTo))
				href(h.ReplacedBy)
				nd := need[h.ID]
				for _, list := range [][]string{nd.files, nd.items} {
					uv(uint64(len(list)))
					for _, x := range list {
						href(x)
					}
				}
			}
		}
		section := header
		header = binary.AppendUvarint(outer, uint64(len(section)))
		header = append(header, section...)
	}
	if src.Messages == nil {
		uv(0)
	} else {
		uv(1)
		header = binary.LittleEndian.AppendUint64(header, src.MessagesSizes)
		uv(uint64(len(i18n.Langs)))
		// Each language a table sorted by key, of fixed-width entries
		// (key offset, length, message offset, length; 4 bytes each), so
		// a lookup is a binary search in place and loading decodes none.
		for _, l := range i18n.Langs {
			c := src.Messages[l]
			if c == nil {
				return nil, fmt.Errorf("no %s messages", l)
			}
			keys := c.Keys()
			href(string(l))
			uv(uint64(len(keys)))
			for _, k := range keys {
				v, _ := c.Raw(k)
				for _, x := range []uint64{intern(k), uint64(len(k)), intern(v), uint64(len(v))} {
					header = binary.LittleEndian.AppendUint32(header, uint32(x))
				}
			}
		}
	}
	out := []byte(snapMagic)
	out = binary.AppendUvarint(out, uint64(len(blob)))
	out = append(out, blob...)
	out = append(out, header...)
	return append(out, body...), nil
}

// itemDepth is where the items of a file's lists sit (document, top
// mapping, list, item): formulas, and any other list of things with ids a
// file may hold. A command that needs one formula decodes only the items
// it needs.
const itemDepth = 3

// itemID is the id of a list item, "" if it has none.
func itemID(n *yaml.Node) string {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "id" && n.Content[i+1].Kind == yaml.ScalarNode {
				return n.Content[i+1].Value
			}
		}
	}
	return ""
}

// prose are the fields whose text the loader never resolves as ids, so
// an id named in them (a note saying what replaced a rule) loads nothing.
var prose = map[string]bool{"note": true, "source": true, "name": true}

// entryIDs are the ids defined as entries of a file's mapping sections
// (params:, tables:), each loaded only when named. A new kind of thing
// defined that way and named from other files is one more loop here;
// until then its section loads whole with its file, and a formula of
// another file that names it fails TestLoadWhatACommandNeeds.
func entryIDs(cat *Catalog) map[string]bool {
	entry := map[string]bool{}
	for id := range cat.Params {
		entry[id] = true
	}
	for id := range cat.Tables {
		entry[id] = true
	}
	return entry
}

// need is what loading one formula takes: the files to open and the list
// items of them to decode (everything else of those files — params,
// tables — is decoded whole).
type need struct{ files, items []string }

// needs finds, for each formula, the items and files it names anywhere —
// in an expression, a choice, a replaced_by, a part of a scenario — and
// closes the relation. Reading every identifier, not particular fields,
// may load a file or an item too many but never one too few; a test loads
// every formula this way and compares it with the full load.
func needs(roots map[string]*yaml.Node, cat *Catalog) map[string]need {
	entry := entryIDs(cat)
	// the nodes an id stands for (an item, or an entry's key and value)
	// and the file it is in
	units := map[string][]*yaml.Node{}
	unitFile := map[string]string{}
	for name, root := range roots {
		for _, top := range root.Content {
			for i := 1; top.Kind == yaml.MappingNode && i < len(top.Content); i += 2 {
				switch sec := top.Content[i]; sec.Kind {
				case yaml.SequenceNode:
					for _, it := range sec.Content {
						if id := itemID(it); id != "" {
							units[id], unitFile[id] = append(units[id], it), name
						}
					}
				case yaml.MappingNode:
					for j := 0; j+1 < len(sec.Content); j += 2 {
						if k := sec.Content[j]; k.Kind == yaml.ScalarNode && entry[k.Value] {
							units[k.Value], unitFile[k.Value] = append(units[k.Value], k, sec.Content[j+1]), name
						}
					}
				}
			}
		}
	}
	// a run of identifier characters: ids are dotted names
	identRun := regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_.]*`)
	var names func(n *yaml.Node, depth int, out *[]string)
	names = func(n *yaml.Node, depth int, out *[]string) {
		if n.Kind == yaml.ScalarNode {
			*out = append(*out, identRun.FindAllString(n.Value, -1)...)
		}
		for i, c := range n.Content {
			if n.Kind == yaml.MappingNode && i%2 == 1 && prose[n.Content[i-1].Value] {
				continue
			}
			if depth == itemDepth-1 && n.Kind == yaml.SequenceNode && itemID(c) != "" {
				continue // an item: read when it is needed
			}
			if depth == itemDepth-1 && n.Kind == yaml.MappingNode && (entry[c.Value] && i%2 == 0 || i%2 == 1 && entry[n.Content[i-1].Value]) {
				continue // an entry, likewise
			}
			names(c, depth+1, out)
		}
	}
	shared := map[string][]string{} // file → names outside its items and entries
	for name, root := range roots {
		var toks []string
		names(root, 0, &toks)
		shared[name] = toks
	}
	out := map[string]need{}
	for _, f := range cat.Formulas {
		if units[f.ID] == nil {
			continue // not an item of a list: loading it loads everything
		}
		files, keep := map[string]bool{}, map[string]bool{}
		var addUnit, addFile func(string)
		follow := func(toks []string) {
			for _, t := range toks {
				if units[t] != nil {
					addUnit(t)
				}
			}
		}
		addFile = func(name string) {
			if !files[name] {
				files[name] = true
				follow(shared[name])
			}
		}
		addUnit = func(id string) {
			if !keep[id] {
				keep[id] = true
				addFile(unitFile[id])
				var toks []string
				for _, n := range units[id] {
					names(n, itemDepth, &toks)
				}
				follow(toks)
			}
		}
		addUnit(f.ID)
		out[f.ID] = need{files: sortedKeys(files), items: sortedKeys(keep)}
	}
	return out
}

// decodeSnapshot reads a snapshot; all nodes of a file share one
// allocation, and nothing but the header is read until asked for.
func decodeSnapshot(b string) (*Snapshot, error) {
	bad := errors.New("corrupt snapshot")
	if len(b) < len(snapMagic) || b[:len(snapMagic)] != snapMagic {
		return nil, bad
	}
	rd := &reader{b: b, p: len(snapMagic)}
	get := rd.uvarint
	nblob, ok := get()
	if !ok || nblob > uint64(len(b)-rd.p) {
		return nil, bad
	}
	blob := b[rd.p : rd.p+int(nblob)]
	rd.p += int(nblob)
	str := func() (string, bool) { // a reference into the blob
		off, ok1 := get()
		n, ok2 := get()
		if !ok1 || !ok2 || off > uint64(len(blob)) || n > uint64(len(blob))-off {
			return "", false
		}
		return blob[off : off+n], true
	}
	u64 := func() (uint64, bool) {
		if len(b)-rd.p < 8 {
			return 0, false
		}
		v := binary.LittleEndian.Uint64([]byte(b[rd.p : rd.p+8]))
		rd.p += 8
		return v, true
	}
	count := func(limit uint64) (int, bool) {
		n, ok := get()
		return int(n), ok && n <= limit
	}
	nfiles, ok := count(1000)
	if !ok {
		return nil, bad
	}
	type entry struct {
		name   string
		hash   uint64
		length uint64
	}
	entries := make([]entry, nfiles)
	for f := range entries {
		var ok1, ok2, ok3 bool
		entries[f].name, ok1 = str()
		entries[f].hash, ok2 = u64()
		entries[f].length, ok3 = get()
		if !ok1 || !ok2 || !ok3 {
			return nil, bad
		}
	}
	s := &Snapshot{files: map[string]snapFile{}, blob: blob}
	has, ok := get()
	if !ok {
		return nil, bad
	}
	if has == 1 {
		n, ok := get()
		if !ok || n > uint64(len(b)-rd.p) {
			return nil, bad
		}
		s.indexSec = b[rd.p : rd.p+int(n)]
		rd.p += int(n)
	}
	if has, ok = get(); !ok {
		return nil, bad
	}
	if has == 1 {
		if s.msgsHash, ok = u64(); !ok {
			return nil, bad
		}
		nl, ok := count(16)
		if !ok {
			return nil, bad
		}
		type lang struct {
			lang  string
			table msgTable
		}
		langs := make([]lang, nl)
		for i := range langs {
			var n int
			if langs[i].lang, ok = str(); !ok {
				return nil, bad
			}
			if n, ok = count(uint64(len(b)-rd.p) / 16); !ok {
				return nil, bad
			}
			langs[i].table = msgTable{rows: b[rd.p : rd.p+16*n], blob: blob}
			rd.p += 16 * n
		}
		s.msgs = func() map[i18n.Lang]*i18n.Catalog {
			out := map[i18n.Lang]*i18n.Catalog{}
			for _, l := range langs {
				out[i18n.Lang(l.lang)] = i18n.FromSorted(i18n.Lang(l.lang), l.table)
			}
			return out
		}
	}
	for _, e := range entries {
		if e.length > uint64(len(b)-rd.p) {
			return nil, bad
		}
		body := b[rd.p : rd.p+int(e.length)]
		rd.p += int(e.length)
		s.files[e.name] = snapFile{hash: e.hash, root: func(skip, keep func(string) bool) (*yaml.Node, error) { return decodeTree(body, blob, skip, keep) }}
	}
	return s, nil
}

// Messages gives the message catalogs the snapshot holds, if they were
// made from the *.toml files of fsys (as SizesFS tells).
func (ff *Files) Messages(fsys fs.FS) (map[i18n.Lang]*i18n.Catalog, bool) {
	s := ff.snap
	if s == nil || s.msgs == nil {
		return nil, false
	}
	if h, err := SizesFS(fsys, "*.toml"); err != nil || h != s.msgsHash {
		return nil, false
	}
	return s.msgs(), true
}

// Files is a folder of formula files with their snapshot. A file is read
// from the snapshot only once its hash is found to match what the
// snapshot was made from, and only the files a command loads are hashed:
// they are never copied.
type Files struct {
	fsys    fs.FS
	names   []string // sorted
	globErr error
	snap    *Snapshot       // decoded, of these file names; nil if none
	fresh   map[string]bool // files hashed so far, and whether they matched
	buf     []byte
}

// ReadFiles finds the *.yaml files of fsys and reads their snapshot.
func ReadFiles(fsys fs.FS) *Files {
	b, err := fs.ReadFile(fsys, SnapshotName)
	if err != nil {
		b = nil
	}
	return ReadFilesWith(fsys, string(b))
}

// ReadFilesWith is ReadFiles with the snapshot given (the program embeds
// it as a string, so it is read in place rather than copied).
func ReadFilesWith(fsys fs.FS, snapshot string) *Files {
	ff := &Files{fsys: fsys, fresh: map[string]bool{}}
	ff.names, ff.globErr = fs.Glob(fsys, "*.yaml")
	if ff.globErr != nil || snapshot == "" {
		return ff
	}
	sort.Strings(ff.names)
	s, err := decodeSnapshot(snapshot)
	if err != nil || len(s.files) != len(ff.names) {
		return ff
	}
	for _, name := range ff.names {
		if _, ok := s.files[name]; !ok {
			return ff
		}
	}
	ff.snap = s
	return ff
}

// freshFor is the snapshot if every one of names (all files when nil) is
// exactly what it was made from; otherwise nil.
func (ff *Files) freshFor(names []string) *Snapshot {
	if ff.snap == nil {
		return nil
	}
	if names == nil {
		names = ff.names
	}
	for _, name := range names {
		ok, done := ff.fresh[name]
		if !done {
			h, err := hashFile(ff.fsys, name, &ff.buf)
			ok = err == nil && h == ff.snap.files[name].hash
			ff.fresh[name] = ok
		}
		if !ok {
			return nil
		}
	}
	return ff.snap
}

// hashFile is Hash of a file's contents, read through buf.
func hashFile(fsys fs.FS, name string, buf *[]byte) (uint64, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if *buf == nil {
		*buf = make([]byte, 8<<10)
	}
	var crc uint32
	var n uint64
	for {
		k, err := f.Read(*buf)
		crc = crc32.Update(crc, crc32.IEEETable, (*buf)[:k])
		n += uint64(k)
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
	}
	return uint64(crc)<<32 | uint64(uint32(n)), nil
}

// Snapshot is the snapshot if it was made from exactly these files, or
// nil.
func (ff *Files) Snapshot() *Snapshot { return ff.freshFor(nil) }

// Index is the snapshot's list of formulas if the files have the sizes it
// was made from (see SizesFS), or nil.
func (ff *Files) Index() *Index {
	if ff.snap == nil {
		return nil
	}
	for _, name := range ff.names {
		fi, err := fs.Stat(ff.fsys, name)
		if err != nil || uint64(uint32(fi.Size())) != ff.snap.files[name].hash&0xffffffff || fi.Size() > 1<<32-1 {
			return nil
		}
	}
	return ff.snap.index()
}

// Load loads the files (see LoadWant).
func (ff *Files) Load(dir string, cats map[i18n.Lang]*i18n.Catalog, w Want) (*Catalog, error) {
	return loadFiles(ff, dir, cats, w)
}

// WithoutSnapshot hides the snapshot of fsys, so loading parses and
// checks the YAML itself.
func WithoutSnapshot(fsys fs.FS) fs.FS { return withoutSnapshot{fsys} }

type withoutSnapshot struct{ fs.FS }

func (w withoutSnapshot) Open(name string) (fs.File, error) {
	if name == SnapshotName {
		return nil, fs.ErrNotExist
	}
	return w.FS.Open(name)
}

// OpenSnapshot reads the snapshot of fsys if it was made from exactly the
// *.yaml files there; otherwise nil.
func OpenSnapshot(fsys fs.FS) *Snapshot {
	return ReadFiles(fsys).Snapshot()
}

// filesFor lists what loading w needs: the files to open and the list
// items of them to decode; nil, nil when that is everything (or not
// known: an unknown id loads everything, to suggest the near ones).
func (s *Snapshot) filesFor(w Want) ([]string, func(id string) bool) {
	if w.Formula == "" {
		return nil, nil
	}
	var nd need
	found := false
	s.readIndex(func(_ string, h Head, files, items []string) bool {
		if h.ID != w.Formula {
			return true
		}
		nd, found = need{files: slices.Clone(files), items: slices.Clone(items)}, len(items) > 0
		return false
	})
	if !found {
		return nil, nil
	}
	return nd.files, func(id string) bool {
		_, found := slices.BinarySearch(nd.items, id)
		return found
	}
}

// index decodes the list of formulas, or nil when the snapshot has none
// (or a corrupt one).
func (s *Snapshot) index() *Index {
	if s.indexSec == "" {
		return nil
	}
	ix := &Index{}
	ok := s.readIndex(func(cat string, h Head, _, _ []string) bool {
		if n := len(ix.Categories); n == 0 || ix.Categories[n-1].ID != cat {
			ix.Categories = append(ix.Categories, IndexCategory{ID: cat})
		}
		c := &ix.Categories[len(ix.Categories)-1]
		c.Formulas = append(c.Formulas, h)
		return true
	})
	if !ok {
		return nil
	}
	return ix
}

// readIndex calls fn with every formula of the index in order (files and
// items are reused from call to call) until fn returns false; it reports
// whether the index read cleanly.
func (s *Snapshot) readIndex(fn func(cat string, h Head, files, items []string) bool) bool {
	rd := &reader{b: s.indexSec}
	str := func() (string, bool) {
		off, ok1 := rd.uvarint()
		n, ok2 := rd.uvarint()
		if !ok1 || !ok2 || off > uint64(len(s.blob)) || n > uint64(len(s.blob))-off {
			return "", false
		}
		return s.blob[off : off+n], true
	}
	ncat, ok := rd.uvarint()
	if !ok {
		return false
	}
	var lists [2][]string
	for range ncat {
		cat, ok1 := str()
		nf, ok2 := rd.uvarint()
		if !ok1 || !ok2 || nf > uint64(len(s.indexSec)) {
			return false
		}
		for range nf {
			h := Head{Category: cat}
			var from, to uint64
			var ok1, ok2, ok3, ok4, ok5 bool
			h.ID, ok1 = str()
			h.File, ok2 = str()
			from, ok3 = rd.uvarint()
			to, ok4 = rd.uvarint()
			h.ReplacedBy, ok5 = str()
			if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
				return false
			}
			h.ValidFrom, h.ValidTo = date.Date(from), date.Date(to)
			for i := range lists {
				n, ok := rd.uvarint()
				if !ok || n > uint64(len(s.indexSec)) {
					return false
				}
				lists[i] = lists[i][:0]
				for range n {
					x, ok := str()
					if !ok {
						return false
					}
					lists[i] = append(lists[i], x)
				}
			}
			if !fn(cat, h, lists[0], lists[1]) {
				return true
			}
		}
	}
	return true
}

// decodeTree reads one file's nodes, in preorder, into slabs of nodes;
// an explicit stack instead of recursion keeps it a tight loop. The value
// of a mapping key skip names keeps its kind but not its children, and a
// list item whose id keep refuses is left out; both are stepped over
// undecoded. nil skip or keep: everything.
func decodeTree(b, blob string, skip, keep func(string) bool) (*yaml.Node, error) {
	bad := errors.New("corrupt snapshot")
	total, p := uvarint(b, 0)
	if p <= 0 || total == 0 || total > uint64(len(b)) {
		return nil, bad
	}
	const slab = 128
	var nodes []yaml.Node
	var ptrs []*yaml.Node
	var root *yaml.Node
	type frame struct {
		n               *yaml.Node
		want, i, stored int
		dropValue       bool // the key was dropped: so is its value
	}
	stack := make([]frame, 0, 32)
	str := func(off, n uint64) (string, bool) {
		if off > uint64(len(blob)) || n > uint64(len(blob))-off {
			return "", false
		}
		return blob[off : off+n], true
	}
	var v [9]uint64
	for idx := uint64(0); ; idx++ {
		for len(stack) > 0 && stack[len(stack)-1].i == stack[len(stack)-1].want {
			f := stack[len(stack)-1]
			f.n.Content = f.n.Content[:f.stored]
			stack = stack[:len(stack)-1]
		}
		if idx > 0 && len(stack) == 0 {
			return root, nil
		}
		if idx >= total {
			return nil, bad // more nodes than the count
		}
		// kind, style, tag and value (offset, length), line, column,
		// number of children
		for k := range v {
			x, n := uvarint(b, p)
			if n <= 0 {
				return nil, bad
			}
			v[k], p = x, p+n
		}
		tag, ok1 := str(v[2], v[3])
		value, ok2 := str(v[4], v[5])
		kids := v[8]
		if !ok1 || !ok2 || kids > total {
			return nil, bad
		}
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
			top.i++
		}
		drop := false
		if len(stack) == itemDepth && top.n.Kind == yaml.MappingNode && top.i%2 == 0 {
			// a value, dropped with its key
			drop, top.dropValue = top.dropValue, false
		}
		if len(stack) == itemDepth && (top.n.Kind == yaml.SequenceNode || top.i%2 == 1) {
			// an item, or an entry's key: its id
			off, k1 := uvarint(b, p)
			n, k2 := uvarint(b, p+max(k1, 0))
			if k1 <= 0 || k2 <= 0 {
				return nil, bad
			}
			p += k1 + k2
			id, ok := str(off, n)
			if !ok {
				return nil, bad
			}
			drop = keep != nil && id != "" && !keep(id)
			top.dropValue = drop && top.n.Kind == yaml.MappingNode
		}
		var length uint64
		if kids > 0 {
			var k int
			if length, k = uvarint(b, p); k <= 0 || length > uint64(len(b)-p-k) {
				return nil, bad
			}
			p += k
		}
		if drop {
			p += int(length)
			continue
		}
		if len(nodes) == 0 {
			nodes = make([]yaml.Node, min(slab, total-idx))
		}
		n := &nodes[0]
		nodes = nodes[1:]
		n.Kind, n.Style, n.Tag, n.Value = yaml.Kind(v[0]), yaml.Style(v[1]), tag, value
		n.Line, n.Column = int(v[6]), int(v[7])
		stepOver := false
		if top == nil {
			root = n
		} else {
			stepOver = skip != nil && top.n.Kind == yaml.MappingNode && top.stored%2 == 1 && skip(top.n.Content[top.stored-1].Value)
			top.n.Content[top.stored] = n
			top.stored++
		}
		if kids == 0 {
			continue
		}
		if stepOver {
			p += int(length)
			continue
		}
		if uint64(len(ptrs)) < kids {
			ptrs = make([]*yaml.Node, max(slab, kids))
		}
		n.Content = ptrs[:kids:kids]
		ptrs = ptrs[kids:]
		stack = append(stack, frame{n: n, want: int(kids)})
	}
}

// msgTable is one language's messages in the snapshot: rows of four
// little-endian uint32 (key offset, length, message offset, length into
// blob), sorted by key.
type msgTable struct {
	rows, blob string
}

func (t msgTable) Len() int { return len(t.rows) / 16 }

func (t msgTable) At(i int) (key, msg string) {
	r := t.rows[16*i : 16*i+16]
	u := func(j int) uint64 {
		return uint64(r[j]) | uint64(r[j+1])<<8 | uint64(r[j+2])<<16 | uint64(r[j+3])<<24
	}
	ko, kl, mo, ml := u(0), u(4), u(8), u(12)
	bl := uint64(len(t.blob))
	if ko > bl || kl > bl-ko || mo > bl || ml > bl-mo {
		return "", "" // corrupt; reads as a missing message
	}
	return t.blob[ko : ko+kl], t.blob[mo : mo+ml]
}

// uvarint is binary.Uvarint of s from p, without copying s.
func uvarint(s string, p int) (uint64, int) {
	var x uint64
	var shift uint
	for i := p; i < len(s) && i-p < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			if i-p == binary.MaxVarintLen64-1 && c > 1 {
				return 0, -1 // overflow
			}
			return x | uint64(c)<<shift, i - p + 1
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

// reader reads uvarints from b at p.
type reader struct {
	b string
	p int
}

func (r *reader) uvarint() (uint64, bool) {
	v, n := uvarint(r.b, r.p)
	if n <= 0 {
		return 0, false
	}
	r.p += n
	return v, true
}
