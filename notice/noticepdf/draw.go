package noticepdf

import (
	"strings"
	"unicode/utf8"

	"github.com/pagokit/pagokit/internal/pdf"
)

// Drawing primitives in millimetres, on top of internal/pdf (points).

const ptPerMM = 72 / 25.4

func mm(v float64) float64 { return v * ptPerMM }

// Colours of the graphic specification (Elementi di design, Colori).
var (
	black     = pdf.Black
	greyText  = pdf.Color{R: 0x7C, G: 0x7C, B: 0x7B} // second-language texts
	greyLight = pdf.Color{R: 0xEC, G: 0xEC, B: 0xEC} // section backgrounds
	grey70    = pdf.Color{R: 0x4D, G: 0x4D, B: 0x4D} // Poste authorisation: black at 70%
	blue      = pdf.Color{R: 0x00, G: 0x66, B: 0xCC} // pagoPA blue
)

// canvas is a page with millimetre coordinates (origin top-left).
type canvas struct {
	p *pdf.Page
}

func (c canvas) fill(col pdf.Color)      { c.p.SetFill(col) }
func (c canvas) rect(x, y, w, h float64) { c.p.Rect(mm(x), mm(y), mm(w), mm(h)) }
func (c canvas) roundRect(x, y, w, h, r float64) {
	c.p.RoundRect(mm(x), mm(y), mm(w), mm(h), mm(r), true)
}
func (c canvas) text(f *pdf.Font, size, x, y float64, s string) {
	c.p.Text(f, size, mm(x), mm(y), s)
}

// textRight draws s ending at x.
func (c canvas) textRight(f *pdf.Font, size, x, y float64, s string) {
	c.text(f, size, x-f.Width(s, size)/ptPerMM, y, s)
}

// width is the width of s in millimetres.
func width(f *pdf.Font, size float64, s string) float64 { return f.Width(s, size) / ptPerMM }

// fit returns the largest size, down to 70% of size, at which s fits in w
// millimetres on one line.
func fit(f *pdf.Font, size, w float64, s string) float64 {
	for min := size * 0.7; size > min; size -= 0.25 {
		if width(f, size, s) <= w {
			return size
		}
	}
	return size
}

// wrap breaks s into lines no wider than w millimetres, at spaces; a word
// wider than w is broken between characters.
func wrap(f *pdf.Font, size, w float64, s string) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		var line string
		for _, word := range words {
			cand := word
			if line != "" {
				cand = line + " " + word
			}
			if width(f, size, cand) <= w {
				line = cand
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			for width(f, size, word) > w && utf8.RuneCountInString(word) > 1 {
				r := []rune(word)
				k := len(r) - 1
				for k > 1 && width(f, size, string(r[:k])) > w {
					k--
				}
				lines = append(lines, string(r[:k]))
				word = string(r[k:])
			}
			line = word
		}
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// block draws s wrapped in w millimetres from baseline y, at most max
// lines, shrinking the size down to 70% to fit, and returns the baseline
// of the next line.
func (c canvas) block(f *pdf.Font, size, x, y, w, leading float64, max int, s string) float64 {
	lines := wrap(f, size, w, s)
	for min := size * 0.7; len(lines) > max && size > min; {
		size -= 0.25
		leading *= (size) / (size + 0.25)
		lines = wrap(f, size, w, s)
	}
	if len(lines) > max {
		lines = lines[:max]
		last := []rune(lines[max-1])
		for len(last) > 1 && width(f, size, string(last)+"…") > w {
			last = last[:len(last)-1]
		}
		lines[max-1] = string(last) + "…"
	}
	for _, l := range lines {
		c.text(f, size, x, y, l)
		y += leading
	}
	return y
}

// modules draws a 2D symbol's module matrix as filled rectangles in a
// side×side millimetre square, one rectangle per horizontal run of dark
// modules.
func (c canvas) modules(m [][]bool, x, y, side float64) {
	if len(m) == 0 {
		return
	}
	cell := side / float64(len(m))
	c.fill(black)
	for row, line := range m {
		for col := 0; col < len(line); {
			if !line[col] {
				col++
				continue
			}
			end := col
			for end < len(line) && line[end] {
				end++
			}
			c.rect(x+float64(col)*cell, y+float64(row)*cell, float64(end-col)*cell, cell)
			col = end
		}
	}
}
