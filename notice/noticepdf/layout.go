package noticepdf

import (
	"strings"
	"time"

	"github.com/pagokit/pagokit/internal/money"
	"github.com/pagokit/pagokit/internal/pdf"
	"github.com/pagokit/pagokit/notice"
)

// Page geometry in millimetres: A4 with the 10 mm outer margins of the
// graphic specification (Margini e spazi).
const (
	pageW    = 210.0
	pageH    = 297.0
	margin   = 10.0
	contentW = pageW - 2*margin
	bottom   = pageH - margin
	gap      = 4.0 // between modules of a row
	vgap     = 6.0 // between modules: at least 6 mm
	qrSide   = 25.0
)

// layout draws one notice.
type layout struct {
	r   *Renderer
	n   *Notice
	doc *pdf.Document
	c   canvas
	y   float64 // top of the free space on the current page
	ls  []*strs // language tables: one, or two for bilingual notices

	page int       // index of the current page
	rec  *[]placed // when set, records where each symbol was drawn
}

// placed records a 2D symbol drawn on the notice, for tests.
type placed struct {
	dataMatrix bool
	page       int
	x, y, side float64 // millimetres from the top-left corner
	payload    string
}

func (l *layout) record(dm bool, x, y float64, payload func() (string, error)) error {
	if l.rec == nil {
		return nil
	}
	p, err := payload()
	if err != nil {
		return err
	}
	*l.rec = append(*l.rec, placed{dataMatrix: dm, page: l.page, x: x, y: y, side: qrSide, payload: p})
	return nil
}

func (r *Renderer) draw(n *Notice) (*pdf.Document, error) {
	return r.drawRecord(n, nil)
}

func (r *Renderer) drawRecord(n *Notice, rec *[]placed) (*pdf.Document, error) {
	lang := n.Lang
	if lang == "" {
		lang = Italian
	}
	doc := pdf.New()
	doc.SetInfo(pdf.Info{Title: n.Subject, Author: n.Creditor.Name, Subject: n.Subject, Creator: "pagokit noticepdf", Producer: r.producer})
	l := &layout{r: r, n: n, doc: doc, ls: lang.tables(), page: -1, rec: rec}
	if err := l.run(); err != nil {
		return nil, err
	}
	return doc, nil
}

// item is one payable item: the single payment or an instalment.
type item struct {
	index  int // 0 for the single payment, 1… for instalments
	number notice.Number
	amount int64
	due    time.Time
}

// blockDrawer draws a block of known height at the top of the free space.
type blockDrawer struct {
	height float64
	draw   func(y float64) error
}

func (l *layout) run() error {
	n := l.n
	l.newPage()
	l.parties()
	l.amountAndWhere()

	var blocks []blockDrawer
	if n.HasSingle() {
		it := item{number: n.Number, amount: n.Amount, due: n.DueDate}
		blocks = append(blocks, blockDrawer{l.singleH(), func(y float64) error { return l.single(y, it) }})
		if n.Creditor.PostalAccount != nil {
			blocks = append(blocks, blockDrawer{postalH(1), func(y float64) error { return l.postal(y, []item{it}) }})
		}
	}
	if k := len(n.Instalments); k > 0 {
		items := make([]item, k)
		for i, in := range n.Instalments {
			items[i] = item{index: i + 1, number: in.Number, amount: in.Amount, due: in.DueDate}
		}
		if k >= manyInstalments {
			for start := 0; start < k; start += planRows * planCols {
				end := min(k, start+planRows*planCols)
				chunk := items[start:end]
				blocks = append(blocks, blockDrawer{planHeight(len(chunk)), func(y float64) error { l.plan(y, chunk); return nil }})
			}
		}
		per := groupSize(k)
		for start := 0; start < k; start += per {
			group := items[start:min(k, start+per)]
			blocks = append(blocks, blockDrawer{ratesH(per), func(y float64) error { return l.rates(y, group, per) }})
			if n.Creditor.PostalAccount != nil {
				blocks = append(blocks, blockDrawer{postalH(per), func(y float64) error { return l.postalGroup(y, group, per) }})
			}
		}
	}

	l.y = l.sectionTitle(l.y, func(s *strs) string { return s.payData })
	for _, b := range blocks {
		if l.y+b.height > bottom {
			l.newPage()
			l.y = l.sectionTitle(l.y, func(s *strs) string { return s.payData })
		}
		if err := b.draw(l.y); err != nil {
			return err
		}
		l.y += b.height + vgap
	}
	return nil
}

