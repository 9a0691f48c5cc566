package receiptpdf

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
	"github.com/pagokit/pagokit/receipt"
)

// These tests check rendered receipts with poppler's pdftotext, pdfinfo,
// pdffonts and pdfimages, and with qpdf. They skip when a tool is
// missing, unless CI is set.

// sample is a receipt rendered by the tool tests.
type sample struct {
	name string
	opts []Option
	rc   func() *receipt.Receipt
	// text must appear in `pdftotext -layout`, white space collapsed;
	// raw in `pdftotext -raw` (content stream order), for texts wrapped
	// in a table cell beside other cells.
	text, raw []string
	pages     int // 0: more than one
}

var samples = []sample{
	{
		name: "full-it", rc: fullReceipt, pages: 1,
		text: []string{
			"Attestazione di pagamento",
			"Esito", "Eseguito",
			// Mandatory on the analog copy: date and time, application
			// date, ente fiscal code and name, IUV, PSP name and fiscal
			// code, receipt id (payment token), amount, causale.
			"Data e ora del pagamento", "25/09/2024 11:24:01",
			"Data di applicazione", "25/09/2024",
			"Codice fiscale 80016350821",
			"Comune di Città Esempio",
			"Codice IUV", "48172725623804858",
			"Banca Esempio S.p.A.",
			"Codice fiscale 01234567890",
			"Identificativo ricevuta", "c110729d258c4ab1b765fe902aae41d6",
			"Importo pagato", "116,50 €",
			"Causale", "Diritti di segreteria per il rilascio della carta d'identità elettronica, pratica n. 2024/1234",
			// The rest.
			"Ufficio Ufficio Anagrafe e Stato Civile",
			"Codice avviso", "3481 7272 5623 8048 58",
			"Data di riversamento all'ente", "27/09/2024",
			"Commissione del PSP", "1,50 €",
			"Nota di pagamento", "Carrello 7f2c01",
			"Pagamento registrato dal Nodo dei Pagamenti in modalità stand-in.",
			"Partita IVA IT01234567890",
			"Identificativo PSP BEXAITMM",
			"Canale app (01234567890_01)",
			"Metodo di pagamento CP",
			"DEBITORE", "Mario Rossi", "RSSMRA80A01H501U", "Via Roma 1, 00100 Roma (RM), IT", "mario.rossi@example.it",
			"VERSANTE", "Hans Müller-Weiß", "MLLHNS75C12Z112X", "Hauptstraße 12, 10115 Berlin, DE",
			"DETTAGLIO DEI VERSAMENTI",
			"IT60 X054 2811 1010 0000 0123 456", "100,50 €",
			"Marca da bollo digitale", "Imposta di bollo", "16,00 €",
			"(paSendRTV2)", "Pagina 1 di 1",
		},
		raw: []string{"/RFB/48172725623804858/100.50/TXT/ Diritti di segreteria"},
	},
	{
		name: "full-en", opts: []Option{WithLang(English)}, rc: fullReceipt, pages: 1,
		text: []string{
			"Payment receipt", "Outcome", "Successful",
			"Payment date and time", "2024-09-25 11:24:01",
			"Application date", "2024-09-25",
			"Transfer date to the payee", "2024-09-27",
			"Tax code 80016350821", "Comune di Città Esempio",
			"Creditor reference (IUV)", "48172725623804858",
			"Banca Esempio S.p.A.", "Tax code 01234567890",
			"Receipt ID", "c110729d258c4ab1b765fe902aae41d6",
			"Amount paid", "€116.50", "PSP fee", "€1.50",
			"Payment description", "Diritti di segreteria per il rilascio della carta d'identità elettronica, pratica n. 2024/1234",
			"Notice code", "3481 7272 5623 8048 58",
			"Payment taken by the pagoPA node in stand-in mode.",
			"DEBTOR", "PAYER", "Hans Müller-Weiß",
			"TRANSFERS", "Beneficiary", "Credited to", "Remittance information",
			"€100.50", "Digital revenue stamp", "€16.00",
			"Page 1 of 1",
		},
	},
	{
		name: "rt", rc: legacyReceipt, pages: 1,
		text: []string{
			"Attestazione di pagamento", "Provincia di Esempio", "Eseguito",
			"15/01/2023 11:00:00", "16/01/2023",
			"Codice fiscale 00123456789",
			"RF23567483937849450550", "RT-2023-000123",
			"Codice contesto pagamento (CCP)", "CCP0123456789",
			"Poste Esempio S.p.A.", "Codice fiscale 97103880585",
			"50,00 €", "Sanzione amministrativa, verbale 123/2023",
			"Trasporti Esempio S.r.l.", "09876543210", "Corso Italia 25/B, 20122 Milano (MI)",
			"IT02 A030 1503 2000 0000 3517 230", "IUR IUR20230115000123",
			"/RFS/RF23567483937849450550/50.00",
			"(RT)",
		},
	},
	{
		name: "five-transfers", rc: manyReceipt, pages: 1,
		text: []string{
			"206,00 €", longCausale,
			"IT60 X054 2811 1010 0000 0123 456", "100,00 €",
			"IT40 S054 2811 1010 0000 0654 321", "20,00 €",
			"IT12 A012 3412 3450 0000 0001 234", "30,00 €",
			"IT98 B020 0802 4350 0010 4428 964", "40,00 €",
			"Marca da bollo digitale", "16,00 €",
			"80016350821", "80012345678", "80099998887", "97000000004",
		},
		raw: []string{
			strings.TrimSpace(strings.Repeat("Quota TARI comunale ", 7)),
			"Città Metropolitana di Esempio, Settore Tributi e Ambiente",
			"Tributo provinciale per l'esercizio delle funzioni di tutela, protezione e igiene dell'ambiente (TEFA)",
		},
	},
	{
		name: "stamp-it", rc: stampReceipt, pages: 1,
		text: []string{
			"16,00 €", "03/02/2025 17:05:09", "Marca da bollo digitale", "Marca da bollo istanza 2025/77",
			"3010 0000 0000 1234 56", "01000000000123456", "Giuseppe Verdi",
		},
	},
	{
		name: "stamp-en", opts: []Option{WithLang(English)}, rc: stampReceipt, pages: 1,
		text: []string{"€16.00", "2025-02-03 17:05:09", "Digital revenue stamp"},
	},
	{
		name: "minimal", rc: minimalReceipt, pages: 1,
		text: []string{"Attestazione di pagamento", "16,00 €", "tok-1", "80016350821", "01000000000000017", "Pagina 1 di 1"},
	},
	{
		name: "stress", rc: stressReceipt,
		text: []string{"999.999.999,99 €"},
	},
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// renderSample writes the sample's PDF to a temporary file.
func renderSample(t *testing.T, s sample) string {
	t.Helper()
	r, err := New(s.opts...)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, s.rc()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), s.name+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestPDFText(t *testing.T) {
	pdftotext := testenv.Tool(t, "pdftotext", "poppler-utils")
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			path := renderSample(t, s)
			layout := collapse(run(t, pdftotext, "-layout", "-enc", "UTF-8", path, "-"))
			for _, want := range s.text {
				if !strings.Contains(layout, want) {
					t.Errorf("pdftotext -layout lacks %q", want)
				}
			}
			raw := collapse(run(t, pdftotext, "-raw", "-enc", "UTF-8", path, "-"))
			for _, want := range s.raw {
				if !strings.Contains(raw, want) {
					t.Errorf("pdftotext -raw lacks %q", want)
				}
			}
			if t.Failed() {
				t.Logf("pdftotext -layout:\n%s", layout)
			}
		})
	}
}

