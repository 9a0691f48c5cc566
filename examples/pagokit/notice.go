package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/pagokit/pagokit/notice"
)

var noticeCommand = &command{
	name:    "notice",
	summary: "notice numbers, RF references, QR and DataMatrix payloads",
	sub: []*command{
		{name: "parse", summary: "parse and validate a notice number", run: noticeParse},
		{name: "new", summary: "build or generate a notice number", run: noticeNew},
		{name: "format", summary: "print a notice number in groups of four", run: noticeFormat},
		{name: "rf", summary: "ISO 11649 RF creditor references", sub: []*command{
			{name: "new", summary: "create an RF reference", run: rfNew},
			{name: "check", summary: "validate an RF reference", run: rfCheck},
		}},
		{name: "qr", summary: "build the QR code payload (and PNG/SVG)", run: noticeQR},
		{name: "datamatrix", summary: "build the Poste DataMatrix payload (and PNG)", run: noticeDataMatrix},
		{name: "pdf", summary: "render payment notices as PDF (one, or a JSON Lines batch into a ZIP)", run: noticePDF},
	},
}

// numberJSON is the JSON form of a parsed notice number.
type numberJSON struct {
	NoticeNumber    string `json:"notice_number"`
	AuxDigit        int    `json:"aux_digit"`
	ApplicationCode string `json:"application_code"`
	SegregationCode string `json:"segregation_code"`
	IUVBase         string `json:"iuv_base"`
	IUV             string `json:"iuv"`
	CheckDigit      string `json:"check_digit"`
	CheckDigitValid bool   `json:"check_digit_valid"`
}

func printNumber(e env, n notice.Number, asJSON bool) error {
	v := numberJSON{
		NoticeNumber:    n.String(),
		AuxDigit:        n.AuxDigit(),
		ApplicationCode: n.ApplicationCode(),
		SegregationCode: n.SegregationCode(),
		IUVBase:         n.IUVBase(),
		IUV:             n.IUV(),
		CheckDigit:      n.CheckDigit(),
		CheckDigitValid: n.CheckDigitValid(),
	}
	if asJSON {
		return writeJSON(e, v)
	}
	rows := [][2]string{
		{"notice number", v.NoticeNumber},
		{"printed", n.Format()},
		{"aux digit", fmt.Sprint(v.AuxDigit)},
		{"application code", v.ApplicationCode},
		{"segregation code", v.SegregationCode},
		{"IUV base", v.IUVBase},
		{"IUV", v.IUV},
		{"check digit", v.CheckDigit},
	}
	for _, r := range rows {
		if r[1] != "" {
			fmt.Fprintf(e.stdout, "%-17s %s\n", r[0]+":", r[1])
		}
	}
	switch {
	case n.AuxDigit() == 1:
		fmt.Fprintf(e.stdout, "%-17s %s\n", "check digit:", "none (aux digit 1)")
	case !v.CheckDigitValid:
		fmt.Fprintf(e.stdout, "%-17s %s\n", "check digit ok:", "NO")
	default:
		fmt.Fprintf(e.stdout, "%-17s %s\n", "check digit ok:", "yes")
	}
	return nil
}

func writeJSON(e env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func parseNumber(s string, lenient bool) (notice.Number, error) {
	if lenient {
		return notice.ParseLenient(s)
	}
	return notice.Parse(s)
}

func noticeParse(e env, args []string) error {
	fs := flag.NewFlagSet("notice parse", flag.ContinueOnError)
	lenient := fs.Bool("lenient", false, "accept a wrong check digit and report it")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args, "notice-number")
	if err != nil {
		return err
	}
	n, err := parseNumber(pos[0], *lenient)
	if err != nil {
		return err
	}
	return printNumber(e, n, *asJSON)
}

func noticeFormat(e env, args []string) error {
	fs := flag.NewFlagSet("notice format", flag.ContinueOnError)
	lenient := fs.Bool("lenient", false, "accept a wrong check digit")
	pos, err := parseFlags(fs, args, "notice-number")
	if err != nil {
		return err
	}
	n, err := parseNumber(pos[0], *lenient)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, n.Format())
	return nil
}

