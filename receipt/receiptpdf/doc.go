// Package receiptpdf renders the printable attestazione di pagamento
// (payment receipt) of a pagoPA payment as an A4 PDF, from the
// normalised receipt.Receipt of package receipt: a paSendRT or
// paSendRTV2 receipt, or a legacy RT.
//
// The attestation carries what pagoPA asks of its analog copy, the date
// and time of the payment, the application date, the ente's fiscal code
// and name, the IUV, the PSP's name and fiscal code, the receipt id
// (payment token), the amount and the causale, and everything else the
// receipt holds that a reader needs:
//
//   - the title, the ente's name and optional logo (WithLogo);
//   - a band with the amount paid, the date and time of the payment and
//     the outcome (OK, KO, PARTIAL; for an RT, codiceEsitoPagamento 3 and
//     4 are spelled out);
//   - the payment: causale, IUV, notice number in groups of four digits as
//     printed notices write it, receipt id, the CCP of an RT, payment
//     note, application and transfer dates, the PSP's fee, and a line
//     when the Nodo took the payment in stand-in;
//   - the ente (name, fiscal code, office) and the PSP (name, fiscal
//     code, VAT number, id, channel, payment method);
//   - the debtor and the payer (name, fiscal code or VAT number, address,
//     e-mail);
//   - the transfers: beneficiary, IBAN in groups of four or "marca da
//     bollo digitale" for an @e.bollo transfer, the IUR of an RT,
//     remittance information and amount.
//
// Absent values are left out with their labels. Texts wrap within their
// columns and pages follow as needed, with a short header and the page
// number, so nothing ever leaves the page: a usual receipt, up to five
// transfers and a 140-character causale included, takes one page.
//
// # Language, dates and amounts
//
// The fixed texts are Italian by default; WithLang("en") prints them in
// English. Times are printed in Italian civil time (CET or CEST, by the
// EU rule, whatever the time.Time's location), which the footer says:
// 25/09/2024 11:24:01 in Italian, 2024-09-25 11:24:01 in English. Dates
// are 25/09/2024 or 2024-09-25; amounts 1.020,99 € or €1,020.99.
//
// # Validation
//
// Render validates first and draws nothing for a receipt that cannot be
// printed: a nil receipt; a missing receipt id, ente fiscal code or IUV;
// a zero amount unless the outcome is KO; amounts out of range; texts
// over MaxText characters, with control characters or with characters
// the fonts lack; more than MaxTransfers transfers. Every problem is
// reported at once in a *ValidationError, each naming the field by the
// JSON name of receipt.Receipt ("transfers[1].iban") and the rule
// (errors.Is works with the Err… variables).
//
// # Fonts and output
//
// By default the Renderer uses the Go fonts (golang.org/x/image/font/
// gofont): Go Regular and Go Bold for texts, Go Mono for codes; WithFonts
// takes any TrueType fonts. Fonts are embedded as subsets. The output is
// deterministic: no date of creation is written, and the same receipt
// with the same options renders to the same bytes.
package receiptpdf
