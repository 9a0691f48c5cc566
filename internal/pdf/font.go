package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sync"
	"unicode/utf16"
)

// Limits on the fonts ParseFont accepts.
const (
	maxFontBytes  = 32 << 20 // size of the font file
	maxFontTables = 256      // entries in the table directory
	maxNameLen    = 63       // PostScript name, as PDF readers expect
)

// denseRunes is the number of runes, from U+0000, whose glyph is found by
// direct indexing rather than by a binary search: it covers Latin, Greek,
// Cyrillic and the general punctuation, currency and letterlike blocks
// (’, €, ™), all that Italian and German notices use.
const denseRunes = 0x2200

// Font is a parsed TrueType font (glyph outlines in a glyf table). It is
// immutable but for an internal cache of subsets, guarded by a mutex, so it
// is safe for concurrent use by many Documents.
type Font struct {
	name       string
	unitsPerEm float64
	numGlyphs  int
	advance    []uint16 // advance width of each glyph, in font units

	ascent, descent int16 // hhea, descent negative
	capHeight       int16 // OS/2 sCapHeight, 0 when absent
	bbox            [4]int16
	italicAngle     float64
	flags           int // FontDescriptor /Flags

	// Tables copied into subsets, sub-slices of the font file, and the
	// numGlyphs+1 offsets of the glyphs in glyf, checked.
	head, hhea, maxp, hmtx, cvt, fpgm, prep, glyf []byte
	loca                                          []uint32

	dense  []uint16    // glyph of each rune below denseRunes
	sparse []cmapRange // glyphs of the runes from denseRunes, sorted

	fixedOnce sync.Once
	fixedPart *fixedPart // see fixed

	mu      sync.Mutex
	subsets []*subset // most recently used first, at most maxSubsets
}

// cmapRange maps the runes lo to hi to the consecutive glyphs from gid.
type cmapRange struct {
	lo, hi rune
	gid    uint32
}

func fontErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrFont}, args...)...)
}

// ParseFont parses a TrueType font file (.ttf with glyf outlines). Fonts
// with CFF outlines (OpenType .otf, "OTTO") and font collections are
// rejected, as are files larger than 32 MiB. Every table offset and length
// is checked: malformed input yields an error wrapping ErrFont. The data
// is copied, so the caller may reuse it.
func ParseFont(data []byte) (*Font, error) {
	if len(data) > maxFontBytes {
		return nil, fontErr("file larger than %d bytes", maxFontBytes)
	}
	if len(data) < 12 {
		return nil, fontErr("file too short")
	}
	switch v := string(data[:4]); v {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return nil, fontErr("CFF-based OpenType fonts are not supported")
	case "ttcf":
		return nil, fontErr("font collections are not supported")
	default:
		return nil, fontErr("unknown sfnt version %q", v)
	}
	data = bytes.Clone(data)
	n := int(be16(data[4:]))
	if n > maxFontTables {
		return nil, fontErr("%d tables", n)
	}
	if 12+16*n > len(data) {
		return nil, fontErr("table directory truncated")
	}
	tables := make(map[string][]byte, n)
	for i := range n {
		e := data[12+16*i:]
		tag, off, size := string(e[:4]), be32(e[8:]), be32(e[12:])
		if uint64(off)+uint64(size) > uint64(len(data)) {
			return nil, fontErr("table %q outside the file", tag)
		}
		if _, dup := tables[tag]; !dup {
			tables[tag] = data[off : off+size]
		}
	}
	if tables["glyf"] == nil && tables["CFF "] != nil {
		return nil, fontErr("CFF outlines are not supported")
	}
	f := &Font{flags: flagSymbolic}
	for _, step := range []func(map[string][]byte) error{
		f.parseHead, f.parseMaxp, f.parseHhea, f.parseHmtx, f.parseLoca, f.parseCmap,
	} {
		if err := step(tables); err != nil {
			return nil, err
		}
	}
	f.parseOS2(tables["OS/2"])
	f.parsePost(tables["post"])
	f.name = parseName(tables["name"])
	f.cvt, f.fpgm, f.prep = tables["cvt "], tables["fpgm"], tables["prep"]
	return f, nil
}

// required returns the table tag, or an error if it is missing or shorter
// than min bytes.
func required(tables map[string][]byte, tag string, min int) ([]byte, error) {
	t, ok := tables[tag]
	if !ok {
		return nil, fontErr("no %q table", tag)
	}
	if len(t) < min {
		return nil, fontErr("%q table truncated", tag)
	}
	return t, nil
}

