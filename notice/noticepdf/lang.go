package noticepdf

import "strings"

// Lang selects the language of the fixed texts of a notice.
type Lang string

// The supported languages. Bilingual notices print the second language in
// grey after the first, as the pagoPA "Avviso bilingue" variant does.
const (
	Italian        Lang = "it"
	German         Lang = "de"
	English        Lang = "en"
	ItalianGerman  Lang = "it+de"
	ItalianEnglish Lang = "it+en"
)

// Langs lists the supported languages.
var Langs = []Lang{Italian, German, English, ItalianGerman, ItalianEnglish}

func (l Lang) valid() bool {
	for _, v := range Langs {
		if l == v {
			return true
		}
	}
	return false
}

// tables returns the string tables of the language(s) of l: one, or two
// for a bilingual notice.
func (l Lang) tables() []*strs {
	switch l {
	case German:
		return []*strs{&de}
	case English:
		return []*strs{&en}
	case ItalianGerman:
		return []*strs{&it, &de}
	case ItalianEnglish:
		return []*strs{&it, &en}
	default:
		return []*strs{&it}
	}
}

// strs holds the fixed texts of the notice in one language: the strings of
// the "Avvisi pagoPA 3.x" translation tables (Traduzioni, stringhe dei testi
// fissi); placeholders are written {n}, {ente}.
type strs struct {
	decimalComma bool // amounts as 1.020,99 (it, de) or 1,020.99 (en)

	title         string // avviso.intestazione.titolo
	creditor      string // avviso.info-ente-creditore.titolo
	debtor        string // avviso.info-destinatario.titolo
	fiscalCode    string // label before the fiscal codes
	howMuch       string // avviso.importo-scadenza.titolo
	howMuchNoDate string // "Avviso senza scadenza" heading
	euro          string
	within        string // avviso.importo-scadenza.scadenza.scadenza
	ratesFull     string // disclaimer.rate.rate
	ratesOnly     string // disclaimer.rate.solorate
	manyRates     string // disclaimer.rate.molterate
	legal         string // disclaimer.legal

	wherePay     string // dove-pagare.titolo
	whereCTA     string // dove-pagare.cta
	onlineTitle  string // italia.online.titolo
	onlineSite   string // italia.online.descrizione.sitoente, "{channel}" = ENTE.CANALE.ONLINE
	onlineNoSite string // italia.online.descrizione.noente
	localTitle   string // italia.territorio.titolo
	localDesc    string // italia.territorio.descrizione

	channelSite    string // "sul sito di {ente}"
	channelApp     string
	channelSiteApp string

	payData    string // dati-pagamento.titolo
	single     string // dati-pagamento.rataunica
	nth        string // dati-pagamento.nrata, {n}
	dueWithin  string // dati-pagamento.scadenza
	qrSingle   string // istruzioni.qrcode.rataunica
	qrRates    string // istruzioni.qrcode.rate
	ec         string // dati-pagamento.ec
	recipient  string // dati-pagamento.destinatario
	subject    string // dati-pagamento.oggetto
	cbill      string // dati-pagamento.cbill
	noticeCode string // dati-pagamento.avviso
	ecFiscal   string // dati-pagamento.cfec
	planTitle  string // many-instalments summary heading
	planNumber string
	planDue    string
	planAmount string

	postalTitle   string
	postalOn      string // "sul C/C n."
	postalHolder  string // "Intestato a"
	postalType    string // "Tipo"
	postalPayable string
}

func (s *strs) nthRate(n int) string { return strings.ReplaceAll(s.nth, "{n}", itoa(n)) }

func (s *strs) rates(full bool, n int) string {
	t := s.ratesOnly
	if full {
		t = s.ratesFull
	}
	return strings.ReplaceAll(t, "{n}", itoa(n))
}

func (s *strs) channel(c OnlineChannel, ente string) string {
	var t string
	switch c {
	case Website:
		t = s.channelSite
	case App:
		t = s.channelApp
	case WebsiteAndApp:
		t = s.channelSiteApp
	default:
		return ""
	}
	return strings.ReplaceAll(t, "{ente}", ente)
}

