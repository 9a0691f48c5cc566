package zipstream

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pagokit/pagokit/internal/testenv"
)

type file struct {
	Name     string
	Method   uint16
	Modified time.Time
	Data     string
}

// readAll opens an archive with archive/zip and returns its entries.
func readAll(t *testing.T, r io.ReaderAt, size int64) []file {
	t.Helper()
	zr, err := zip.NewReader(r, size)
	if err != nil {
		t.Fatalf("archive/zip cannot open the archive: %v", err)
	}
	var out []file
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		rc.Close()
		out = append(out, file{f.Name, f.Method, f.Modified, string(data)})
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	when := time.Date(2025, 12, 31, 23, 59, 58, 0, time.UTC)
	csv := strings.Repeat("line,notice_number,path,error\r\n", 1000)
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.Store("302000000000000184.pdf", when, []byte("%PDF-1.7 one")); err != nil {
		t.Fatal(err)
	}
	if err := w.Store("avviso-è.pdf", time.Time{}, []byte("two")); err != nil {
		t.Fatal(err)
	}
	ew, err := w.Create("errors.csv", when)
	if err != nil {
		t.Fatal(err)
	}
	// Written in pieces, as io.Copy does.
	for i := 0; i < len(csv); i += 1000 {
		if _, err := ew.Write([]byte(csv[i:min(i+1000, len(csv))])); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Store("empty.pdf", when, nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	want := []file{
		{"302000000000000184.pdf", zip.Store, when, "%PDF-1.7 one"},
		{"avviso-è.pdf", zip.Store, time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), "two"},
		{"errors.csv", zip.Deflate, when, csv},
		{"empty.pdf", zip.Store, when, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if buf.Len() > len(csv)/4 {
		t.Errorf("archive of %d bytes: errors.csv was not compressed", buf.Len())
	}
}

// TestManyEntries writes more entries than the classic end record can
// count, so the archive needs ZIP64 records and the central directory
// goes through the temporary file.
func TestManyEntries(t *testing.T) {
	const n = 70000
	tmp := t.TempDir()
	path := filepath.Join(t.TempDir(), "many.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := NewWriter(f, WithTempDir(tmp))
	for i := range n {
		if err := w.Store(fmt.Sprintf("%018d.pdf", i), time.Time{}, []byte(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
		if i == n/2 {
			if left, _ := os.ReadDir(tmp); len(left) != 1 {
				t.Errorf("after %d entries the temporary directory holds %d files, want the spilled central directory", i+1, len(left))
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("Close left %d temporary files", len(left))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data[len(data)-100:], []byte{0x50, 0x4b, 0x06, 0x06}) {
		t.Error("no ZIP64 end of central directory record")
	}
	got := readAll(t, bytes.NewReader(data), int64(len(data)))
	if len(got) != n {
		t.Fatalf("archive/zip reads %d entries, want %d", len(got), n)
	}
	for _, i := range []int{0, 1, 65534, 65535, n - 1} {
		if want := (file{fmt.Sprintf("%018d.pdf", i), zip.Store, time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), fmt.Sprint(i)}); got[i] != want {
			t.Errorf("entry %d = %+v, want %+v", i, got[i], want)
		}
	}

	unzip := testenv.Tool(t, "unzip", "unzip")
	out, err := exec.Command(unzip, "-tqq", path).CombinedOutput()
	if err != nil {
		t.Errorf("unzip -t: %v\n%s", err, out)
	}
	out, err = exec.Command(unzip, "-l", path).Output()
	if err != nil {
		t.Fatalf("unzip -l: %v", err)
	}
	if want := fmt.Sprintf("%d files", n); !strings.Contains(string(out[max(0, len(out)-200):]), want) {
		t.Errorf("unzip -l does not count %s:\n%s", want, out[max(0, len(out)-200):])
	}
}

// shifted is an archive that begins at offset start of a larger file
// whose first start bytes are zeros, without allocating them.
type shifted struct {
	start int64
	data  []byte
}

func (s shifted) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for n < len(p) && off < s.start {
		p[n] = 0
		n++
		off++
	}
	if n == len(p) {
		return n, nil
	}
	if off-s.start >= int64(len(s.data)) {
		return n, io.EOF
	}
	m := copy(p[n:], s.data[off-s.start:])
	if n+m < len(p) {
		return n + m, io.EOF
	}
	return n + m, nil
}

// TestOffsetsPast4GiB writes entries whose local headers lie past 4 GiB,
// as in a large bulk run, by starting the writer's count there.
func TestOffsetsPast4GiB(t *testing.T) {
	const start = 1<<32 - 100
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.offset = start
	var want []file
	for i := range 3 {
		data := strings.Repeat(fmt.Sprint(i), 100)
		name := fmt.Sprintf("%d.pdf", i)
		if err := w.Store(name, time.Time{}, []byte(data)); err != nil {
			t.Fatal(err)
		}
		want = append(want, file{name, zip.Store, time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), data})
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, shifted{start, buf.Bytes()}, start+int64(buf.Len()))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

type failWriter struct{ after int }

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.after {
		return f.after, errors.New("disk full")
	}
	f.after -= len(p)
	return len(p), nil
}

func TestErrors(t *testing.T) {
	w := NewWriter(io.Discard)
	for _, name := range []string{"", "bad\xff.pdf", strings.Repeat("a", 1<<16)} {
		if err := w.Store(name, time.Time{}, nil); !errors.Is(err, ErrName) {
			t.Errorf("Store(%.10q) = %v, want ErrName", name, err)
		}
	}
	if _, err := w.Create("", time.Time{}); !errors.Is(err, ErrName) {
		t.Errorf("Create(\"\") = %v, want ErrName", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Store("a", time.Time{}, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("Store after Close = %v, want ErrClosed", err)
	}
	if err := w.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close = %v, want ErrClosed", err)
	}

	// A failing destination: the error comes back, at the latest from Close.
	w = NewWriter(&failWriter{after: 100 << 10})
	var err error
	for i := 0; i < 100 && err == nil; i++ {
		err = w.Store(fmt.Sprint(i), time.Time{}, make([]byte, 10<<10))
	}
	if err == nil {
		err = w.Close()
	}
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("writing to a full disk: %v", err)
	}
}

func TestAbort(t *testing.T) {
	tmp := t.TempDir()
	w := NewWriter(io.Discard, WithTempDir(tmp))
	for i := range 10000 {
		if err := w.Store(fmt.Sprint(i), time.Time{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) != 1 {
		t.Fatalf("%d temporary files before Abort, want 1", len(left))
	}
	w.Abort()
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("Abort left %d temporary files", len(left))
	}
	if err := w.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("Close after Abort = %v, want ErrClosed", err)
	}
}

func TestEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := NewWriter(&buf).Close(); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, bytes.NewReader(buf.Bytes()), int64(buf.Len())); len(got) != 0 {
		t.Errorf("empty archive has entries %v", got)
	}
	if buf.Len() != 22 {
		t.Errorf("empty archive is %d bytes, want the 22-byte end record", buf.Len())
	}
}

func TestDOSTime(t *testing.T) {
	tests := []struct {
		in         time.Time
		time, date uint16
	}{
		{time.Time{}, 0, 0x21},
		{time.Date(1979, 12, 31, 0, 0, 0, 0, time.UTC), 0, 0x21},
		// 2025-12-31 23:59:58: date (45<<9)|(12<<5)|31, time (23<<11)|(59<<5)|29.
		{time.Date(2025, 12, 31, 23, 59, 58, 0, time.UTC), 0xBF7D, 0x5B9F},
		{time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), 0xBF7D, 0xFF9F},
	}
	for _, tt := range tests {
		tm, d := dosTime(tt.in)
		if tm != tt.time || d != tt.date {
			t.Errorf("dosTime(%v) = %#x, %#x; want %#x, %#x", tt.in, tm, d, tt.time, tt.date)
		}
	}
}