// groupSize picks the instalment layout: 3 per row when the count is a
// multiple of 3, else 2 per row when it is even, else 3 per row repeated on
// every page (the specification never mixes the two layouts).
func groupSize(k int) int {
	switch {
	case k%3 == 0:
		return 3
	case k%2 == 0:
		return 2
	default:
		return 3
	}
}

// manyInstalments is the count from which the "Avviso con molte rate"
// variant applies: the first page summarises the plan.
const manyInstalments = 9

// txt returns the text of every language of the notice.
func (l *layout) txt(get func(*strs) string) []string {
	out := make([]string, len(l.ls))
	for i, s := range l.ls {
		out[i] = get(s)
	}
	return out
}

// label draws a short label in every language on one line, the second
// language in grey, shrinking the size to fit in w.
func (l *layout) label(f *pdf.Font, size, x, y, w float64, parts []string) {
	if len(parts) == 1 || parts[0] == parts[1] {
		l.c.fill(black)
		l.c.text(f, fit(f, size, w, parts[0]), x, y, parts[0])
		return
	}
	all := parts[0] + " / " + parts[1]
	size = fit(f, size, w, all)
	l.c.fill(black)
	l.c.text(f, size, x, y, parts[0])
	l.c.fill(greyText)
	l.c.text(f, size, x+width(f, size, parts[0]), y, " / "+parts[1])
	l.c.fill(black)
}

// para draws a paragraph in every language, the second in grey, and
// returns the next baseline.
func (l *layout) para(f *pdf.Font, size, x, y, w, leading float64, max int, parts []string) float64 {
	for i, p := range parts {
		if i > 0 && p == parts[0] {
			continue
		}
		if i > 0 {
			l.c.fill(greyText)
		}
		y = l.c.block(f, size, x, y, w, leading, max, p)
		l.c.fill(black)
	}
	return y
}

func (l *layout) amount(cents int64) string {
	if l.ls[0].decimalComma {
		return money.FormatItalian(cents)
	}
	return money.FormatEnglish(cents)
}

func date(t time.Time) string { return t.Format("02/01/2006") }

// newPage starts a page and draws the header (Intestazione), repeated on
// every page.
func (l *layout) newPage() {
	l.c = canvas{l.doc.AddPage(pdf.A4Width, pdf.A4Height)}
	l.page++
	r, n := l.r, l.n
	x, y := margin, margin+4
	l.c.fill(blue)
	l.c.text(r.bold, 11, x, y, "pagoPA")
	tw := width(r.bold, 11, "pagoPA") + 3
	l.label(r.bold, 9, x+tw, y, 150-tw, upperAll(l.txt(func(s *strs) string { return s.title })))
	l.c.fill(black)
	l.c.block(r.bold, 15, x, y+8, 150, 6.2, 2, n.Subject)
	if logo := n.Creditor.Logo; logo != nil {
		w, h := logo.img.Size()
		box := 30.0
		dw, dh := box, box
		if w > h {
			dh = box * float64(h) / float64(w)
		} else {
			dw = box * float64(w) / float64(h)
		}
		l.c.p.Image(logo.img, mm(pageW-margin-dw), mm(margin), mm(dw), mm(dh))
	}
	l.y = margin + 34
}

func upperAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToUpper(s)
	}
	return out
}

