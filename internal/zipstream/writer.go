package zipstream

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"time"
	"unicode/utf8"
)

// Errors returned by the Writer.
var (
	// ErrTooLarge: an entry reached 4 GiB, the limit of this writer.
	ErrTooLarge = errors.New("zipstream: entry larger than 4 GiB")
	// ErrName: an entry name is empty, longer than 65,535 bytes or not
	// valid UTF-8.
	ErrName = errors.New("zipstream: invalid entry name")
	// ErrClosed: the Writer is closed.
	ErrClosed = errors.New("zipstream: writer closed")
)

const (
	sigLocal     = 0x04034b50
	sigCentral   = 0x02014b50
	sigDataDesc  = 0x08074b50
	sigEnd       = 0x06054b50
	sigEnd64     = 0x06064b50
	sigLocator64 = 0x07064b50

	methodStore   = 0
	methodDeflate = 8

	flagDataDesc = 0x0008
	flagUTF8     = 0x0800

	version20  = 20 // deflate, data descriptor
	version45  = 45 // ZIP64
	madeByUnix = 3 << 8

	max16 = 0xFFFF
	max32 = 0xFFFFFFFF

	// spillAt is how much central directory is buffered in memory before
	// it goes to a temporary file.
	spillAt = 256 << 10
)

// Writer writes a ZIP archive to an io.Writer. Its methods must not be
// called concurrently.
type Writer struct {
	w      *bufio.Writer
	offset int64 // bytes written to the archive so far
	n      int64 // entries

	dir     bytes.Buffer // central directory records not yet spilled
	spill   *os.File
	tempDir string
	dirSize int64

	cur    *entry
	fw     *flate.Writer
	closed bool
	err    error
}

// An Option configures a Writer.
type Option func(*Writer)

// WithTempDir sets the directory of the temporary file that holds the
// central directory of large archives (default os.TempDir()).
func WithTempDir(dir string) Option { return func(w *Writer) { w.tempDir = dir } }

// NewWriter returns a Writer that writes an archive to w. Close must be
// called to finish the archive and remove the temporary file.
func NewWriter(w io.Writer, opts ...Option) *Writer {
	zw := &Writer{w: bufio.NewWriterSize(w, 64<<10)}
	for _, o := range opts {
		o(zw)
	}
	return zw
}

type entry struct {
	name     string
	modified time.Time
	method   uint16
	flags    uint16
	offset   int64
	crc      hash.Hash32
	usize    int64
	csize    int64
	counting *countWriter
}

// Store adds an entry holding data uncompressed, modified at the given
// time (the zero time writes the earliest date a ZIP can hold, 1980-01-01).
func (w *Writer) Store(name string, modified time.Time, data []byte) error {
	if err := w.start(name); err != nil {
		return err
	}
	if int64(len(data)) >= max32 {
		return w.fail(ErrTooLarge)
	}
	e := &entry{name: name, modified: modified, method: methodStore, offset: w.offset,
		usize: int64(len(data)), csize: int64(len(data))}
	e.crc = crc32.NewIEEE()
	e.crc.Write(data)
	e.flags = nameFlags(name)
	w.writeLocal(e)
	w.write(data)
	w.addCentral(e)
	return w.err
}

// Create adds an entry compressed with deflate and returns the writer of
// its content, valid until the next call of Store, Create or Close.
func (w *Writer) Create(name string, modified time.Time) (io.Writer, error) {
	if err := w.start(name); err != nil {
		return nil, err
	}
	e := &entry{name: name, modified: modified, method: methodDeflate, offset: w.offset,
		flags: nameFlags(name) | flagDataDesc, crc: crc32.NewIEEE()}
	w.writeLocal(e)
	e.counting = &countWriter{w: w}
	if w.fw == nil {
		w.fw, _ = flate.NewWriter(e.counting, flate.DefaultCompression)
	} else {
		w.fw.Reset(e.counting)
	}
	w.cur = e
	return entryWriter{w}, w.err
}

type entryWriter struct{ w *Writer }

