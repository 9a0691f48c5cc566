package archive

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/pagokit/pagokit/receipt"
)

// Default limits of a Verifier.
const (
	DefaultMaxEntries   = 1 << 21  // entries in the archive
	DefaultMaxIndexSize = 4 << 30  // index.csv, index.jsonl, manifest.sha256, each
	DefaultMaxTotalSize = 64 << 30 // all entries, uncompressed
	DefaultMaxRatio     = 200      // uncompressed/compressed size of an entry over 1 MiB
	DefaultMaxProblems  = 1000
)

// ratioFloor is the size under which the compression ratio of an entry
// is not checked: small files of repeated bytes compress far, and are no
// threat.
const ratioFloor = 1 << 20

// A Verifier checks packages. Its zero value is ready to use, with the
// default limits; a zero field takes its default.
//
// The limits bound the work an archive can cause: the entry count is read
// from the end of the archive before its directory is parsed (the
// directory itself, held in memory by archive/zip, is bounded by the
// archive's size), the declared sizes and ratios are checked before an
// entry is read, and no entry is read past its declared size.
type Verifier struct {
	MaxEntries   int   // entries in the archive (DefaultMaxEntries)
	MaxFileSize  int64 // a receipt or RPT file, uncompressed (MaxFileSize)
	MaxIndexSize int64 // index.csv, index.jsonl or manifest.sha256 (DefaultMaxIndexSize)
	MaxTotalSize int64 // all entries, uncompressed (DefaultMaxTotalSize)
	MaxRatio     int64 // compression ratio of an entry over 1 MiB (DefaultMaxRatio)
	MaxProblems  int   // problems listed in the report (DefaultMaxProblems)
	// Time is when the certificate must have been valid. The zero value
	// means the creation time that manifest.xml records (and the
	// signature covers), so that a package still verifies after its
	// certificate expired.
	Time time.Time
}

// Verify checks a package with the zero Verifier: see Verifier.Verify.
func Verify(r io.ReaderAt, size int64, cert *x509.Certificate) (*Report, error) {
	var v Verifier
	return v.Verify(r, size, cert)
}

// Verify checks the package of size bytes that r reads against the
// trusted certificate of the ente, and reports every problem found:
//   - every entry has a safe name, is a regular file, appears once and
//     is within the limits;
//   - manifest.xml is signed (enveloped XML-DSig, RSA-SHA256) by the key
//     of cert, which must be, byte for byte, the only certificate in its
//     KeyInfo; only the element the signature library returns as verified
//     is read;
//   - manifest.sha256 hashes to the value manifest.xml records, is in
//     sha256sum format, sorted, and lists every other file of the
//     package, no more and no less, with its SHA-256;
//   - index.csv and index.jsonl agree row by row, list each receipt and
//     RPT file once with the hash manifest.sha256 gives, and agree with
//     manifest.xml's receipt count, total amount, ente and period.
//
// The error is non-nil only for a nil r or cert or a negative size;
// anything wrong with the package is a Problem of the Report.
func (v *Verifier) Verify(r io.ReaderAt, size int64, cert *x509.Certificate) (*Report, error) {
	switch {
	case r == nil:
		return nil, errors.New("archive: Verify: nil reader")
	case cert == nil:
		return nil, errors.New("archive: Verify: nil certificate")
	case size < 0:
		return nil, errors.New("archive: Verify: negative size")
	}
	vr := &verification{v: v.withDefaults(), cert: cert, report: &Report{}}
	vr.run(r, size)
	return vr.report, nil
}

func (v *Verifier) withDefaults() Verifier {
	d := *v
	def := func(p *int64, val int64) {
		if *p <= 0 {
			*p = val
		}
	}
	if d.MaxEntries <= 0 {
		d.MaxEntries = DefaultMaxEntries
	}
	if d.MaxProblems <= 0 {
		d.MaxProblems = DefaultMaxProblems
	}
	def(&d.MaxFileSize, MaxFileSize)
	def(&d.MaxIndexSize, DefaultMaxIndexSize)
	def(&d.MaxTotalSize, DefaultMaxTotalSize)
	def(&d.MaxRatio, DefaultMaxRatio)
	return d
}