func (f *Font) parseHead(tables map[string][]byte) error {
	t, err := required(tables, "head", 54)
	if err != nil {
		return err
	}
	upem := be16(t[18:])
	if upem < 16 || upem > 16384 {
		return fontErr("unitsPerEm %d", upem)
	}
	f.unitsPerEm = float64(upem)
	for i := range f.bbox {
		f.bbox[i] = int16(be16(t[36+2*i:]))
	}
	if be16(t[44:])&2 != 0 { // macStyle italic
		f.flags |= flagItalic
	}
	switch be16(t[50:]) {
	case 0, 1:
	default:
		return fontErr("indexToLocFormat %d", int16(be16(t[50:])))
	}
	f.head = t
	return nil
}

func (f *Font) parseMaxp(tables map[string][]byte) error {
	t, err := required(tables, "maxp", 6)
	if err != nil {
		return err
	}
	f.numGlyphs = int(be16(t[4:]))
	if f.numGlyphs == 0 {
		return fontErr("no glyphs")
	}
	f.maxp = t
	return nil
}

func (f *Font) parseHhea(tables map[string][]byte) error {
	t, err := required(tables, "hhea", 36)
	if err != nil {
		return err
	}
	f.ascent = int16(be16(t[4:]))
	f.descent = int16(be16(t[6:]))
	f.hhea = t
	return nil
}

func (f *Font) parseHmtx(tables map[string][]byte) error {
	nm := int(be16(f.hhea[34:]))
	if nm == 0 || nm > f.numGlyphs {
		return fontErr("numberOfHMetrics %d for %d glyphs", nm, f.numGlyphs)
	}
	t, err := required(tables, "hmtx", 4*nm+2*(f.numGlyphs-nm))
	if err != nil {
		return err
	}
	f.advance = make([]uint16, f.numGlyphs)
	for g := range f.advance {
		if g < nm {
			f.advance[g] = be16(t[4*g:])
		} else {
			f.advance[g] = f.advance[nm-1]
		}
	}
	f.hmtx = t
	return nil
}

func (f *Font) parseLoca(tables map[string][]byte) error {
	glyf, err := required(tables, "glyf", 0)
	if err != nil {
		return err
	}
	long := be16(f.head[50:]) == 1
	size := 2
	if long {
		size = 4
	}
	t, err := required(tables, "loca", size*(f.numGlyphs+1))
	if err != nil {
		return err
	}
	f.loca = make([]uint32, f.numGlyphs+1)
	for i := range f.loca {
		if long {
			f.loca[i] = be32(t[4*i:])
		} else {
			f.loca[i] = 2 * uint32(be16(t[2*i:]))
		}
		if f.loca[i] > uint32(len(glyf)) {
			return fontErr("glyph %d outside the glyf table", i)
		}
		if i > 0 && f.loca[i] < f.loca[i-1] {
			return fontErr("glyph %d has a negative length", i-1)
		}
	}
	f.glyf = glyf
	return nil
}

// parseCmap reads the best Unicode subtable: format 12 (full repertoire)
// or else format 4 (Basic Multilingual Plane).
func (f *Font) parseCmap(tables map[string][]byte) error {
	t, err := required(tables, "cmap", 4)
	if err != nil {
		return err
	}
	n := int(be16(t[2:]))
	if 4+8*n > len(t) {
		return fontErr("cmap directory truncated")
	}
	var best []byte
	bestScore := 0
	for i := range n {
		e := t[4+8*i:]
		pid, eid, off := be16(e), be16(e[2:]), be32(e[4:])
		if uint64(off)+2 > uint64(len(t)) {
			return fontErr("cmap subtable outside the table")
		}
		sub := t[off:]
		score := 0
		switch format := be16(sub); {
		case format == 12 && (pid == 3 && eid == 10 || pid == 0 && (eid == 4 || eid == 6)):
			score = 4
		case format == 4 && pid == 3 && eid == 1:
			score = 3
		case format == 4 && pid == 0 && eid <= 3:
			score = 2
		}
		if score > bestScore {
			best, bestScore = sub, score
		}
	}
	var ranges []cmapRange
	switch bestScore {
	case 0:
		return fontErr("no Unicode cmap subtable")
	case 4:
		ranges, err = cmap12(best)
	default:
		ranges, err = cmap4(best)
	}
	if err != nil {
		return err
	}
	f.buildCmap(ranges)
	return nil
}

