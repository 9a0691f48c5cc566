package archive

import (
	"bufio"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"io"
	"iter"
	"math"
	"os"
	"strings"
	"time"

	"github.com/pagokit/pagokit/internal/zipstream"
	"github.com/pagokit/pagokit/receipt"
)

// MaxFileSize bounds a receipt's Raw and RPT in Build, and a receipt or
// RPT file in Verify (by default), in bytes.
const MaxFileSize = 16 << 20

// MaxReceipts is the most receipts one package holds: the sequence
// number in the file names has eight digits.
const MaxReceipts = 99_999_999

// Options configure Build.
type Options struct {
	// FiscalCode is the ente's fiscal code, 11 digits.
	FiscalCode string
	// From and To are the first and last day of the period, inclusive,
	// in the same calendar month.
	From, To receipt.Date
	// Created is the creation time written in manifest.xml and as the
	// modification time of every file, truncated to the second and
	// taken in UTC. The zero value means time.Now(); set it to build
	// byte-identical packages from the same receipts.
	Created time.Time
	// Signer signs manifest.xml with RSA-SHA256: an *rsa.PrivateKey or
	// any crypto.Signer over an RSA key (an HSM's, for one).
	Signer crypto.Signer
	// Certificate is the certificate of Signer's key, carried in the
	// signature's KeyInfo.
	Certificate *x509.Certificate
	// SkipOthers makes Build skip, and count in Summary.Skipped, the
	// receipts of another ente or dated outside the period, instead of
	// failing with ErrOtherEnte or ErrOutsidePeriod.
	SkipOthers bool
	// TempDir is the directory of the temporary files that hold the
	// indexes and the ZIP central directory while the receipts stream
	// (default os.TempDir()). They are removed before Build returns.
	TempDir string
}

// A Summary describes a package that Build wrote.
type Summary struct {
	Receipts         int       // receipts archived
	RPTs             int       // RPT files archived
	Skipped          int       // receipts skipped (Options.SkipOthers)
	Files            int       // files in the ZIP
	TotalAmountCents int64     // sum of the archived receipts' amounts
	Created          time.Time // the creation time recorded, UTC
	ManifestSHA256   string    // hex SHA-256 of manifest.sha256, as signed in manifest.xml
}

// Build writes to w a package of the receipts the iterator yields, for
// one ente and one period, and returns its Summary.
//
// The input is an iter.Seq2, so that a database cursor or a directory
// walk can feed Build one receipt at a time: each is written to the ZIP
// when it is yielded and not kept afterwards. What grows with the number
// of receipts is a set of their ids (to refuse duplicates, a few dozen
// bytes each) and temporary files in Options.TempDir. A non-nil error
// yielded by the iterator stops Build, which returns it in a
// *ReceiptError.
//
// A receipt's date is the Italian calendar day of its PaymentDateTime,
// or its ApplicationDate when PaymentDateTime is nil. A receipt of
// another ente or dated outside the period makes Build fail (or is
// skipped with Options.SkipOthers): the caller selected the receipts,
// so a stray one is a mistake upstream. A nil receipt, one without
// ReceiptID or Raw, one without a date, a duplicate receipt id, a
// receipt over MaxFileSize or whose index row is over MaxRowSize also
// make Build fail, with a *ReceiptError naming the receipt.
//
// On error what was written to w is not a valid package and must be
// discarded. The same receipts in the same order with the same Options
// (Created set) give a byte-identical package.
func Build(w io.Writer, receipts iter.Seq2[*receipt.Receipt, error], opts Options) (*Summary, error) {
	if err := checkOptions(&opts); err != nil {
		return nil, err
	}
	created := opts.Created
	if created.IsZero() {
		created = time.Now()
	}
	created = created.UTC().Truncate(time.Second)
	// Verify checks the certificate at the creation time: a package
	// signed outside its validity could never be verified.
	if c := opts.Certificate; created.Before(c.NotBefore) || created.After(c.NotAfter) {
		return nil, &OptionError{Option: "Certificate", Err: ErrCertificateValidity}
	}

	b := &builder{
		opts:    &opts,
		created: created,
		zw:      zipstream.NewWriter(w, zipstream.WithTempDir(opts.TempDir)),
		seen:    map[string]struct{}{},
		sum:     &Summary{Created: created},
	}
	defer b.cleanup()
	if err := b.openSpools(); err != nil {
		return nil, err
	}
	index := 0
	for r, err := range receipts {
		if err != nil {
			return nil, &ReceiptError{Index: index, Err: err}
		}
		if err := b.add(index, r); err != nil {
			return nil, err
		}
		index++
	}
	if err := b.finish(); err != nil {
		return nil, err
	}
	return b.sum, nil
}

