// Package noticepdf renders the printable pagoPA payment notice (avviso di
// pagamento) as PDF, following the graphic specification "Avvisi pagoPA
// 3.x", one at a time or in bulk.
//
// A notice has the sections of the specification: the header with the
// subject and the ente's logo, repeated on every page; the ente and the
// debtor; amount and due date ("Quanto e quando pagare?"); where to pay
// ("Dove pagare?") with the optional online and physical channels of the
// ente; and the payment data ("Dati per il pagamento"). The rata unica comes
// first; instalments follow two or three per row, never mixing the two
// layouts; from 9 instalments a plan summarises them ("Avviso con molte
// rate"); a notice without due date prints "Quanto pagare?". When the ente
// has a postal account, every payable item also gets its "Bollettino postale
// PA" with the Poste DataMatrix. Each payable item has its own notice
// number, amount, due date and 25×25 mm vector QR code.
//
// The fixed texts are the official strings of the specification in Italian,
// German and English; Lang also selects bilingual notices (it+de, it+en),
// where the second language is printed in grey. Amounts are printed as
// 1.020,99 (it, de) or 1,020.99 (en), dates as dd/mm/yyyy.
//
// # Input
//
// Go callers build a Notice from typed values. Callers of pagoPA's print
// service can send the same JSON (NoticeGenerationRequestItem) through
// ParseRequest and Renderer.Prepare (Request.Notice converts without
// checking the renderer's fonts); the ente data that pagoPA keeps in its
// back office travel in extension fields of creditorInstitution (fullName,
// sector, info, cbill, logo, onlineChannel, physicalChannel,
// postalAccount).
//
// Validation happens before drawing and reports every problem at once in a
// *ValidationError, each Problem naming the field by its JSON path and the
// rule (errors.Is works with the Err… variables). A notice that could not
// be paid is never drawn.
//
// # Fonts
//
// The specification uses Titillium Web and Roboto Mono. By default the
// Renderer uses the Go fonts (golang.org/x/image/font/gofont); WithFonts
// takes any TrueType fonts, for example the official ones.
//
// # Bulk
//
// Renderer.Bulk reads JSON Lines and writes a ZIP with one PDF per notice
// and an errors.csv report, with a bounded number of workers and memory
// that does not grow with the batch: the ZIP's central directory and the
// report go through temporary files.
package noticepdf
