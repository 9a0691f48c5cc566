package pdf

import (
	"encoding/binary"
	"hash/adler32"
	"hash/fnv"
	"math/bits"
	"slices"
	"strings"
)

const (
	// maxSubsets is the number of subsets each Font keeps compressed, for
	// the documents of a batch drawing the same glyphs.
	maxSubsets = 8
	// maxComponentDepth bounds the nesting of composite glyphs followed
	// when collecting the glyphs of a subset.
	maxComponentDepth = 16
)

// subset is the embedded font program of a set of glyphs, with their
// ToUnicode map.
type subset struct {
	key       string // see fontUse.appendKey
	name      string // subset tag, '+' and PostScript name
	stream    []byte // the font program, zlib-compressed
	length1   int    // length of the font program before compression
	toUnicode []byte // the ToUnicode CMap, zlib-compressed
}

// keySize is the size of the entry of each glyph in a subset key: its id
// (2 bytes) and the text it stands for (4 bytes, see fontUse.uni), both
// big-endian.
const keySize = 6

// subsetFor returns the subset for key, from the font's cache if it is
// there.
func (f *Font) subsetFor(key []byte) *subset {
	f.mu.Lock()
	for i, s := range f.subsets {
		if s.key == string(key) {
			copy(f.subsets[1:i+1], f.subsets[:i])
			f.subsets[0] = s
			f.mu.Unlock()
			return s
		}
	}
	f.mu.Unlock()

	s := f.buildSubset(string(key))

	f.mu.Lock()
	defer f.mu.Unlock()
	for _, t := range f.subsets {
		if t.key == s.key { // built meanwhile by another goroutine
			return t
		}
	}
	if len(f.subsets) < maxSubsets {
		f.subsets = append(f.subsets, nil)
	}
	copy(f.subsets[1:], f.subsets)
	f.subsets[0] = s
	return s
}

// subsetTag returns the six capital letters naming the subset of the
// glyphs of key.
func subsetTag(key string) string {
	h := fnv.New64a()
	for i := 0; i+keySize <= len(key); i += keySize {
		h.Write([]byte(key[i : i+2]))
	}
	v := h.Sum64()
	var tag [6]byte
	for i := range tag {
		tag[i] = byte('A' + v%26)
		v /= 26
	}
	return string(tag[:])
}

// fixedTables are, in the order they follow the table directory in every
// subset, the tables copied unchanged from the font.
var fixedTables = [...]string{"cvt ", "fpgm", "prep", "hhea", "maxp", "hmtx"}

// fixedPart is the part of the font program common to all subsets of a
// font: the fixedTables, compressed once.
type fixedPart struct {
	data  []byte                   // the tables present, each padded to 4 bytes
	flate []byte                   // data compressed, ending with a sync flush
	off   [len(fixedTables)]int    // offset of each table in data
	size  [len(fixedTables)]int    // length of each table, 0 if absent
	sum   [len(fixedTables)]uint32 // checksum of each table
}

// fixed returns the fixedPart of f, making it on first use.
func (f *Font) fixed() *fixedPart {
	f.fixedOnce.Do(func() {
		fp := &fixedPart{}
		for i, tag := range fixedTables {
			var t []byte
			switch tag {
			case "cvt ":
				t = f.cvt
			case "fpgm":
				t = f.fpgm
			case "prep":
				t = f.prep
			case "hhea":
				t = f.hhea
			case "maxp":
				t = f.maxp
			case "hmtx":
				t = f.hmtx
			}
			fp.off[i], fp.size[i] = len(fp.data), len(t)
			fp.data = append(fp.data, t...)
			fp.data = append(fp.data, make([]byte, pad4(len(t))-len(t))...)
			fp.sum[i] = checksum(fp.data[fp.off[i]:])
		}
		fp.flate = appendFlate(nil, fp.data, streamLevel, false)
		f.fixedPart = fp
	})
	return f.fixedPart
}

