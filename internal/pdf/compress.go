package pdf

import (
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"sync"
)

// streamLevel is the compression level of every stream written per
// document: content streams, font subsets and ToUnicode maps. Measured on
// a typical page, the fastest level takes a quarter of the default level's
// time on the content stream, for a result about a third larger, and two
// thirds of its time on a font subset, for 5 % more bytes.
const streamLevel = flate.BestSpeed

// imageLevel is the compression level of images, compressed once by
// ParseImage.
const imageLevel = flate.DefaultCompression

// appendWriter is an io.Writer appending to a byte slice.
type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// compressor is a reusable flate compressor with its output sink.
type compressor struct {
	fw  *flate.Writer
	out appendWriter
}

// compressors pools compressors by level (streamLevel and imageLevel): a
// flate.Writer holds hundreds of kilobytes of tables, too much to allocate
// per stream.
var compressors [2]sync.Pool

// appendFlate appends the raw deflate compression of src to dst. With
// final set the data ends the deflate stream; otherwise it ends with a
// sync flush, on a byte boundary, so that more blocks may follow.
func appendFlate(dst, src []byte, level int, final bool) []byte {
	pool := &compressors[0]
	if level != streamLevel {
		pool = &compressors[1]
	}
	c, _ := pool.Get().(*compressor)
	if c == nil {
		c = &compressor{}
		// The level is one of flate's constants: no error is possible.
		c.fw, _ = flate.NewWriter(&c.out, level)
	}
	c.out.b = dst
	c.fw.Reset(&c.out)
	// Writes to an appendWriter cannot fail.
	_, _ = c.fw.Write(src)
	if final {
		_ = c.fw.Close()
	} else {
		_ = c.fw.Flush()
	}
	dst = c.out.b
	c.out.b = nil
	pool.Put(c)
	return dst
}

// zlibHeader starts a zlib stream (RFC 1950) of deflate data with a 32 KiB
// window.
var zlibHeader = []byte{0x78, 0x01}

// deflate appends the zlib compression (a PDF FlateDecode stream) of src
// to dst.
func deflate(dst, src []byte, level int) []byte {
	dst = append(dst, zlibHeader...)
	dst = appendFlate(dst, src, level, true)
	return binary.BigEndian.AppendUint32(dst, adler32.Checksum(src))
}

// appendStored appends src as a non-final stored deflate block. It must
// start on a byte boundary and src must be shorter than 64 KiB.
func appendStored(dst, src []byte) []byte {
	n := uint16(len(src))
	dst = append(dst, 0, byte(n), byte(n>>8), byte(^n), byte(^n>>8))
	return append(dst, src...)
}
