package receiptpdf

import (
	"strconv"
	"strings"

	"github.com/pagokit/pagokit/internal/pdf"
	"github.com/pagokit/pagokit/receipt"
)

// Page geometry in millimetres: A4 portrait.
const (
	pageW    = 210.0
	pageH    = 297.0
	marginX  = 15.0
	top      = 14.0
	contentW = pageW - 2*marginX
	bottom   = 278.0 // content ends above; the footer is below
	footerY  = 284.0 // rule above the footer
	colGap   = 8.0
	halfW    = (contentW - colGap) / 2
)

// Type sizes in points.
const (
	labelSize = 7.0
	valueSize = 9.5
	codeSize  = 9.0
	tableSize = 8.0
)

// Vertical spacing in millimetres.
const (
	labelH     = 2.6 // from the top of a field to its label's baseline
	rowGap     = 2.0 // below a row of fields
	sectionGap = 2.0 // below a section
	titleH     = 8.5 // a section title and its rule
	descent    = 1.0 // below the last baseline of a text
	cellPad    = 1.6 // inside a table cell
)

// layout draws one receipt.
type layout struct {
	r     *Renderer
	s     *strs
	rc    *receipt.Receipt
	doc   *pdf.Document
	pages []canvas
	c     canvas  // current page
	y     float64 // top of the free space on the current page
}

func (r *Renderer) draw(rc *receipt.Receipt) *pdf.Document {
	doc := pdf.New()
	doc.SetInfo(pdf.Info{
		Title:    r.s.title + " " + clean(rc.CreditorReferenceID),
		Author:   clean(rc.CompanyName),
		Subject:  r.s.pdfSubject,
		Creator:  "pagokit receiptpdf",
		Producer: r.producer,
	})
	l := &layout{r: r, s: r.s, rc: rc, doc: doc}
	l.header()
	l.summary()
	l.payment()
	l.parties()
	l.transfers()
	l.footers()
	return doc
}

// addPage starts a page.
func (l *layout) addPage() {
	l.c = canvas{l.doc.AddPage(pdf.A4Width, pdf.A4Height)}
	l.pages = append(l.pages, l.c)
	l.y = top
}

// need starts a new page, with a short header, unless h millimetres fit
// below y. It reports whether it started one.
func (l *layout) need(h float64) bool {
	if l.y+h <= bottom {
		return false
	}
	l.addPage()
	r := l.r
	l.c.fill(blue)
	l.c.text(r.bold, 9, marginX, l.y+3.5, "pagoPA")
	l.c.fill(black)
	x := marginX + width(r.bold, 9, "pagoPA") + 3
	head := l.s.continued + " · " + l.s.iuv + " " + clean(l.rc.CreditorReferenceID)
	l.c.text(r.regular, 9, x, l.y+3.5, ellipsis(r.regular, 9, pageW-marginX-x, head))
	l.c.hline(marginX, pageW-marginX, l.y+6, 0.5, greyLine)
	l.y += 10
	return true
}

// header draws the title, the ente's name and the logo.
func (l *layout) header() {
	r, s, rc := l.r, l.s, l.rc
	l.addPage()
	textW := contentW
	logoBottom := 0.0
	if r.logo != nil {
		const boxW, boxH = 40.0, 20.0
		pw, ph := r.logo.Size()
		w, h := boxW, boxW*float64(ph)/float64(pw)
		if h > boxH {
			w, h = boxH*float64(pw)/float64(ph), boxH
		}
		l.c.p.Image(r.logo, mm(pageW-marginX-w), mm(top), mm(w), mm(h))
		textW -= boxW + 6
		logoBottom = top + h
	}
	y := top + 4
	l.c.fill(blue)
	l.c.text(r.bold, 10, marginX, y, "pagoPA")
	l.c.fill(black)
	y += 9
	l.c.text(r.bold, fit(r.bold, 20, textW, s.title), marginX, y, s.title)
	for _, line := range wrap(r.bold, 12, textW, clean(rc.CompanyName)) {
		y += leading(12)
		l.c.text(r.bold, 12, marginX, y, line)
	}
	l.y = max(y+descent, logoBottom) + 4
}

