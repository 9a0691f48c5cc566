package pdf

import (
	"crypto/sha256"
	"fmt"
	"io"
	"time"
	"unicode/utf16"
)

// Objects written before the pages.
const (
	objCatalog = 1 + iota
	objPages
	objInfo
	objResources
	objFirstPage // then one page and its content stream per page
)

// Objects per font: the Type0 font, then these.
const (
	fontCID = 1 + iota
	fontDescriptor
	fontFile
	fontToUnicode
	objsPerFont
)

// WriteTo writes the document to w as a PDF file and returns the number of
// bytes written. A document without pages gets a blank A4 page. The
// Document may not be drawn on or written again afterwards, but it may be
// Reset.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	if len(d.pages) == 0 {
		d.AddPage(A4Width, A4Height)
	}
	firstFont := objFirstPage + 2*len(d.pages)
	firstImage := firstFont + objsPerFont*len(d.fonts)

	d.out = append(d.out[:0], "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"...)
	d.offsets = d.offsets[:0]

	d.begin(objCatalog)
	d.put("<< /Type /Catalog /Pages ", objPages, " 0 R >>")
	d.end()

	d.begin(objPages)
	d.add("<< /Type /Pages /Kids [")
	for i := range d.pages {
		if i > 0 {
			d.add(" ")
		}
		d.put("", objFirstPage+2*i, " 0 R")
	}
	d.put("] /Count ", len(d.pages), " >>")
	d.end()

	d.begin(objInfo)
	d.writeInfo()
	d.end()

	d.begin(objResources)
	d.add("<<")
	if len(d.fonts) > 0 {
		d.add(" /Font <<")
		for i, u := range d.fonts {
			d.put(" /F", u.res, " ")
			d.put("", firstFont+objsPerFont*i, " 0 R")
		}
		d.add(" >>")
	}
	if len(d.images) > 0 {
		d.add(" /XObject <<")
		obj := firstImage
		for i, im := range d.images {
			d.put(" /I", i+1, " ")
			d.put("", obj, " 0 R")
			obj += im.objects()
		}
		d.add(" >>")
	}
	d.add(" >>")
	d.end()

	for i, p := range d.pages {
		obj := objFirstPage + 2*i
		d.begin(obj)
		d.put("<< /Type /Page /Parent ", objPages, " 0 R /MediaBox [0 0 ")
		d.out = appendNum(d.out, p.width)
		d.add(" ")
		d.out = appendNum(d.out, p.height)
		d.put("] /Resources ", objResources, " 0 R")
		d.put(" /Contents ", obj+1, " 0 R >>")
		d.end()

		p.end()
		d.buf = deflate(d.buf[:0], p.content, streamLevel)
		d.begin(obj + 1)
		d.add("<<")
		d.stream(d.buf)
		d.end()
	}

	for i, u := range d.fonts {
		d.writeFont(u, firstFont+objsPerFont*i)
	}

	obj := firstImage
	for _, im := range d.images {
		d.writeImage(im, obj)
		obj += im.objects()
	}

	// The file identifier is a hash of the content, so equal documents
	// get equal identifiers.
	id := sha256.Sum256(d.out)
	xref := len(d.out)
	d.put("xref\n0 ", len(d.offsets)+1, "\n0000000000 65535 f \n")
	for _, off := range d.offsets {
		e := [20]byte{10: ' ', 11: '0', 12: '0', 13: '0', 14: '0', 15: '0', 16: ' ', 17: 'n', 18: ' ', 19: '\n'}
		for k := 9; k >= 0; k-- { // ten digits, zero-padded
			e[k] = byte('0' + off%10)
			off /= 10
		}
		d.out = append(d.out, e[:]...)
	}
	d.put("trailer\n<< /Size ", len(d.offsets)+1, "")
	d.put(" /Root ", objCatalog, " 0 R")
	d.put(" /Info ", objInfo, " 0 R /ID [<")
	d.out = appendHexBytes(d.out, id[:16])
	d.add("> <")
	d.out = appendHexBytes(d.out, id[:16])
	d.put(">] >>\nstartxref\n", xref, "\n%%EOF\n")

	n, err := w.Write(d.out)
	return int64(n), err
}

// begin starts object obj, which must be the next one.
func (d *Document) begin(obj int) {
	d.offsets = append(d.offsets, len(d.out))
	d.out = appendInt(d.out, obj)
	d.out = append(d.out, " 0 obj\n"...)
}

// end ends an object.
func (d *Document) end() { d.out = append(d.out, "\nendobj\n"...) }

// add appends s to the output.
func (d *Document) add(s string) { d.out = append(d.out, s...) }

// put appends before, n and after.
func (d *Document) put(before string, n int, after string) {
	d.out = append(d.out, before...)
	d.out = appendInt(d.out, n)
	d.out = append(d.out, after...)
}

// stream appends the end of a stream dictionary and a stream of
// FlateDecode data.
func (d *Document) stream(data []byte) {
	d.put(" /Length ", len(data), " /Filter /FlateDecode >>\nstream\n")
	d.out = append(d.out, data...)
	d.add("\nendstream")
}

func (d *Document) writeInfo() {
	d.add("<<")
	for _, e := range []struct{ key, val string }{
		{"Title", d.info.Title},
		{"Author", d.info.Author},
		{"Subject", d.info.Subject},
		{"Creator", d.info.Creator},
		{"Producer", d.info.Producer},
	} {
		if e.val != "" {
			d.add(" /" + e.key + " ")
			d.out = appendTextString(d.out, e.val)
		}
	}
	if t := d.info.CreationDate; !t.IsZero() {
		d.add(" /CreationDate ")
		d.out = appendTextString(d.out, pdfDate(t))
	}
	d.add(" >>")
}