func checkOptions(opts *Options) error {
	if !fiscalCodeOK(opts.FiscalCode) {
		return &OptionError{Option: "FiscalCode", Err: ErrInvalidFiscalCode}
	}
	if err := checkPeriod(opts.From, opts.To); err != nil {
		return err
	}
	if opts.Signer == nil {
		return &OptionError{Option: "Signer", Err: ErrMissingOption}
	}
	if opts.Certificate == nil {
		return &OptionError{Option: "Certificate", Err: ErrMissingOption}
	}
	return checkSigner(opts.Signer, opts.Certificate)
}

type builder struct {
	opts    *Options
	created time.Time
	zw      *zipstream.Writer
	closed  bool
	seen    map[string]struct{}
	sum     *Summary

	// The spools hold index.csv, index.jsonl and the receipts' lines of
	// manifest.sha256 until the receipts are all written.
	csvSpool, jsonSpool, sumSpool *spool
	row                           []byte // the current CSV row
}

type spool struct {
	f *os.File
	w *bufio.Writer
}

func (b *builder) openSpools() error {
	for _, s := range []**spool{&b.csvSpool, &b.jsonSpool, &b.sumSpool} {
		f, err := os.CreateTemp(b.opts.TempDir, "pagokit-archive-*")
		if err != nil {
			return err
		}
		*s = &spool{f: f, w: bufio.NewWriterSize(f, 64<<10)}
	}
	_, err := b.csvSpool.w.Write(appendCSV(nil, indexHeader))
	return err
}

func (b *builder) cleanup() {
	if !b.closed {
		b.zw.Abort()
	}
	for _, s := range []*spool{b.csvSpool, b.jsonSpool, b.sumSpool} {
		if s != nil {
			s.f.Close()
			os.Remove(s.f.Name())
		}
	}
}

