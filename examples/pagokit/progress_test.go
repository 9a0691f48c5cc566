package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pagokit/pagokit/notice/noticepdf"
)

func TestFormatBar(t *testing.T) {
	p := noticepdf.Progress{Records: 5000, Rendered: 4990, Failed: 10}
	for _, tt := range []struct {
		p       noticepdf.Progress
		elapsed time.Duration
		total   int
		approx  bool
		want    string
	}{
		{p, 10 * time.Second, 10000, false, "[==========          ]  50%  5000/10000 records  500/s  ETA 10s  (10 failed)"},
		{p, 10 * time.Second, 10000, true, "[==========          ]  50%  5000/~10000 records  500/s  ETA 10s  (10 failed)"},
		{p, 10 * time.Second, 100000, false, "[=                   ]   5%  5000/100000 records  500/s  ETA 3m10s  (10 failed)"},
		{p, 10 * time.Second, 0, false, "5000 records  500/s  (10 failed)"},
		{noticepdf.Progress{Records: 3, Rendered: 3}, 2 * time.Second, 20000, false, "[                    ]   0%  3/20000 records  1.5/s  ETA 3h42m"},
		{noticepdf.Progress{Records: 40, Rendered: 40}, 10 * time.Second, 40, false, "[====================] 100%  40/40 records  4.0/s"},
		// An estimate below what is done already is raised to it.
		{noticepdf.Progress{Records: 40, Rendered: 40}, 10 * time.Second, 30, true, "[====================] 100%  40/~40 records  4.0/s"},
		// No time has passed: no rate, no ETA.
		{noticepdf.Progress{}, 0, 10, false, "[                    ]   0%  0/10 records  0.0/s"},
	} {
		if got := formatBar(tt.p, tt.elapsed, tt.total, tt.approx); got != tt.want {
			t.Errorf("formatBar(%+v, %v, %d, %v)\n got %q\nwant %q", tt.p, tt.elapsed, tt.total, tt.approx, got, tt.want)
		}
	}
}

