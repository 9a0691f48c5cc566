package soap_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/pagokit/pagokit/pagopa/internal/soap"
)

// A paVerifyPaymentNotice request, as the Nodo sends it.
const verifyRequest = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:pafn="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd">
  <soapenv:Body>
    <pafn:paVerifyPaymentNoticeReq>
      <idPA>01234567890</idPA>
      <idBrokerPA>01234567890</idBrokerPA>
      <idStation>01234567890_01</idStation>
      <qrCode>
        <fiscalCode>01234567890</fiscalCode>
        <noticeNumber>302000000000000184</noticeNumber>
      </qrCode>
    </pafn:paVerifyPaymentNoticeReq>
  </soapenv:Body>
</soapenv:Envelope>`

// The handler of a paForNode endpoint: decode the request, answer it.
func Example() {
	req, err := soap.DecodeRequest(strings.NewReader(verifyRequest), `"paVerifyPaymentNotice"`, soap.DefaultLimits)
	if err != nil {
		return // see ExampleFaultResponse
	}
	fmt.Println(req.Op, req.Header.IDStation, req.Verify.NoticeNumber)

	res := &soap.VerifyRes{
		Outcome: "OK",
		Option: &soap.PaymentOption{
			Amount:            13650, // cents
			Options:           "EQ",
			DueDate:           time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
			DetailDescription: "TARI 2025 rata unica",
		},
		PaymentDescription: "TARI 2025 rata unica",
		FiscalCodePA:       req.Verify.FiscalCode,
		CompanyName:        "Comune di Esempio",
	}
	if err := soap.WriteResponse(os.Stdout, res); err != nil {
		fmt.Println(err)
	}
	// Output:
	// paVerifyPaymentNotice 01234567890_01 302000000000000184
	// <?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><paf:paVerifyPaymentNoticeRes xmlns:paf="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd"><outcome>OK</outcome><paymentList><paymentOptionDescription><amount>136.50</amount><options>EQ</options><dueDate>2025-12-31</dueDate><detailDescription>TARI 2025 rata unica</detailDescription><allCCP>false</allCCP></paymentOptionDescription></paymentList><paymentDescription>TARI 2025 rata unica</paymentDescription><fiscalCodePA>01234567890</fiscalCodePA><companyName>Comune di Esempio</companyName></paf:paVerifyPaymentNoticeRes></soapenv:Body></soapenv:Envelope>
}

// A request that cannot be decoded is answered with the fault the
// *Error names, in the wrapper of the operation it was for.
func ExampleFaultResponse() {
	bad := strings.Replace(verifyRequest, "302000000000000184", "30200000000000018", 1)
	_, err := soap.DecodeRequest(strings.NewReader(bad), "", soap.DefaultLimits)
	var e *soap.Error
	if !errors.As(err, &e) {
		return
	}
	fmt.Println(err)
	res := soap.FaultResponse(e.Op, soap.Fault{
		Code:        e.Fault,
		String:      "Errore di sintassi XSD",
		ID:          e.Header.IDPA,
		Description: e.Field,
	})
	if err := soap.WriteResponse(os.Stdout, res); err != nil {
		fmt.Println(err)
	}
	// Output:
	// soap: paVerifyPaymentNotice: qrCode/noticeNumber: invalid value: does not match the pattern
	// <?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><paf:paVerifyPaymentNoticeRes xmlns:paf="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd"><outcome>KO</outcome><fault><faultCode>PAA_SINTASSI_XSD</faultCode><faultString>Errore di sintassi XSD</faultString><id>01234567890</id><description>qrCode/noticeNumber</description></fault></paf:paVerifyPaymentNoticeRes></soapenv:Body></soapenv:Envelope>
}