// parties draws the ente and debtor blocks (Informazioni sull'Ente
// Creditore, Informazioni sul Destinatario).
func (l *layout) parties() {
	r, n := l.r, l.n
	colW := (contentW - 2*gap) / 2
	y := l.y
	for i, col := range []struct {
		title func(*strs) string
		cf    string
		name  string
		lines []string
	}{
		{func(s *strs) string { return s.creditor }, n.Creditor.FiscalCode, n.Creditor.Name, []string{n.Creditor.Sector, n.Creditor.Info}},
		{func(s *strs) string { return s.debtor }, n.Debtor.FiscalCode, n.Debtor.Name, []string{n.Debtor.Address}},
	} {
		x := margin + float64(i)*(colW+2*gap)
		l.label(r.bold, 8, x, y+3, colW, upperAll(l.txt(col.title)))
		if col.cf != "" {
			cfLabel := l.ls[0].fiscalCode + " "
			l.c.text(r.regular, 8, x, y+7.5, cfLabel)
			l.c.text(r.mono, 8.5, x+width(r.regular, 8, cfLabel), y+7.5, col.cf)
		}
		yy := l.c.block(r.bold, 11, x, y+13, colW, 4.6, 2, col.name)
		for _, s := range col.lines {
			if s != "" {
				yy = l.c.block(r.regular, 8.5, x, yy, colW, 3.7, 3, s)
			}
		}
	}
	l.y = y + 31
}

// amountAndWhere draws "Quanto e quando pagare?" and "Dove pagare?" on a
// light grey band.
func (l *layout) amountAndWhere() {
	r, n := l.r, l.n
	y := l.y
	h := 47.0
	if len(l.ls) > 1 {
		h = 66
	}
	l.c.fill(greyLight)
	l.c.roundRect(margin, y, contentW, h, 2)
	l.c.fill(black)
	colW := (contentW - 3*gap) / 2
	x := margin + gap

	// Importo e scadenza.
	title := func(s *strs) string { return s.howMuch }
	if n.DueDate.IsZero() || !n.HasSingle() {
		title = func(s *strs) string { return s.howMuchNoDate }
	}
	l.label(r.bold, 10, x, y+6, colW, upperAll(l.txt(title)))
	amt := l.amount(n.Amount) + " " + l.ls[0].euro
	l.c.text(r.bold, 20, x, y+15, amt)
	yy := y + 21.0
	if n.HasSingle() && !n.DueDate.IsZero() {
		within := l.ls[0].within
		if len(l.ls) > 1 {
			within += " / " + l.ls[1].within
		}
		l.c.text(r.regular, 10, x, yy, within+" "+date(n.DueDate))
		yy += 5.5
	}
	if k := len(n.Instalments); k >= 2 {
		yy = l.para(r.bold, 8.5, x, yy, colW, 3.8, 2, l.txt(func(s *strs) string { return s.rates(n.HasSingle(), k) }))
		if k >= manyInstalments {
			yy = l.para(r.regular, 7.5, x, yy, colW, 3.3, 2, l.txt(func(s *strs) string { return s.manyRates }))
		}
		yy += 1
	}
	l.para(r.regular, 7, x, yy, colW, 3.1, 4, l.txt(func(s *strs) string { return s.legal }))

	// Dove pagare.
	x = margin + 2*gap + colW
	l.label(r.bold, 10, x, y+6, colW*0.45, upperAll(l.txt(func(s *strs) string { return s.wherePay })))
	l.c.textRight(r.regular, 8, x+colW, y+6, l.ls[0].whereCTA)
	channel := func(s *strs) string {
		if c := s.channel(n.Creditor.OnlineChannel, n.Creditor.Name); c != "" {
			return strings.ReplaceAll(s.onlineSite, "{channel}", c)
		}
		return s.onlineNoSite
	}
	yy = y + 13
	l.label(r.bold, 9, x, yy, colW, upperAll(l.txt(func(s *strs) string { return s.onlineTitle })))
	yy = l.para(r.regular, 7.5, x, yy+4, colW, 3.3, 3, l.txt(channel))
	yy += 2
	l.label(r.bold, 9, x, yy, colW, upperAll(l.txt(func(s *strs) string { return s.localTitle })))
	local := func(s *strs) string {
		if p := n.Creditor.PhysicalChannel; p != "" {
			return p + ", " + s.localDesc
		}
		return s.localDesc
	}
	l.para(r.regular, 7.5, x, yy+4, colW, 3.3, 4, l.txt(local))
	l.y = y + h + vgap
}

// sectionTitle draws the "Dati per il pagamento" title and returns the
// top of the space below it.
func (l *layout) sectionTitle(y float64, get func(*strs) string) float64 {
	l.label(l.r.bold, 10, margin, y+4, contentW, upperAll(l.txt(get)))
	return y + 7
}

