package noticepdf

import (
	"fmt"
	"testing"

	"github.com/pagokit/pagokit/notice"
)

// variant is a notice of one of the layouts of the graphic specification.
type variant struct {
	name string
	req  func(t testing.TB) *Request
}

func withInstalments(req *Request, total int64, k int, firstBase int) *Request {
	req.TemplateID = Instalments
	req.Data.Notice.Installments = nil
	each := total / int64(k)
	for i := 0; i < k; i++ {
		amt := each
		if i == k-1 {
			amt = total - each*int64(k-1)
		}
		num := mustBuild(3, "02", fmt.Sprintf("%013d", firstBase+i))
		req.Data.Notice.Installments = append(req.Data.Notice.Installments, RequestInstallment{
			Code: num.String(), Amount: amt, DueDate: fmt.Sprintf("2026-%02d-28", 1+i%12),
		})
	}
	return req
}

func withPoste(req *Request) *Request {
	if req.TemplateID == Instalments {
		req.TemplateID = InstalmentsPoste
	} else {
		req.TemplateID = SingleInstalmentPoste
	}
	req.Data.CreditorInstitution.PostalAccount = &PostalAccount{
		Number:        "1234567",
		Holder:        "Comune di Esempio - Servizio Tesoreria",
		Authorization: "AUT. DB/SSIC/E 12345 DEL 01/01/2024",
	}
	return req
}

var variants = []variant{
	{"single", validRequest},
	{"single-no-due-date", func(t testing.TB) *Request {
		r := validRequest(t)
		r.Data.Notice.DueDate = ""
		return r
	}},
	{"single-3-instalments", instalmentsRequest},
	{"single-2-instalments", func(t testing.TB) *Request { return withInstalments(validRequest(t), 13650, 2, 10) }},
	{"4-instalments", func(t testing.TB) *Request {
		r := withInstalments(validRequest(t), 13650, 4, 10)
		r.Data.Notice.Code = ""
		return r
	}},
	{"5-instalments", func(t testing.TB) *Request {
		r := withInstalments(validRequest(t), 13650, 5, 10)
		r.Data.Notice.Code = ""
		return r
	}},
	{"many-instalments", func(t testing.TB) *Request {
		r := withInstalments(validRequest(t), 120000, 12, 10)
		r.Data.Notice.PaymentAmount = 120000
		return r
	}},
	{"poste-single", func(t testing.TB) *Request { return withPoste(validRequest(t)) }},
	{"poste-single-3-instalments", func(t testing.TB) *Request { return withPoste(instalmentsRequest(t)) }},
	{"poste-2-instalments", func(t testing.TB) *Request {
		r := withInstalments(validRequest(t), 13650, 2, 10)
		r.Data.Notice.Code = ""
		return withPoste(r)
	}},
	{"lang-de", func(t testing.TB) *Request { r := validRequest(t); r.Lang = German; return r }},
	{"lang-en", func(t testing.TB) *Request { r := instalmentsRequest(t); r.Lang = English; return r }},
	{"lang-it+de", func(t testing.TB) *Request { r := withPoste(instalmentsRequest(t)); r.Lang = ItalianGerman; return r }},
}

// payable lists the QR payloads a notice must carry: one per payable item.
func payable(t *testing.T, n *Notice) []string {
	t.Helper()
	var out []string
	add := func(num notice.Number, amount int64) {
		p, err := notice.QR{Number: num, FiscalCode: n.Creditor.FiscalCode, AmountCents: amount}.Payload()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	if n.HasSingle() {
		add(n.Number, n.Amount)
	}
	for _, in := range n.Instalments {
		add(in.Number, in.Amount)
	}
	return out
}

func mustNotice(t testing.TB, req *Request) *Notice {
	t.Helper()
	n, err := req.Notice(nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