type verification struct {
	v      Verifier
	cert   *x509.Certificate
	report *Report

	entries  map[string]*zip.File // readable entries, by name
	order    []*zip.File          // the same, in archive order
	unread   map[string]bool      // entries not read because of a limit
	missing  map[string]bool      // files reported missing
	signed   *manifestInfo        // from the verified manifest.xml
	manifest map[string]*listed   // manifest.sha256 by path; nil if unusable
	paths    []string             // manifest.sha256's paths in order
	sums     map[string][32]byte  // SHA-256 of entries already read
}

// listed is one file of manifest.sha256.
type listed struct {
	sum  [32]byte
	refs int // index rows naming it
}

func (vr *verification) add(kind ProblemKind, file, format string, args ...any) {
	if len(vr.report.Problems) >= vr.v.MaxProblems {
		vr.report.Omitted++
		return
	}
	vr.report.Problems = append(vr.report.Problems, Problem{Kind: kind, File: file, Detail: fmt.Sprintf(format, args...)})
}

func (vr *verification) run(r io.ReaderAt, size int64) {
	if n, ok := zipEntryCount(r, size); ok && n > uint64(vr.v.MaxEntries) {
		vr.add(ProblemLimit, "", "%d entries, over the limit of %d", n, vr.v.MaxEntries)
		return
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		vr.add(ProblemCorrupt, "", "not a ZIP archive: %v", err)
		return
	}
	if len(zr.File) > vr.v.MaxEntries {
		vr.add(ProblemLimit, "", "%d entries, over the limit of %d", len(zr.File), vr.v.MaxEntries)
		return
	}
	vr.scanEntries(zr.File)
	for _, name := range []string{ManifestXMLName, ManifestName, IndexCSVName, IndexJSONLName} {
		if vr.entries[name] == nil {
			vr.missing[name] = true
			vr.add(ProblemMissingFile, name, "the package has no %s", name)
		}
	}
	vr.checkManifestXML()
	vr.checkManifest()
	vr.checkIndex()
	vr.checkFiles()
}

// scanEntries checks the names, types and declared sizes of the entries.
func (vr *verification) scanEntries(files []*zip.File) {
	vr.entries = map[string]*zip.File{}
	vr.unread = map[string]bool{}
	vr.missing = map[string]bool{}
	vr.sums = map[string][32]byte{}
	other := map[string]bool{} // names of entries not kept in vr.entries
	var total uint64
	for _, f := range files {
		name := f.Name
		if why := unsafeName(name); why != "" {
			vr.add(ProblemUnsafeName, name, "%s", why)
			continue
		}
		if vr.entries[name] != nil || other[name] {
			vr.add(ProblemDuplicateName, name, "a second entry with this name")
			continue
		}
		if !f.Mode().IsRegular() {
			other[name] = true
			vr.add(ProblemUnsafeName, name, "not a regular file (mode %v)", f.Mode()&fs.ModeType)
			continue
		}
		vr.entries[name] = f
		vr.order = append(vr.order, f)

		limit := uint64(vr.v.MaxFileSize)
		switch name {
		case ManifestXMLName:
			limit = maxManifestXMLSize
		case ManifestName, IndexCSVName, IndexJSONLName:
			limit = uint64(vr.v.MaxIndexSize)
		}
		usize, csize := f.UncompressedSize64, f.CompressedSize64
		switch {
		case usize > limit:
			vr.unread[name] = true
			vr.add(ProblemLimit, name, "%d bytes uncompressed, over the limit of %d", usize, limit)
		case usize > ratioFloor && (csize == 0 || usize/csize > uint64(vr.v.MaxRatio)):
			vr.unread[name] = true
			vr.add(ProblemLimit, name, "compressed %d to 1 or more (%d to %d bytes), over the limit of %d", usize/max(csize, 1), usize, csize, vr.v.MaxRatio)
		case total+usize > uint64(vr.v.MaxTotalSize):
			vr.unread[name] = true
			vr.add(ProblemLimit, name, "the entries add up to more than %d bytes uncompressed", vr.v.MaxTotalSize)
		default:
			total += usize
		}
	}
}

