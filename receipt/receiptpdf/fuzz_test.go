package receiptpdf

import (
	"bytes"
	"errors"
	"testing"

	"github.com/pagokit/pagokit/receipt"
)

// FuzzRender feeds arbitrary texts and amounts through validation and
// rendering: nothing may panic, every refusal must be a
// *ValidationError, and a receipt that validates must render.
func FuzzRender(f *testing.F) {
	f.Add("Diritti di segreteria", "Comune di Città Esempio", "Hans Müller-Weiß", "IT60X0542811101000000123456",
		"/RFB/48172725623804858/100.50/TXT/Diritti", "48172725623804858", int64(11650), uint8(2), false)
	f.Add("", "", "", "", "", "", int64(0), uint8(0), true)
	r, err := New()
	if err != nil {
		f.Fatal(err)
	}
	en, err := New(WithLang(English))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, description, company, name, iban, remittance, iuv string, amount int64, transfers uint8, english bool) {
		rc := fullReceipt()
		rc.Description, rc.CompanyName, rc.CreditorReferenceID = description, company, iuv
		rc.NoticeNumber, rc.ReceiptID = iuv, remittance
		rc.Debtor.FullName, rc.Payer.StreetName = name, name
		rc.PaymentAmountCents = amount
		rc.Transfers = nil
		for i := range int(transfers % 8) {
			rc.Transfers = append(rc.Transfers, receipt.Transfer{
				IDTransfer: i + 1, AmountCents: amount, FiscalCode: iuv, CompanyName: company,
				IBAN: iban, HasStamp: i%2 == 1, RemittanceInformation: remittance, IUR: name,
			})
		}
		if english {
			rc.Legacy = &receipt.Legacy{OutcomeCode: description, PaymentContextCode: iban}
		}
		rd := r
		if english {
			rd = en
		}
		var buf bytes.Buffer
		err := rd.Render(&buf, rc)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("Render error %T is not a non-empty *ValidationError: %v", err, err)
			}
			if buf.Len() > 0 {
				t.Fatal("an invalid receipt wrote bytes")
			}
			return
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-1.")) {
			t.Fatal("a valid receipt did not render as a PDF")
		}
	})
}