func (l *layout) modules(it item, x, y float64) error {
	q := notice.QR{Number: it.number, FiscalCode: l.n.Creditor.FiscalCode, AmountCents: it.amount}
	m, err := q.Modules()
	if err != nil {
		return err
	}
	l.c.modules(m, x, y, qrSide)
	return l.record(false, x, y, q.Payload)
}

// field draws a small label with its value below and returns the next
// top.
func (l *layout) field(x, y, w float64, lab []string, value string, f *pdf.Font, size float64, maxLines int) float64 {
	l.label(l.r.regular, 7, x, y+2.6, w, lab)
	return l.c.block(f, size, x, y+6.4, w, size*0.42, maxLines, value) - 2.2
}

// dueText is "Rata unica entro il 31/12/2025" or "Rata 2 entro il …".
func (l *layout) heading(it item) []string {
	return l.txt(func(s *strs) string {
		h := s.single
		if it.index > 0 {
			h = s.nthRate(it.index)
		}
		if !it.due.IsZero() {
			h += " " + s.dueWithin + " " + date(it.due)
		}
		return h
	})
}

// singleH is the height of the rata unica portion.
func (l *layout) singleH() float64 {
	if len(l.ls) > 1 {
		return 56
	}
	return 48
}

// single draws the rata unica portion.
func (l *layout) single(y float64, it item) error {
	r, n := l.r, l.n
	c := l.c
	c.p.SetStroke(black)
	c.p.SetLineWidth(0.6)
	c.p.StrokeRect(mm(margin), mm(y), mm(contentW), mm(l.singleH()))
	x := margin + 4
	l.label(r.bold, 10.5, x, y+6, 120, upperAll(l.heading(it)))
	c.textRight(r.bold, 14, pageW-margin-4, y+7, l.amount(it.amount)+" "+l.ls[0].euro)
	if err := l.modules(it, x, y+10); err != nil {
		return err
	}
	l.para(r.regular, 6.5, x, y+39, qrSide+2, 2.7, 3, l.txt(func(s *strs) string { return s.qrSingle }))

	dx := x + qrSide + 8
	dw := pageW - margin - 4 - dx
	yy := y + 10
	yy = l.field(dx, yy, dw, l.txt(func(s *strs) string { return s.recipient }), n.Debtor.Name, r.bold, 9.5, 1)
	yy = l.field(dx, yy, dw, l.txt(func(s *strs) string { return s.ec }), n.Creditor.Name, r.bold, 9.5, 1)
	yy = l.field(dx, yy, dw, l.txt(func(s *strs) string { return s.subject }), n.Subject, r.bold, 9.5, 2)
	codes := []struct {
		lab func(*strs) string
		val string
	}{
		{func(s *strs) string { return s.cbill }, n.Creditor.CBILL},
		{func(s *strs) string { return s.noticeCode }, it.number.Format()},
		{func(s *strs) string { return s.ecFiscal }, n.Creditor.FiscalCode},
	}
	cw := []float64{22, 62, dw - 84}
	cx := dx
	for i, cd := range codes {
		if cd.val != "" {
			l.field(cx, yy+1, cw[i]-2, l.txt(cd.lab), cd.val, r.mono, 10, 1)
		}
		cx += cw[i]
	}
	return nil
}

// postalH is the height of a row of postal slips, per to a row.
func postalH(per int) float64 {
	if per == 1 {
		return 62
	}
	return 76
}

// postal draws the "Bollettino postale PA" for the single payment.
func (l *layout) postal(y float64, items []item) error {
	return l.postalGroup(y, items, 1)
}

