package pdf

import "unicode/utf16"

// appendToUnicode appends to b the ToUnicode CMap of the glyphs of a
// subset key: each glyph but those standing for no text maps to the rune
// it was first drawn for.
func appendToUnicode(b []byte, key string) []byte {
	b = append(b, "/CIDInit /ProcSet findresource begin\n"+
		"12 dict begin\n"+
		"begincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n"+
		"/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	// Blocks of at most 100 entries, as the CMap format requires.
	const block = 100
	var entries [block]string
	n := 0
	flush := func() {
		if n == 0 {
			return
		}
		b = appendInt(b, n)
		b = append(b, " beginbfchar\n"...)
		var u16 [2]uint16
		for _, e := range entries[:n] {
			g := uint16(e[0])<<8 | uint16(e[1])
			r := rune(uint32(e[2])<<24|uint32(e[3])<<16|uint32(e[4])<<8|uint32(e[5])) - 1
			b = append(b, '<')
			b = appendHex16(b, g)
			b = append(b, "> <"...)
			for _, v := range utf16.AppendRune(u16[:0], r) {
				b = appendHex16(b, v)
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
		n = 0
	}
	for i := 0; i+keySize <= len(key); i += keySize {
		if e := key[i : i+keySize]; e[2]&0x80 == 0 && e[2:] != "\x00\x00\x00\x00" { // uni > 0
			entries[n] = e
			if n++; n == block {
				flush()
			}
		}
	}
	flush()
	return append(b, "endcmap\n"+
		"CMapName currentdict /CMap defineresource pop\n"+
		"end\nend\n"...)
}
