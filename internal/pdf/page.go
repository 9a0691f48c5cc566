package pdf

import "math"

// Size of an A4 page (210 × 297 mm) in points.
const (
	A4Width  = 595.276
	A4Height = 841.89
)

// Largest page side in points (200 inches), as PDF readers require.
const maxPageSide = 14400

// kappa is the distance, as a fraction of the radius, of the control
// points of the cubic Bézier curve approximating a quarter circle.
const kappa = 0.5522847498

// Color is an RGB colour. A gray (R == G == B) is written with PDF's gray
// operators.
type Color struct{ R, G, B uint8 }

// Black and White are the colours the names say. A page starts with both
// its fill and stroke colours black.
var (
	Black = Color{}
	White = Color{255, 255, 255}
)

// Page is a page of a Document, drawn on with its methods. The graphics
// state (colours, line width, dash) starts as black, 1 point and solid,
// and stays as set until changed.
//
// Drawing on a Page appends to its content stream: consecutive filled
// rectangles of one colour become a single path, and consecutive texts
// share a text object.
type Page struct {
	doc           *Document
	width, height float64
	content       []byte

	fill, stroke    Color
	lineWidth       float64
	dashOn, dashOff float64

	inText, inPath bool       // within BT…ET; a filled path is pending
	rect           [4]float64 // in PDF space, not written yet (rectOK)
	rectOK         bool
	font           *fontUse // font and size in the text state
	fontSize       float64
	tx, ty         float64 // start of the current text line, as written
}

func (p *Page) reset(d *Document, width, height float64) {
	*p = Page{doc: d, width: width, height: height, content: p.content[:0], lineWidth: 1}
}

// endText closes a text object.
func (p *Page) endText() {
	if p.inText {
		p.content = append(p.content, "ET\n"...)
		p.inText = false
	}
}

// flushRect writes the rectangle Rect left pending.
func (p *Page) flushRect() {
	if p.rectOK {
		p.nums(p.rect[0], p.rect[1], p.rect[2], p.rect[3])
		p.op("re")
		p.rectOK = false
	}
}

// endPath fills the pending path of rectangles.
func (p *Page) endPath() {
	p.flushRect()
	if p.inPath {
		p.content = append(p.content, "f\n"...)
		p.inPath = false
	}
}

// end finishes the content stream.
func (p *Page) end() {
	p.endText()
	p.endPath()
}

// nums appends the numbers vs, each followed by a space.
func (p *Page) nums(vs ...float64) {
	for _, v := range vs {
		p.content = appendNum(p.content, v)
		p.content = append(p.content, ' ')
	}
}

// op appends an operator and a line feed.
func (p *Page) op(s string) {
	p.content = append(p.content, s...)
	p.content = append(p.content, '\n')
}

// appendColor appends the operator setting c as the fill colour or, with
// stroke set, the stroke colour.
func appendColor(b []byte, c Color, stroke bool) []byte {
	b = append(b, colorNum[c.R]...)
	if c.R == c.G && c.G == c.B {
		if stroke {
			return append(b, " G\n"...)
		}
		return append(b, " g\n"...)
	}
	b = append(b, ' ')
	b = append(b, colorNum[c.G]...)
	b = append(b, ' ')
	b = append(b, colorNum[c.B]...)
	if stroke {
		return append(b, " RG\n"...)
	}
	return append(b, " rg\n"...)
}

// SetFill sets the colour of filled shapes and text.
func (p *Page) SetFill(c Color) {
	if c == p.fill {
		return
	}
	p.endPath()
	p.fill = c
	p.content = appendColor(p.content, c, false)
}

// SetStroke sets the colour of lines and outlines.
func (p *Page) SetStroke(c Color) {
	if c == p.stroke {
		return
	}
	p.endPath()
	p.stroke = c
	p.content = appendColor(p.content, c, true)
}

// SetLineWidth sets the width of lines and outlines, in points; 0 draws
// the thinnest line the device can render.
func (p *Page) SetLineWidth(w float64) {
	if !(w > 0) { // also NaN
		w = 0
	}
	if w == p.lineWidth {
		return
	}
	p.endPath()
	p.lineWidth = w
	p.nums(w)
	p.op("w")
}

// SetDash makes lines and outlines dashed: on points drawn, off points
// skipped. SetDash(0, 0), or any value not positive, makes them solid.
func (p *Page) SetDash(on, off float64) {
	if !(on > 0 && off > 0) {
		on, off = 0, 0
	}
	if on == p.dashOn && off == p.dashOff {
		return
	}
	p.endPath()
	p.dashOn, p.dashOff = on, off
	if on == 0 {
		p.op("[] 0 d")
		return
	}
	p.content = append(p.content, '[')
	p.content = appendNum(p.content, on)
	p.content = append(p.content, ' ')
	p.content = appendNum(p.content, off)
	p.op("] 0 d")
}

// box normalises a rectangle given by its top-left corner to PDF space:
// it returns its bottom-left corner and positive width and height.
func (p *Page) box(x, y, w, h float64) (float64, float64, float64, float64) {
	if w < 0 {
		x, w = x+w, -w
	}
	if h < 0 {
		y, h = y+h, -h
	}
	return x, p.height - y - h, w, h
}

