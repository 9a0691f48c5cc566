package receiptpdf

// strs holds the fixed texts of the receipt in one language, and how
// amounts and dates are written in it.
type strs struct {
	italian bool // amounts as "1.020,99 €" and dates as dd/mm/yyyy; else "€1,020.99" and yyyy-mm-dd

	title string

	amountPaid     string
	paymentDate    string
	outcome        string
	outcomeOK      string
	outcomeKO      string
	outcomePart    string
	expired        string // codiceEsitoPagamento 3
	expiredPartial string // codiceEsitoPagamento 4

	payment      string // section title
	description  string
	iuv          string
	noticeNumber string
	receiptID    string
	ccp          string
	application  string
	transferDate string
	fee          string
	paymentNote  string
	standIn      string

	creditor   string // section title
	name       string
	office     string
	fiscalCode string

	psp       string // section title
	vatNumber string
	pspID     string
	channel   string
	method    string

	debtor  string
	payer   string
	idLabel string // before the debtor's or payer's fiscal code
	address string
	email   string

	transfers  string // section title
	colID      string
	colTo      string
	colAccount string
	colReason  string
	colAmount  string
	stamp      string
	iur        string
	continued  string // header of the following pages
	footer     string // {format} is the message the receipt came in
	pageOf     string // {n} of {m}
	pdfSubject string
}

// Lang values accepted by WithLang.
const (
	Italian = "it"
	English = "en"
)

func langTable(lang string) (*strs, bool) {
	switch lang {
	case Italian:
		return &it, true
	case English:
		return &en, true
	}
	return nil, false
}

var it = strs{
	italian: true,
	title:   "Attestazione di pagamento",

	amountPaid:     "Importo pagato",
	paymentDate:    "Data e ora del pagamento",
	outcome:        "Esito",
	outcomeOK:      "Eseguito",
	outcomeKO:      "Non eseguito",
	outcomePart:    "Parzialmente eseguito",
	expired:        "decorrenza termini",
	expiredPartial: "decorrenza termini parziale",

	payment:      "Dati del pagamento",
	description:  "Causale",
	iuv:          "Codice IUV",
	noticeNumber: "Codice avviso",
	receiptID:    "Identificativo ricevuta",
	ccp:          "Codice contesto pagamento (CCP)",
	application:  "Data di applicazione",
	transferDate: "Data di riversamento all'ente",
	fee:          "Commissione del PSP",
	paymentNote:  "Nota di pagamento",
	standIn:      "Pagamento registrato dal Nodo dei Pagamenti in modalità stand-in.",

	creditor:   "Ente creditore",
	name:       "Denominazione",
	office:     "Ufficio",
	fiscalCode: "Codice fiscale",

	psp:       "Prestatore di servizi di pagamento (PSP)",
	vatNumber: "Partita IVA",
	pspID:     "Identificativo PSP",
	channel:   "Canale",
	method:    "Metodo di pagamento",

	debtor:  "Debitore",
	payer:   "Versante",
	idLabel: "Cod. fiscale / P. IVA",
	address: "Indirizzo",
	email:   "E-mail",

	transfers:  "Dettaglio dei versamenti",
	colID:      "#",
	colTo:      "Beneficiario",
	colAccount: "Accredito",
	colReason:  "Causale del versamento",
	colAmount:  "Importo",
	stamp:      "Marca da bollo digitale",
	iur:        "IUR",
	continued:  "Attestazione di pagamento (segue)",
	footer:     "Attestazione generata dalla ricevuta pagoPA ({format}). Date e ore sono in ora italiana.",
	pageOf:     "Pagina {n} di {m}",
	pdfSubject: "Attestazione di pagamento pagoPA",
}

var en = strs{
	title: "Payment receipt",

	amountPaid:     "Amount paid",
	paymentDate:    "Payment date and time",
	outcome:        "Outcome",
	outcomeOK:      "Successful",
	outcomeKO:      "Not executed",
	outcomePart:    "Partially executed",
	expired:        "time limit expired",
	expiredPartial: "time limit expired, partially executed",

	payment:      "Payment details",
	description:  "Payment description",
	iuv:          "Creditor reference (IUV)",
	noticeNumber: "Notice code",
	receiptID:    "Receipt ID",
	ccp:          "Payment context code (CCP)",
	application:  "Application date",
	transferDate: "Transfer date to the payee",
	fee:          "PSP fee",
	paymentNote:  "Payment note",
	standIn:      "Payment taken by the pagoPA node in stand-in mode.",

	creditor:   "Creditor institution",
	name:       "Name",
	office:     "Office",
	fiscalCode: "Tax code",

	psp:       "Payment service provider (PSP)",
	vatNumber: "VAT number",
	pspID:     "PSP ID",
	channel:   "Channel",
	method:    "Payment method",

	debtor:  "Debtor",
	payer:   "Payer",
	idLabel: "Tax code / VAT no.",
	address: "Address",
	email:   "E-mail",

	transfers:  "Transfers",
	colID:      "#",
	colTo:      "Beneficiary",
	colAccount: "Credited to",
	colReason:  "Remittance information",
	colAmount:  "Amount",
	stamp:      "Digital revenue stamp",
	iur:        "IUR",
	continued:  "Payment receipt (continued)",
	footer:     "Generated from the pagoPA receipt ({format}). Dates and times are Italian time.",
	pageOf:     "Page {n} of {m}",
	pdfSubject: "pagoPA payment receipt",
}
