// Package pdf is a small, fast PDF writer for the pages pagokit renders:
// text in embedded TrueType fonts, filled and stroked rectangles, lines
// and raster images.
//
// Fonts (ParseFont) and images (ParseImage) are parsed once and are safe
// for concurrent use by any number of Documents. A Document is used by one
// goroutine: add pages with AddPage, draw on them, then call WriteTo.
// Reset lets a Document be reused, keeping its buffers, so Documents can
// be kept in a sync.Pool.
//
// Coordinates are in PDF points (1/72 inch) with the origin at the
// top-left corner of the page and y growing downwards; the package turns
// them into PDF's bottom-left coordinate space.
//
// Fonts are embedded as subsets, as Type0 fonts with CIDFontType2
// descendants and the Identity-H encoding, together with a ToUnicode map
// so that text can be extracted and searched. The output is deterministic:
// the same drawing calls produce byte-identical documents.
package pdf