// Italian: the official strings of the notice (Avvisi pagoPA 3.x,
// "Stringhe dei testi fissi", Italiano) and of the Dove pagare section.
var it = strs{
	decimalComma:  true,
	title:         "Avviso di pagamento",
	creditor:      "Ente Creditore",
	debtor:        "Destinatario",
	fiscalCode:    "Cod. Fiscale",
	howMuch:       "Quanto e quando pagare?",
	howMuchNoDate: "Quanto pagare?",
	euro:          "Euro",
	within:        "entro il",
	ratesFull:     "Puoi pagare per intero o in {n} rate",
	ratesOnly:     "Puoi pagare in {n} rate",
	manyRates:     "Importi e scadenze sono riportati nel dettaglio di ogni singola rata.",
	legal:         "In fase di pagamento, se previsto dall’ente, l'importo potrebbe essere aggiornato automaticamente e subire variazioni in diminuzione (per sgravi, note di credito) o in aumento (per sanzioni, interessi, ecc.).",

	wherePay:     "Dove pagare?",
	whereCTA:     "vai su pagopa.gov.it",
	onlineTitle:  "Paga con l'app IO",
	onlineSite:   "oppure {channel}, dal tuo Home Banking, con la tua app di pagamento o con gli altri canali abilitati.",
	onlineNoSite: "oppure dal tuo Home Banking, con la tua app di pagamento o con gli altri canali abilitati.",
	localTitle:   "Paga sul territorio",
	localDesc:    "presso Banche e Sportelli ATM, negli Uffici Postali e Punti Postali, nei Bar, Edicole, Ricevitorie, Supermercati, Tabaccherie e altri Operatori Abilitati.",

	channelSite:    "sul sito di {ente}",
	channelApp:     "sull'app di {ente}",
	channelSiteApp: "sul sito o app di {ente}",

	payData:    "Dati per il pagamento",
	single:     "Rata unica",
	nth:        "Rata {n}",
	dueWithin:  "entro il",
	qrSingle:   "Inquadra il codice QR con la tua app di pagamento o usa i dati accanto.",
	qrRates:    "Inquadra il codice QR con la tua app di pagamento o usa i dati sopra.",
	ec:         "Ente Creditore",
	recipient:  "Destinatario",
	subject:    "Oggetto del pagamento",
	cbill:      "Cod. CBILL",
	noticeCode: "Cod. Avviso",
	ecFiscal:   "Cod. Fiscale Ente",
	planTitle:  "Piano delle rate",
	planNumber: "Rata",
	planDue:    "Scadenza",
	planAmount: "Importo",

	postalTitle:   "Bollettino postale PA",
	postalOn:      "sul C/C n.",
	postalHolder:  "Intestato a",
	postalType:    "Tipo",
	postalPayable: "Bollettino Postale pagabile in tutti gli Uffici Postali e sui canali fisici o digitali abilitati di Poste Italiane e dell’Ente Creditore",
}

// English: the official English strings (Avvisi pagoPA 3.x, Traduzioni,
// Inglese). The postal labels have no official translation.
var en = strs{
	title:         "Payment Notice",
	creditor:      "Payee",
	debtor:        "Recipient",
	fiscalCode:    "Tax Code",
	howMuch:       "How much and when to pay?",
	howMuchNoDate: "How much to pay?",
	euro:          "Euro",
	within:        "Due Date",
	ratesFull:     "You can pay the full amount or split in {n} installments",
	ratesOnly:     "You can pay in {n} installments",
	manyRates:     "You can find due dates and amounts within each installment.",
	legal:         "During payment, if allowed by the payee, the amount could be updated automatically and be subject to changes in decrease (for allowances, credit notes) or increase (for penalties, interest, etc.).",

	wherePay:     "Where to pay?",
	whereCTA:     "Go to pagopa.gov.it",
	onlineTitle:  "Pay with IO app",
	onlineSite:   "or with {channel}, your Home Banking, payment app or the other authorized channels.",
	onlineNoSite: "or with your Home Banking, payment app or the other authorized channels.",
	localTitle:   "Pay locally",
	localDesc:    "at Banks and ATMs, in Post Offices, Cafés, Newsagents, Betting and Tobacco Shops, Supermarkets and other Enabled Merchants.",

	channelSite:    "{ente}’s website",
	channelApp:     "{ente}’s app",
	channelSiteApp: "{ente}’s website or app",

	payData:    "Payment details",
	single:     "Full amount",
	nth:        "Installment #{n}",
	dueWithin:  "Due Date",
	qrSingle:   "Scan the QR Code with your payment app or use the data printed here.",
	qrRates:    "Scan the QR Code with your payment app or use the data printed above.",
	ec:         "Payee",
	recipient:  "Recipient",
	subject:    "Payment Description",
	cbill:      "CBILL Code",
	noticeCode: "Notice Code",
	ecFiscal:   "Payee Tax Code",
	planTitle:  "Installment plan",
	planNumber: "Installment",
	planDue:    "Due Date",
	planAmount: "Amount",

	postalTitle:   "Bollettino postale PA",
	postalOn:      "on postal account no.",
	postalHolder:  "Account holder",
	postalType:    "Type",
	postalPayable: "Postal payment slip payable at all Post Offices and on the physical or digital channels of Poste Italiane and of the Payee",
}