// summary draws the band with the amount, the date and time and the
// outcome.
func (l *layout) summary() {
	r, s, rc := l.r, l.s, l.rc
	const pad = 5.0
	cw := []float64{62, 56, contentW - 2*pad - 62 - 56}
	x := []float64{marginX + pad, marginX + pad + cw[0], marginX + pad + cw[0] + cw[1]}

	outcome := wrap(r.bold, 11, cw[2], s.outcomeText(rc))
	h := max(20.0, 9.5+float64(len(outcome))*leading(11)+3)
	when := "—"
	if rc.PaymentDateTime != nil {
		when = s.dateTime(*rc.PaymentDateTime)
	}

	l.need(h)
	l.c.fill(greyLight)
	l.c.roundRect(marginX, l.y, contentW, h, 2)
	y := l.y + 6
	l.c.fill(grey)
	for i, lab := range []string{s.amountPaid, s.paymentDate, s.outcome} {
		l.c.text(r.regular, labelSize, x[i], y, lab)
	}
	l.c.fill(black)
	amt := s.amount(rc.PaymentAmountCents)
	l.c.text(r.bold, fit(r.bold, 20, cw[0]-4, amt), x[0], y+9, amt)
	l.c.text(r.bold, fit(r.bold, 12, cw[1]-4, when), x[1], y+8.5, when)
	switch rc.Outcome {
	case "OK":
		l.c.fill(green)
	case "KO":
		l.c.fill(red)
	default:
		l.c.fill(amber)
	}
	for i, line := range outcome {
		l.c.text(r.bold, 11, x[2], y+8.5+float64(i)*leading(11), line)
	}
	l.c.fill(black)
	l.y += h + 5
}

// A field is a label with its value below. Fields are laid out in rows of
// six units: a field spans 6 (the whole width), 3 (half) or 2 (a third).
type field struct {
	label, value string
	code         bool // set in the font of codes
	span         int
	newRow       bool // starts a row
}

const (
	full  = 6
	half  = 3
	third = 2
	unitW = (contentW + colGap) / 6
)

// cell is a field measured for its column.
type cell struct {
	x, w  float64
	label string
	lines []string
	f     *pdf.Font
	size  float64
}

func (l *layout) cell(fd field, units int) cell {
	f, size := l.r.regular, valueSize
	if fd.code {
		f, size = l.r.mono, codeSize
	}
	x := marginX + float64(units)*unitW
	w := float64(fd.span)*unitW - colGap
	return cell{x: x, w: w, label: fd.label, lines: wrap(f, size, w, clean(fd.value)), f: f, size: size}
}

func (c cell) height() float64 {
	return labelH + float64(len(c.lines))*leading(c.size) + descent
}

func (l *layout) drawCell(c cell, y float64) {
	r := l.r
	l.c.fill(grey)
	l.c.text(r.regular, fit(r.regular, labelSize, c.w, c.label), c.x, y+labelH, c.label)
	l.c.fill(black)
	for i, line := range c.lines {
		l.c.text(c.f, c.size, c.x, y+labelH+float64(i+1)*leading(c.size), line)
	}
}

// rows packs the fields that have a value into rows, in order.
func (l *layout) rows(fields []field) [][]cell {
	var rows [][]cell
	var row []cell
	used := 0
	for _, fd := range fields {
		if clean(fd.value) == "" {
			continue
		}
		if used+fd.span > full || fd.newRow && used > 0 {
			rows = append(rows, row)
			row, used = nil, 0
		}
		row = append(row, l.cell(fd, used))
		used += fd.span
	}
	if row != nil {
		rows = append(rows, row)
	}
	return rows
}

func rowHeight(row []cell) float64 {
	h := 0.0
	for _, c := range row {
		h = max(h, c.height())
	}
	return h + rowGap
}

// sectionTitle draws a section title over width w from x, with a rule.
func (l *layout) sectionTitle(x, w, y float64, title string) {
	f := l.r.bold
	t := strings.ToUpper(title)
	l.c.fill(blue)
	l.c.text(f, fit(f, 8.5, w, t), x, y+4, t)
	l.c.fill(black)
	l.c.hline(x, x+w, y+5.6, 0.6, greyLine)
}