// readable returns the entry to read, or nil.
func (vr *verification) readable(name string) *zip.File {
	if vr.unread[name] {
		return nil
	}
	return vr.entries[name]
}

func (vr *verification) checkManifestXML() {
	f := vr.readable(ManifestXMLName)
	if f == nil {
		return
	}
	rc, err := f.Open()
	if err == nil {
		var data []byte
		data, err = io.ReadAll(io.LimitReader(rc, maxManifestXMLSize+1))
		rc.Close()
		if err == nil && len(data) > maxManifestXMLSize {
			err = errors.New("larger than declared")
		}
		if err == nil {
			vr.report.Files++
			var p Problem
			vr.signed, p = verifyManifestXML(data, vr.cert, vr.v.Time)
			if p.Kind != "" {
				vr.add(p.Kind, p.File, "%s", p.Detail)
			}
		}
	}
	if err != nil {
		vr.add(ProblemCorrupt, ManifestXMLName, "cannot read: %v", err)
		return
	}
	if m := vr.signed; m != nil {
		rep := vr.report
		rep.Signed = true
		rep.FiscalCode, rep.From, rep.To, rep.Created = m.FiscalCode, m.From, m.To, m.Created
		rep.ReceiptCount, rep.TotalAmountCents = m.ReceiptCount, m.TotalAmountCents
	}
}

// checkManifest reads manifest.sha256 and compares its hash with the
// signed one.
func (vr *verification) checkManifest() {
	f := vr.readable(ManifestName)
	if f == nil {
		return
	}
	rc, err := f.Open()
	if err != nil {
		vr.add(ProblemCorrupt, ManifestName, "cannot open: %v", err)
		return
	}
	defer rc.Close()
	h := sha256.New()
	src := &errReader{r: rc}
	tee := io.TeeReader(src, h)
	sc := bufio.NewScanner(tee)
	sc.Buffer(make([]byte, 0, 4096), 4096)
	manifest := map[string]*listed{}
	var last string
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		sum, path, ok := parseManifestLine(text)
		switch {
		case !ok:
			vr.add(ProblemFormat, ManifestName, "line %d is not \"<sha256 hex>  <path>\" with a package path", line)
			continue
		case manifest[path] != nil:
			vr.add(ProblemFormat, ManifestName, "line %d: %s listed again", line, path)
			continue
		case path <= last:
			vr.add(ProblemFormat, ManifestName, "line %d: %s is out of order (the lines are sorted by path)", line, path)
		}
		last = path
		manifest[path] = &listed{sum: sum}
		vr.paths = append(vr.paths, path)
	}
	if err := sc.Err(); err != nil {
		if src.err != nil {
			vr.add(ProblemCorrupt, ManifestName, "cannot read: %v", src.err)
		} else {
			vr.add(ProblemFormat, ManifestName, "line %d: %v", line+1, err)
		}
		return
	}
	vr.report.Files++
	got := hex.EncodeToString(h.Sum(nil))
	if m := vr.signed; m != nil && got != m.ManifestSHA256 {
		vr.add(ProblemManifestDigest, ManifestName, "SHA-256 %s, manifest.xml records %s", got, m.ManifestSHA256)
	}
	if !src.endsWithNewline() && line > 0 {
		vr.add(ProblemFormat, ManifestName, "the last line does not end with a newline")
	}
	for _, name := range []string{IndexCSVName, IndexJSONLName} {
		if manifest[name] == nil {
			vr.add(ProblemFormat, ManifestName, "%s is not listed", name)
		}
	}
	vr.manifest = manifest
}

// parseManifestLine reads "<64 hex>  <path>".
func parseManifestLine(s string) (sum [32]byte, path string, ok bool) {
	if len(s) < 67 || s[64] != ' ' || s[65] != ' ' || !hexSHA256(s[:64]) {
		return sum, "", false
	}
	path = s[66:]
	if !packageName(path) || path == ManifestName || path == ManifestXMLName {
		return sum, "", false
	}
	hex.Decode(sum[:], []byte(s[:64]))
	return sum, path, true
}