// Rect fills a rectangle with the fill colour; (x, y) is its top-left
// corner. A negative width or height extends it left or up.
//
// A rectangle continuing the previous one on its right, with the same top
// and height, extends it: a row of modules of a 2D barcode becomes one
// rectangle per run, drawn without seams.
func (p *Page) Rect(x, y, w, h float64) {
	p.endText()
	x, y, w, h = p.box(x, y, w, h)
	if r := &p.rect; p.rectOK && y == r[1] && h == r[3] && math.Abs(x-(r[0]+r[2])) < 1e-6 {
		r[2] = x + w - r[0]
		return
	}
	p.flushRect()
	p.rect = [4]float64{x, y, w, h}
	p.rectOK = true
	p.inPath = true
}

// StrokeRect draws the outline of a rectangle with the stroke colour, line
// width and dash; (x, y) is its top-left corner.
func (p *Page) StrokeRect(x, y, w, h float64) {
	p.end()
	x, y, w, h = p.box(x, y, w, h)
	p.nums(x, y, w, h)
	p.op("re S")
}

// RoundRect draws a rectangle with corners rounded to radius r, filled
// with the fill colour or, if fill is false, outlined with the stroke
// colour; (x, y) is its top-left corner. The radius is limited to half the
// shorter side.
func (p *Page) RoundRect(x, y, w, h, r float64, fill bool) {
	p.endText()
	p.flushRect()
	if !fill {
		p.endPath()
	}
	x0, y0, w, h := p.box(x, y, w, h)
	x1, y1 := x0+w, y0+h
	r = math.Min(r, math.Min(w, h)/2)
	if !(r > 0) {
		r = 0
	}
	k := r * (1 - kappa) // control points are k from the corner
	p.nums(x0+r, y0)
	p.op("m")
	p.nums(x1-r, y0)
	p.op("l")
	if r > 0 {
		p.nums(x1-k, y0, x1, y0+k, x1, y0+r)
		p.op("c")
	}
	p.nums(x1, y1-r)
	p.op("l")
	if r > 0 {
		p.nums(x1, y1-k, x1-k, y1, x1-r, y1)
		p.op("c")
	}
	p.nums(x0+r, y1)
	p.op("l")
	if r > 0 {
		p.nums(x0+k, y1, x0, y1-k, x0, y1-r)
		p.op("c")
	}
	p.nums(x0, y0+r)
	p.op("l")
	if r > 0 {
		p.nums(x0, y0+k, x0+k, y0, x0+r, y0)
		p.op("c")
	}
	if fill {
		// Drawn counter-clockwise like the rectangles of Rect, so it
		// joins their path, filled by the nonzero winding rule.
		p.op("h")
		p.inPath = true
		return
	}
	p.op("h S")
}

// Line draws a line from (x1, y1) to (x2, y2) with the stroke colour, line
// width and dash.
func (p *Page) Line(x1, y1, x2, y2 float64) {
	p.end()
	p.nums(x1, p.height-y1)
	p.op("m")
	p.nums(x2, p.height-y2)
	p.op("l S")
}

// Text draws s in font f at size points, in the fill colour, with its
// baseline at y and its left edge at x. Runes the font lacks are drawn as
// glyph 0 (usually a box); line feeds are ignored. A nil font draws
// nothing.
func (p *Page) Text(f *Font, size, x, y float64, s string) {
	if f == nil || s == "" {
		return
	}
	p.endPath()
	u := p.font
	if u == nil || u.font != f {
		u = p.doc.use(f)
	}
	if !p.inText {
		p.content = append(p.content, "BT\n"...)
		p.inText = true
		p.tx, p.ty = 0, 0
	}
	if u != p.font || size != p.fontSize {
		p.font, p.fontSize = u, size
		p.content = append(p.content, "/F"...)
		p.content = appendInt(p.content, u.res)
		p.content = append(p.content, ' ')
		p.nums(size)
		p.op("Tf")
	}
	// Td moves relative to the previous line start; the offsets written
	// are rounded, so take them from the position actually reached.
	dx, dy := round3(x-p.tx), round3(p.height-y-p.ty)
	p.tx += dx
	p.ty += dy
	p.nums(dx, dy)
	p.content = append(p.content, "Td\n<"...)
	b := p.content
	for _, r := range s {
		if r == '\n' {
			continue
		}
		g := f.glyph(r)
		if u.uni[g] == 0 {
			u.add(g, r)
		}
		b = appendHex16(b, g)
	}
	p.content = append(b, "> Tj\n"...)
}

// round3 rounds v to three decimals, as appendNum does.
func round3(v float64) float64 {
	if v != v {
		return 0
	}
	v = math.Max(-maxNum, math.Min(maxNum, v))
	return math.Round(v*1000) / 1000
}

// Image draws im stretched to w × h points with its top-left corner at
// (x, y). A nil image draws nothing.
func (p *Page) Image(im *Image, x, y, w, h float64) {
	if im == nil {
		return
	}
	p.end()
	n := p.doc.imageRes(im)
	x, y, w, h = p.box(x, y, w, h)
	p.op("q")
	p.nums(w, 0, 0, h, x, y)
	p.content = append(p.content, "cm /I"...)
	p.content = appendInt(p.content, n)
	p.op(" Do Q")
}
