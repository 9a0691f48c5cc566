package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pagokit/pagokit/notice/noticepdf"
)

// How often the progress of a batch is reported.
const (
	// barInterval spaces the redraws of the bar on a terminal: at most
	// ten a second, which looks live and costs nothing.
	barInterval = 100 * time.Millisecond
	// plainInterval spaces the progress lines written to a file or a
	// pipe (a log, a CI job), which must not flood it.
	plainInterval = 5 * time.Second
	// barWidth is the number of cells of the bar.
	barWidth = 20
)

// progressMeter reports the progress of a batch: on a terminal, a bar
// redrawn in place with \r; elsewhere, a plain line every plainInterval
// and one at the end. Its clock and writer are injected, so that it is
// tested without sleeping. update and finish must be called from one
// goroutine, as noticepdf.BulkOptions.Progress is.
type progressMeter struct {
	w   io.Writer
	tty bool
	now func() time.Time
	// total returns the number of records of the batch, given the number
	// done so far; approx reports an estimate. It returns 0 when the total
	// is unknown, as is a nil total.
	total func(done int) (n int, approx bool)

	start time.Time
	last  time.Time          // of the last output, or start
	p     noticepdf.Progress // the last progress reported
	width int                // of the bar last drawn, to blank the rest of a longer one
}

func newProgressMeter(w io.Writer, tty bool, now func() time.Time, total func(done int) (int, bool)) *progressMeter {
	t := now()
	return &progressMeter{w: w, tty: tty, now: now, total: total, start: t, last: t}
}

// isTerminal reports whether w is a terminal, which gets the redrawn bar.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// update records p and writes it out if the last output is old enough.
func (m *progressMeter) update(p noticepdf.Progress) {
	m.p = p
	t := m.now()
	interval := plainInterval
	if m.tty {
		interval = barInterval
	}
	if t.Sub(m.last) < interval {
		return
	}
	m.last = t
	m.write(false)
}

// finish writes the final state: the bar, ended by a newline, or a last
// plain line.
func (m *progressMeter) finish() {
	m.last = m.now()
	m.write(true)
}

func (m *progressMeter) write(final bool) {
	elapsed := m.last.Sub(m.start)
	if !m.tty {
		fmt.Fprintln(m.w, formatPlain(m.p, elapsed))
		return
	}
	total, approx := 0, false
	switch {
	case final:
		// Every record has been read: the total is what was done.
		total = m.p.Records
	case m.total != nil:
		total, approx = m.total(m.p.Records)
	}
	line := formatBar(m.p, elapsed, total, approx)
	pad := max(m.width-len(line), 0)
	m.width = len(line)
	end := ""
	if final {
		end = "\n"
	}
	fmt.Fprintf(m.w, "\r%s%s%s", line, strings.Repeat(" ", pad), end)
}

// formatPlain formats the progress line written when standard error is
// not a terminal:
//
//	progress: 5000 records, 4990 rendered, 10 failed, 812/s
func formatPlain(p noticepdf.Progress, elapsed time.Duration) string {
	return fmt.Sprintf("progress: %d records, %d rendered, %d failed, %s", p.Records, p.Rendered, p.Failed, formatRate(rate(p.Records, elapsed)))
}

// formatBar formats the progress bar drawn on a terminal. With a total
// (approx for an estimate, printed with a ~) it shows the share done and
// the time left:
//
//	[==========          ]  50%  5000/10000 records  812/s  ETA 6s  (10 failed)
//
// and without, the records done and the rate only.
func formatBar(p noticepdf.Progress, elapsed time.Duration, total int, approx bool) string {
	var b strings.Builder
	r := rate(p.Records, elapsed)
	if total > 0 {
		total = max(total, p.Records)
		filled := barWidth * p.Records / total
		b.WriteString("[")
		b.WriteString(strings.Repeat("=", filled))
		b.WriteString(strings.Repeat(" ", barWidth-filled))
		tilde := ""
		if approx {
			tilde = "~"
		}
		fmt.Fprintf(&b, "] %3d%%  %d/%s%d records", 100*p.Records/total, p.Records, tilde, total)
	} else {
		fmt.Fprintf(&b, "%d records", p.Records)
	}
	fmt.Fprintf(&b, "  %s", formatRate(r))
	if total > p.Records && r > 0 {
		left := time.Duration(float64(total-p.Records) / r * float64(time.Second))
		fmt.Fprintf(&b, "  ETA %s", formatETA(left))
	}
	if p.Failed > 0 {
		fmt.Fprintf(&b, "  (%d failed)", p.Failed)
	}
	return b.String()
}

// rate returns the records finished per second.
func rate(records int, elapsed time.Duration) float64 {
	if elapsed <= 0 {
		return 0
	}
	return float64(records) / elapsed.Seconds()
}

func formatRate(r float64) string {
	if r < 10 {
		return fmt.Sprintf("%.1f/s", r)
	}
	return fmt.Sprintf("%.0f/s", r)
}

// formatETA formats a time left as 42s, 3m05s or 1h02m.
func formatETA(d time.Duration) string {
	s := int64((d + time.Second/2) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	default:
		return fmt.Sprintf("%dh%02dm", s/3600, s%3600/60)
	}
}
