package receipt_test

import (
	"errors"
	"fmt"

	"github.com/pagokit/pagokit/receipt"
)

func ExampleParse() {
	msg := []byte(`<receipt>
  <receiptId>c110729d258c4ab1b765fe902aae41d6</receiptId>
  <noticeNumber>302000000000000184</noticeNumber>
  <fiscalCode>01234567890</fiscalCode>
  <outcome>OK</outcome>
  <creditorReferenceId>02000000000000184</creditorReferenceId>
  <paymentAmount>136.50</paymentAmount>
  <description>TARI 2025</description>
  <companyName>Comune di Esempio</companyName>
  <transferList>
    <transfer>
      <idTransfer>1</idTransfer>
      <transferAmount>136.50</transferAmount>
      <fiscalCodePA>01234567890</fiscalCodePA>
      <IBAN>IT60X0542811101000000123456</IBAN>
      <remittanceInformation>TARI 2025</remittanceInformation>
      <transferCategory>9/0101101IM/</transferCategory>
    </transfer>
  </transferList>
  <idPSP>BESPITRRXXX</idPSP>
  <PSPCompanyName>Banca Esempio</PSPCompanyName>
  <idChannel>01234567890_02</idChannel>
  <channelDescription>app</channelDescription>
  <paymentDateTime>2025-03-14T10:15:42</paymentDateTime>
</receipt>`)
	r, err := receipt.Parse(msg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Format, r.ReceiptID)
	fmt.Println(r.CreditorReferenceID, r.PaymentAmountCents, r.Outcome)
	fmt.Println(r.PaymentDateTime)
	for _, tr := range r.Transfers {
		fmt.Println(tr.IDTransfer, tr.FiscalCode, tr.AmountCents, tr.IBAN)
	}
	for _, w := range r.Warnings {
		fmt.Println("warning:", w.Path, w.Message)
	}
	// Output:
	// paSendRT c110729d258c4ab1b765fe902aae41d6
	// 02000000000000184 13650 OK
	// 2025-03-14 10:15:42 +0100 CET
	// 1 01234567890 13650 IT60X0542811101000000123456
	// warning: receipt/debtor missing (the schema requires it)
}

func ExampleParse_error() {
	msg := []byte(`<receipt><receiptId>r1</receiptId><fiscalCode>01234567890</fiscalCode>` +
		`<outcome>OK</outcome><creditorReferenceId>02000000000000184</creditorReferenceId>` +
		`<paymentAmount>136,50</paymentAmount></receipt>`)
	_, err := receipt.Parse(msg)
	var fe *receipt.FieldError
	if errors.As(err, &fe) {
		fmt.Println(fe.Path, errors.Is(err, receipt.ErrInvalid))
	}
	// Output:
	// receipt/paymentAmount true
}

func ExampleInviaRTError() {
	msg := []byte(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Header>
    <ppthead:intestazionePPT xmlns:ppthead="http://ws.pagamenti.telematici.gov/ppthead">
      <identificativoDominio>80012345678</identificativoDominio>
      <identificativoUnivocoVersamento>RF23000000000000123</identificativoUnivocoVersamento>
      <codiceContestoPagamento>n/a</codiceContestoPagamento>
    </ppthead:intestazionePPT>
  </soap:Header>
  <soap:Body>
    <ppt:paaInviaRT xmlns:ppt="http://ws.pagamenti.telematici.gov/"><tipoFirma>0</tipoFirma><rt></rt></ppt:paaInviaRT>
  </soap:Body>
</soap:Envelope>`)
	_, err := receipt.Parse(msg)
	var ie *receipt.InviaRTError
	if errors.Is(err, receipt.ErrEmptyRT) && errors.As(err, &ie) {
		fmt.Println("no RT for", ie.DomainID, ie.IUV)
	}
	// Output:
	// no RT for 80012345678 RF23000000000000123
}
