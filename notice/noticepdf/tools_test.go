package noticepdf

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pagokit/pagokit/internal/testenv"
	"github.com/pagokit/pagokit/notice"
)

// These tests check rendered notices with external tools: poppler's
// pdftotext and pdftoppm, zbarimg, dmtxread and qpdf. They skip when a
// tool is missing, unless CI is set.

// renderFile renders req into a temporary PDF file and returns its path,
// the notice and where its symbols are.
func renderFile(t *testing.T, req *Request) (string, *Notice, []placed) {
	t.Helper()
	n := mustNotice(t, req)
	path, rec := renderNotice(t, n)
	return path, n, rec
}

func renderNotice(t *testing.T, n *Notice) (string, []placed) {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Validate(n); err != nil {
		t.Fatal(err)
	}
	var rec []placed
	doc, err := r.drawRecord(n, &rec)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := doc.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "notice.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, rec
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestQPDFCheck(t *testing.T) {
	qpdf := testenv.Tool(t, "qpdf", "qpdf")
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			path, _, _ := renderFile(t, v.req(t))
			out := runTool(t, qpdf, "--check", path)
			if !strings.Contains(out, "No syntax or stream encoding errors found") {
				t.Errorf("qpdf --check:\n%s", out)
			}
		})
	}
}

// text returns the text of a PDF with all runs of white space collapsed.
func text(t *testing.T, path string) string {
	pdftotext := testenv.Tool(t, "pdftotext", "poppler-utils")
	out := runTool(t, pdftotext, "-raw", "-enc", "UTF-8", path, "-")
	return strings.Join(strings.Fields(out), " ")
}

func TestPDFText(t *testing.T) {
	path, _, _ := renderFile(t, validRequest(t))
	got := text(t, path)
	for _, want := range []string{
		"3020 0000 0000 0001 84", // grouped notice number
		"80016350821",            // CF ente
		"136,50",                 // amount
		"31/12/2025",             // due date
		"Mario Rossi",            // debtor
		"RSSMRA80A01H501U",
		"Comune di Esempio",
		"Ufficio Tributi",
		"Via Roma 1, 90100 Palermo (PA)",
		"Tassa sui rifiuti (TARI) 2025",
		"www.comune.esempio.it · tributi@comune.esempio.it",
		"AB12C",
		// Fixed texts of the specification.
		"AVVISO DI PAGAMENTO",
		"QUANTO E QUANDO PAGARE?",
		"DOVE PAGARE?", "vai su pagopa.gov.it",
		"PAGA CON L'APP IO",
		"oppure sul sito di Comune di Esempio, dal tuo Home Banking, con la tua app di pagamento o con gli altri canali abilitati.",
		"PAGA SUL TERRITORIO",
		"Sportello Tributi di Piazza Municipio, presso Banche e Sportelli ATM, negli Uffici Postali e Punti Postali, nei Bar, Edicole, Ricevitorie, Supermercati, Tabaccherie e altri Operatori Abilitati.",
		"In fase di pagamento, se previsto dall’ente, l'importo potrebbe essere aggiornato automaticamente",
		"DATI PER IL PAGAMENTO",
		"RATA UNICA ENTRO IL 31/12/2025",
		"Inquadra il codice QR con la tua app di pagamento o usa i dati accanto.",
		"Cod. CBILL", "Cod. Avviso", "Cod. Fiscale Ente", "Oggetto del pagamento",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("pdftotext output:\n%s", got)
	}
}

func TestPDFTextLanguages(t *testing.T) {
	tests := []struct {
		lang Lang
		want []string
		not  []string
	}{
		{German, []string{"ZAHLUNGSMITTEILUNG", "WIEVIEL UND WANN BEZAHLEN?", "136,50", "Fälligkeitsdatum 31/12/2025", "EINZIGE RATE FÄLLIG AM 31/12/2025", "St.Nr. der Körperschaft"}, []string{"Quanto e quando"}},
		{English, []string{"PAYMENT NOTICE", "HOW MUCH AND WHEN TO PAY?", "136.50", "Due Date 31/12/2025", "PAY WITH IO APP", "Payee Tax Code"}, []string{"136,50"}},
		{ItalianGerman, []string{"AVVISO DI PAGAMENTO / ZAHLUNGSMITTEILUNG", "136,50", "entro il / Fälligkeitsdatum 31/12/2025", "PAGA CON L'APP IO / ONLINE", "Der angeführte Betrag könnte sich"}, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			req := validRequest(t)
			req.Lang = tt.lang
			path, _, _ := renderFile(t, req)
			got := text(t, path)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(got, w) {
					t.Errorf("contains %q", w)
				}
			}
			if t.Failed() {
				t.Logf("pdftotext output:\n%s", got)
			}
		})
	}
}

// rasterize renders page (0-based) of path at dpi into a PNG file.
func rasterize(t *testing.T, path string, page, dpi int) string {
	pdftoppm := testenv.Tool(t, "pdftoppm", "poppler-utils")
	prefix := filepath.Join(t.TempDir(), "page")
	p := fmt.Sprint(page + 1)
	runTool(t, pdftoppm, "-r", fmt.Sprint(dpi), "-f", p, "-l", p, "-png", "-singlefile", path, prefix)
	return prefix + ".png"
}

