package receiptpdf

import (
	"bufio"
	"fmt"
	"io"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/pagokit/pagokit/internal/pdf"
	"github.com/pagokit/pagokit/receipt"
)

// MaxLogoSize is the largest logo WithLogo accepts, in bytes.
const MaxLogoSize = 2 << 20

// Renderer draws receipts as PDF. Fonts and the logo are parsed once; a
// Renderer is safe for concurrent use.
type Renderer struct {
	regular, bold, mono *pdf.Font
	logo                *pdf.Image
	s                   *strs
	producer            string
}

// Option configures a Renderer.
type Option func(*config) error

type config struct {
	lang          string
	regular, bold []byte
	logo          []byte
	producer      string
}

// WithLang sets the language of the fixed texts, of amounts and of
// dates: "it" (Italian, the default) or "en" (English). Any other value
// makes New fail with ErrLang.
func WithLang(lang string) Option {
	return func(c *config) error {
		if _, ok := langTable(lang); !ok {
			return fmt.Errorf("receiptpdf: WithLang(%q): %w", truncate(lang, 10), ErrLang)
		}
		c.lang = lang
		return nil
	}
}

// WithFonts replaces the default fonts (the Go fonts, from
// golang.org/x/image) with TrueType fonts; a nil bold uses regular for
// bold texts too. Codes (IUV, IBAN, identifiers), printed in Go Mono by
// default, are then printed in the regular font.
func WithFonts(regular, bold []byte) Option {
	return func(c *config) error {
		if regular == nil {
			return fmt.Errorf("receiptpdf: WithFonts: %w", errNoFont)
		}
		c.regular, c.bold = regular, bold
		return nil
	}
}

// WithLogo prints the ente's logo, a PNG or JPEG of at most MaxLogoSize
// bytes, in the top right corner, within 40 × 20 mm. New fails with
// ErrLogo if it cannot be decoded.
func WithLogo(data []byte) Option {
	return func(c *config) error {
		if len(data) > MaxLogoSize {
			return fmt.Errorf("receiptpdf: WithLogo: %w: larger than %d bytes", ErrLogo, MaxLogoSize)
		}
		c.logo = data
		return nil
	}
}

// WithProducer sets the PDF's Producer field (default "pagokit").
func WithProducer(s string) Option {
	return func(c *config) error {
		c.producer = s
		return nil
	}
}

var defaultFonts = sync.OnceValues(func() ([3]*pdf.Font, error) {
	var fs [3]*pdf.Font
	for i, data := range [][]byte{goregular.TTF, gobold.TTF, gomono.TTF} {
		f, err := pdf.ParseFont(data)
		if err != nil {
			return fs, err
		}
		fs[i] = f
	}
	return fs, nil
})

// New returns a Renderer.
func New(opts ...Option) (*Renderer, error) {
	c := config{lang: Italian, producer: "pagokit"}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	s, _ := langTable(c.lang)
	r := &Renderer{s: s, producer: c.producer}
	if c.logo != nil {
		img, err := pdf.ParseImage(c.logo)
		if err != nil {
			return nil, fmt.Errorf("receiptpdf: WithLogo: %w: %w", ErrLogo, err)
		}
		r.logo = img
	}
	if c.regular == nil {
		fs, err := defaultFonts()
		if err != nil {
			return nil, fmt.Errorf("receiptpdf: default fonts: %w", err)
		}
		r.regular, r.bold, r.mono = fs[0], fs[1], fs[2]
		return r, nil
	}
	var err error
	if r.regular, err = pdf.ParseFont(c.regular); err != nil {
		return nil, fmt.Errorf("receiptpdf: regular font: %w", err)
	}
	r.bold, r.mono = r.regular, r.regular
	if c.bold != nil {
		if r.bold, err = pdf.ParseFont(c.bold); err != nil {
			return nil, fmt.Errorf("receiptpdf: bold font: %w", err)
		}
	}
	return r, nil
}

// Render validates rc as Validate does and writes it to w as a PDF. An
// invalid receipt returns a *ValidationError and writes nothing. The
// output depends only on the receipt and the options: the same receipt
// renders to the same bytes.
func (r *Renderer) Render(w io.Writer, rc *receipt.Receipt) error {
	if err := r.Validate(rc); err != nil {
		return err
	}
	doc := r.draw(rc)
	bw := bufio.NewWriterSize(w, 32<<10)
	if _, err := doc.WriteTo(bw); err != nil {
		return err
	}
	return bw.Flush()
}
