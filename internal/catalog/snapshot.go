package catalog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"sort"

	"go.yaml.in/yaml/v3"
)

// A snapshot is the formula files already parsed into YAML node trees, in
// a compact binary form embedded beside them. Parsing YAML is most of the
// cost of loading; decoding the snapshot takes a fraction of it. The
// snapshot is used only when every file's hash matches what it was made
// from, so a stale snapshot can slow loading down but never change it.
// `go generate ./formulas` rewrites it; a test fails when it is stale.

// SnapshotName is the file the snapshot lives in, beside the YAML.
const SnapshotName = "catalog.snap"

const snapMagic = "CNTXSNP1"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Hash is the fingerprint of one formula file: its CRC-32C (computed by
// the CPU's own instruction) and its length.
func Hash(b []byte) uint64 {
	return uint64(crc32.Checksum(b, castagnoli))<<32 | uint64(uint32(len(b)))
}

type snapFile struct {
	hash uint64
	// root decodes the file's tree; files decode independently.
	root func() (*yaml.Node, error)
}

// EncodeSnapshot parses each file (name → contents) and encodes the trees.
func EncodeSnapshot(files map[string][]byte) ([]byte, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	strs := map[string]uint64{}
	var table []string
	intern := func(s string) uint64 {
		if i, ok := strs[s]; ok {
			return i
		}
		strs[s] = uint64(len(table))
		table = append(table, s)
		return uint64(len(table) - 1)
	}
	var body []byte
	put := func(v uint64) { body = binary.AppendUvarint(body, v) }
	var enc func(n *yaml.Node) error
	enc = func(n *yaml.Node) error {
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			return errors.New("anchors and aliases are not supported in formula files")
		}
		put(uint64(n.Kind))
		put(uint64(n.Style))
		put(intern(n.Tag))
		put(intern(n.Value))
		put(uint64(n.Line))
		put(uint64(n.Column))
		put(uint64(len(n.Content)))
		for _, c := range n.Content {
			if err := enc(c); err != nil {
				return err
			}
		}
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
	header = binary.AppendUvarint(header, uint64(len(names)))
	for _, name := range names {
		var root yaml.Node
		if err := yaml.Unmarshal(files[name], &root); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		start := len(body)
		put(uint64(count(&root)))
		if err := enc(&root); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		header = binary.AppendUvarint(header, intern(name))
		header = binary.LittleEndian.AppendUint64(header, Hash(files[name]))
		header = binary.AppendUvarint(header, uint64(len(body)-start))
	}
	out := []byte(snapMagic)
	out = binary.AppendUvarint(out, uint64(len(table)))
	for _, s := range table {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	out = append(out, header...)
	return append(out, body...), nil
}

// decodeSnapshot reads a snapshot; all nodes of a file share one
// allocation.
func decodeSnapshot(b []byte) (map[string]snapFile, error) {
	bad := errors.New("corrupt snapshot")
	if len(b) < len(snapMagic) || string(b[:len(snapMagic)]) != snapMagic {
		return nil, bad
	}
	rd := &reader{b: b, p: len(snapMagic)}
	get := rd.uvarint
	nstr, ok := get()
	if !ok || nstr > uint64(len(b)) {
		return nil, bad
	}
	// One string for the whole table; entries are slices of it.
	all := string(b)
	table := make([]string, nstr)
	for i := range table {
		l, ok := get()
		if !ok || l > uint64(len(b)-rd.p) {
			return nil, bad
		}
		table[i] = all[rd.p : rd.p+int(l)]
		rd.p += int(l)
	}
	str := func() (string, bool) { // a string-table reference
		i, ok := get()
		if !ok || i >= uint64(len(table)) {
			return "", false
		}
		return table[i], true
	}
	nfiles, ok := get()
	if !ok || nfiles > 1000 {
		return nil, bad
	}
	type entry struct {
		name   string
		hash   uint64
		length uint64
	}
	entries := make([]entry, nfiles)
	for f := range entries {
		name, ok := str()
		if !ok || len(b)-rd.p < 8 {
			return nil, bad
		}
		entries[f].name, entries[f].hash = name, binary.LittleEndian.Uint64(b[rd.p:])
		rd.p += 8
		if entries[f].length, ok = get(); !ok {
			return nil, bad
		}
	}
	out := map[string]snapFile{}
	for _, e := range entries {
		if e.length > uint64(len(b)-rd.p) {
			return nil, bad
		}
		body := b[rd.p : rd.p+int(e.length)]
		rd.p += int(e.length)
		out[e.name] = snapFile{hash: e.hash, root: func() (*yaml.Node, error) { return decodeTree(body, table) }}
	}
	return out, nil
}

// decodeTree reads one file's nodes, in preorder, into one allocation;
// an explicit stack instead of recursion keeps it a tight loop.
func decodeTree(b []byte, table []string) (*yaml.Node, error) {
	bad := errors.New("corrupt snapshot")
	total, p := binary.Uvarint(b)
	if p <= 0 || total == 0 || total > uint64(len(b)) {
		return nil, bad
	}
	nodes := make([]yaml.Node, total)
	ptrs := make([]*yaml.Node, total-1)
	nextPtr := 0
	type frame struct {
		n *yaml.Node
		i int
	}
	stack := make([]frame, 0, 32)
	var v [7]uint64
	for idx := range nodes {
		for len(stack) > 0 && stack[len(stack)-1].i == len(stack[len(stack)-1].n.Content) {
			stack = stack[:len(stack)-1]
		}
		if idx > 0 && len(stack) == 0 {
			return nil, bad // a second root
		}
		for k := range v {
			x, n := binary.Uvarint(b[p:])
			if n <= 0 {
				return nil, bad
			}
			v[k], p = x, p+n
		}
		if v[2] >= uint64(len(table)) || v[3] >= uint64(len(table)) {
			return nil, bad
		}
		n := &nodes[idx]
		n.Kind, n.Style, n.Tag, n.Value = yaml.Kind(v[0]), yaml.Style(v[1]), table[v[2]], table[v[3]]
		n.Line, n.Column = int(v[4]), int(v[5])
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			top.n.Content[top.i] = n
			top.i++
		}
		if kids := v[6]; kids > 0 {
			if kids > uint64(len(ptrs)-nextPtr) {
				return nil, bad
			}
			k := int(kids)
			n.Content = ptrs[nextPtr : nextPtr+k : nextPtr+k]
			nextPtr += k
			stack = append(stack, frame{n: n})
		}
	}
	for _, f := range stack {
		if f.i != len(f.n.Content) {
			return nil, bad // children promised but not there
		}
	}
	return &nodes[0], nil
}

// reader reads uvarints from b at p.
type reader struct {
	b []byte
	p int
}

func (r *reader) uvarint() (uint64, bool) {
	v, n := binary.Uvarint(r.b[r.p:])
	if n <= 0 {
		return 0, false
	}
	r.p += n
	return v, true
}