// TestStressText checks that texts of MaxText characters are printed
// whole, across pages.
func TestStressText(t *testing.T) {
	pdftotext := testenv.Tool(t, "pdftotext", "poppler-utils")
	s := samples[len(samples)-1]
	path := renderSample(t, s)
	raw := strings.Join(strings.Fields(run(t, pdftotext, "-raw", "-enc", "UTF-8", path, "-")), "")
	rc := s.rc()
	for _, want := range []string{rc.Description, rc.CompanyName, rc.Debtor.FullName, rc.Debtor.StreetName, rc.Transfers[0].RemittanceInformation, rc.ReceiptID} {
		want = strings.ReplaceAll(want, " ", "")
		if !strings.Contains(raw, want) {
			t.Errorf("pdftotext -raw lacks the whole %.20q… (%d characters)", want, len([]rune(want)))
		}
	}
}

func TestPages(t *testing.T) {
	pdfinfo := testenv.Tool(t, "pdfinfo", "poppler-utils")
	pdftotext := testenv.Tool(t, "pdftotext", "poppler-utils")
	re := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`)
	size := regexp.MustCompile(`(?m)^Page size:\s+595\.276 x 841\.89 pts \(A4\)`)
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			path := renderSample(t, s)
			info := run(t, pdfinfo, path)
			m := re.FindStringSubmatch(info)
			if m == nil || !size.MatchString(info) {
				t.Fatalf("pdfinfo: no page count or not A4 portrait:\n%s", info)
			}
			n, _ := strconv.Atoi(m[1])
			switch {
			case s.pages > 0 && n != s.pages:
				t.Errorf("%d pages, want %d", n, s.pages)
			case s.pages == 0 && n < 2:
				t.Errorf("%d pages, want more than one", n)
			}
			text := collapse(run(t, pdftotext, "-layout", "-enc", "UTF-8", path, "-"))
			last := "di " + m[1]
			if s.opts != nil {
				last = "of " + m[1]
			}
			if got := strings.Count(text, last); got != n {
				t.Errorf("%q printed %d times on %d pages", last, got, n)
			}
		})
	}
}

// word is a word of `pdftotext -bbox`, in points from the top-left corner.
type word struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type bboxDoc struct {
	Pages []struct {
		Width  float64 `xml:"width,attr"`
		Height float64 `xml:"height,attr"`
		Words  []word  `xml:"word"`
	} `xml:"body>doc>page"`
}

// TestNoOverflow checks, with the words' boxes given by pdftotext, that
// every text stays within the side margins and above the bottom margin,
// and that no two words overlap.
func TestNoOverflow(t *testing.T) {
	pdftotext := testenv.Tool(t, "pdftotext", "poppler-utils")
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			path := renderSample(t, s)
			out := run(t, pdftotext, "-bbox", "-enc", "UTF-8", path, "-")
			out = strings.Replace(out, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">`, "", 1)
			var doc bboxDoc
			if err := xml.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Pages) == 0 {
				t.Fatal("no pages")
			}
			const tol = 0.5 // points
			left, right := mm(marginX)-tol, mm(pageW-marginX)+tol
			for p, page := range doc.Pages {
				words := page.Words
				for i, w := range words {
					if w.XMin < left || w.XMax > right || w.YMin < mm(10) || w.YMax > mm(pageH-5) {
						t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f pt is outside the margins", p+1, w.Text, w.XMin, w.XMax, w.YMin, w.YMax)
					}
					for _, v := range words[i+1:] {
						if overlap(w, v) {
							t.Errorf("page %d: %q and %q overlap", p+1, w.Text, v.Text)
						}
					}
				}
			}
		})
	}
}

