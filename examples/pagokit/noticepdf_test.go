package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/notice"
)

// noticeNumber returns the valid notice number of aux digit 3, segregation
// code 02 and IUV base i.
func noticeNumber(t *testing.T, i int) string {
	t.Helper()
	n, err := notice.Build(notice.Parts{AuxDigit: 3, SegregationCode: "02", Base: fmt.Sprintf("%013d", i)})
	if err != nil {
		t.Fatal(err)
	}
	return n.String()
}

// request returns a valid print request (NoticeGenerationRequestItem) for
// the notice number code; edit changes it before it is encoded.
func request(t *testing.T, code string, edit func(n map[string]any)) []byte {
	t.Helper()
	n := map[string]any{
		"subject":       "Tassa sui rifiuti (TARI) 2025",
		"paymentAmount": 13650,
		"dueDate":       "2025-12-31",
		"code":          code,
	}
	if edit != nil {
		edit(n)
	}
	req := map[string]any{
		"templateId": "TemplateSingleInstalment",
		"data": map[string]any{
			"creditorInstitution": map[string]any{
				"taxCode":  "80016350821",
				"fullName": "Comune di Esempio",
				"sector":   "Ufficio Tributi",
				"info":     "www.comune.esempio.it · tributi@comune.esempio.it",
				"cbill":    "AB12C",
			},
			"debtor": map[string]any{
				"taxCode":        "RSSMRA80A01H501U",
				"fullName":       "Mario Rossi",
				"address":        "Via Roma",
				"buildingNumber": "1",
				"postalCode":     "90100",
				"city":           "Palermo",
				"province":       "PA",
			},
			"notice": n,
		},
	}
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeTemp(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkPDF checks that data looks like a whole PDF file.
func checkPDF(t *testing.T, what string, data []byte) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(data, "\r\n"), []byte("%%EOF")) {
		n := min(len(data), 16)
		t.Errorf("%s is not a PDF: %q … %q (%d bytes)", what, data[:n], data[len(data)-n:], len(data))
	}
}

// dirNames lists the names in dir, to catch temporary files left behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// withStdin makes --in - read data during the test.
func withStdin(t *testing.T, data []byte) {
	old := stdin
	stdin = bytes.NewReader(data)
	t.Cleanup(func() { stdin = old })
}

func TestNoticePDF(t *testing.T) {
	dir := t.TempDir()
	in := writeTemp(t, dir, "notice.json", request(t, noticeNumber(t, 1), nil))
	out := filepath.Join(dir, "avviso.pdf")
	code, stdout, stderr := pagokit("notice", "pdf", "--in", in, "--out", out)
	if code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	checkPDF(t, out, data)
	if got := dirNames(t, dir); !slices.Equal(got, []string{"avviso.pdf", "notice.json"}) {
		t.Errorf("files in the directory: %q", got)
	}
}

func TestNoticePDFStdinLang(t *testing.T) {
	for _, lang := range []string{"it", "de", "en", "it+de", "it+en"} {
		withStdin(t, request(t, noticeNumber(t, 2), nil))
		out := filepath.Join(t.TempDir(), "avviso.pdf")
		// Flags after the output, as other commands allow.
		code, _, stderr := pagokit("notice", "pdf", "--out", out, "--in", "-", "--lang", lang)
		if code != 0 {
			t.Fatalf("--lang %s: exit %d: %s", lang, code, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		checkPDF(t, "--lang "+lang, data)
	}
}

func TestNoticePDFLogoRelativeToInput(t *testing.T) {
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 32, 32))
	for i := range 32 {
		img.Set(i, i, color.RGBA{0, 0x66, 0xcc, 0xff})
	}
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	writeTemp(t, dir, "stemma.png", logo.Bytes())
	withLogo := func(file string) []byte {
		var req map[string]any
		if err := json.Unmarshal(request(t, noticeNumber(t, 3), nil), &req); err != nil {
			t.Fatal(err)
		}
		req["data"].(map[string]any)["creditorInstitution"].(map[string]any)["logo"] = file
		b, _ := json.Marshal(req)
		return b
	}

	// The test runs in the package directory: "stemma.png" is found only
	// next to the input.
	in := writeTemp(t, dir, "notice.json", withLogo("stemma.png"))
	out := filepath.Join(dir, "avviso.pdf")
	if code, _, stderr := pagokit("notice", "pdf", "--in", in, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}

	in = writeTemp(t, dir, "missing.json", withLogo("nessuno.png"))
	out = filepath.Join(dir, "missing.pdf")
	code, _, stderr := pagokit("notice", "pdf", "--in", in, "--out", out)
	if code != 1 || !strings.Contains(stderr, "data.creditorInstitution.logo: ") {
		t.Errorf("missing logo: exit %d, stderr %q", code, stderr)
	}
}

