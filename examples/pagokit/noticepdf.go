package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/pagokit/pagokit/notice/noticepdf"
)

// stdin is what --in - reads; tests replace it.
var stdin io.Reader = os.Stdin

const pdfHelp = `Render pagoPA payment notices (Avvisi pagoPA 3.x) as PDF.

  pagokit notice pdf --in notice.json --out avviso.pdf [--lang L] [--font-regular F] [--font-bold F] [--font-mono F]
  pagokit notice pdf --in notices.jsonl --out notices.zip [--workers N] [--lang L] [--font-… F]

The input is the JSON request of pagoPA's print service
(NoticeGenerationRequestItem); --in - reads standard input. Logo file paths
in a request are relative to the input file's directory (to the current
directory for standard input). --lang overrides the requests' "lang".

A batch is rendered when --in ends in .jsonl or .ndjson, or --out ends in
.zip: one request per line, blank lines skipped. The ZIP holds one
<notice number>.pdf per valid record and errors.csv, a row per problem:
line,notice_number,path,error. Progress and a summary go to standard
error.

Exit status: 0 when every notice is rendered; 1 for an invalid request
(each problem is listed as path: error, and no file is written), an
unreadable input or font, or a batch with records in error (the ZIP is
written all the same, errors.csv lists them); 2 for usage errors.

Flags:
`

// batchExts are the input extensions of a batch (JSON Lines).
var batchExts = []string{".jsonl", ".ndjson"}

func noticePDF(e env, args []string) error {
	fs := flag.NewFlagSet("notice pdf", flag.ContinueOnError)
	in := fs.String("in", "", "request file: JSON, or JSON Lines for a batch; - for standard input")
	out := fs.String("out", "", "PDF file, or ZIP file for a batch")
	lang := fs.String("lang", "", "language of the fixed texts, overriding the requests' \"lang\": "+langList())
	regular := fs.String("font-regular", "", "TrueType font for texts (default: the Go fonts)")
	bold := fs.String("font-bold", "", "TrueType font for bold texts (default: --font-regular)")
	mono := fs.String("font-mono", "", "TrueType font for codes (default: --font-regular)")
	workers := fs.Int("workers", 0, "batch: notices rendered at once; 0 for one per CPU")
	if _, err := parseFlags(fs, args); err != nil {
		var ue *usageError
		if errors.As(err, &ue) && strings.Contains(ue.msg, ": usage: ") {
			// --help (or a stray argument): the flags alone do not tell
			// the batch rule and the exit statuses.
			fmt.Fprint(e.stderr, pdfHelp)
			fs.SetOutput(e.stderr)
			fs.PrintDefaults()
		}
		return err
	}
	if err := required(fs, "in", "out"); err != nil {
		return err
	}
	l := noticepdf.Lang(*lang)
	if l != "" && !validLang(l) {
		return usagef("notice pdf: --lang must be %s", langList())
	}
	if *workers < 0 {
		return usagef("notice pdf: --workers must be 0 or more")
	}
	batch := hasExt(*in, batchExts...) || hasExt(*out, ".zip")
	if batch && !hasExt(*out, ".zip") {
		return usagef("notice pdf: a batch (JSON Lines input) is written as a ZIP: --out must end in .zip")
	}
	r, err := newRenderer(*regular, *bold, *mono)
	if err != nil {
		return err
	}
	if batch {
		return renderBatch(e, r, *in, *out, noticepdf.BulkOptions{Workers: *workers, Lang: l})
	}
	return renderOne(e, r, *in, *out, l)
}

