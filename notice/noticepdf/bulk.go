package noticepdf

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/pagokit/pagokit/internal/zipstream"
)

// BulkOptions configures Renderer.Bulk.
type BulkOptions struct {
	// Workers is the number of notices rendered at once; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Logos resolves logo references; nil accepts base64 logos only.
	Logos *Logos
	// Lang, when set, overrides the "lang" of every record.
	Lang Lang
	// Progress, when set, is called after each record, from one goroutine.
	Progress func(Progress)
	// Modified is the modification time of the ZIP entries; the zero
	// value means the start of the run.
	Modified time.Time
	// TempDir is the directory of the temporary files of the run (the
	// error report and, for large runs, the ZIP central directory);
	// "" means os.TempDir().
	TempDir string
}

// Progress reports how far a bulk run has gone.
type Progress struct {
	Records  int           // records read and finished so far
	Rendered int           // notices written
	Failed   int           // records in error
	Elapsed  time.Duration // since the start
}

// BulkReport sums up a bulk run.
type BulkReport struct {
	Records  int // non-empty input lines
	Rendered int // PDFs written
	Failed   int // records listed in errors.csv
}

// ErrorsFile is the name of the error report inside the ZIP.
const ErrorsFile = "errors.csv"

// Bulk renders a stream of JSON Lines requests (one Request per line) into
// a ZIP archive written to out: one "<notice number>.pdf" per valid record,
// named after the single payment's notice number (or the first
// instalment's), and ErrorsFile, an RFC 4180 CSV with a row per problem:
// line,notice_number,path,error. A bad record never stops the batch.
//
// Records are rendered by opts.Workers goroutines and written in input
// order; at most a few records per worker are held in memory at once, and
// the ZIP central directory and the error report go through temporary
// files, so memory does not grow with the number of records beyond the 12
// to 24 bytes per notice kept to refuse duplicate notice numbers. Bulk
// returns early with ctx's error when ctx is done, or with the error of in
// or out.
func (r *Renderer) Bulk(ctx context.Context, in io.Reader, out io.Writer, opts BulkOptions) (BulkReport, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	start := time.Now()
	modified := opts.Modified
	if modified.IsZero() {
		modified = start
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	errFile, err := os.CreateTemp(opts.TempDir, "pagokit-errors-*.csv")
	if err != nil {
		return BulkReport{}, err
	}
	defer os.Remove(errFile.Name())
	defer errFile.Close()
	errBuf := bufio.NewWriter(errFile)
	report := csv.NewWriter(errBuf)
	report.UseCRLF = true
	if err := report.Write([]string{"line", "notice_number", "path", "error"}); err != nil {
		return BulkReport{}, err
	}

	jobs := make(chan *bulkJob, workers)
	done := make(chan *bulkJob, workers)
	// window bounds the records between the reader and the writer.
	window := make(chan struct{}, 4*workers)

	var readErr error
	go func() {
		defer close(jobs)
		readErr = readLines(ctx, in, window, jobs)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for j := range jobs {
				r.bulkRender(j, opts, &buf)
				done <- j
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	zw := zipstream.NewWriter(out, zipstream.WithTempDir(opts.TempDir))
	defer zw.Abort() // removes the temporary file after an early return
	var rep BulkReport
	var writeErr error
	pending := map[int]*bulkJob{}
	next := 0
	// Notice numbers already written, with their input line.
	var names numberSet
	for j := range done {
		pending[j.seq] = j
		for {
			j, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if writeErr != nil {
				continue
			}
			rep.Records++
			if j.err == nil {
				key, _ := strconv.ParseUint(j.name, 10, 64)
				if first, dup := names.add(key, j.line); dup {
					j.err = &ValidationError{Problems: []Problem{{Path: "data.notice.code", Err: fmt.Errorf("%w: notice already rendered from line %d", ErrInconsistent, first)}}}
				}
			}
			if j.err != nil {
				rep.Failed++
				writeErr = writeProblems(report, j)
			} else {
				writeErr = zw.Store(j.name+".pdf", modified, j.pdf)
				rep.Rendered++
			}
			j.pdf, j.data = nil, nil
			if writeErr != nil {
				cancel()
			}
			if opts.Progress != nil {
				opts.Progress(Progress{Records: rep.Records, Rendered: rep.Rendered, Failed: rep.Failed, Elapsed: time.Since(start)})
			}
		}
	}
	if writeErr != nil {
		return rep, writeErr
	}
	if readErr != nil {
		return rep, readErr
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	report.Flush()
	if err := report.Error(); err != nil {
		return rep, err
	}
	if err := errBuf.Flush(); err != nil {
		return rep, err
	}
	if _, err := errFile.Seek(0, io.SeekStart); err != nil {
		return rep, err
	}
	w, err := zw.Create(ErrorsFile, modified)
	if err != nil {
		return rep, err
	}
	if _, err := io.Copy(w, errFile); err != nil {
		return rep, err
	}
	return rep, zw.Close()
}

type bulkJob struct {
	seq  int
	line int
	data []byte
	// results
	name string
	pdf  []byte
	err  error
}

// readLines splits in into records, skipping blank lines. A line longer
// than MaxRequestSize becomes a record in error.
func readLines(ctx context.Context, in io.Reader, window chan struct{}, jobs chan<- *bulkJob) error {
	br := bufio.NewReaderSize(in, 64<<10)
	seq := 0
	for line := 1; ; line++ {
		data, tooLong, err := readLine(br)
		if len(bytes.TrimSpace(data)) > 0 || tooLong {
			j := &bulkJob{seq: seq, line: line, data: data}
			if tooLong {
				j.data = nil
				j.err = &ValidationError{Problems: []Problem{{Err: fmt.Errorf("%w: line longer than %d bytes", ErrTooLong, MaxRequestSize)}}}
			}
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return nil
			}
			jobs <- j
			seq++
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// readLine reads one line without its end of line; tooLong reports a line
// over MaxRequestSize, which is skipped.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > MaxRequestSize+2 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

func (r *Renderer) bulkRender(j *bulkJob, opts BulkOptions, buf *bytes.Buffer) {
	if j.err != nil {
		return
	}
	req, err := ParseRequest(j.data)
	if err != nil {
		j.err = err
		return
	}
	if opts.Lang != "" {
		req.Lang = opts.Lang
	}
	j.name = req.Data.Notice.Code
	if j.name == "" && len(req.Data.Notice.Installments) > 0 {
		j.name = req.Data.Notice.Installments[0].Code
	}
	n, err := r.Prepare(req, opts.Logos)
	if err != nil {
		j.err = err
		return
	}
	if n.HasSingle() {
		j.name = n.Number.String()
	} else {
		j.name = n.Instalments[0].Number.String()
	}
	buf.Reset()
	if err := r.Render(buf, n); err != nil {
		j.err = err
		return
	}
	j.pdf = bytes.Clone(buf.Bytes())
}

// writeProblems writes one CSV row per problem of j.
func writeProblems(w *csv.Writer, j *bulkJob) error {
	line := strconv.Itoa(j.line)
	// Only a well-formed code goes in the report: input text could carry
	// spreadsheet formulas.
	name := j.name
	if len(name) != 18 || !allDigits(name) {
		name = ""
	}
	var ve *ValidationError
	if errors.As(j.err, &ve) {
		for _, p := range ve.Problems {
			if err := w.Write([]string{line, name, p.Path, p.Err.Error()}); err != nil {
				return err
			}
		}
		return nil
	}
	return w.Write([]string{line, name, "", j.err.Error()})
}