// add writes one receipt's files and records its index row.
func (b *builder) add(index int, r *receipt.Receipt) error {
	fail := func(field string, err error) error {
		id := ""
		if r != nil {
			id = r.ReceiptID
		}
		return &ReceiptError{Index: index, ReceiptID: id, Field: field, Err: err}
	}
	switch {
	case r == nil:
		return fail("", ErrNilReceipt)
	case r.ReceiptID == "":
		return fail("ReceiptID", ErrMissingField)
	case len(r.Raw) == 0:
		return fail("Raw", ErrMissingField)
	}
	if r.FiscalCode != b.opts.FiscalCode {
		if b.opts.SkipOthers {
			b.sum.Skipped++
			return nil
		}
		return fail("FiscalCode", ErrOtherEnte)
	}
	day, ok := receiptDate(r.PaymentDateTime, r.ApplicationDate)
	if !ok {
		return fail("PaymentDateTime", ErrNoDate)
	}
	if !inPeriod(day, b.opts.From, b.opts.To) {
		if b.opts.SkipOthers {
			b.sum.Skipped++
			return nil
		}
		field := "PaymentDateTime"
		if r.PaymentDateTime == nil {
			field = "ApplicationDate"
		}
		return fail(field, ErrOutsidePeriod)
	}
	if _, dup := b.seen[r.ReceiptID]; dup {
		return fail("ReceiptID", ErrDuplicateReceipt)
	}
	if len(r.Raw) > MaxFileSize {
		return fail("Raw", ErrReceiptTooLarge)
	}
	if len(r.RPT) > MaxFileSize {
		return fail("RPT", ErrReceiptTooLarge)
	}
	if b.sum.Receipts == MaxReceipts {
		return fail("", ErrTooManyReceipts)
	}
	amount := r.PaymentAmountCents
	total := b.sum.TotalAmountCents
	if amount > 0 && total > math.MaxInt64-amount || amount < 0 && total < math.MinInt64-amount {
		return fail("PaymentAmountCents", ErrTotalOverflow)
	}

	row := newRow(r)
	rawName, rptName := receiptNames(b.sum.Receipts+1, r.CreditorReferenceID, r.ReceiptID)
	rawSum := sha256.Sum256(r.Raw)
	row.File, row.SHA256 = rawName, hex.EncodeToString(rawSum[:])
	var rptSum [sha256.Size]byte
	if len(r.RPT) > 0 {
		rptSum = sha256.Sum256(r.RPT)
		row.RPTFile, row.RPTSHA256 = rptName, hex.EncodeToString(rptSum[:])
	}
	line, err := row.jsonLine()
	if err != nil {
		return err
	}
	b.row = appendCSV(b.row[:0], row.csvRecord())
	if len(line) > MaxRowSize || len(b.row) > MaxRowSize {
		return fail("", ErrReceiptTooLarge)
	}

	if err := b.store(rawName, r.Raw); err != nil {
		return err
	}
	if len(r.RPT) > 0 {
		if err := b.store(rptName, r.RPT); err != nil {
			return err
		}
		b.sum.RPTs++
	}
	b.csvSpool.w.Write(b.row)
	b.jsonSpool.w.Write(line)
	// manifest.sha256 is sorted by path: "….rpt.xml" sorts before
	// "….xml", and the sequence number keeps receipts in input order.
	if len(r.RPT) > 0 {
		b.sumSpool.w.WriteString(manifestLine(rptSum[:], rptName))
	}
	if _, err := b.sumSpool.w.WriteString(manifestLine(rawSum[:], rawName)); err != nil {
		return err
	}
	b.seen[strings.Clone(r.ReceiptID)] = struct{}{}
	b.sum.Receipts++
	b.sum.TotalAmountCents += amount
	return nil
}

// store writes one deflated file.
func (b *builder) store(name string, data []byte) error {
	fw, err := b.zw.Create(name, b.created)
	if err != nil {
		return err
	}
	if _, err := fw.Write(data); err != nil {
		return err
	}
	b.sum.Files++
	return nil
}

// finish writes the indexes, manifest.sha256 and manifest.xml, and
// closes the ZIP.
func (b *builder) finish() error {
	csvSum, err := b.copySpool(IndexCSVName, b.csvSpool, nil)
	if err != nil {
		return err
	}
	jsonSum, err := b.copySpool(IndexJSONLName, b.jsonSpool, nil)
	if err != nil {
		return err
	}
	head := manifestLine(csvSum, IndexCSVName) + manifestLine(jsonSum, IndexJSONLName)
	manifestSum, err := b.copySpool(ManifestName, b.sumSpool, []byte(head))
	if err != nil {
		return err
	}
	b.sum.ManifestSHA256 = hex.EncodeToString(manifestSum)

	xml, err := signManifest(&manifestInfo{
		FiscalCode:       b.opts.FiscalCode,
		From:             b.opts.From,
		To:               b.opts.To,
		Created:          b.created,
		ReceiptCount:     b.sum.Receipts,
		TotalAmountCents: b.sum.TotalAmountCents,
		ManifestSHA256:   b.sum.ManifestSHA256,
	}, b.opts.Signer, b.opts.Certificate)
	if err != nil {
		return err
	}
	if err := b.store(ManifestXMLName, xml); err != nil {
		return err
	}
	b.closed = true
	return b.zw.Close()
}

// copySpool writes head and then the spool's content as one file, and
// returns its SHA-256.
func (b *builder) copySpool(name string, s *spool, head []byte) ([]byte, error) {
	if err := s.w.Flush(); err != nil {
		return nil, err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	fw, err := b.zw.Create(name, b.created)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	out := io.MultiWriter(fw, h)
	if _, err := out.Write(head); err != nil {
		return nil, err
	}
	if _, err := io.Copy(out, s.f); err != nil {
		return nil, err
	}
	b.sum.Files++
	return h.Sum(nil), nil
}