func pageCount(t *testing.T, path string) int {
	pdfinfo := testenv.Tool(t, "pdfinfo", "poppler-utils")
	out := runTool(t, pdfinfo, path)
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(line, "Pages:"); ok {
			var n int
			fmt.Sscan(strings.TrimSpace(rest), &n)
			return n
		}
	}
	t.Fatalf("pdfinfo: no page count:\n%s", out)
	return 0
}

// TestQRCodesDecode scans every page of every variant, rasterised at
// 300 dpi, and expects exactly the QR codes of the payable items.
func TestQRCodesDecode(t *testing.T) {
	zbarimg := testenv.Tool(t, "zbarimg", "zbar-tools")
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			path, n, _ := renderFile(t, v.req(t))
			got := scanQR(t, zbarimg, path, 300)
			want := payable(t, n)
			slices.Sort(got)
			slices.Sort(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("QR payloads found by zbarimg (-want +got):\n%s", diff)
			}
		})
	}
}

// scanQR returns the payloads of the QR codes zbarimg finds on the pages
// of path at dpi.
func scanQR(t *testing.T, zbarimg, path string, dpi int) []string {
	var got []string
	for p := range pageCount(t, path) {
		png := rasterize(t, path, p, dpi)
		// zbarimg exits with status 4 when a page has no symbol.
		out, err := exec.Command(zbarimg, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", png).Output()
		var ee *exec.ExitError
		if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 4) {
			t.Fatalf("zbarimg: %v", err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if line != "" {
				got = append(got, line)
			}
		}
	}
	return got
}

// TestRataUnicaPlusThreeQR: at 300 dpi, a rata unica with 3 instalments
// carries exactly 4 QR codes, each with the payload of its item.
func TestRataUnicaPlusThreeQR(t *testing.T) {
	zbarimg := testenv.Tool(t, "zbarimg", "zbar-tools")
	path, n, _ := renderFile(t, instalmentsRequest(t))
	got := scanQR(t, zbarimg, path, 300)
	want := []string{
		"PAGOPA|002|302000000000000184|80016350821|13650",
		"PAGOPA|002|302000000000000285|80016350821|4550",
		"PAGOPA|002|302000000000000386|80016350821|4550",
		"PAGOPA|002|302000000000000487|80016350821|4550",
	}
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("QR payloads (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, payable(t, n)); diff != "" {
		t.Errorf("notice.QR payloads differ from the hand-written ones:\n%s", diff)
	}
}

func TestDataMatrixDecodes(t *testing.T) {
	dmtxread := testenv.Tool(t, "dmtxread", "dmtx-utils")
	for _, name := range []string{"poste-single", "poste-single-3-instalments", "poste-2-instalments"} {
		t.Run(name, func(t *testing.T) {
			i := slices.IndexFunc(variants, func(v variant) bool { return v.name == name })
			path, n, rec := renderFile(t, variants[i].req(t))
			var dms []placed
			for _, p := range rec {
				if p.dataMatrix {
					dms = append(dms, p)
				}
			}
			if want := len(payable(t, n)); len(dms) != want {
				t.Fatalf("%d DataMatrix symbols drawn, want %d", len(dms), want)
			}
			const dpi = 300
			pages := map[int]image.Image{}
			var got []string
			for _, dm := range dms {
				img, ok := pages[dm.page]
				if !ok {
					img = decodePNG(t, rasterize(t, path, dm.page, dpi))
					pages[dm.page] = img
				}
				// Crop the symbol with a 2 mm quiet zone and decode it alone.
				px := func(v float64) int { return int(v / 25.4 * dpi) }
				crop := img.(interface {
					SubImage(image.Rectangle) image.Image
				}).SubImage(image.Rect(px(dm.x-2), px(dm.y-2), px(dm.x+dm.side+2), px(dm.y+dm.side+2)))
				file := filepath.Join(t.TempDir(), "dm.png")
				writePNG(t, file, crop)
				got = append(got, strings.TrimRight(runTool(t, dmtxread, "-N1", file), "\n"))
			}
			// The expected payloads, built here from the notice's data.
			var want []string
			add := func(num notice.Number, amount int64) {
				p, err := notice.DataMatrix{Number: num, PostalAccount: "1234567", AmountCents: amount,
					FiscalCode: "80016350821", DebtorFiscalCode: "RSSMRA80A01H501U", DebtorName: "Mario Rossi",
					Subject: "Tassa sui rifiuti (TARI) 2025"}.Payload()
				if err != nil {
					t.Fatal(err)
				}
				if len(p) != 256 {
					t.Fatalf("payload has %d characters, want 256", len(p))
				}
				want = append(want, p)
			}
			if n.HasSingle() {
				add(n.Number, n.Amount)
			}
			for _, in := range n.Instalments {
				add(in.Number, in.Amount)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("dmtxread (-want +got):\n%s", diff)
			}
		})
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func writePNG(t *testing.T, path string, img image.Image) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
