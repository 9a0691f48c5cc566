package main

import (
	"context"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pagokit/pagokit/internal/money"
	"github.com/pagokit/pagokit/pagopa/sqlstore"
	"github.com/pagokit/pagokit/receipt"
	"github.com/pagokit/pagokit/receipt/archive"
	"github.com/pagokit/pagokit/receipt/receiptpdf"
)

func receiptPDF(e env, args []string) error {
	fs := flag.NewFlagSet("receipt pdf", flag.ContinueOnError)
	in := fs.String("in", "", "receipt file (paSendRT/paSendRTV2 request, bare receipt, RT, paaInviaRT; - for standard input)")
	out := fs.String("out", "", "PDF file to write")
	lang := fs.String("lang", "it", "language: it or en")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required(fs, "in", "out"); err != nil {
		return err
	}
	rn, err := receiptpdf.New(receiptpdf.WithLang(*lang))
	if err != nil {
		return usagef("receipt pdf: %v", err)
	}
	r, err := readReceiptFile(*in)
	if err != nil {
		return err
	}
	if err := rn.Validate(r); err != nil {
		return fmt.Errorf("receipt pdf: %w", err)
	}
	return writeWith(*out, func(f *os.File) error { return rn.Render(f, r) })
}

// receiptArchive builds a conservation package, or with "verify" checks
// one.
func receiptArchive(e env, args []string) error {
	if len(args) > 0 && args[0] == "verify" {
		return receiptArchiveVerify(e, args[1:])
	}
	fs := flag.NewFlagSet("receipt archive", flag.ContinueOnError)
	in := fs.String("in", "", "a folder of receipt files, or a store: sqlite:FILE or postgres://…")
	pa := fs.String("pa", "", "fiscal code of the ente")
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, YYYY-MM-DD (the same month as --from)")
	keyPath := fs.String("key", "", "the ente's private key (PEM: PKCS #8, PKCS #1 or EC)")
	certPath := fs.String("cert", "", "the ente's certificate (PEM)")
	outPath := fs.String("out", "", "the package (ZIP) to write")
	created := fs.String("created", "", "creation time written in the package, RFC 3339 (default: now); the same receipts with the same time give the same bytes")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required(fs, "in", "pa", "from", "to", "key", "cert", "out"); err != nil {
		return err
	}
	fromDate, err := parseDay("from", *from)
	if err != nil {
		return err
	}
	toDate, err := parseDay("to", *to)
	if err != nil {
		return err
	}
	opts := archive.Options{FiscalCode: *pa, From: fromDate, To: toDate, SkipOthers: true, Created: time.Now().UTC()}
	if *created != "" {
		t, err := time.Parse(time.RFC3339, *created)
		if err != nil {
			return usagef("receipt archive: --created %q is not an RFC 3339 time", *created)
		}
		opts.Created = t
	}
	if opts.Signer, err = readKey(*keyPath); err != nil {
		return err
	}
	if opts.Certificate, err = readCert(*certPath); err != nil {
		return err
	}
	src, closeSrc, err := receiptSource(context.Background(), *in, *pa, fromDate, toDate)
	if err != nil {
		return err
	}
	defer closeSrc()
	var sum *archive.Summary
	err = writeWith(*outPath, func(f *os.File) error {
		var err error
		sum, err = archive.Build(f, src, opts)
		return err
	})
	if err != nil {
		return fmt.Errorf("receipt archive: %w", err)
	}
	fmt.Fprintf(e.stdout, "%s: %d receipts (%d RPTs), %s EUR, %d files; %d receipts of other enti or days left out; manifest.sha256 %s\n",
		*outPath, sum.Receipts, sum.RPTs, money.FormatDecimal(sum.TotalAmountCents), sum.Files, sum.Skipped, sum.ManifestSHA256)
	return nil
}

func receiptArchiveVerify(e env, args []string) error {
	fs := flag.NewFlagSet("receipt archive verify", flag.ContinueOnError)
	certPath := fs.String("cert", "", "the ente's certificate (PEM) that must have signed the package")
	pos, err := parseFlags(fs, args, "package.zip")
	if err != nil {
		return err
	}
	if err := required(fs, "cert"); err != nil {
		return err
	}
	cert, err := readCert(*certPath)
	if err != nil {
		return err
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	rep, err := archive.Verify(f, st.Size(), cert)
	if err != nil {
		return fmt.Errorf("receipt archive verify: %w", err)
	}
	if rep.OK() {
		fmt.Fprintf(e.stdout, "%s: OK — ente %s, %s to %s, %d receipts, %s EUR, %d files, signed\n",
			pos[0], rep.FiscalCode, rep.From, rep.To, rep.ReceiptCount, money.FormatDecimal(rep.TotalAmountCents), rep.Files)
		return nil
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(e.stdout, p.String())
	}
	if rep.Omitted > 0 {
		fmt.Fprintf(e.stdout, "… and %d more problems\n", rep.Omitted)
	}
	return fmt.Errorf("receipt archive verify: %s: %d problems", pos[0], len(rep.Problems)+rep.Omitted)
}

func parseDay(name, s string) (receipt.Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return receipt.Date{}, usagef("receipt archive: --%s %q is not YYYY-MM-DD", name, s)
	}
	return receipt.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, nil
}