// cmap12 reads a format 12 subtable (segmented coverage).
func cmap12(t []byte) ([]cmapRange, error) {
	if len(t) < 16 {
		return nil, fontErr("cmap format 12 truncated")
	}
	n := uint64(be32(t[12:]))
	if 16+12*n > uint64(len(t)) {
		return nil, fontErr("cmap format 12 groups truncated")
	}
	ranges := make([]cmapRange, 0, n)
	for i := range int(n) {
		g := t[16+12*i:]
		lo, hi, gid := be32(g), be32(g[4:]), be32(g[8:])
		if lo > hi || hi > 0x10FFFF {
			return nil, fontErr("cmap group %#x-%#x", lo, hi)
		}
		ranges = append(ranges, cmapRange{rune(lo), rune(hi), gid})
	}
	return ranges, nil
}

// cmap4 reads a format 4 subtable (segment mapping to delta values).
func cmap4(t []byte) ([]cmapRange, error) {
	if len(t) < 14 {
		return nil, fontErr("cmap format 4 truncated")
	}
	segs := int(be16(t[6:]) / 2)
	if 16+8*segs > len(t) {
		return nil, fontErr("cmap format 4 segments truncated")
	}
	ends, starts := t[14:], t[16+2*segs:]
	deltas, offsets := t[16+4*segs:], t[16+6*segs:]
	var ranges []cmapRange
	budget := 0x10000 // runes mapped through the glyph array, all segments together
	for i := range segs {
		lo, hi := rune(be16(starts[2*i:])), rune(be16(ends[2*i:]))
		delta, ro := be16(deltas[2*i:]), int(be16(offsets[2*i:]))
		if lo > hi {
			continue
		}
		if ro == 0 {
			// Glyph (c+delta) mod 65536: split the segment where it wraps.
			for c := lo; c <= hi; {
				gid := uint16(c) + delta
				end := min(hi, c+rune(0xFFFF-gid))
				ranges = append(ranges, cmapRange{c, end, uint32(gid)})
				c = end + 1
			}
			continue
		}
		// The glyph of c is at idRangeOffset[i] + 2*(c-lo) bytes after
		// the idRangeOffset[i] entry itself.
		if budget -= int(hi-lo) + 1; budget < 0 {
			return nil, fontErr("cmap format 4 segments overlap")
		}
		base := 16 + 6*segs + 2*i + ro
		for c := lo; c <= hi; c++ {
			p := base + 2*int(c-lo)
			if p+2 > len(t) {
				return nil, fontErr("cmap format 4 glyph array truncated")
			}
			gid := be16(t[p:])
			if gid == 0 {
				continue
			}
			gid += delta
			if k := len(ranges) - 1; k >= 0 && ranges[k].hi == c-1 && ranges[k].gid+uint32(c-ranges[k].lo) == uint32(gid) {
				ranges[k].hi = c
				continue
			}
			ranges = append(ranges, cmapRange{c, c, uint32(gid)})
		}
	}
	return ranges, nil
}

// buildCmap fills the rune-to-glyph tables from ranges. Where ranges
// overlap the one starting first wins; glyphs beyond the font map to 0.
func (f *Font) buildCmap(ranges []cmapRange) {
	slices.SortStableFunc(ranges, func(a, b cmapRange) int { return int(a.lo - b.lo) })
	f.dense = make([]uint16, denseRunes)
	next := rune(0) // every rune below next is already mapped or unmapped for good
	for _, r := range ranges {
		for c := max(r.lo, next); c <= min(r.hi, denseRunes-1); c++ {
			if gid := r.gid + uint32(c-r.lo); gid < uint32(f.numGlyphs) {
				f.dense[c] = uint16(gid)
			}
		}
		next = max(next, min(r.hi, denseRunes-1)+1)
		if r.hi >= denseRunes {
			if r.lo < denseRunes {
				r.gid += uint32(denseRunes - r.lo)
				r.lo = denseRunes
			}
			f.sparse = append(f.sparse, r)
		}
	}
}

// glyph returns the glyph of r, 0 (.notdef) if the font has none.
func (f *Font) glyph(r rune) uint16 {
	if uint32(r) < denseRunes {
		return f.dense[r]
	}
	i, _ := slices.BinarySearchFunc(f.sparse, r, func(e cmapRange, r rune) int { return int(e.lo - r) })
	if i < len(f.sparse) && f.sparse[i].lo == r {
		i++
	}
	if i == 0 {
		return 0
	}
	e := f.sparse[i-1]
	if r > e.hi {
		return 0
	}
	if gid := e.gid + uint32(r-e.lo); gid < uint32(f.numGlyphs) {
		return uint16(gid)
	}
	return 0
}