// section draws a titled grid of fields; the title is never left alone
// at the bottom of a page.
func (l *layout) section(title string, fields []field) {
	rows := l.rows(fields)
	if len(rows) == 0 {
		return
	}
	l.need(titleH + rowHeight(rows[0]))
	l.sectionTitle(marginX, contentW, l.y, title)
	l.y += titleH
	for _, row := range rows {
		l.need(rowHeight(row))
		for _, c := range row {
			l.drawCell(c, l.y)
		}
		l.y += rowHeight(row)
	}
	l.y += sectionGap
}

// payment draws the payment's own data.
func (l *layout) payment() {
	s, rc := l.s, l.rc
	fields := []field{
		{label: s.description, value: rc.Description, span: full},
		{label: s.iuv, value: rc.CreditorReferenceID, code: true, span: half},
		{label: s.noticeNumber, value: grouped(rc.NoticeNumber), code: true, span: half},
		{label: s.receiptID, value: rc.ReceiptID, code: true, span: half},
	}
	if lg := rc.Legacy; lg != nil {
		fields = append(fields, field{label: s.ccp, value: lg.PaymentContextCode, code: true, span: half})
	}
	fields = append(fields, field{label: s.paymentNote, value: rc.PaymentNote, span: half})
	newRow := true
	if d := rc.ApplicationDate; d != nil {
		fields = append(fields, field{label: s.application, value: s.date(*d), span: third, newRow: true})
		newRow = false
	}
	if d := rc.TransferDate; d != nil {
		fields = append(fields, field{label: s.transferDate, value: s.date(*d), span: third, newRow: newRow})
		newRow = false
	}
	if rc.FeeCents != nil {
		fields = append(fields, field{label: s.fee, value: s.amount(*rc.FeeCents), span: third, newRow: newRow})
	}
	if rc.StandIn {
		fields = append(fields, field{label: "Stand-in", value: s.standIn, span: full})
	}
	l.section(s.payment, fields)
}

// A block is a titled column of the parties grid: a name in bold, then
// label and value pairs, the labels in a column of their own.
type block struct {
	title string
	lines []blockLine
}

// blockLine is a line of a block below its title: its height, and how to
// draw it at the column's left edge x with its baseline at y.
type blockLine struct {
	h    float64
	draw func(x, y float64)
}

const (
	pairSize   = 8.5 // type size of the values of a block
	pairLabelW = 30  // width of the labels' column of a block
	blockHead  = titleH - 1.2
)

func (l *layout) block(title, name string, pairs ...field) block {
	r := l.r
	b := block{title: title}
	for _, line := range wrap(r.bold, valueSize, halfW, clean(name)) {
		b.lines = append(b.lines, blockLine{leading(valueSize), func(x, y float64) {
			l.c.text(r.bold, valueSize, x, y, line)
		}})
	}
	for _, p := range pairs {
		v := clean(p.value)
		if v == "" {
			continue
		}
		f := r.regular
		if p.code {
			f = r.mono
		}
		for i, line := range wrap(f, pairSize, halfW-pairLabelW, v) {
			label := ""
			if i == 0 {
				label = p.label
			}
			b.lines = append(b.lines, blockLine{leading(pairSize), func(x, y float64) {
				if label != "" {
					l.c.fill(grey)
					l.c.text(r.regular, fit(r.regular, labelSize, pairLabelW-2, label), x, y, label)
					l.c.fill(black)
				}
				l.c.text(f, pairSize, x+pairLabelW, y, line)
			}})
		}
	}
	return b
}

func (b block) height() float64 {
	h := blockHead + descent
	for _, line := range b.lines {
		h += line.h
	}
	return h
}

// drawBlock draws b with its top at y.
func (l *layout) drawBlock(b block, x, y float64) {
	l.sectionTitle(x, halfW, y, b.title)
	y += blockHead
	for _, line := range b.lines {
		y += line.h
		line.draw(x, y)
	}
}

// flowBlock draws b at the left, line by line, across pages: for a block
// taller than a page.
func (l *layout) flowBlock(b block) {
	l.need(blockHead + b.lines[0].h)
	l.sectionTitle(marginX, halfW, l.y, b.title)
	l.y += blockHead
	for _, line := range b.lines {
		l.need(line.h + descent)
		l.y += line.h
		line.draw(marginX, l.y)
	}
	l.y += descent + sectionGap + 1
}