// postalGroup draws one postal slip per item, per to a row.
func (l *layout) postalGroup(y float64, items []item, per int) error {
	r, n := l.r, l.n
	pa := n.Creditor.PostalAccount
	c := l.c
	colW := (contentW - float64(per-1)*gap) / float64(per)
	for i, it := range items {
		x0 := margin + float64(i)*(colW+gap)
		c.p.SetStroke(black)
		c.p.SetLineWidth(0.6)
		c.p.SetDash(mm(1.5), mm(1))
		c.p.StrokeRect(mm(x0), mm(y), mm(colW), mm(postalH(per)))
		c.p.SetDash(0, 0)
		x := x0 + 3
		w := colW - 6
		l.label(r.bold, 10, x, y+5.5, w, []string{strings.ToUpper(l.ls[0].postalTitle)})
		l.label(r.bold, 8.5, x, y+9.5, w, l.heading(it))
		amt := l.ls[0].euro + " " + l.amount(it.amount)
		c.text(r.bold, 12, x, y+15, amt)
		yy := y + 17.0
		account := l.ls[0].postalOn + " " + pa.Number
		c.text(r.bold, fit(r.bold, 9, w, account), x, yy+3, account)
		yy = l.field(x, yy+4, w, l.txt(func(s *strs) string { return s.postalHolder }), pa.Holder, r.regular, 8, 1)
		if per == 1 {
			// Wide slip: the DataMatrix on the left, data on the right.
			if err := l.dataMatrix(it, x, yy+2); err != nil {
				return err
			}
			dx := x + qrSide + 6
			dw := x0 + colW - 3 - dx
			l.field(dx+70, y+1, dw-70, l.txt(func(s *strs) string { return s.recipient }), n.Debtor.Name, r.bold, 8.5, 1)
			yd := yy + 1
			yd = l.field(dx, yd, dw, l.txt(func(s *strs) string { return s.subject }), n.Subject, r.bold, 8.5, 2)
			l.field(dx, yd, 60, l.txt(func(s *strs) string { return s.noticeCode }), it.number.Format(), r.mono, 9.5, 1)
			l.field(dx+62, yd, 12, l.txt(func(s *strs) string { return s.postalType }), "P1", r.mono, 9.5, 1)
			yd = l.field(dx+76, yd, dw-76, l.txt(func(s *strs) string { return s.ecFiscal }), n.Creditor.FiscalCode, r.mono, 9.5, 1)
			yd = l.c.block(r.regular, 7, dx, yd+3, dw, 3, 2, l.ls[0].postalPayable)
			c.fill(grey70)
			c.block(r.regular, 6, dx, yd+0.5, dw, 2.6, 1, pa.Authorization)
			c.fill(black)
			continue
		}
		yy = l.field(x, yy, w, l.txt(func(s *strs) string { return s.noticeCode }), it.number.Format(), r.mono, 8.5, 1)
		yy = l.field(x, yy, w, l.txt(func(s *strs) string { return s.ecFiscal }), n.Creditor.FiscalCode+"   "+l.ls[0].postalType+" P1", r.mono, 8.5, 1)
		if err := l.dataMatrix(it, x, yy+1.5); err != nil {
			return err
		}
		tx := x + qrSide + 2
		tw := x0 + colW - 3 - tx
		ty := l.c.block(r.regular, 5.5, tx, yy+4, tw, 2.4, 8, l.ls[0].postalPayable)
		c.fill(grey70)
		c.block(r.regular, 5, tx, ty+0.5, tw, 2.2, 3, pa.Authorization)
		c.fill(black)
	}
	return nil
}

// dataMatrix draws the Poste DataMatrix of it, 25×25 mm.
func (l *layout) dataMatrix(it item, x, y float64) error {
	n := l.n
	dm := notice.DataMatrix{
		Number:           it.number,
		PostalAccount:    n.Creditor.PostalAccount.Number,
		AmountCents:      it.amount,
		FiscalCode:       n.Creditor.FiscalCode,
		DebtorFiscalCode: n.Debtor.FiscalCode,
		DebtorName:       n.Debtor.Name,
		Subject:          n.Subject,
	}
	m, payload, err := dataMatrixModules(dm)
	if err != nil {
		return err
	}
	l.c.modules(m, x, y, qrSide)
	return l.record(true, x, y, func() (string, error) { return payload, nil })
}

// ratesH is the height of a row of instalments.
func ratesH(per int) float64 {
	if per == 2 {
		return 62
	}
	return 70
}