// FontDescriptor flags.
const (
	flagFixedPitch = 1 << 0
	flagSymbolic   = 1 << 2
	flagItalic     = 1 << 6
)

func (f *Font) parseOS2(t []byte) {
	if len(t) >= 90 && be16(t) >= 2 {
		f.capHeight = int16(be16(t[88:]))
	}
}

func (f *Font) parsePost(t []byte) {
	if len(t) < 16 {
		return
	}
	f.italicAngle = float64(int32(be32(t[4:]))) / 65536
	if f.italicAngle != 0 {
		f.flags |= flagItalic
	}
	if be32(t[12:]) != 0 {
		f.flags |= flagFixedPitch
	}
}

// parseName returns the PostScript name (name ID 6) of a name table,
// restricted to the characters allowed in PostScript and PDF names, or
// "Font" if there is none.
func parseName(t []byte) string {
	if len(t) < 6 {
		return "Font"
	}
	n, strs := int(be16(t[2:])), int(be16(t[4:]))
	for i := range n {
		r := 6 + 12*i
		if r+12 > len(t) {
			break
		}
		pid, eid, id := be16(t[r:]), be16(t[r+2:]), be16(t[r+6:])
		size, off := int(be16(t[r+8:])), strs+int(be16(t[r+10:]))
		if id != 6 || off+size > len(t) {
			continue
		}
		s := t[off : off+size]
		var name []byte
		switch {
		case pid == 1 && eid == 0:
			name = psName(s)
		case pid == 3 && (eid == 0 || eid == 1), pid == 0:
			u := make([]uint16, len(s)/2)
			for j := range u {
				u[j] = be16(s[2*j:])
			}
			name = psName([]byte(string(utf16.Decode(u))))
		}
		if len(name) > 0 {
			return string(name)
		}
	}
	return "Font"
}

// psName keeps the bytes of s allowed in a PostScript font name: printable
// ASCII but the PDF delimiters and '#', at most maxNameLen of them.
func psName(s []byte) []byte {
	var b []byte
	for _, c := range s {
		if c > ' ' && c < 0x7F && !isDelim(c) && c != '#' && len(b) < maxNameLen {
			b = append(b, c)
		}
	}
	return b
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// Name returns the PostScript name of the font, from its name table, or
// "Font" if it has none.
func (f *Font) Name() string { return f.name }

// Width returns the advance width in points of s set at size points,
// without kerning. Runes the font lacks count with the width of glyph 0
// (.notdef); line feeds are ignored, as Text ignores them.
func (f *Font) Width(s string, size float64) float64 {
	sum := 0
	for _, r := range s {
		if r != '\n' {
			sum += int(f.advance[f.glyph(r)])
		}
	}
	return float64(sum) * size / f.unitsPerEm
}

// Ascent returns the height above the baseline of the font at size points,
// a positive number (hhea ascender).
func (f *Font) Ascent(size float64) float64 {
	return math.Abs(float64(f.ascent)) * size / f.unitsPerEm
}

// Descent returns the depth below the baseline of the font at size points,
// a positive number (the absolute value of the hhea descender).
func (f *Font) Descent(size float64) float64 {
	return math.Abs(float64(f.descent)) * size / f.unitsPerEm
}

// CapHeight returns the height of capital letters at size points, from the
// font's OS/2 table, or 0.7×size if the font does not say.
func (f *Font) CapHeight(size float64) float64 {
	if f.capHeight <= 0 {
		return 0.7 * size
	}
	return float64(f.capHeight) * size / f.unitsPerEm
}

// capHeightUnits returns the cap height in font units.
func (f *Font) capHeightUnits() float64 { return f.CapHeight(f.unitsPerEm) }

// Covers reports whether the font has a glyph for every rune of s, line
// feeds excepted. If not, it returns the first rune without one.
func (f *Font) Covers(s string) (rune, bool) {
	for _, r := range s {
		if r != '\n' && f.glyph(r) == 0 {
			return r, false
		}
	}
	return 0, true
}

func be16(b []byte) uint16 { return binary.BigEndian.Uint16(b) }
func be32(b []byte) uint32 { return binary.BigEndian.Uint32(b) }
