package receiptpdf

import (
	"strings"

	"github.com/pagokit/pagokit/internal/pdf"
)

// Drawing in millimetres on top of internal/pdf (points), origin at the
// top-left corner.

const ptPerMM = 72 / 25.4

func mm(v float64) float64 { return v * ptPerMM }

// Colours.
var (
	black     = pdf.Black
	grey      = pdf.Color{R: 0x5C, G: 0x6F, B: 0x82} // labels
	greyLine  = pdf.Color{R: 0xC5, G: 0xCE, B: 0xD6} // rules
	greyLight = pdf.Color{R: 0xF2, G: 0xF4, B: 0xF6} // summary band, table header
	blue      = pdf.Color{R: 0x00, G: 0x66, B: 0xCC} // pagoPA blue: section titles
	green     = pdf.Color{R: 0x00, G: 0x7A, B: 0x52} // outcome OK
	red       = pdf.Color{R: 0xC0, G: 0x21, B: 0x2F} // outcome KO
	amber     = pdf.Color{R: 0xA6, G: 0x5F, B: 0x00} // outcome PARTIAL or unknown
)

// canvas is a page with millimetre coordinates.
type canvas struct{ p *pdf.Page }

func (c canvas) fill(col pdf.Color) { c.p.SetFill(col) }

func (c canvas) text(f *pdf.Font, size, x, y float64, s string) {
	c.p.Text(f, size, mm(x), mm(y), s)
}

// textRight draws s ending at x.
func (c canvas) textRight(f *pdf.Font, size, x, y float64, s string) {
	c.text(f, size, x-width(f, size, s), y, s)
}

func (c canvas) roundRect(x, y, w, h, r float64) {
	c.p.RoundRect(mm(x), mm(y), mm(w), mm(h), mm(r), true)
}

// hline draws a horizontal rule of the given width in points.
func (c canvas) hline(x1, x2, y, lw float64, col pdf.Color) {
	c.p.SetStroke(col)
	c.p.SetLineWidth(lw)
	c.p.Line(mm(x1), mm(y), mm(x2), mm(y))
}

// width is the width of s in millimetres.
func width(f *pdf.Font, size float64, s string) float64 { return f.Width(s, size) / ptPerMM }

// leading is the distance between baselines of a text set at size points,
// in millimetres: 1.25 times the size.
func leading(size float64) float64 { return size * 1.25 / ptPerMM }

// fit returns the largest size, from size down to 60% of it in steps of
// a quarter point, at which s fits in w millimetres on one line.
func fit(f *pdf.Font, size, w float64, s string) float64 {
	for lo := size * 0.6; size > lo && width(f, size, s) > w; size -= 0.25 {
	}
	return size
}

// ellipsis returns s, or if it is wider than w millimetres its longest
// prefix that fits followed by "…".
func ellipsis(f *pdf.Font, size, w float64, s string) string {
	if width(f, size, s) <= w {
		return s
	}
	cut := ""
	for i := range s {
		if width(f, size, s[:i]+"…") > w {
			break
		}
		cut = s[:i]
	}
	return cut + "…"
}

// wrap breaks s, whose white space is single spaces, into lines no wider
// than w millimetres: at spaces, and within a word wider than w between
// characters. Nothing is lost: joining the lines with spaces (and the
// pieces of a broken word without) gives s back.
func wrap(f *pdf.Font, size, w float64, s string) []string {
	var lines []string
	line := ""
	for _, word := range strings.Split(s, " ") {
		if word == "" {
			continue
		}
		if line != "" && width(f, size, line+" "+word) <= w {
			line += " " + word
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		// Break a word too wide for a line of its own.
		for width(f, size, word) > w && hasTwoRunes(word) {
			k := breakAt(f, size, w, word)
			lines = append(lines, word[:k])
			word = word[k:]
		}
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// breakAt returns the byte length of the longest prefix of word, of at
// least one rune, that fits in w millimetres, preferring to end it after
// a '/', '-', '.' or ',' in its second half: "/RFB/123/TXT/" breaks
// between its parts.
func breakAt(f *pdf.Font, size, w float64, word string) int {
	k, soft := 0, 0
	for i, c := range word {
		if i > 0 {
			if width(f, size, word[:i]) > w {
				break
			}
			k = i
		}
		if c == '/' || c == '-' || c == '.' || c == ',' {
			soft = i + 1
		}
	}
	if soft > k {
		soft = 0 // the separator itself did not fit
	}
	switch {
	case soft > 0 && soft >= k/2:
		return soft
	case k > 0:
		return k
	}
	// Not even one rune fits: take one anyway.
	for i := range word {
		if i > 0 {
			return i
		}
	}
	return len(word)
}

func hasTwoRunes(s string) bool {
	for i := range s {
		if i > 0 {
			return true
		}
	}
	return false
}