func TestFormatETA(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{1499 * time.Millisecond, "1s"},
		{59 * time.Second, "59s"},
		{59*time.Second + 600*time.Millisecond, "1m00s"},
		{3*time.Minute + 5*time.Second, "3m05s"},
		{time.Hour + 2*time.Minute + 59*time.Second, "1h02m"},
	} {
		if got := formatETA(tt.d); got != tt.want {
			t.Errorf("formatETA(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

// at moves the clock to d after its start.
func (c *fakeClock) at(start time.Time, d time.Duration) { c.t = start.Add(d) }

func TestProgressPlainThrottled(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := &fakeClock{t: start}
	var out bytes.Buffer
	m := newProgressMeter(&out, false, clock.now, nil)
	// One record every 100 ms, the 7th in error: a line at 5 s and 10 s
	// only, then one at the end.
	failed := 0
	for i := 1; i <= 120; i++ {
		clock.at(start, time.Duration(i)*100*time.Millisecond)
		if i == 7 {
			failed++
		}
		m.update(noticepdf.Progress{Records: i, Rendered: i - failed, Failed: failed})
	}
	clock.at(start, 12500*time.Millisecond)
	m.finish()
	want := "progress: 50 records, 49 rendered, 1 failed, 10/s\n" +
		"progress: 100 records, 99 rendered, 1 failed, 10/s\n" +
		"progress: 120 records, 119 rendered, 1 failed, 9.6/s\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestProgressPlainFinishOnly(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := &fakeClock{t: start}
	var out bytes.Buffer
	m := newProgressMeter(&out, false, clock.now, nil)
	for i := 1; i <= 3; i++ {
		m.update(noticepdf.Progress{Records: i, Rendered: i})
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q before 5 s", out.String())
	}
	clock.at(start, 2*time.Second)
	m.finish()
	if want := "progress: 3 records, 3 rendered, 0 failed, 1.5/s\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestProgressBarRedraw(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := &fakeClock{t: start}
	var out bytes.Buffer
	total := func(int) (int, bool) { return 20, false }
	m := newProgressMeter(&out, true, clock.now, total)
	var draws []string
	step := func(d time.Duration, p noticepdf.Progress) {
		clock.at(start, d)
		before := out.Len()
		m.update(p)
		draws = append(draws, out.String()[before:])
	}
	step(50*time.Millisecond, noticepdf.Progress{Records: 1, Rendered: 1})
	step(100*time.Millisecond, noticepdf.Progress{Records: 2, Rendered: 1, Failed: 1})
	step(150*time.Millisecond, noticepdf.Progress{Records: 3, Rendered: 2, Failed: 1})
	step(time.Second, noticepdf.Progress{Records: 10, Rendered: 9, Failed: 1})
	wantDraws := []string{
		"",
		"\r[==                  ]  10%  2/20 records  20/s  ETA 1s  (1 failed)",
		"",
		"\r[==========          ]  50%  10/20 records  10/s  ETA 1s  (1 failed)",
	}
	for i := range wantDraws {
		if draws[i] != wantDraws[i] {
			t.Errorf("draw %d: got %q, want %q", i, draws[i], wantDraws[i])
		}
	}
	clock.at(start, 2*time.Second)
	m.p = noticepdf.Progress{Records: 18, Rendered: 17, Failed: 1}
	before := out.Len()
	m.finish()
	// At the end the total is what was done (a blank line or an estimate
	// made the expected total wrong), and the line is ended.
	want := "\r[====================] 100%  18/18 records  9.0/s  (1 failed)" + strings.Repeat(" ", 7) + "\n"
	if got := out.String()[before:]; got != want {
		t.Errorf("finish: got %q, want %q", got, want)
	}
}

func TestProgressBarPadding(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := &fakeClock{t: start}
	var out bytes.Buffer
	m := newProgressMeter(&out, true, clock.now, nil)
	clock.at(start, time.Second)
	m.update(noticepdf.Progress{Records: 1000, Rendered: 999, Failed: 1})
	first := out.String()
	clock.at(start, 2*time.Second)
	m.update(noticepdf.Progress{Records: 1002, Rendered: 1001, Failed: 1})
	second := out.String()[len(first):]
	if first != "\r1000 records  1000/s  (1 failed)" {
		t.Errorf("first draw %q", first)
	}
	// The new line is shorter: spaces cover what is left of the old one.
	if want := "\r1002 records  501/s  (1 failed)" + " "; second != want {
		t.Errorf("second draw %q, want %q", second, want)
	}
}

func TestCountRecords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"{}", 1},
		{"{}\n", 1},
		{"{}\n\n  \t\r\n{}\r\n{}", 3},
		{"\n\n", 0},
		{" x \n", 1},
	} {
		got, err := countRecords(strings.NewReader(tt.in))
		if err != nil || got != tt.want {
			t.Errorf("countRecords(%q) = %d, %v, want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestRecordTotal(t *testing.T) {
	name := filepath.Join(t.TempDir(), "in.jsonl")
	data := strings.Repeat("{\"a\":1}\n\n", 100) // 100 records of 9 bytes
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	// Counted, without moving the file offset.
	r, total := recordTotal(f)
	if r != io.Reader(f) || total == nil {
		t.Fatalf("recordTotal = %v, total func %v", r, total != nil)
	}
	if n, approx := total(0); n != 100 || approx {
		t.Errorf("total = %d, %v; want 100, exact", n, approx)
	}
	if off, _ := f.Seek(0, io.SeekCurrent); off != 0 {
		t.Errorf("offset moved to %d", off)
	}

	// Above countLimit: estimated from the bytes read.
	defer func(l int64) { countLimit = l }(countLimit)
	countLimit = 0
	r, total = recordTotal(f)
	if r == io.Reader(f) {
		t.Fatal("the reader does not count")
	}
	if n, _ := total(0); n != 0 {
		t.Errorf("total before reading = %d, want unknown", n)
	}
	if _, err := io.ReadFull(r, make([]byte, len(data)/4)); err != nil {
		t.Fatal(err)
	}
	if n, approx := total(25); n != 100 || !approx {
		t.Errorf("total after a quarter = %d, %v; want 100, estimated", n, approx)
	}

	// A pipe has no total.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	if _, total := recordTotal(pr); total != nil {
		t.Error("a pipe has a total")
	}
}