// checkFiles hashes every entry against manifest.sha256, and reports the
// files it lists that the archive lacks.
func (vr *verification) checkFiles() {
	for _, f := range vr.order {
		name := f.Name
		if name == ManifestName || name == ManifestXMLName {
			continue
		}
		var l *listed
		if vr.manifest != nil {
			if l = vr.manifest[name]; l == nil {
				vr.add(ProblemExtraFile, name, "not listed in manifest.sha256")
			}
		}
		if vr.unread[name] {
			continue
		}
		sum, ok := vr.sums[name]
		if !ok {
			var err error
			if sum, err = hashEntry(f); err != nil {
				vr.add(ProblemCorrupt, name, "cannot read: %v", err)
				continue
			}
			vr.report.Files++
		}
		if l != nil && sum != l.sum {
			vr.add(ProblemHashMismatch, name, "SHA-256 %x, manifest.sha256 lists %x", sum, l.sum)
		}
	}
	for _, path := range vr.paths {
		if vr.entries[path] == nil && !vr.missing[path] {
			vr.add(ProblemMissingFile, path, "listed in manifest.sha256, not in the archive")
		}
	}
}

func hashEntry(f *zip.File) ([32]byte, error) {
	var sum [32]byte
	rc, err := f.Open()
	if err != nil {
		return sum, err
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(rc, int64(min(f.UncompressedSize64, math.MaxInt64-1))+1)); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	return sum, nil
}

// checkIndex reads index.csv and index.jsonl side by side, hashing them,
// and checks each row.
func (vr *verification) checkIndex() {
	csvF, jsonF := vr.readable(IndexCSVName), vr.readable(IndexJSONLName)
	if csvF == nil || jsonF == nil {
		return
	}
	csvRC, err := csvF.Open()
	if err != nil {
		vr.unread[IndexCSVName] = true
		vr.add(ProblemCorrupt, IndexCSVName, "cannot open: %v", err)
		return
	}
	defer csvRC.Close()
	jsonRC, err := jsonF.Open()
	if err != nil {
		vr.unread[IndexJSONLName] = true
		vr.add(ProblemCorrupt, IndexJSONLName, "cannot open: %v", err)
		return
	}
	defer jsonRC.Close()

	csvHash, jsonHash := sha256.New(), sha256.New()
	csvSrc, jsonSrc := &errReader{r: csvRC}, &errReader{r: jsonRC}
	csvTee, jsonTee := io.TeeReader(csvSrc, csvHash), io.TeeReader(jsonSrc, jsonHash)
	rowLimit := &rowLimiter{r: csvTee, max: MaxRowSize + 64<<10}
	cr := csv.NewReader(rowLimit)
	cr.ReuseRecord = true
	jr := bufio.NewScanner(jsonTee)
	jr.Buffer(make([]byte, 0, 4096), MaxRowSize+1)

	ix := &indexCheck{vr: vr, ids: map[string]bool{}}
	ix.read(cr, rowLimit, jr)

	// Hash what the parsers left unread.
	vr.drain(IndexCSVName, csvF, csvTee, csvSrc, csvHash)
	vr.drain(IndexJSONLName, jsonF, jsonTee, jsonSrc, jsonHash)
	if ix.complete {
		ix.finish()
	}
}

// drain reads the rest of an entry into its hash and records the hash.
func (vr *verification) drain(name string, f *zip.File, tee io.Reader, src *errReader, h hash.Hash) {
	if vr.unread[name] {
		return // a read error already reported
	}
	_, err := io.Copy(io.Discard, io.LimitReader(tee, int64(min(f.UncompressedSize64, math.MaxInt64-1))+1))
	if src.err != nil {
		err = src.err
	}
	if err != nil {
		vr.unread[name] = true
		vr.add(ProblemCorrupt, name, "cannot read: %v", err)
		return
	}
	vr.sums[name] = [32]byte(h.Sum(nil))
	vr.report.Files++
}

type indexCheck struct {
	vr       *verification
	ids      map[string]bool
	rows     int
	total    int64
	overflow bool
	complete bool // both files were read to the end without error
}