func TestNoticePDFInvalid(t *testing.T) {
	dir := t.TempDir()
	bad := noticeNumber(t, 4)
	bad = bad[:16] + fmt.Sprintf("%02d", (int(bad[16]-'0')*10+int(bad[17]-'0')+1)%93) // wrong check digits
	in := writeTemp(t, dir, "notice.json", request(t, bad, func(n map[string]any) {
		n["paymentAmount"] = 0
		n["subject"] = strings.Repeat("Tassa sui rifiuti ", 10)
	}))
	out := filepath.Join(dir, "avviso.pdf")
	code, stdout, stderr := pagokit("notice", "pdf", "--in", in, "--out", out)
	if code != 1 || stdout != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
	}
	// Every problem on a line of its own, "path: error".
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	for _, path := range []string{"data.notice.code", "data.notice.paymentAmount", "data.notice.subject"} {
		found := false
		for _, l := range lines {
			found = found || strings.HasPrefix(l, path+": ")
		}
		if !found {
			t.Errorf("stderr does not list %s:\n%s", path, stderr)
		}
	}
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "pagokit: notice pdf: "+in+": invalid request") {
		t.Errorf("last line %q", last)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output left behind: %v", err)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"notice.json"}) {
		t.Errorf("files in the directory: %q", got)
	}
}

func TestNoticePDFMalformedJSON(t *testing.T) {
	dir := t.TempDir()
	in := writeTemp(t, dir, "notice.json", []byte(`{"templateId": "TemplateSingleInstalment", "data": {"notice": {"paymentAmount": "10"}}}`))
	out := filepath.Join(dir, "avviso.pdf")
	code, _, stderr := pagokit("notice", "pdf", "--in", in, "--out", out)
	if code != 1 || !strings.Contains(stderr, "paymentAmount") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output left behind: %v", err)
	}
}

func TestNoticePDFBulk(t *testing.T) {
	dir := t.TempDir()
	var jsonl bytes.Buffer
	var want []string
	for i := 1; i <= 5; i++ {
		code := noticeNumber(t, 100+i)
		var edit func(map[string]any)
		if i == 3 {
			edit = func(n map[string]any) { n["paymentAmount"] = 0 }
			jsonl.WriteString("\n") // a blank line before: record 3 is on line 4
		} else {
			want = append(want, code+".pdf")
		}
		jsonl.Write(request(t, code, edit))
		jsonl.WriteString("\n")
	}
	in := writeTemp(t, dir, "notices.jsonl", jsonl.Bytes())
	out := filepath.Join(dir, "notices.zip")
	code, stdout, stderr := pagokit("notice", "pdf", "--in", in, "--out", out, "--workers", "3")
	if code != 1 || stdout != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
	}
	// Standard error is not a terminal: a progress line at the end, then
	// the summary.
	if !strings.Contains(stderr, "progress: 5 records, 4 rendered, 1 failed, ") {
		t.Errorf("no final progress line in %q", stderr)
	}
	if !strings.HasSuffix(stderr, "pagokit: notice pdf: rendered 4 notices, 1 record in error (see errors.csv in notices.zip)\n") {
		t.Errorf("summary missing from %q", stderr)
	}

	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var pdfs []string
	var rows [][]string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "errors.csv" {
			if rows, err = csv.NewReader(bytes.NewReader(data)).ReadAll(); err != nil {
				t.Fatal(err)
			}
			continue
		}
		pdfs = append(pdfs, f.Name)
		checkPDF(t, f.Name, data)
	}
	if !slices.Equal(pdfs, want) {
		t.Errorf("PDFs in the ZIP: %q, want %q", pdfs, want)
	}
	if len(rows) != 2 || !slices.Equal(rows[0], []string{"line", "notice_number", "path", "error"}) {
		t.Fatalf("errors.csv: %q", rows)
	}
	if r := rows[1]; r[0] != "4" || r[1] != noticeNumber(t, 103) || r[2] != "data.notice.paymentAmount" || r[3] == "" {
		t.Errorf("errors.csv row %q, want line 4, %s, data.notice.paymentAmount", r, noticeNumber(t, 103))
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"notices.jsonl", "notices.zip"}) {
		t.Errorf("files in the directory: %q", got)
	}
}