func langList() string {
	s := make([]string, len(noticepdf.Langs))
	for i, l := range noticepdf.Langs {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}

func validLang(l noticepdf.Lang) bool {
	for _, v := range noticepdf.Langs {
		if l == v {
			return true
		}
	}
	return false
}

// hasExt reports whether the file name ends in one of exts, ignoring case.
func hasExt(name string, exts ...string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, x := range exts {
		if ext == x {
			return true
		}
	}
	return false
}

// newRenderer returns a Renderer with the fonts of the --font-… flags, or
// the default fonts.
func newRenderer(regular, bold, mono string) (*noticepdf.Renderer, error) {
	if regular == "" {
		if bold != "" || mono != "" {
			return nil, usagef("notice pdf: --font-bold and --font-mono need --font-regular")
		}
		return noticepdf.NewRenderer()
	}
	var fonts [3][]byte
	for i, f := range []struct{ flag, path string }{{"font-regular", regular}, {"font-bold", bold}, {"font-mono", mono}} {
		if f.path == "" {
			continue // nil: WithFonts uses the regular font
		}
		data, err := os.ReadFile(f.path)
		if err != nil {
			return nil, fmt.Errorf("notice pdf: --%s: %w", f.flag, err)
		}
		fonts[i] = data
	}
	return noticepdf.NewRenderer(noticepdf.WithFonts(fonts[0], fonts[1], fonts[2]))
}

// openInput opens --in and returns the directory that logo paths are
// relative to, and a name for messages.
func openInput(in string) (r io.Reader, dir, name string, closeFn func(), err error) {
	if in == "-" {
		return stdin, ".", "standard input", func() {}, nil
	}
	f, err := os.Open(in)
	if err != nil {
		return nil, "", "", nil, err
	}
	return f, filepath.Dir(in), in, func() { f.Close() }, nil
}

// renderOne renders a single request. The PDF is rendered in memory (a
// notice is a few hundred kilobytes) and written atomically: an invalid
// request leaves no file.
func renderOne(e env, r *noticepdf.Renderer, in, out string, lang noticepdf.Lang) error {
	src, dir, name, closeIn, err := openInput(in)
	if err != nil {
		return err
	}
	defer closeIn()
	req, err := noticepdf.DecodeRequest(src)
	if err != nil {
		return invalid(e, name, err)
	}
	if lang != "" {
		req.Lang = lang
	}
	n, err := r.Prepare(req, noticepdf.FileLogos(dir))
	if err != nil {
		return invalid(e, name, err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, n); err != nil {
		return invalid(e, name, err)
	}
	return writeFile(out, buf.Bytes())
}

// invalid lists the problems of a *noticepdf.ValidationError on standard
// error, one "path: error" per line, and returns the error that ends the
// command.
func invalid(e env, name string, err error) error {
	var ve *noticepdf.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("notice pdf: %s: %w", name, err)
	}
	for _, p := range ve.Problems {
		fmt.Fprintln(e.stderr, p.Error())
	}
	return fmt.Errorf("notice pdf: %s: invalid request (%s)", name, plural(len(ve.Problems), "problem"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// renderBatch renders a JSON Lines input into a ZIP, reporting progress on
// standard error. The ZIP is written atomically: an interrupted or failed
// batch leaves no file, while records in error do not stop it.
func renderBatch(e env, r *noticepdf.Renderer, in, out string, opts noticepdf.BulkOptions) error {
	src, dir, _, closeIn, err := openInput(in)
	if err != nil {
		return err
	}
	defer closeIn()
	var total func(int) (int, bool)
	if f, ok := src.(*os.File); ok {
		src, total = recordTotal(f)
	}
	meter := newProgressMeter(e.stderr, isTerminal(e.stderr), time.Now, total)
	opts.Logos = noticepdf.FileLogos(dir)
	opts.Progress = meter.update

	// On Ctrl-C or kill, Bulk stops and writeWith removes the partial ZIP.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var rep noticepdf.BulkReport
	err = writeWith(out, func(f *os.File) error {
		var err error
		rep, err = r.Bulk(ctx, src, f, opts)
		return err
	})
	meter.finish()
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("notice pdf: interrupted, %s not written", out)
	}
	if err != nil {
		return fmt.Errorf("notice pdf: %w", err)
	}
	summary := fmt.Sprintf("rendered %s, %s in error", plural(rep.Rendered, "notice"), plural(rep.Failed, "record"))
	if rep.Failed > 0 {
		return fmt.Errorf("notice pdf: %s (see %s in %s)", summary, noticepdf.ErrorsFile, filepath.Base(out))
	}
	fmt.Fprintln(e.stderr, summary)
	return nil
}

// countLimit is the size from which an input's records are not counted
// before a batch starts (a variable for tests).
var countLimit int64 = 1 << 30

// recordTotal returns the reader that Bulk should read in place of f and
// the total of records for the progress meter, nil when unknown (a pipe,
// a terminal).
//
// A regular file under countLimit is counted beforehand: a second pass
// over it that costs well under a second (the file is then in the page
// cache for the batch) and gives an exact total, hence an honest ETA. A
// larger file is not read twice: its total is estimated from the share of
// its bytes read so far. Bulk reads ahead of the records it finishes, but
// by a few records per worker only, which is negligible in a file that
// large.
func recordTotal(f *os.File) (io.Reader, func(int) (int, bool)) {
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return f, nil
	}
	pos, err := f.Seek(0, io.SeekCurrent) // standard input may not be at the start
	if err != nil {
		return f, nil
	}
	size := fi.Size() - pos
	if size < countLimit {
		n, err := countRecords(io.NewSectionReader(f, pos, size))
		if err != nil {
			return f, nil
		}
		return f, func(int) (int, bool) { return n, false }
	}
	cr := &countingReader{r: f}
	return cr, func(done int) (int, bool) {
		read := cr.n.Load()
		if read <= 0 || done == 0 {
			return 0, false
		}
		return int(float64(done) * float64(size) / float64(read)), true
	}
}

// countRecords counts the lines that Bulk takes as records: those with
// something other than spaces.
func countRecords(r io.Reader) (int, error) {
	buf := make([]byte, 256<<10)
	n, blank := 0, true
	for {
		k, err := r.Read(buf)
		for _, c := range buf[:k] {
			switch c {
			case '\n':
				if !blank {
					n++
				}
				blank = true
			case ' ', '\t', '\r', '\v', '\f':
			default:
				blank = false
			}
		}
		if err == io.EOF {
			if !blank {
				n++
			}
			return n, nil
		}
		if err != nil {
			return 0, err
		}
	}
}

// countingReader counts the bytes read through it; Bulk reads from its own
// goroutine, the progress meter reads n from another.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

// Read implements io.Reader.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
