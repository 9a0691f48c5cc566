package pdf

import (
	"slices"
	"time"
)

// Bounds on what a Document keeps for reuse when Reset: this many pages
// and records of fonts, and buffers up to this size.
const (
	maxSparePages = 64
	maxSpareFonts = 16
	maxSpareBytes = 1 << 20
)

// Info is the document information dictionary. Empty fields are left out;
// a zero CreationDate writes no date, keeping the output deterministic.
type Info struct {
	Title, Author, Subject, Creator, Producer string
	CreationDate                              time.Time
}

// Document is a PDF document being built. It is not safe for concurrent
// use, but many Documents may share Fonts and Images concurrently.
type Document struct {
	info   Info
	pages  []*Page
	fonts  []*fontUse // in order of first use: font resource /F1, /F2…
	images []*Image   // in order of first use: image resource /I1, /I2…

	// Kept by Reset for the next document.
	sparePages []*Page
	spareFonts []*fontUse
	out, buf   []byte
	offsets    []int
}

// fontUse records the glyphs of a Font drawn in a Document.
type fontUse struct {
	font *Font
	res  int // resource number: /F<res>
	// uni holds, for each glyph, 0 if it is not drawn, else 1 + the first
	// rune drawn with it, or -1 for glyph 0, which stands for no rune.
	uni  []int32
	gids []uint16 // the glyphs drawn, in order of first use until appendKey
}

// add records that glyph g is drawn for rune r.
func (u *fontUse) add(g uint16, r rune) {
	if g == 0 {
		u.uni[g] = -1
	} else {
		u.uni[g] = r + 1
	}
	u.gids = append(u.gids, g)
}

// appendKey sorts the glyphs drawn and appends their subset key: for each
// glyph, in ascending order, its id and its uni value, see keySize.
func (u *fontUse) appendKey(b []byte) []byte {
	slices.Sort(u.gids)
	for _, g := range u.gids {
		v := uint32(u.uni[g])
		b = append(b, byte(g>>8), byte(g), byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
	}
	return b
}

// New returns an empty Document.
func New() *Document { return &Document{} }

// SetInfo sets the document information dictionary.
func (d *Document) SetInfo(info Info) { d.info = info }

// AddPage adds a page of the given size in points (A4Width × A4Height for
// A4) and returns it. Sizes are limited to 1 to 14,400 points, PDF's own
// limits.
func (d *Document) AddPage(width, height float64) *Page {
	var p *Page
	if n := len(d.sparePages); n > 0 {
		p = d.sparePages[n-1]
		d.sparePages = d.sparePages[:n-1]
	} else {
		p = &Page{}
	}
	p.reset(d, pageSide(width), pageSide(height))
	d.pages = append(d.pages, p)
	return p
}

func pageSide(v float64) float64 {
	if !(v >= 1) { // also NaN
		return 1
	}
	return min(v, maxPageSide)
}

// use returns the record of the glyphs of f drawn in the document.
func (d *Document) use(f *Font) *fontUse {
	for _, u := range d.fonts {
		if u.font == f {
			return u
		}
	}
	var u *fontUse
	for i, s := range d.spareFonts {
		if s.font == f {
			u = s
			d.spareFonts = slices.Delete(d.spareFonts, i, i+1)
			break
		}
	}
	if u == nil {
		u = &fontUse{font: f, uni: make([]int32, f.numGlyphs)}
	}
	u.res = len(d.fonts) + 1
	d.fonts = append(d.fonts, u)
	return u
}

// imageRes returns the resource number of im: /I<n>.
func (d *Document) imageRes(im *Image) int {
	for i, m := range d.images {
		if m == im {
			return i + 1
		}
	}
	d.images = append(d.images, im)
	return len(d.images)
}

// Reset empties the Document for a new one, keeping its buffers; a
// Document may be reset after WriteTo and used again.
func (d *Document) Reset() {
	for _, p := range d.pages {
		if cap(p.content) > maxSpareBytes {
			p.content = nil
		}
		p.reset(nil, 0, 0)
	}
	d.sparePages = append(d.sparePages, d.pages[:min(len(d.pages), maxSparePages-len(d.sparePages))]...)
	clear(d.pages)
	d.pages = d.pages[:0]
	for _, u := range d.fonts {
		for _, g := range u.gids {
			u.uni[g] = 0
		}
		u.gids = u.gids[:0]
	}
	d.spareFonts = append(d.spareFonts, d.fonts...)
	if n := len(d.spareFonts) - maxSpareFonts; n > 0 {
		d.spareFonts = slices.Delete(d.spareFonts, 0, n)
	}
	clear(d.fonts)
	d.fonts = d.fonts[:0]
	clear(d.images)
	d.images = d.images[:0]
	d.info = Info{}
	for _, b := range []*[]byte{&d.out, &d.buf} {
		if cap(*b) > maxSpareBytes {
			*b = nil
		}
	}
}