// read walks the rows; it stops at the first error of syntax or reading.
func (ix *indexCheck) read(cr *csv.Reader, limit *rowLimiter, jr *bufio.Scanner) {
	vr := ix.vr
	header, err := cr.Read()
	if err != nil {
		ix.csvError(err, 1)
		return
	}
	if !slices.Equal(header, indexHeader) {
		vr.add(ProblemFormat, IndexCSVName, "the header is not %s", strings.Join(indexHeader, ","))
		return
	}
	for n := 1; ; n++ {
		limit.reset()
		rec, csvErr := cr.Read()
		jsonOK := jr.Scan()
		csvEOF := errors.Is(csvErr, io.EOF)
		switch {
		case csvEOF && !jsonOK:
			if err := jr.Err(); err != nil {
				ix.jsonError(err, n)
				return
			}
			ix.complete = true
			return
		case csvErr != nil && !csvEOF:
			ix.csvError(csvErr, n+1)
			return
		case !jsonOK && jr.Err() != nil:
			ix.jsonError(jr.Err(), n)
			return
		case csvEOF:
			vr.add(ProblemIndex, IndexCSVName, "index.csv has %d rows, index.jsonl more", n-1)
			return
		case !jsonOK:
			vr.add(ProblemIndex, IndexJSONLName, "index.jsonl has %d rows, index.csv more", n-1)
			return
		}
		var row Row
		dec := json.NewDecoder(bytes.NewReader(jr.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&row); err != nil || dec.More() {
			vr.add(ProblemFormat, IndexJSONLName, "line %d is not a row object", n)
			return
		}
		if !slices.Equal(rec, readBack(row.csvRecord())) {
			vr.add(ProblemIndex, IndexCSVName, "row %d differs from line %d of index.jsonl", n, n)
		}
		ix.check(n, &row)
	}
}

// readBack returns the cells as encoding/csv's Reader returns them from
// the file: a CRLF inside a quoted cell reads as LF.
func readBack(cells []string) []string {
	for i, c := range cells {
		cells[i] = strings.ReplaceAll(c, "\r\n", "\n")
	}
	return cells
}

func (ix *indexCheck) csvError(err error, line int) {
	if ix.vr.readErr(IndexCSVName, err) {
		ix.vr.unread[IndexCSVName] = true
		return
	}
	ix.vr.add(ProblemFormat, IndexCSVName, "record %d: %v", line, err)
}

func (ix *indexCheck) jsonError(err error, line int) {
	if ix.vr.readErr(IndexJSONLName, err) {
		ix.vr.unread[IndexJSONLName] = true
		return
	}
	ix.vr.add(ProblemFormat, IndexJSONLName, "line %d: %v", line, err)
}

// readErr reports whether err comes from reading the entry rather than
// parsing it; the caller then reports it as corruption.
func (vr *verification) readErr(name string, err error) bool {
	var re *readError
	if !errors.As(err, &re) {
		return false
	}
	vr.add(ProblemCorrupt, name, "cannot read: %v", re.err)
	return true
}

// check compares one row (as index.jsonl has it) with manifest.sha256
// and manifest.xml.
func (ix *indexCheck) check(n int, row *Row) {
	vr := ix.vr
	ix.rows++
	if ix.ids[row.ReceiptID] {
		vr.add(ProblemIndex, IndexCSVName, "row %d: receipt id %q appears again", n, row.ReceiptID)
	}
	ix.ids[row.ReceiptID] = true
	if a := row.PaymentAmountCents; a > 0 && ix.total > math.MaxInt64-a || a < 0 && ix.total < math.MinInt64-a {
		ix.overflow = true
	} else {
		ix.total += a
	}
	ix.file(n, "file", row.File, row.SHA256)
	if row.RPTFile != "" || row.RPTSHA256 != "" {
		ix.file(n, "rpt_file", row.RPTFile, row.RPTSHA256)
	}
	if m := vr.signed; m != nil {
		if row.FiscalCode != m.FiscalCode {
			vr.add(ProblemIndex, IndexCSVName, "row %d: fiscal code %q is not the ente's %s", n, row.FiscalCode, m.FiscalCode)
		}
		var paid *time.Time
		if row.PaymentDateTime != "" {
			t, err := time.Parse(time.RFC3339, row.PaymentDateTime)
			if err != nil {
				vr.add(ProblemIndex, IndexCSVName, "row %d: payment_date_time %q is not RFC 3339", n, row.PaymentDateTime)
				return
			}
			paid = &t
		}
		day, ok := rowDate(paid, row.ApplicationDate)
		switch {
		case !ok:
			vr.add(ProblemIndex, IndexCSVName, "row %d: no valid payment_date_time or application_date", n)
		case !inPeriod(day, m.From, m.To):
			vr.add(ProblemIndex, IndexCSVName, "row %d: dated %s, outside %s to %s", n, day, m.From, m.To)
		}
	}
}

// rowDate applies the date rule of Build to a row's values.
func rowDate(paid *time.Time, applied string) (receipt.Date, bool) {
	if paid != nil {
		return receiptDate(paid, nil)
	}
	if applied == "" {
		return receipt.Date{}, false
	}
	d, ok := parseDate(applied)
	if !ok {
		return receipt.Date{}, false
	}
	return receiptDate(nil, &d)
}

// file checks one file a row names: a receipt file that manifest.sha256
// lists with the same hash.
func (ix *indexCheck) file(n int, column, name, sum string) {
	vr := ix.vr
	if !strings.HasPrefix(name, ReceiptDir) {
		vr.add(ProblemIndex, IndexCSVName, "row %d: %s %q is not in %s", n, column, name, ReceiptDir)
		return
	}
	if vr.manifest == nil {
		return
	}
	l := vr.manifest[name]
	if l == nil {
		vr.add(ProblemIndex, IndexCSVName, "row %d: %s %s is not listed in manifest.sha256", n, column, name)
		return
	}
	l.refs++
	if sum != hex.EncodeToString(l.sum[:]) {
		vr.add(ProblemIndex, IndexCSVName, "row %d: %s %s has SHA-256 %s in the index, %x in manifest.sha256", n, column, name, sum, l.sum)
	}
}

// finish checks the index as a whole: every receipt file in exactly one
// row, and the count and total that manifest.xml records.
func (ix *indexCheck) finish() {
	vr := ix.vr
	if vr.manifest != nil {
		for _, path := range vr.paths {
			if !strings.HasPrefix(path, ReceiptDir) {
				continue
			}
			switch refs := vr.manifest[path].refs; {
			case refs == 0:
				vr.add(ProblemIndex, path, "listed in manifest.sha256 but in no row of the index")
			case refs > 1:
				vr.add(ProblemIndex, path, "named by %d rows of the index", refs)
			}
		}
	}
	m := vr.signed
	if m == nil {
		return
	}
	if ix.rows != m.ReceiptCount {
		vr.add(ProblemIndex, IndexCSVName, "%d rows, manifest.xml records %d receipts", ix.rows, m.ReceiptCount)
	}
	if ix.overflow || ix.total != m.TotalAmountCents {
		vr.add(ProblemIndex, IndexCSVName, "the amounts add up to %d cents, manifest.xml records %d", ix.total, m.TotalAmountCents)
	}
}

// A readError is an error of reading an entry, as opposed to parsing it.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// errReader wraps the errors of r, other than io.EOF, in a *readError,
// keeps the first in err, and remembers the last byte read.
type errReader struct {
	r    io.Reader
	err  error
	last byte
	any  bool
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if n > 0 {
		e.last, e.any = p[n-1], true
	}
	if err != nil && err != io.EOF {
		if e.err == nil {
			e.err = err
		}
		return n, &readError{err}
	}
	return n, err
}

func (e *errReader) endsWithNewline() bool { return !e.any || e.last == '\n' }

var errRowTooLong = errors.New("row longer than the limit")

// rowLimiter fails when more than max bytes are read without a reset:
// the CSV reader buffers a whole record, so this bounds its memory.
type rowLimiter struct {
	r   io.Reader
	n   int
	max int
}

func (l *rowLimiter) reset() { l.n = 0 }

func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.n >= l.max {
		return 0, errRowTooLong
	}
	if len(p) > l.max-l.n {
		p = p[:l.max-l.n]
	}
	n, err := l.r.Read(p)
	l.n += n
	return n, err
}
