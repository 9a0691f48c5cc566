package archive

import (
	"encoding/binary"
	"io"
)

// zipEntryCount reads the entry count from the end of central directory
// record (or its ZIP64 form) without parsing the directory. ok is false
// when the records are not found; archive/zip then reports the archive.
func zipEntryCount(r io.ReaderAt, size int64) (n uint64, ok bool) {
	const (
		endLen      = 22
		locator64   = 20
		end64Len    = 56
		maxComment  = 0xFFFF
		sigEnd      = 0x06054b50
		sigLocator  = 0x07064b50
		sigEnd64    = 0x06064b50
		countOffset = 10
	)
	tail := min(size, endLen+maxComment)
	if tail < endLen {
		return 0, false
	}
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, false
	}
	le := binary.LittleEndian
	at := -1
	for i := len(buf) - endLen; i >= 0; i-- {
		if le.Uint32(buf[i:]) == sigEnd && i+endLen+int(le.Uint16(buf[i+20:])) <= len(buf) {
			at = i
			break
		}
	}
	if at < 0 {
		return 0, false
	}
	count := uint64(le.Uint16(buf[at+countOffset:]))
	if count != 0xFFFF {
		return count, true
	}
	// ZIP64: the locator precedes the end record.
	locAt := size - tail + int64(at) - locator64
	if locAt < 0 {
		return count, true
	}
	var loc [locator64]byte
	if _, err := r.ReadAt(loc[:], locAt); err != nil || le.Uint32(loc[:]) != sigLocator {
		return count, true
	}
	off := le.Uint64(loc[8:])
	if size < end64Len || off > uint64(size-end64Len) {
		return count, true
	}
	var end64 [end64Len]byte
	if _, err := r.ReadAt(end64[:], int64(off)); err != nil || le.Uint32(end64[:]) != sigEnd64 {
		return count, true
	}
	return le.Uint64(end64[32:]), true
}
