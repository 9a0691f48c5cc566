package noticepdf

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func jsonLine(t testing.TB, req *Request) string {
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type zipContent struct {
	names    []string
	modified []time.Time
	pdfs     map[string][]byte
	errors   [][]string
}

func readZip(t *testing.T, data []byte) zipContent {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	c := zipContent{pdfs: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		c.names = append(c.names, f.Name)
		c.modified = append(c.modified, f.Modified)
		if f.Name == ErrorsFile {
			if !bytes.Contains(b, []byte("\r\n")) {
				t.Errorf("errors.csv lines do not end in CRLF (RFC 4180)")
			}
			rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			c.errors = rows
			continue
		}
		c.pdfs[f.Name] = b
	}
	return c
}

func TestBulk(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	bad := validRequest(t)
	bad.Data.Notice.Code = "302000000000000386"
	bad.Data.Notice.PaymentAmount = 0
	second := withInstalments(validRequest(t), 13650, 2, 20)
	second.Data.Notice.Code = ""
	var in strings.Builder
	in.WriteString(jsonLine(t, validRequest(t)) + "\n") // line 1
	in.WriteString("\n")                                // line 2: blank, skipped
	in.WriteString(jsonLine(t, bad) + "\r\n")           // line 3: two problems
	in.WriteString("{not json\n")                       // line 4
	in.WriteString(jsonLine(t, second) + "\n")          // line 5
	in.WriteString(jsonLine(t, validRequest(t)))        // line 6: duplicate of line 1, no final newline

	var out bytes.Buffer
	var progress []Progress
	tmp := t.TempDir()
	when := time.Date(2025, 11, 2, 10, 30, 0, 0, time.UTC)
	rep, err := r.Bulk(context.Background(), strings.NewReader(in.String()), &out, BulkOptions{
		Workers:  3,
		Progress: func(p Progress) { progress = append(progress, p) },
		Modified: when,
		TempDir:  tmp,
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(BulkReport{Records: 5, Rendered: 2, Failed: 3}, rep); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	z := readZip(t, out.Bytes())
	if diff := cmp.Diff([]string{"302000000000000184.pdf", second.Data.Notice.Installments[0].Code + ".pdf", ErrorsFile}, z.names); diff != "" {
		t.Errorf("ZIP entries in input order (-want +got):\n%s", diff)
	}
	for name, pdf := range z.pdfs {
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Errorf("%s is not a PDF", name)
		}
	}
	for i, m := range z.modified {
		if !m.Equal(when) {
			t.Errorf("%s modified %v, want %v", z.names[i], m, when)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("Bulk left %d temporary files", len(left))
	}
	var lines [][2]string
	for _, row := range z.errors[1:] {
		lines = append(lines, [2]string{row[0], row[2]})
	}
	want := [][2]string{
		{"3", "data.notice.paymentAmount"},
		{"4", ""},
		{"6", "data.notice.code"},
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("errors.csv line,path (-want +got):\n%s\n%v", diff, z.errors)
	}
	if diff := cmp.Diff([]string{"line", "notice_number", "path", "error"}, z.errors[0]); diff != "" {
		t.Errorf("errors.csv header: %s", diff)
	}
	if len(progress) != 5 || progress[4].Records != 5 || progress[4].Failed != 3 {
		t.Errorf("progress = %+v", progress)
	}
}

func TestBulkLongLine(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	in := strings.Repeat("x", MaxRequestSize+10) + "\n" + jsonLine(t, validRequest(t)) + "\n"
	var out bytes.Buffer
	rep, err := r.Bulk(context.Background(), strings.NewReader(in), &out, BulkOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed != 1 || rep.Rendered != 1 {
		t.Fatalf("report %+v", rep)
	}
	z := readZip(t, out.Bytes())
	if z.errors[1][0] != "1" || !strings.Contains(z.errors[1][3], "too long") {
		t.Errorf("errors.csv = %q", z.errors)
	}
}

func TestBulkCancel(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	line := jsonLine(t, validRequest(t)) + "\n"
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	tmp := t.TempDir()
	_, err = r.Bulk(ctx, strings.NewReader(strings.Repeat(line, 200)), io.Discard, BulkOptions{
		Workers: 2,
		TempDir: tmp,
		Progress: func(Progress) {
			if n++; n == 3 {
				cancel()
			}
		},
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Bulk after cancel = %v, want context.Canceled", err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("a cancelled Bulk left %d temporary files", len(left))
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestBulkWriteError(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var in strings.Builder
	for i := range 20 {
		req := validRequest(t)
		req.Data.Notice.Code = mustBuild(3, "02", strings.Repeat("0", 10)+string(rune('1'+i/10))+string(rune('0'+i%10))+"0").String()
		in.WriteString(jsonLine(t, req) + "\n")
	}
	_, err = r.Bulk(context.Background(), strings.NewReader(in.String()), &failWriter{n: 100_000}, BulkOptions{Workers: 2})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Bulk = %v, want the writer's error", err)
	}
}