// German: the official German strings (Avvisi pagoPA 3.x, Traduzioni,
// Tedesco). The postal labels have no official translation.
var de = strs{
	decimalComma:  true,
	title:         "Zahlungsmitteilung",
	creditor:      "Körperschaft",
	debtor:        "Empfänger",
	fiscalCode:    "St.Nr.",
	howMuch:       "Wieviel und wann bezahlen?",
	howMuchNoDate: "Wieviel bezahlen?",
	euro:          "Euro",
	within:        "Fälligkeitsdatum",
	ratesFull:     "Es ist möglich, den Betrag vollständig oder in {n} Raten zu zahlen",
	ratesOnly:     "Es ist möglich, den Betrag in {n} Raten zu zahlen",
	manyRates:     "Die Beträge und Fälligkeiten sind in den Details der einzelnen Rate angegeben.",
	legal:         "Der angeführte Betrag könnte sich auf Grund von allfälligen auch teilweisen Annullierungen oder Gutschriften, Verzugsgebühren, Strafen, Zinsen oder anderen Kosten ändern.",

	wherePay:     "Wo bezahlen?",
	whereCTA:     "Liste der Zahlungsdienstleister: pagopa.gov.it",
	onlineTitle:  "Online",
	onlineSite:   "mit der App IO, auf {channel}, mittels Home Banking, einer Zahlungsapp oder anderer zugelassener Zahlungsdienstleister.",
	onlineNoSite: "mit der App IO, mittels Home Banking, einer Zahlungsapp oder anderer zugelassener Zahlungsdienstleister.",
	localTitle:   "In ihrer Umgebung",
	localDesc:    "bei Banken und ATM-Schaltern, in Postämtern und Poststellen, Tabaktrafiken und anderen angebundenen Dienstleistern.",

	channelSite:    "der Webseite von {ente}",
	channelApp:     "der App von {ente}",
	channelSiteApp: "der Webseite oder App von {ente}",

	payData:    "Zahlungsinformationen",
	single:     "Einzige Rate",
	nth:        "Rate {n}",
	dueWithin:  "Fällig am",
	qrSingle:   "Den QR-Code mit der Zahlungs-App scannen oder folgende Daten verwenden.",
	qrRates:    "Den QR-Code mit der Zahlungs-App scannen oder oben Daten verwenden.",
	ec:         "Körperschaft",
	recipient:  "Empfänger",
	subject:    "Zahlungsgrund",
	cbill:      "CBILL-Kodex",
	noticeCode: "Zahlungsmitteilungskodex",
	ecFiscal:   "St.Nr. der Körperschaft",
	planTitle:  "Ratenplan",
	planNumber: "Rate",
	planDue:    "Fällig am",
	planAmount: "Betrag",

	postalTitle:   "Bollettino postale PA",
	postalOn:      "auf Postkontokorrent Nr.",
	postalHolder:  "Inhaber",
	postalType:    "Typ",
	postalPayable: "Posterlagschein zahlbar in allen Postämtern und auf den physischen oder digitalen Kanälen der Poste Italiane und der Körperschaft",
}