// receiptSource reads receipts from a folder (every *.xml file below it,
// in path order) or from a store (the ente's receipts of the period).
func receiptSource(ctx context.Context, in, pa string, from, to receipt.Date) (iter.Seq2[*receipt.Receipt, error], func(), error) {
	if strings.HasPrefix(in, "sqlite:") || strings.HasPrefix(in, "postgres://") || strings.HasPrefix(in, "postgresql://") {
		st, closeStore, err := openStore(ctx, in)
		if err != nil {
			return nil, nil, err
		}
		s, ok := st.(*sqlstore.Store)
		if !ok {
			closeStore()
			return nil, nil, usagef("receipt archive: --in must be a folder, sqlite:FILE or postgres://…")
		}
		// The store files receipts by the time the Nodo wrote, which has
		// no zone: ask for a day more on each side, and let Build keep
		// the receipts of the period by their Italian date.
		start := time.Date(from.Year, from.Month, from.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
		end := time.Date(to.Year, to.Month, to.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 2)
		seq := func(yield func(*receipt.Receipt, error) bool) {
			for pr, err := range s.Receipts(ctx, pa, start, end) {
				if err != nil {
					yield(nil, err)
					return
				}
				r, err := receipt.Parse(pr.Raw)
				if err != nil {
					err = fmt.Errorf("stored receipt %s: %w", pr.ReceiptID, err)
				}
				if !yield(r, err) {
					return
				}
			}
		}
		return seq, closeStore, nil
	}
	info, err := os.Stat(in)
	if err != nil {
		return nil, nil, err
	}
	if !info.IsDir() {
		return nil, nil, usagef("receipt archive: --in %s is neither a folder nor a store", in)
	}
	var paths []string
	err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".xml") && !isRPTFile(p) {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	slices.Sort(paths)
	seq := func(yield func(*receipt.Receipt, error) bool) {
		for _, p := range paths {
			r, err := readReceiptFile(p)
			if err == nil {
				err = attachRPTFile(r, p)
			}
			if !yield(r, err) {
				return
			}
		}
	}
	return seq, func() {}, nil
}

// isRPTFile reports whether p is named like the RPT of a receipt file:
// X.rpt.xml goes with X.xml.
func isRPTFile(p string) bool {
	return strings.HasSuffix(strings.ToLower(p), ".rpt.xml")
}

// attachRPTFile attaches to the RT r read from p the RPT in the file
// next to it (X.rpt.xml for X.xml), when there is one.
func attachRPTFile(r *receipt.Receipt, p string) error {
	rptPath := strings.TrimSuffix(p, filepath.Ext(p)) + ".rpt.xml"
	rpt, err := readLimited(rptPath, receipt.DefaultLimits.MaxBytes+1)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := r.AttachRPT(rpt); err != nil {
		return fmt.Errorf("%s: %w", rptPath, err)
	}
	return nil
}

// readCert reads the first certificate of a PEM file.
func readCert(path string) (*x509.Certificate, error) {
	certs, err := readCerts(path)
	if err != nil {
		return nil, err
	}
	return certs[0], nil
}

func readKey(path string) (crypto.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	for rest := data; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return nil, fmt.Errorf("%s: no private key block", path)
		}
		switch b.Type {
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			s, ok := k.(crypto.Signer)
			if !ok {
				return nil, fmt.Errorf("%s: unsupported key type %T", path, k)
			}
			return s, nil
		case "RSA PRIVATE KEY":
			k, err := x509.ParsePKCS1PrivateKey(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			return k, nil
		case "EC PRIVATE KEY":
			k, err := x509.ParseECPrivateKey(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			return k, nil
		case "ENCRYPTED PRIVATE KEY":
			return nil, errors.New(path + ": encrypted keys are not supported: decrypt it first (openssl pkcs8)")
		}
	}
}
