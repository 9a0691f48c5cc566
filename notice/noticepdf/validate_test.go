package noticepdf

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pagokit/pagokit/notice"
)

// validRequest returns a valid rata unica request for notice number
// 302000000000000184: aux 3, segregation code 02, IUV base 1; check digits
// 3020000000000001 mod 93 = 84.
func validRequest(t testing.TB) *Request {
	t.Helper()
	data, err := os.ReadFile("testdata/single.json")
	if err != nil {
		t.Fatal(err)
	}
	req, err := ParseRequest(data)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// instalmentsRequest returns a valid rata unica + 3 instalments request.
func instalmentsRequest(t testing.TB) *Request {
	req := validRequest(t)
	req.TemplateID = Instalments
	req.Data.Notice.Installments = []RequestInstallment{
		{Code: "302000000000000285", Amount: 4550, DueDate: "2025-10-31"},
		{Code: "302000000000000386", Amount: 4550, DueDate: "2025-11-30"},
		{Code: "302000000000000487", Amount: 4550, DueDate: "2025-12-31"},
	}
	return req
}

func mustBuild(aux int, seg, base string) notice.Number {
	n, err := notice.Build(notice.Parts{AuxDigit: aux, SegregationCode: seg, Base: base})
	if err != nil {
		panic(err)
	}
	return n
}

type wantProblem struct {
	Path string
	Rule error
}

// errorsEq compares rule sentinels by identity.
var errorsEq = cmp.Comparer(func(a, b error) bool { return a == b })

func problemsOf(t *testing.T, err error) []wantProblem {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is not a *ValidationError", err)
	}
	rules := []error{ErrMissing, ErrTooLong, ErrCharset, ErrFormat, ErrNoticeNumber, ErrFiscalCode, ErrAmount, ErrInconsistent, ErrCount, ErrTemplate, ErrLogo, ErrLang}
	var out []wantProblem
	for _, p := range ve.Problems {
		var rule error
		for _, r := range rules {
			if errors.Is(p.Err, r) {
				rule = r
				break
			}
		}
		out = append(out, wantProblem{p.Path, rule})
	}
	return out
}

func TestRequestNoticeValid(t *testing.T) {
	for name, req := range map[string]*Request{"single": validRequest(t), "instalments": instalmentsRequest(t)} {
		t.Run(name, func(t *testing.T) {
			n, err := req.Notice(nil)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := n.Debtor.Address, "Via Roma 1, 90100 Palermo (PA)"; got != want {
				t.Errorf("address = %q, want %q", got, want)
			}
			if n.Amount != 13650 || n.Number.String() != "302000000000000184" || n.DueDate.Format("2006-01-02") != "2025-12-31" {
				t.Errorf("notice = %+v", n)
			}
		})
	}
}

