package pdf

import (
	"encoding/binary"
	"slices"
)

// This file builds small synthetic TrueType fonts for tests: fonts with
// composite glyphs, supplementary-plane characters, or one table broken.

// ttf is a font under construction: its tables by tag.
type ttf map[string][]byte

// bytes returns the font file: the table directory, sorted by tag, and the
// tables, each padded to 4 bytes, with their checksums.
func (t ttf) bytes() []byte {
	tags := make([]string, 0, len(t))
	for tag := range t {
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	b := binary.BigEndian.AppendUint32(nil, 0x00010000)
	b = binary.BigEndian.AppendUint16(b, uint16(len(tags)))
	b = append(b, 0, 0, 0, 0, 0, 0) // search fields: unused by readers here
	off := 12 + 16*len(tags)
	for _, tag := range tags {
		b = append(b, tag...)
		b = binary.BigEndian.AppendUint32(b, checksum(t[tag]))
		b = binary.BigEndian.AppendUint32(b, uint32(off))
		b = binary.BigEndian.AppendUint32(b, uint32(len(t[tag])))
		off += pad4(len(t[tag]))
	}
	for _, tag := range tags {
		b = append(b, t[tag]...)
		b = append(b, make([]byte, pad4(len(t[tag]))-len(t[tag]))...)
	}
	return b
}

// u16 and u32 append big-endian integers.
func u16(b []byte, vs ...int) []byte {
	for _, v := range vs {
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	return b
}

func u32(b []byte, vs ...int) []byte {
	for _, v := range vs {
		b = binary.BigEndian.AppendUint32(b, uint32(v))
	}
	return b
}

// triangle returns a simple glyph: one contour of three on-curve points
// with word coordinates, and no instructions.
func triangle(size int) []byte {
	b := u16(nil, 1, 0, 0, size, size) // contours, bbox
	b = u16(b, 2, 0)                   // end point of contour 0, instructions
	b = append(b, 1, 1, 1)             // flags: on curve, word deltas
	b = u16(b, 0, size, -size/2)       // x deltas
	b = u16(b, 0, 0, size)             // y deltas
	return b
}

// composite returns a composite glyph made of the glyphs comps, each
// shifted by a word offset.
func composite(comps ...int) []byte {
	b := u16(nil, 0xFFFF, 0, 0, 1000, 1000) // contours -1, bbox
	for i, c := range comps {
		flags := 0x0001 | 0x0002 // arguments are words, and x/y offsets
		if i < len(comps)-1 {
			flags |= 0x0020 // more components
		}
		b = u16(b, flags, c, 10*i, 0)
	}
	return b
}

// testTTF returns a font of the given glyphs (glyph 0 included) with the
// format 12 cmap groups (first rune, last rune, first glyph) and advance
// widths 100, 200, 300… per glyph.
func testTTF(glyphs [][]byte, groups [][3]int) ttf {
	n := len(glyphs)
	head := u32(nil, 0x00010000, 0x00010000, 0, 0x5F0F3CF5)
	head = u16(head, 0, 1000)                // flags, unitsPerEm
	head = append(head, make([]byte, 16)...) // created, modified
	head = u16(head, 0, -200, 1000, 800)     // bbox
	head = u16(head, 0, 8, 2, 1, 0)          // macStyle, lowestRecPPEM, direction, indexToLocFormat, glyphDataFormat
	hhea := u32(nil, 0x00010000)
	hhea = u16(hhea, 800, -200, 0, 1000, 0, 0, 1000, 1, 0, 0, 0, 0, 0, 0, 0, n)
	maxp := u32(nil, 0x00005000)
	maxp = u16(maxp, n)
	var hmtx, loca, glyf []byte
	for g, d := range glyphs {
		hmtx = u16(hmtx, 100*(g+1), 0)
		loca = u32(loca, len(glyf))
		glyf = append(glyf, d...)
		glyf = append(glyf, make([]byte, pad4(len(d))-len(d))...)
	}
	loca = u32(loca, len(glyf))
	cmap := u16(nil, 0, 1)
	cmap = u16(cmap, 3, 10)
	cmap = u32(cmap, 12)
	cmap = u16(cmap, 12, 0)
	cmap = u32(cmap, 16+12*len(groups), 0, len(groups))
	for _, g := range groups {
		cmap = u32(cmap, g[0], g[1], g[2])
	}
	name := u16(nil, 0, 1, 18)
	name = u16(name, 1, 0, 0, 6, 8, 0)
	name = append(name, "Test(1)/"...) // delimiters dropped: "Test1"
	return ttf{"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx,
		"loca": loca, "glyf": glyf, "cmap": cmap, "name": name}
}

// cmap4 returns a format 4 cmap table (platform 3, encoding 1) with the
// segments (first rune, last rune, delta) and, for a zero delta, the glyph
// array ids of the runes, then the final 0xFFFF segment.
func cmap4Table(segs [][3]int, ids [][]int) []byte {
	n := len(segs) + 1
	sub := u16(nil, 4, 0, 0, 2*n, 0, 0, 0)
	for _, s := range segs {
		sub = u16(sub, s[1])
	}
	sub = u16(sub, 0xFFFF, 0)
	for _, s := range segs {
		sub = u16(sub, s[0])
	}
	sub = u16(sub, 0xFFFF)
	for _, s := range segs {
		sub = u16(sub, s[2])
	}
	sub = u16(sub, 1)
	// idRangeOffset: segments with glyph ids point into the array after
	// the offsets.
	arr := 0
	for i := range segs {
		if ids[i] == nil {
			sub = u16(sub, 0)
			continue
		}
		sub = u16(sub, 2*(n-i)+2*arr)
		arr += len(ids[i])
	}
	sub = u16(sub, 0)
	for _, g := range ids {
		sub = u16(sub, g...)
	}
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	t := u16(nil, 0, 1, 3, 1)
	t = u32(t, 12)
	return append(t, sub...)
}