func (ew entryWriter) Write(p []byte) (int, error) {
	w := ew.w
	if w.err != nil {
		return 0, w.err
	}
	if w.cur == nil {
		return 0, errors.New("zipstream: write to a finished entry")
	}
	e := w.cur
	if e.usize+int64(len(p)) >= max32 {
		return 0, w.fail(ErrTooLarge)
	}
	e.crc.Write(p)
	e.usize += int64(len(p))
	n, err := w.fw.Write(p)
	if err != nil {
		return n, w.fail(err)
	}
	return n, w.err
}

type countWriter struct {
	w *Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	c.w.write(p)
	if c.w.err != nil {
		return 0, c.w.err
	}
	return len(p), nil
}

// start finishes the current entry and checks name.
func (w *Writer) start(name string) error {
	if w.closed {
		return ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	if err := w.finish(); err != nil {
		return err
	}
	if name == "" || len(name) > max16 || !utf8.ValidString(name) {
		return fmt.Errorf("%w: %q", ErrName, name)
	}
	return nil
}

// finish ends a streamed entry with its data descriptor.
func (w *Writer) finish() error {
	e := w.cur
	if e == nil {
		return w.err
	}
	w.cur = nil
	if err := w.fw.Close(); err != nil {
		return w.fail(err)
	}
	e.csize = e.counting.n
	if e.csize >= max32 {
		return w.fail(ErrTooLarge)
	}
	var b [16]byte
	binary.LittleEndian.PutUint32(b[0:], sigDataDesc)
	binary.LittleEndian.PutUint32(b[4:], e.crc.Sum32())
	binary.LittleEndian.PutUint32(b[8:], uint32(e.csize))
	binary.LittleEndian.PutUint32(b[12:], uint32(e.usize))
	w.write(b[:])
	w.addCentral(e)
	return w.err
}

func nameFlags(name string) uint16 {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return flagUTF8
		}
	}
	return 0
}

func (w *Writer) writeLocal(e *entry) {
	var b [30]byte
	le := binary.LittleEndian
	le.PutUint32(b[0:], sigLocal)
	le.PutUint16(b[4:], version20)
	le.PutUint16(b[6:], e.flags)
	le.PutUint16(b[8:], e.method)
	t, d := dosTime(e.modified)
	le.PutUint16(b[10:], t)
	le.PutUint16(b[12:], d)
	if e.flags&flagDataDesc == 0 {
		le.PutUint32(b[14:], e.crc.Sum32())
		le.PutUint32(b[18:], uint32(e.csize))
		le.PutUint32(b[22:], uint32(e.usize))
	}
	le.PutUint16(b[26:], uint16(len(e.name)))
	w.write(b[:])
	w.write([]byte(e.name))
}

// addCentral records e's central directory header.
func (w *Writer) addCentral(e *entry) {
	if w.err != nil {
		return
	}
	le := binary.LittleEndian
	var extra []byte
	offset := uint32(e.offset)
	version := uint16(version20)
	if e.offset >= max32 {
		// ZIP64 extended information: only the local header offset
		// overflows, entries being smaller than 4 GiB.
		extra = make([]byte, 12)
		le.PutUint16(extra[0:], 0x0001)
		le.PutUint16(extra[2:], 8)
		le.PutUint64(extra[4:], uint64(e.offset))
		offset = max32
		version = version45
	}
	var b [46]byte
	le.PutUint32(b[0:], sigCentral)
	le.PutUint16(b[4:], madeByUnix|version)
	le.PutUint16(b[6:], version)
	le.PutUint16(b[8:], e.flags)
	le.PutUint16(b[10:], e.method)
	t, d := dosTime(e.modified)
	le.PutUint16(b[12:], t)
	le.PutUint16(b[14:], d)
	le.PutUint32(b[16:], e.crc.Sum32())
	le.PutUint32(b[20:], uint32(e.csize))
	le.PutUint32(b[24:], uint32(e.usize))
	le.PutUint16(b[28:], uint16(len(e.name)))
	le.PutUint16(b[30:], uint16(len(extra)))
	le.PutUint32(b[38:], 0o100644<<16) // a regular file, rw-r--r--
	le.PutUint32(b[42:], offset)
	w.dir.Write(b[:])
	w.dir.WriteString(e.name)
	w.dir.Write(extra)
	w.dirSize += int64(len(b) + len(e.name) + len(extra))
	w.n++
	if w.dir.Len() >= spillAt {
		w.spillRecords()
	}
}