// rates draws a row of 2 or 3 instalments (Rate multiple).
func (l *layout) rates(y float64, items []item, per int) error {
	r, n := l.r, l.n
	c := l.c
	h := ratesH(per)
	colW := (contentW - float64(per-1)*gap) / float64(per)
	for i, it := range items {
		x0 := margin + float64(i)*(colW+gap)
		c.p.SetStroke(black)
		c.p.SetLineWidth(0.6)
		c.p.StrokeRect(mm(x0), mm(y), mm(colW), mm(h))
		x := x0 + 3
		w := colW - 6
		l.label(r.bold, 10, x, y+5.5, w, upperAll(l.txt(func(s *strs) string {
			if it.index > 0 {
				return s.nthRate(it.index)
			}
			return s.single
		})))
		if !it.due.IsZero() {
			l.label(r.regular, 8.5, x, y+9.5, w, l.txt(func(s *strs) string { return s.dueWithin + " " + date(it.due) }))
		}
		c.text(r.bold, 13, x, y+15.5, l.amount(it.amount)+" "+l.ls[0].euro)
		if err := l.modules(it, x, y+19); err != nil {
			return err
		}
		if per == 2 {
			dx := x + qrSide + 4
			dw := x0 + colW - 3 - dx
			yy := y + 18.0
			yy = l.field(dx, yy, dw, l.txt(func(s *strs) string { return s.noticeCode }), it.number.Format(), r.mono, 9, 1)
			yy = l.field(dx, yy, dw, l.txt(func(s *strs) string { return s.ecFiscal }), n.Creditor.FiscalCode, r.mono, 9, 1)
			if n.Creditor.CBILL != "" {
				yy = l.field(dx, yy, dw, l.txt(func(s *strs) string { return s.cbill }), n.Creditor.CBILL, r.mono, 9, 1)
			}
			_ = yy
			yb := y + 46.0
			yb = l.field(x, yb, w, l.txt(func(s *strs) string { return s.recipient }), n.Debtor.Name, r.bold, 8.5, 1)
			l.field(x, yb, w, l.txt(func(s *strs) string { return s.subject }), n.Subject, r.bold, 8, 1)
			continue
		}
		yy := y + 45.0
		yy = l.field(x, yy, w, l.txt(func(s *strs) string { return s.noticeCode }), it.number.Format(), r.mono, 9, 1)
		yy = l.field(x, yy, w, l.txt(func(s *strs) string { return s.ecFiscal }), n.Creditor.FiscalCode, r.mono, 9, 1)
		if n.Creditor.CBILL != "" {
			yy = l.field(x, yy, w, l.txt(func(s *strs) string { return s.cbill }), n.Creditor.CBILL, r.mono, 9, 1)
		}
		_ = yy
	}
	l.para(r.regular, 6.5, margin, y+h+3, contentW, 2.8, 1, l.txt(func(s *strs) string { return s.qrRates }))
	return nil
}

// The "many instalments" plan: a table of every instalment, planCols
// columns of planRows rows per block.
const (
	planRows = 12
	planCols = 3
	planRowH = 4.2
)

func planHeight(k int) float64 {
	rows := min(k, planRows)
	return 8 + float64(rows)*planRowH
}

func (l *layout) plan(y float64, items []item) {
	r := l.r
	c := l.c
	h := planHeight(len(items))
	c.fill(greyLight)
	c.roundRect(margin, y, contentW, h, 2)
	c.fill(black)
	colW := contentW / planCols
	for col := 0; col < planCols; col++ {
		x := margin + 3 + float64(col)*colW
		if col*planRows >= len(items) {
			break
		}
		l.c.text(r.bold, 7, x, y+4.5, l.ls[0].planNumber)
		l.c.text(r.bold, 7, x+10, y+4.5, l.ls[0].planDue)
		l.c.textRight(r.bold, 7, x+colW-8, y+4.5, l.ls[0].planAmount)
		for row := 0; row < planRows; row++ {
			i := col*planRows + row
			if i >= len(items) {
				break
			}
			it := items[i]
			yy := y + 8.5 + float64(row)*planRowH
			l.c.text(r.mono, 7.5, x, yy, itoa(it.index))
			if !it.due.IsZero() {
				l.c.text(r.mono, 7.5, x+10, yy, date(it.due))
			}
			l.c.textRight(r.mono, 7.5, x+colW-8, yy, l.amount(it.amount))
		}
	}
}