func TestNoticePDFBulkStdin(t *testing.T) {
	// A .zip output selects a batch, whatever the input.
	withStdin(t, slices.Concat(request(t, noticeNumber(t, 201), nil), []byte("\r\n"), request(t, noticeNumber(t, 202), nil)))
	out := filepath.Join(t.TempDir(), "out.ZIP")
	code, _, stderr := pagokit("notice", "pdf", "--in", "-", "--out", out, "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasSuffix(stderr, "\nrendered 2 notices, 0 records in error\n") {
		t.Errorf("stderr %q", stderr)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	slices.Sort(names)
	if want := []string{noticeNumber(t, 201) + ".pdf", noticeNumber(t, 202) + ".pdf", "errors.csv"}; !slices.Equal(names, want) {
		t.Errorf("ZIP holds %q, want %q", names, want)
	}
}

func TestNoticePDFBulkUnreadableInput(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := pagokit("notice", "pdf", "--in", filepath.Join(dir, "none.jsonl"), "--out", filepath.Join(dir, "out.zip"))
	if code != 1 || !strings.Contains(stderr, "none.jsonl") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if got := dirNames(t, dir); len(got) != 0 {
		t.Errorf("files left behind: %q", got)
	}
}

func TestNoticePDFUsage(t *testing.T) {
	dir := t.TempDir()
	in := writeTemp(t, dir, "notice.json", request(t, noticeNumber(t, 5), nil))
	out := filepath.Join(dir, "avviso.pdf")
	garbage := writeTemp(t, dir, "garbage.ttf", []byte("not a font at all, not at all"))
	for _, tt := range []struct {
		args      []string
		code      int
		stderrHas string
	}{
		{[]string{"--in", in}, 2, "--out is required"},
		{[]string{"--out", out}, 2, "--in is required"},
		{[]string{"--in", in, "--out", out, "--lang", "fr"}, 2, "--lang must be it, de, en, it+de, it+en"},
		{[]string{"--in", in, "--out", out, "--workers", "-1"}, 2, "--workers"},
		{[]string{"--in", "x.jsonl", "--out", out}, 2, "--out must end in .zip"},
		{[]string{"--in", in, "--out", out, "--font-bold", garbage}, 2, "need --font-regular"},
		{[]string{"--in", in, "--out", out, "--font-regular", filepath.Join(dir, "none.ttf")}, 1, "--font-regular: open "},
		{[]string{"--in", in, "--out", out, "--font-regular", garbage}, 1, "font"},
		{[]string{"--in", in, "--out", out, "stray"}, 2, "Exit status"},
		{[]string{"--help"}, 2, "A batch is rendered when --in ends in .jsonl or .ndjson"},
	} {
		code, stdout, stderr := pagokit(append([]string{"notice", "pdf"}, tt.args...)...)
		if code != tt.code || stdout != "" || !strings.Contains(stderr, tt.stderrHas) {
			t.Errorf("notice pdf %q\n got %d %q %q\nwant %d stderr containing %q", tt.args, code, stdout, stderr, tt.code, tt.stderrHas)
		}
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"garbage.ttf", "notice.json"}) {
		t.Errorf("files in the directory: %q", got)
	}
}

func TestHasExt(t *testing.T) {
	for _, tt := range []struct {
		name string
		want bool
	}{
		{"a.jsonl", true},
		{"dir.json/a.NDJSON", true},
		{"a.json", false},
		{"jsonl", false},
		{"-", false},
	} {
		if got := hasExt(tt.name, batchExts...); got != tt.want {
			t.Errorf("hasExt(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