// blockRow draws one or two blocks side by side, leaving out empty ones;
// blocks too tall for a page follow one another across pages.
func (l *layout) blockRow(all ...block) {
	var bs []block
	h := 0.0
	for _, b := range all {
		if len(b.lines) > 0 {
			bs = append(bs, b)
			h = max(h, b.height())
		}
	}
	if len(bs) == 0 {
		return
	}
	if h > bottom-top-10 { // taller than a page below the short header
		for _, b := range bs {
			l.flowBlock(b)
		}
		return
	}
	l.need(h)
	for i, b := range bs {
		l.drawBlock(b, marginX+float64(i)*(halfW+colGap), l.y)
	}
	l.y += h + sectionGap + 1
}

// parties draws the ente and the PSP, then the debtor and the payer.
func (l *layout) parties() {
	s, rc := l.s, l.rc
	channel := clean(rc.ChannelDescription)
	if id := clean(rc.ChannelID); id != "" {
		if channel != "" {
			channel += " (" + id + ")"
		} else {
			channel = id
		}
	}
	l.blockRow(
		l.block(s.creditor, rc.CompanyName,
			field{label: s.fiscalCode, value: rc.FiscalCode, code: true},
			field{label: s.office, value: rc.OfficeName}),
		l.block(s.psp, rc.PSPCompanyName,
			field{label: s.fiscalCode, value: rc.PSPFiscalCode, code: true},
			field{label: s.vatNumber, value: rc.PSPVATNumber, code: true},
			field{label: s.pspID, value: rc.PSPID, code: true},
			field{label: s.channel, value: channel},
			field{label: s.method, value: rc.PaymentMethod}),
	)
	var bs []block
	for _, p := range []struct {
		title string
		sj    *receipt.Subject
	}{{s.debtor, rc.Debtor}, {s.payer, rc.Payer}} {
		if p.sj == nil {
			continue
		}
		bs = append(bs, l.block(p.title, p.sj.FullName,
			field{label: s.idLabel, value: p.sj.EntityID, code: true},
			field{label: s.address, value: address(p.sj)},
			field{label: s.email, value: p.sj.Email}))
	}
	l.blockRow(bs...)
}

// Columns of the transfers table: left edges and widths in millimetres.
var (
	colX = [5]float64{marginX, marginX + 6, marginX + 52, marginX + 103, marginX + 158}
	colW = [5]float64{6, 46, 51, 55, 22}
)

// transferRow is a transfer measured for the table.
type transferRow struct {
	id      string
	to      []string // company name, bold
	cf      []string // the fiscal code, below the name
	account []string // IBAN (code font) or the stamp text
	accSize float64  // type size of account
	stamp   bool
	iur     []string // the IUR of an RT, after the label
	iurW    float64  // width of the label
	reason  []string
	amount  string
}

func (l *layout) transferRow(tr *receipt.Transfer) transferRow {
	r, s := l.r, l.s
	in := func(i int) float64 { return colW[i] - 2*cellPad }
	row := transferRow{
		id:      strconv.Itoa(tr.IDTransfer),
		to:      wrap(r.bold, tableSize, in(1), clean(tr.CompanyName)),
		cf:      wrap(r.mono, tableSize, in(1), clean(tr.FiscalCode)),
		reason:  wrap(r.regular, tableSize, in(3), clean(tr.RemittanceInformation)),
		amount:  s.amount(tr.AmountCents),
		accSize: tableSize,
	}
	switch {
	case tr.HasStamp:
		row.stamp = true
		row.account = wrap(r.regular, tableSize, in(2), s.stamp)
	case tr.IBAN != "":
		// An IBAN is shrunk to stay on one line if it can.
		iban := grouped(tr.IBAN)
		row.accSize = fit(r.mono, tableSize, in(2), iban)
		if width(r.mono, row.accSize, iban) > in(2) {
			row.accSize = tableSize
		}
		row.account = wrap(r.mono, row.accSize, in(2), iban)
	}
	if iur := clean(tr.IUR); iur != "" {
		row.iurW = width(r.regular, labelSize, s.iur+" ")
		row.iur = wrap(r.mono, tableSize, in(2)-row.iurW, iur)
	}
	return row
}