// buildSubset makes the font program and ToUnicode map for the glyphs of
// key. Glyph ids are
// kept: the glyphs not drawn keep their metrics but have no outline. Glyph
// 0 and the components of composite glyphs are always included.
//
// The program is laid out as the table directory, the fixedTables, then
// head, loca and glyf. Its zlib stream is the directory in a stored block,
// the fixed tables compressed beforehand and the rest compressed now: a
// deflate stream can be so spliced from parts ending on byte boundaries.
func (f *Font) buildSubset(key string) *subset {
	keep := make([]bool, f.numGlyphs)
	keep[0] = true
	for i := 0; i+keySize <= len(key); i += keySize {
		g := int(key[i])<<8 | int(key[i+1])
		if g < f.numGlyphs && !keep[g] {
			keep[g] = true
			f.keepComponents(keep, g, 0)
		}
	}
	fp := f.fixed()
	n := f.numGlyphs

	// The variable part: head, loca (long offsets) and glyf.
	const headOff, locaOff = 0, 56 // head is 54 bytes, padded
	glyfOff := locaOff + 4*(n+1)
	glyfLen := 0
	for g := range n {
		if keep[g] {
			glyfLen += pad4(int(f.loca[g+1] - f.loca[g]))
		}
	}
	vp := make([]byte, glyfOff+glyfLen)
	be := binary.BigEndian
	head := vp[headOff : headOff+54]
	copy(head, f.head)
	be.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	be.PutUint16(head[50:], 1) // indexToLocFormat: long offsets
	p := 0
	for g := range n {
		be.PutUint32(vp[locaOff+4*g:], uint32(p))
		if keep[g] {
			p += pad4(copy(vp[glyfOff+p:], f.glyf[f.loca[g]:f.loca[g+1]]))
		}
	}
	be.PutUint32(vp[locaOff+4*n:], uint32(p))

	// The table directory, sorted by tag.
	type entry struct {
		tag       string
		off, size int
		sum       uint32
	}
	var entries [len(fixedTables) + 3]entry
	k := 0
	for i, tag := range fixedTables {
		if fp.size[i] > 0 {
			entries[k] = entry{tag, fp.off[i], fp.size[i], fp.sum[i]}
			k++
		}
	}
	dirLen := 12 + 16*(k+3)
	for i := range k {
		entries[i].off += dirLen
	}
	base := dirLen + len(fp.data)
	entries[k] = entry{"head", base + headOff, 54, checksum(head)}
	entries[k+1] = entry{"loca", base + locaOff, 4 * (n + 1), checksum(vp[locaOff:glyfOff])}
	entries[k+2] = entry{"glyf", base + glyfOff, glyfLen, checksum(vp[glyfOff:])}
	tables := entries[:k+3]
	slices.SortFunc(tables, func(a, b entry) int { return strings.Compare(a.tag, b.tag) })

	dir := make([]byte, dirLen)
	numTables := len(tables)
	sel := bits.Len(uint(numTables)) - 1
	be.PutUint32(dir, 0x00010000)
	be.PutUint16(dir[4:], uint16(numTables))
	be.PutUint16(dir[6:], uint16(16<<sel))
	be.PutUint16(dir[8:], uint16(sel))
	be.PutUint16(dir[10:], uint16(16*numTables-16<<sel))
	sum := uint32(0)
	for i, t := range tables {
		e := dir[12+16*i:]
		copy(e, t.tag)
		be.PutUint32(e[4:], t.sum)
		be.PutUint32(e[8:], uint32(t.off))
		be.PutUint32(e[12:], uint32(t.size))
		sum += t.sum
	}
	sum += checksum(dir)
	be.PutUint32(head[8:], 0xB1B0AFBA-sum)

	stream := append([]byte(nil), zlibHeader...)
	stream = appendStored(stream, dir)
	stream = append(stream, fp.flate...)
	stream = appendFlate(stream, vp, streamLevel, true)
	a := adler32.New()
	a.Write(dir)
	a.Write(fp.data)
	a.Write(vp)
	stream = a.Sum(stream)

	return &subset{
		key:       key,
		name:      subsetTag(key) + "+" + f.name,
		stream:    stream,
		length1:   dirLen + len(fp.data) + len(vp),
		toUnicode: deflate(nil, appendToUnicode(nil, key), streamLevel),
	}
}

// keepComponents marks the components of glyph g if it is a composite
// glyph, and theirs, up to maxComponentDepth levels.
func (f *Font) keepComponents(keep []bool, g, depth int) {
	d := f.glyf[f.loca[g]:f.loca[g+1]]
	if len(d) < 10 || int16(be16(d)) >= 0 {
		return
	}
	const (
		argWords     = 0x0001
		haveScale    = 0x0008
		moreComps    = 0x0020
		haveXYScale  = 0x0040
		haveTwoByTwo = 0x0080
	)
	for p := 10; p+4 <= len(d); {
		flags, c := be16(d[p:]), int(be16(d[p+2:]))
		p += 4
		if flags&argWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if c < f.numGlyphs && !keep[c] {
			keep[c] = true
			if depth < maxComponentDepth {
				f.keepComponents(keep, c, depth+1)
			}
		}
		if flags&moreComps == 0 {
			break
		}
	}
}

// checksum returns the TrueType checksum of b: the sum of its big-endian
// 32-bit words, the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	var last [4]byte
	copy(last[:], b)
	return sum + binary.BigEndian.Uint32(last[:])
}

// pad4 rounds n up to a multiple of 4.
func pad4(n int) int { return (n + 3) &^ 3 }