// overlap reports whether the boxes of two words intersect. The boxes
// span the fonts' whole ascent and descent, so their top and bottom
// fifths, where accents and descenders rarely meet, are left out.
func overlap(a, b word) bool {
	shrink := func(w word) (float64, float64) {
		d := (w.YMax - w.YMin) / 5
		return w.YMin + d, w.YMax - d
	}
	ay0, ay1 := shrink(a)
	by0, by1 := shrink(b)
	return a.XMin < b.XMax-0.1 && b.XMin < a.XMax-0.1 && ay0 < by1 && by0 < ay1
}

func TestQPDFCheck(t *testing.T) {
	qpdf := testenv.Tool(t, "qpdf", "qpdf")
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			out := run(t, qpdf, "--check", renderSample(t, s))
			if !strings.Contains(out, "No syntax or stream encoding errors found") {
				t.Errorf("qpdf --check:\n%s", out)
			}
		})
	}
}

// TestFontsEmbedded checks that the three Go fonts are embedded as
// subsets with a ToUnicode map, and only they.
func TestFontsEmbedded(t *testing.T) {
	pdffonts := testenv.Tool(t, "pdffonts", "poppler-utils")
	out := run(t, pdffonts, renderSample(t, samples[0]))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 2 {
		t.Fatalf("pdffonts:\n%s", out)
	}
	var names []string
	for _, line := range lines[2:] {
		f := strings.Fields(line)
		// name type… encoding emb sub uni object generation
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font not embedded as a subset with ToUnicode: %q", line)
			continue
		}
		name := f[0]
		if i := strings.IndexByte(name, '+'); i == 6 {
			name = name[i+1:]
		}
		names = append(names, name)
	}
	if got, want := strings.Join(names, " "), "Go-Bold GoRegular GoMono"; got != want {
		t.Errorf("fonts %q, want %q", got, want)
	}
}

// testLogo is a 240 × 120 PNG: a blue band over white.
func testLogo(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 240, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 240; x++ {
			c := color.RGBA{255, 255, 255, 255}
			if y < 60 {
				c = color.RGBA{0, 0x66, 0xCC, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLogo(t *testing.T) {
	pdfimages := testenv.Tool(t, "pdfimages", "poppler-utils")
	s := sample{name: "logo", opts: []Option{WithLogo(testLogo(t))}, rc: fullReceipt}
	out := run(t, pdfimages, "-list", renderSample(t, s))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("pdfimages -list: want one image:\n%s", out)
	}
	f := strings.Fields(lines[2])
	// page num type width height color
	if f[0] != "1" || f[2] != "image" || f[3] != "240" || f[4] != "120" || f[5] != "rgb" {
		t.Errorf("image %q, want a 240 × 120 RGB image on page 1", lines[2])
	}
	sNoLogo := s
	sNoLogo.opts = nil
	if out := run(t, pdfimages, "-list", renderSample(t, sNoLogo)); strings.Count(out, "\n") != 2 {
		t.Errorf("images without WithLogo:\n%s", out)
	}
}