// pdfDate formats t as a PDF date: D:YYYYMMDDHHmmSS followed by Z or the
// offset from UTC, +HH'mm'.
func pdfDate(t time.Time) string {
	s := t.Format("D:20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return s + "Z"
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%s%c%02d'%02d'", s, sign, off/3600, off/60%60)
}

// appendTextString appends s as a PDF text string: a literal string if it
// is printable ASCII, else a hexadecimal string in UTF-16BE with a BOM.
func appendTextString(b []byte, s string) []byte {
	ascii := true
	for i := range len(s) {
		if s[i] < ' ' || s[i] > '~' {
			ascii = false
			break
		}
	}
	if ascii {
		b = append(b, '(')
		for i := range len(s) {
			switch c := s[i]; c {
			case '(', ')', '\\':
				b = append(b, '\\', c)
			default:
				b = append(b, c)
			}
		}
		return append(b, ')')
	}
	b = append(b, "<FEFF"...)
	var u [2]uint16
	for _, r := range s {
		for _, v := range utf16.AppendRune(u[:0], r) {
			b = appendHex16(b, v)
		}
	}
	return append(b, '>')
}

// appendHexBytes appends p in hexadecimal.
func appendHexBytes(b, p []byte) []byte {
	for _, c := range p {
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return b
}

// appendName appends a PDF name: '/' then s, which holds only regular
// characters (see psName).
func appendName(b []byte, s string) []byte {
	return append(append(b, '/'), s...)
}

// writeFont writes the objects of a font from obj on: the Type0 font, its
// CIDFont, font descriptor, font program and ToUnicode map.
func (d *Document) writeFont(u *fontUse, obj int) {
	f := u.font
	d.buf = u.appendKey(d.buf[:0])
	sub := f.subsetFor(d.buf)
	scale := 1000 / f.unitsPerEm

	d.begin(obj)
	d.add("<< /Type /Font /Subtype /Type0 /BaseFont ")
	d.out = appendName(d.out, sub.name)
	d.put(" /Encoding /Identity-H /DescendantFonts [", obj+fontCID, " 0 R]")
	d.put(" /ToUnicode ", obj+fontToUnicode, " 0 R >>")
	d.end()

	d.begin(obj + fontCID)
	d.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont ")
	d.out = appendName(d.out, sub.name)
	d.add(" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>")
	d.put(" /FontDescriptor ", obj+fontDescriptor, " 0 R /CIDToGIDMap /Identity /W [")
	for i, g := range u.gids {
		if i == 0 || g != u.gids[i-1]+1 {
			if i > 0 {
				d.add("] ")
			}
			d.put("", int(g), " [")
		} else {
			d.add(" ")
		}
		d.out = appendNum(d.out, float64(f.advance[g])*scale)
	}
	if len(u.gids) > 0 {
		d.add("]")
	}
	d.add("] >>")
	d.end()

	d.begin(obj + fontDescriptor)
	d.add("<< /Type /FontDescriptor /FontName ")
	d.out = appendName(d.out, sub.name)
	d.put(" /Flags ", f.flags, " /FontBBox [")
	for i, v := range f.bbox {
		if i > 0 {
			d.add(" ")
		}
		d.out = appendNum(d.out, float64(v)*scale)
	}
	d.add("] /ItalicAngle ")
	d.out = appendNum(d.out, f.italicAngle)
	d.add(" /Ascent ")
	d.out = appendNum(d.out, float64(f.ascent)*scale)
	d.add(" /Descent ")
	d.out = appendNum(d.out, -f.Descent(f.unitsPerEm)*scale)
	d.add(" /CapHeight ")
	d.out = appendNum(d.out, f.capHeightUnits()*scale)
	d.put(" /StemV 80 /FontFile2 ", obj+fontFile, " 0 R >>")
	d.end()

	d.begin(obj + fontFile)
	d.put("<< /Length ", len(sub.stream), "")
	d.put(" /Length1 ", sub.length1, " /Filter /FlateDecode >>\nstream\n")
	d.out = append(d.out, sub.stream...)
	d.add("\nendstream")
	d.end()

	d.begin(obj + fontToUnicode)
	d.add("<<")
	d.stream(sub.toUnicode)
	d.end()
}

// objects returns the number of PDF objects of an image: 1, or 2 with a
// soft mask.
func (im *Image) objects() int {
	if im.smask != nil {
		return 2
	}
	return 1
}

// writeImage writes the image XObject of im as obj, and its soft mask as
// obj+1.
func (d *Document) writeImage(im *Image, obj int) {
	d.begin(obj)
	d.put("<< /Type /XObject /Subtype /Image /Width ", im.width, "")
	d.put(" /Height ", im.height, " /ColorSpace /"+im.colorSpace+" /BitsPerComponent 8")
	if im.decode != "" {
		d.add(" /Decode " + im.decode)
	}
	if im.decodeParms != "" {
		d.add(" /DecodeParms " + im.decodeParms)
	}
	if im.smask != nil {
		d.put(" /SMask ", obj+1, " 0 R")
	}
	d.put(" /Filter /"+im.filter+" /Length ", len(im.data), " >>\nstream\n")
	d.out = append(d.out, im.data...)
	d.add("\nendstream")
	d.end()
	if im.smask == nil {
		return
	}
	d.begin(obj + 1)
	d.put("<< /Type /XObject /Subtype /Image /Width ", im.width, "")
	d.put(" /Height ", im.height, " /ColorSpace /DeviceGray /BitsPerComponent 8")
	d.stream(im.smask)
	d.end()
}