func (t transferRow) height() float64 {
	lead := leading(tableSize)
	n := max(1, len(t.to)+len(t.cf), len(t.account)+len(t.iur), len(t.reason))
	return 2*cellPad + float64(n)*lead + descent - 0.4
}

const tableHeadH = 6.0

func (l *layout) tableHead() {
	r, s := l.r, l.s
	l.c.fill(greyLight)
	l.c.p.Rect(mm(marginX), mm(l.y), mm(contentW), mm(tableHeadH))
	l.c.fill(grey)
	for i, lab := range []string{s.colID, s.colTo, s.colAccount, s.colReason, s.colAmount} {
		size := fit(r.bold, labelSize, colW[i]-2*cellPad, lab)
		if i == 4 {
			l.c.textRight(r.bold, size, colX[i]+colW[i]-cellPad, l.y+4.1, lab)
			continue
		}
		l.c.text(r.bold, size, colX[i]+cellPad, l.y+4.1, lab)
	}
	l.c.fill(black)
	l.y += tableHeadH
}

// transfers draws the table of transfers.
func (l *layout) transfers() {
	s, rc := l.s, l.rc
	if len(rc.Transfers) == 0 {
		return
	}
	rows := make([]transferRow, len(rc.Transfers))
	for i := range rc.Transfers {
		rows[i] = l.transferRow(&rc.Transfers[i])
	}
	start := func() {
		l.sectionTitle(marginX, contentW, l.y, s.transfers)
		l.y += titleH
		l.tableHead()
	}
	l.need(titleH + tableHeadH + rows[0].height())
	start()
	for _, row := range rows {
		if l.need(row.height()) {
			start()
		}
		l.transferLine(row)
	}
}

func (l *layout) transferLine(t transferRow) {
	r := l.r
	lead := leading(tableSize)
	base := l.y + cellPad + lead - 0.4
	c := l.c
	c.text(r.regular, tableSize, colX[0]+cellPad, base, t.id)
	y := base
	for _, line := range t.to {
		c.text(r.bold, tableSize, colX[1]+cellPad, y, line)
		y += lead
	}
	for _, line := range t.cf {
		c.text(r.mono, tableSize, colX[1]+cellPad, y, line)
		y += lead
	}
	y = base
	f := r.mono
	if t.stamp {
		f = r.regular
	}
	for _, line := range t.account {
		c.text(f, t.accSize, colX[2]+cellPad, y, line)
		y += lead
	}
	for i, line := range t.iur {
		if i == 0 {
			c.fill(grey)
			c.text(r.regular, labelSize, colX[2]+cellPad, y, l.s.iur)
			c.fill(black)
		}
		c.text(r.mono, tableSize, colX[2]+cellPad+t.iurW, y, line)
		y += lead
	}
	y = base
	for _, line := range t.reason {
		c.text(r.regular, tableSize, colX[3]+cellPad, y, line)
		y += lead
	}
	c.textRight(r.bold, fit(r.bold, tableSize, colW[4]-2*cellPad, t.amount), colX[4]+colW[4]-cellPad, base, t.amount)
	l.y += t.height()
	c.hline(marginX, pageW-marginX, l.y, 0.4, greyLine)
}

// footers draws, on every page, where the receipt comes from and the
// page number.
func (l *layout) footers() {
	r, s := l.r, l.s
	note := s.footer
	if f := clean(string(l.rc.Format)); f != "" {
		note = strings.ReplaceAll(note, "{format}", f)
	} else {
		note = strings.ReplaceAll(note, " ({format})", "")
	}
	n := len(l.pages)
	for i, c := range l.pages {
		c.hline(marginX, pageW-marginX, footerY, 0.5, greyLine)
		c.fill(grey)
		page := strings.NewReplacer("{n}", strconv.Itoa(i+1), "{m}", strconv.Itoa(n)).Replace(s.pageOf)
		c.textRight(r.regular, 7, pageW-marginX, footerY+4, page)
		pw := width(r.regular, 7, page) + 6
		y := footerY + 4
		for _, line := range wrap(r.regular, 7, contentW-pw, note) {
			c.text(r.regular, 7, marginX, y, line)
			y += leading(7)
		}
		c.fill(black)
	}
}