func noticeNew(e env, args []string) error {
	fs := flag.NewFlagSet("notice new", flag.ContinueOnError)
	aux := fs.Int("aux", 3, "aux digit: 0, 1, 2 or 3")
	seg := fs.String("segregation", "", "segregation code, 2 digits (aux 3)")
	app := fs.String("application", "", "application code, 2 digits (aux 0)")
	base := fs.String("base", "", "IUV base (13 digits for aux 0 and 3, 15 for aux 2, 17 for aux 1); generated if omitted")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *aux < 0 || *aux > 3 {
		return usagef("notice new: --aux must be 0, 1, 2 or 3")
	}
	if *aux == 3 && *seg == "" {
		return usagef("notice new: --segregation is required with --aux 3")
	}
	if *aux == 0 && *app == "" {
		return usagef("notice new: --application is required with --aux 0")
	}
	var n notice.Number
	var err error
	if *base != "" {
		n, err = notice.Build(notice.Parts{AuxDigit: *aux, ApplicationCode: *app, SegregationCode: *seg, Base: *base})
	} else {
		// Without a persistent sequence, the base is the current time in
		// milliseconds: distinct for numbers generated at least 1 ms apart.
		g := &notice.Generator{
			AuxDigit:        *aux,
			ApplicationCode: *app,
			SegregationCode: *seg,
			Sequence:        notice.NewMemorySequence(uint64(time.Now().UnixMilli()) - 1),
		}
		n, err = g.Next(context.Background())
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return printNumber(e, n, true)
	}
	fmt.Fprintln(e.stdout, n)
	return nil
}

// rfJSON is the JSON form of an RF reference.
type rfJSON struct {
	RF          string `json:"rf"`
	Printed     string `json:"printed"`
	CheckDigits string `json:"check_digits"`
	Reference   string `json:"reference"`
}

func printRF(e env, r notice.RF, asJSON bool) error {
	if asJSON {
		return writeJSON(e, rfJSON{RF: r.String(), Printed: r.Format(), CheckDigits: r.CheckDigits(), Reference: r.Reference()})
	}
	fmt.Fprintln(e.stdout, r.Format())
	return nil
}

func rfNew(e env, args []string) error {
	fs := flag.NewFlagSet("notice rf new", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args, "reference")
	if err != nil {
		return err
	}
	r, err := notice.NewRF(pos[0])
	if err != nil {
		return err
	}
	return printRF(e, r, *asJSON)
}

func rfCheck(e env, args []string) error {
	fs := flag.NewFlagSet("notice rf check", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args, "rf")
	if err != nil {
		return err
	}
	r, err := notice.ParseRF(pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return printRF(e, r, true)
	}
	fmt.Fprintf(e.stdout, "%s: valid\n", r.Format())
	return nil
}

func noticeQR(e env, args []string) error {
	fs := flag.NewFlagSet("notice qr", flag.ContinueOnError)
	nav := fs.String("notice", "", "notice number (18 digits)")
	cf := fs.String("fiscal-code", "", "creditor fiscal code (11 digits)")
	cents := fs.Int64("amount-cents", 0, "amount in euro cents")
	pngFile := fs.String("png", "", "write the QR code as PNG to this file")
	size := fs.Int("size", 330, "PNG size in pixels")
	svgFile := fs.String("svg", "", "write the QR code as SVG (25×25 mm) to this file")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required(fs, "notice", "fiscal-code", "amount-cents"); err != nil {
		return err
	}
	n, err := notice.Parse(*nav)
	if err != nil {
		return err
	}
	q := notice.QR{Number: n, FiscalCode: *cf, AmountCents: *cents}
	payload, err := q.Payload()
	if err != nil {
		return err
	}
	if *pngFile != "" {
		img, err := q.PNG(*size)
		if err != nil {
			return err
		}
		if err := writeFile(*pngFile, img); err != nil {
			return err
		}
	}
	if *svgFile != "" {
		if err := writeWith(*svgFile, func(f *os.File) error { return q.WriteSVG(f, 25) }); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.stdout, payload)
	return nil
}

func noticeDataMatrix(e env, args []string) error {
	fs := flag.NewFlagSet("notice datamatrix", flag.ContinueOnError)
	nav := fs.String("notice", "", "notice number (18 digits)")
	account := fs.String("postal-account", "", "postal current account number (up to 12 digits)")
	cents := fs.Int64("amount-cents", 0, "amount in euro cents")
	cf := fs.String("fiscal-code", "", "creditor fiscal code (11 digits)")
	debtorCF := fs.String("debtor-fiscal-code", "", "debtor fiscal code (up to 16 characters)")
	debtorName := fs.String("debtor-name", "", "debtor full name (up to 40 characters)")
	subject := fs.String("subject", "", "notice subject (up to 110 characters)")
	pngFile := fs.String("png", "", "write the DataMatrix as PNG to this file")
	module := fs.Int("module", 6, "PNG pixels per module")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required(fs, "notice", "postal-account", "amount-cents", "fiscal-code", "debtor-name", "subject"); err != nil {
		return err
	}
	n, err := notice.Parse(*nav)
	if err != nil {
		return err
	}
	d := notice.DataMatrix{
		Number: n, PostalAccount: *account, AmountCents: *cents, FiscalCode: *cf,
		DebtorFiscalCode: *debtorCF, DebtorName: *debtorName, Subject: *subject,
	}
	payload, err := d.Payload()
	if err != nil {
		return err
	}
	if *pngFile != "" {
		img, err := d.PNG(*module)
		if err != nil {
			return err
		}
		if err := writeFile(*pngFile, img); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.stdout, payload)
	return nil
}
