package noticepdf

import (
	"bufio"
	"fmt"
	"io"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/pagokit/pagokit/internal/pdf"
	"github.com/pagokit/pagokit/notice"
)

// Renderer draws notices as PDF. Fonts are parsed once; a Renderer is safe
// for concurrent use, so one Renderer serves a whole batch.
type Renderer struct {
	regular, bold, mono *pdf.Font
	producer            string
}

// Option configures a Renderer.
type Option func(*rendererConfig) error

type rendererConfig struct {
	regular, bold, mono []byte
	producer            string
}

// WithFonts replaces the default fonts (the Go fonts, from
// golang.org/x/image) with TrueType fonts, for example Titillium Web
// (regular and bold) and Roboto Mono, the fonts of the graphic
// specification. A nil bold uses regular for bold texts too; a nil mono
// uses regular for codes.
func WithFonts(regular, bold, mono []byte) Option {
	return func(c *rendererConfig) error {
		if regular == nil {
			return fmt.Errorf("noticepdf: WithFonts: %w", errNoFont)
		}
		c.regular, c.bold, c.mono = regular, bold, mono
		if bold == nil {
			c.bold = regular
		}
		if mono == nil {
			c.mono = regular
		}
		return nil
	}
}

// WithProducer sets the PDF's Producer field (default "pagokit").
func WithProducer(s string) Option {
	return func(c *rendererConfig) error {
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

// NewRenderer returns a Renderer.
func NewRenderer(opts ...Option) (*Renderer, error) {
	c := rendererConfig{producer: "pagokit"}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	r := &Renderer{producer: c.producer}
	if c.regular == nil {
		fs, err := defaultFonts()
		if err != nil {
			return nil, fmt.Errorf("noticepdf: default fonts: %w", err)
		}
		r.regular, r.bold, r.mono = fs[0], fs[1], fs[2]
		return r, nil
	}
	var err error
	if r.regular, err = pdf.ParseFont(c.regular); err != nil {
		return nil, fmt.Errorf("noticepdf: regular font: %w", err)
	}
	if r.bold, err = pdf.ParseFont(c.bold); err != nil {
		return nil, fmt.Errorf("noticepdf: bold font: %w", err)
	}
	if r.mono, err = pdf.ParseFont(c.mono); err != nil {
		return nil, fmt.Errorf("noticepdf: mono font: %w", err)
	}
	return r, nil
}

// Validate checks n like Notice.Validate and also that the Renderer's
// fonts can draw every text of n.
func (r *Renderer) Validate(n *Notice) error {
	ps := &problems{}
	n.validate(ps)
	r.checkGlyphs(ps, n)
	return ps.err()
}

// Prepare converts req to a Notice and validates it as Validate does,
// reporting every problem at once with the request's JSON paths
// ("data.debtor.fullName"), font coverage included. Logos are resolved
// with logos; a nil *Logos accepts base64 logos only.
func (r *Renderer) Prepare(req *Request, logos *Logos) (*Notice, error) {
	ps := &problems{}
	n := req.convert(ps, logos)
	ps.prefix = "data."
	n.validate(ps)
	r.checkGlyphs(ps, n)
	if err := ps.err(); err != nil {
		return nil, err
	}
	return n, nil
}

func (r *Renderer) checkGlyphs(ps *problems, n *Notice) {
	texts := []struct{ path, s string }{
		{"notice.subject", n.Subject},
		{"creditorInstitution.fullName", n.Creditor.Name},
		{"creditorInstitution.sector", n.Creditor.Sector},
		{"creditorInstitution.info", n.Creditor.Info},
		{"creditorInstitution.physicalChannel", n.Creditor.PhysicalChannel},
		{"debtor.fullName", n.Debtor.Name},
		{"debtor.address", n.Debtor.Address},
	}
	if p := n.Creditor.PostalAccount; p != nil {
		texts = append(texts,
			struct{ path, s string }{"creditorInstitution.postalAccount.holder", p.Holder},
			struct{ path, s string }{"creditorInstitution.postalAccount.authorization", p.Authorization})
	}
	if p := n.Creditor.PostalAccount; p != nil && len(ps.list) == 0 {
		num := n.Number
		if num.IsZero() && len(n.Instalments) > 0 {
			num = n.Instalments[0].Number
		}
		dm := notice.DataMatrix{Number: num, PostalAccount: p.Number, AmountCents: max(n.Amount, 1),
			FiscalCode: n.Creditor.FiscalCode, DebtorFiscalCode: n.Debtor.FiscalCode, DebtorName: n.Debtor.Name, Subject: n.Subject}
		if _, err := fitDataMatrix(&dm); err != nil {
			ps.add("creditorInstitution.postalAccount", fmt.Errorf("%w: the Poste DataMatrix cannot carry this notice: %w", ErrCharset, err))
		}
	}
	for _, t := range texts {
		for _, f := range []*pdf.Font{r.regular, r.bold} {
			if c, ok := f.Covers(t.s); !ok {
				ps.add(t.path, fmt.Errorf("%w: %U is not in the font %s", ErrCharset, c, f.Name()))
				break
			}
		}
	}
}

// Render validates n and writes it as a PDF to w. An invalid notice
// returns a *ValidationError and writes nothing.
func (r *Renderer) Render(w io.Writer, n *Notice) error {
	if err := r.Validate(n); err != nil {
		return err
	}
	doc, err := r.draw(n)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 32<<10)
	if _, err := doc.WriteTo(bw); err != nil {
		return err
	}
	return bw.Flush()
}