func TestRequestNoticeProblems(t *testing.T) {
	tests := []struct {
		name   string
		base   func(testing.TB) *Request
		change func(*Request)
		want   []wantProblem
	}{
		{"bad check digit", validRequest, func(r *Request) { r.Data.Notice.Code = "302000000000000185" },
			[]wantProblem{{"data.notice.code", ErrNoticeNumber}}},
		{"code not digits", validRequest, func(r *Request) { r.Data.Notice.Code = "30200000000000018X" },
			[]wantProblem{{"data.notice.code", ErrNoticeNumber}}},
		{"ente CF 10 digits", validRequest, func(r *Request) { r.Data.CreditorInstitution.TaxCode = "8001635082" },
			[]wantProblem{{"data.creditorInstitution.taxCode", ErrFiscalCode}}},
		{"ente CF letters", validRequest, func(r *Request) { r.Data.CreditorInstitution.TaxCode = "RSSMRA80A01H501U" },
			[]wantProblem{{"data.creditorInstitution.taxCode", ErrFiscalCode}}},
		{"amount zero", validRequest, func(r *Request) { r.Data.Notice.PaymentAmount = 0 },
			[]wantProblem{{"data.notice.paymentAmount", ErrAmount}}},
		{"amount negative", validRequest, func(r *Request) { r.Data.Notice.PaymentAmount = -5 },
			[]wantProblem{{"data.notice.paymentAmount", ErrAmount}}},
		{"amount beyond the QR", validRequest, func(r *Request) { r.Data.Notice.PaymentAmount = 10_000_000_000 },
			[]wantProblem{{"data.notice.paymentAmount", ErrAmount}}},
		{"subject 91 characters", validRequest, func(r *Request) { r.Data.Notice.Subject = strings.Repeat("à", 91) },
			[]wantProblem{{"data.notice.subject", ErrTooLong}}},
		{"subject 90 characters", validRequest, func(r *Request) { r.Data.Notice.Subject = strings.Repeat("à", 90) }, nil},
		{"subject control character", validRequest, func(r *Request) { r.Data.Notice.Subject = "TARI\x00" },
			[]wantProblem{{"data.notice.subject", ErrCharset}}},
		{"missing subject and name", validRequest, func(r *Request) { r.Data.Notice.Subject = ""; r.Data.Debtor.FullName = "" },
			[]wantProblem{{"data.notice.subject", ErrMissing}, {"data.debtor.fullName", ErrMissing}}},
		{"debtor name 71", validRequest, func(r *Request) { r.Data.Debtor.FullName = strings.Repeat("a", 71) },
			[]wantProblem{{"data.debtor.fullName", ErrTooLong}}},
		{"debtor address 141", validRequest, func(r *Request) { r.Data.Debtor.Address = strings.Repeat("a", 141) },
			[]wantProblem{{"data.debtor.address", ErrTooLong}}},
		{"debtor CF invalid", validRequest, func(r *Request) { r.Data.Debtor.TaxCode = "RSSMRA80A01H501X" },
			[]wantProblem{{"data.debtor.taxCode", ErrFiscalCode}}},
		{"debtor CF lower case is accepted", validRequest, func(r *Request) { r.Data.Debtor.TaxCode = "rssmra80a01h501u" }, nil},
		{"debtor CF unknown", validRequest, func(r *Request) { r.Data.Debtor.TaxCode = "" }, nil},
		{"sector 51", validRequest, func(r *Request) { r.Data.CreditorInstitution.Sector = strings.Repeat("s", 51) },
			[]wantProblem{{"data.creditorInstitution.sector", ErrTooLong}}},
		{"ente name missing", validRequest, func(r *Request) { r.Data.CreditorInstitution.FullName = "" },
			[]wantProblem{{"data.creditorInstitution.fullName", ErrMissing}}},
		{"cbill lower case", validRequest, func(r *Request) { r.Data.CreditorInstitution.CBILL = "ab12c" },
			[]wantProblem{{"data.creditorInstitution.cbill", ErrFormat}}},
		{"physical channel 51", validRequest, func(r *Request) { r.Data.CreditorInstitution.PhysicalChannel = strings.Repeat("p", 51) },
			[]wantProblem{{"data.creditorInstitution.physicalChannel", ErrTooLong}}},
		{"online channel unknown", validRequest, func(r *Request) { r.Data.CreditorInstitution.OnlineChannel = "web" },
			[]wantProblem{{"data.creditorInstitution.onlineChannel", ErrFormat}}},
		{"bad date", validRequest, func(r *Request) { r.Data.Notice.DueDate = "31/12/2025" },
			[]wantProblem{{"data.notice.dueDate", ErrFormat}}},
		{"no due date is the variant without one", validRequest, func(r *Request) { r.Data.Notice.DueDate = "" }, nil},
		{"unknown template", validRequest, func(r *Request) { r.TemplateID = "TemplateCdsInfraction" },
			[]wantProblem{{"templateId", ErrTemplate}}},
		{"missing template", validRequest, func(r *Request) { r.TemplateID = "" },
			[]wantProblem{{"templateId", ErrMissing}}},
		{"unknown lang", validRequest, func(r *Request) { r.Lang = "fr" },
			[]wantProblem{{"lang", ErrLang}}},
		{"poste without postal account", validRequest, func(r *Request) { r.TemplateID = SingleInstalmentPoste },
			[]wantProblem{{"data.creditorInstitution.postalAccount", ErrTemplate}}},
		{"poste with incomplete account", validRequest, func(r *Request) {
			r.TemplateID = SingleInstalmentPoste
			r.Data.CreditorInstitution.PostalAccount = &PostalAccount{Number: "12345678901234"}
		}, []wantProblem{
			{"data.creditorInstitution.postalAccount.number", ErrFormat},
			{"data.creditorInstitution.postalAccount.holder", ErrMissing},
			{"data.creditorInstitution.postalAccount.authorization", ErrMissing},
		}},
		{"stand-in probe", validRequest, func(r *Request) { r.Data.Notice.Code = "000000000000000000" },
			[]wantProblem{{"data.notice.code", ErrNoticeNumber}}},
		{"single template with instalments", instalmentsRequest, func(r *Request) { r.TemplateID = SingleInstalment },
			[]wantProblem{{"data.notice.installments", ErrTemplate}}},
		{"instalments template without instalments", validRequest, func(r *Request) { r.TemplateID = Instalments },
			[]wantProblem{{"data.notice.installments", ErrMissing}}},
		{"instalments do not add up", instalmentsRequest, func(r *Request) { r.Data.Notice.Installments[2].Amount = 4551 },
			[]wantProblem{{"data.notice.installments", ErrInconsistent}}},
		{"instalment repeats the single code", instalmentsRequest, func(r *Request) { r.Data.Notice.Installments[1].Code = "302000000000000184" },
			[]wantProblem{{"data.notice.installments[1].code", ErrInconsistent}}},
		{"instalment with a wrong check digit", instalmentsRequest, func(r *Request) { r.Data.Notice.Installments[0].Code = "303000000000000285" },
			[]wantProblem{{"data.notice.installments[0].code", ErrNoticeNumber}}},
		{"instalment of another segregation code", instalmentsRequest, func(r *Request) {
			r.Data.Notice.Installments[0].Code = mustBuild(3, "03", "0000000000002").String()
		}, []wantProblem{{"data.notice.installments[0].code", ErrInconsistent}}},
		{"instalment amount zero", instalmentsRequest, func(r *Request) { r.Data.Notice.Installments[0].Amount = 0 },
			[]wantProblem{{"data.notice.installments[0].amount", ErrAmount}}},
		{"one instalment", instalmentsRequest, func(r *Request) {
			r.Data.Notice.Installments = r.Data.Notice.Installments[:1]
			r.Data.Notice.Installments[0].Amount = 13650
		}, []wantProblem{{"data.notice.installments", ErrCount}}},
		{"instalments only, total omitted", instalmentsRequest, func(r *Request) { r.Data.Notice.Code = ""; r.Data.Notice.PaymentAmount = 0 }, nil},
		{"everything wrong at once", validRequest, func(r *Request) {
			r.Data.Notice.Code = "302000000000000185"
			r.Data.Notice.PaymentAmount = 0
			r.Data.Notice.Subject = strings.Repeat("x", 100)
			r.Data.CreditorInstitution.TaxCode = "123"
		}, []wantProblem{
			{"data.notice.code", ErrNoticeNumber},
			{"data.notice.subject", ErrTooLong},
			{"data.creditorInstitution.taxCode", ErrFiscalCode},
			{"data.notice.paymentAmount", ErrAmount},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.base(t)
			tt.change(req)
			_, err := req.Notice(nil)
			if diff := cmp.Diff(tt.want, problemsOf(t, err), errorsEq); diff != "" {
				t.Errorf("problems (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
}

func TestValidationErrorIs(t *testing.T) {
	req := validRequest(t)
	req.Data.Notice.PaymentAmount = 0
	req.Data.Debtor.FullName = strings.Repeat("Segreto ", 10)
	_, err := req.Notice(nil)
	if !errors.Is(err, ErrAmount) || !errors.Is(err, ErrTooLong) || errors.Is(err, ErrLogo) {
		t.Errorf("errors.Is does not see the rules of %v", err)
	}
	if strings.Contains(err.Error(), "Segreto") {
		t.Errorf("error text leaks the debtor's name: %v", err)
	}
}

func TestParseRequestJSONErrors(t *testing.T) {
	tests := []struct {
		in   string
		want []wantProblem
	}{
		{`{"templateId": "TemplateSingleInstalment", "data": {"notice": {"paymentAmount": "136.50"}}}`,
			[]wantProblem{{"data.notice.paymentAmount", ErrFormat}}},
		{`{"templateId": "TemplateSingleInstalment", "data": {"notice": {"paymentAmount": 136.5}}}`,
			[]wantProblem{{"data.notice.paymentAmount", ErrFormat}}},
		{`{"templateId": `, []wantProblem{{"", ErrFormat}}},
		{`{} {}`, []wantProblem{{"", ErrFormat}}},
		{`[]`, []wantProblem{{"", ErrFormat}}},
	}
	for _, tt := range tests {
		_, err := ParseRequest([]byte(tt.in))
		if diff := cmp.Diff(tt.want, problemsOf(t, err), errorsEq); diff != "" {
			t.Errorf("ParseRequest(%s) (-want +got):\n%s", tt.in, diff)
		}
	}
	big := `{"templateId": "` + strings.Repeat("x", MaxRequestSize) + `"}`
	if _, err := ParseRequest([]byte(big)); !errors.Is(err, ErrTooLong) {
		t.Errorf("oversized request: %v", err)
	}
}