// spillRecords moves the buffered central directory records to the
// temporary file.
func (w *Writer) spillRecords() {
	if w.spill == nil {
		f, err := os.CreateTemp(w.tempDir, "pagokit-zipdir-*")
		if err != nil {
			w.fail(err)
			return
		}
		w.spill = f
	}
	if _, err := w.dir.WriteTo(w.spill); err != nil {
		w.fail(err)
	}
}

func (w *Writer) write(p []byte) {
	if w.err != nil {
		return
	}
	n, err := w.w.Write(p)
	w.offset += int64(n)
	if err != nil {
		w.fail(err)
	}
}

func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	return w.err
}

// Close finishes the last entry, writes the central directory and the end
// records, and removes the temporary file. It does not close the
// underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return ErrClosed
	}
	defer w.removeSpill()
	w.finish()
	w.closed = true
	if w.err != nil {
		return w.err
	}
	dirOffset := w.offset
	if w.spill != nil {
		if _, err := w.spill.Seek(0, io.SeekStart); err != nil {
			return w.fail(err)
		}
		n, err := io.Copy(w.w, w.spill)
		w.offset += n
		if err != nil {
			return w.fail(err)
		}
	}
	w.write(w.dir.Bytes())
	w.writeEnd(dirOffset)
	if w.err != nil {
		return w.err
	}
	if err := w.w.Flush(); err != nil {
		return w.fail(err)
	}
	return nil
}

// Abort removes the temporary file and leaves the archive unfinished;
// after Close it does nothing. Deferring Abort cleans up after an early
// return.
func (w *Writer) Abort() {
	w.closed = true
	w.removeSpill()
}

func (w *Writer) removeSpill() {
	if w.spill != nil {
		w.spill.Close()
		os.Remove(w.spill.Name())
		w.spill = nil
	}
}

// writeEnd writes the end of central directory record, preceded by the
// ZIP64 record and locator when a count or offset overflows.
func (w *Writer) writeEnd(dirOffset int64) {
	le := binary.LittleEndian
	count, size, offset := w.n, w.dirSize, dirOffset
	if count >= max16 || size >= max32 || offset >= max32 {
		end64 := w.offset
		var b [56 + 20]byte
		le.PutUint32(b[0:], sigEnd64)
		le.PutUint64(b[4:], 44) // size of the rest of the record
		le.PutUint16(b[12:], madeByUnix|version45)
		le.PutUint16(b[14:], version45)
		le.PutUint64(b[24:], uint64(count))
		le.PutUint64(b[32:], uint64(count))
		le.PutUint64(b[40:], uint64(size))
		le.PutUint64(b[48:], uint64(offset))
		le.PutUint32(b[56:], sigLocator64)
		le.PutUint64(b[64:], uint64(end64))
		le.PutUint32(b[72:], 1) // total number of disks
		w.write(b[:])
		count, size, offset = max16, max32, max32
	}
	var b [22]byte
	le.PutUint32(b[0:], sigEnd)
	le.PutUint16(b[8:], uint16(count))
	le.PutUint16(b[10:], uint16(count))
	le.PutUint32(b[12:], uint32(size))
	le.PutUint32(b[16:], uint32(offset))
	w.write(b[:])
}

// dosTime converts t to MS-DOS time and date fields, in t's location,
// clamped to the years 1980–2107 they can hold.
func dosTime(t time.Time) (tm, date uint16) {
	if t.IsZero() || t.Year() < 1980 {
		return 0, 1<<5 | 1 // 1980-01-01 00:00
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, t.Location())
	}
	date = uint16((t.Year()-1980)<<9 | int(t.Month())<<5 | t.Day())
	tm = uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()/2)
	return tm, date
}
