package receipt

import (
	"fmt"
	"strings"
	"time"
)

// readRT reads a legacy Ricevuta Telematica (PagInf_RPT_RT_6_2_0, root
// <RT>) into the Receipt model, as the package documentation's section
// on the legacy RT describes.
func readRT(t *tree, rt int32) (*Receipt, error) {
	r := &Receipt{Format: FormatRT, Legacy: &Legacy{}}
	rd := &reader{t: t, root: rt, r: r}
	var err error

	dom := t.child(rt, "dominio")
	if dom == none {
		return nil, fieldErr(rd.pathOf(rt, "dominio"), ErrMissing, "no <dominio>")
	}
	if r.FiscalCode, err = rd.required(dom, t.child(dom, "identificativoDominio"), "identificativoDominio"); err != nil {
		return nil, err
	}
	r.Legacy.RequestingStationID = rd.optional(t.child(dom, "identificativoStazioneRichiedente"))
	if r.ReceiptID, err = rd.required(rt, t.child(rt, "identificativoMessaggioRicevuta"), "identificativoMessaggioRicevuta"); err != nil {
		return nil, err
	}
	if n := t.child(rt, "dataOraMessaggioRicevuta"); n == none {
		rd.warnChild(rt, "dataOraMessaggioRicevuta", "missing (the schema requires it)")
	} else if r.Legacy.MessageDateTime, err = rd.dateTime(n); err != nil {
		return nil, err
	}
	r.Legacy.RequestMessageID = rd.expected(rt, t.child(rt, "riferimentoMessaggioRichiesta"), "riferimentoMessaggioRichiesta")
	if n := t.child(rt, "riferimentoDataRichiesta"); n == none {
		rd.warnChild(rt, "riferimentoDataRichiesta", "missing (the schema requires it)")
	} else if r.Legacy.RequestDate, err = rd.date(n); err != nil {
		return nil, err
	}

	if ia := t.child(rt, "istitutoAttestante"); ia == none {
		rd.warnChild(rt, "istitutoAttestante", "missing (the schema requires it)")
	} else {
		typ, code := rd.identifier(ia, "identificativoUnivocoAttestante", "G", "A", "B")
		r.PSPID = code
		if typ == "G" {
			r.PSPFiscalCode = code
		}
		r.PSPCompanyName = rd.expected(ia, t.child(ia, "denominazioneAttestante"), "denominazioneAttestante")
	}
	beneficiary := r.FiscalCode
	if eb := t.child(rt, "enteBeneficiario"); eb == none {
		rd.warnChild(rt, "enteBeneficiario", "missing (the schema requires it)")
	} else {
		if _, code := rd.identifier(eb, "identificativoUnivocoBeneficiario", "G"); code != "" {
			beneficiary = code
		}
		r.CompanyName = rd.expected(eb, t.child(eb, "denominazioneBeneficiario"), "denominazioneBeneficiario")
		r.OfficeName = rd.optional(t.child(eb, "denomUnitOperBeneficiario"))
	}
	if sv := t.child(rt, "soggettoVersante"); sv != none {
		r.Payer = rd.legacySubject(sv, "Versante")
	}
	if sp := t.child(rt, "soggettoPagatore"); sp == none {
		rd.warnChild(rt, "soggettoPagatore", "missing (the schema requires it)")
	} else {
		r.Debtor = rd.legacySubject(sp, "Pagatore")
	}

	dp := t.child(rt, "datiPagamento")
	if dp == none {
		return nil, fieldErr(rd.pathOf(rt, "datiPagamento"), ErrMissing, "no <datiPagamento>")
	}
	code, err := rd.required(dp, t.child(dp, "codiceEsitoPagamento"), "codiceEsitoPagamento")
	if err != nil {
		return nil, err
	}
	r.Legacy.OutcomeCode = code
	switch code {
	case "0":
		r.Outcome = "OK"
	case "2", "4":
		r.Outcome = "PARTIAL"
	case "1", "3":
		r.Outcome = "KO"
	default:
		r.Outcome = "KO"
		rd.warnAt(t.child(dp, "codiceEsitoPagamento"), "unknown codiceEsitoPagamento (0 to 4); read as KO")
	}
	total := t.child(dp, "importoTotalePagato")
	if total == none {
		return nil, fieldErr(rd.pathOf(dp, "importoTotalePagato"), ErrMissing, "no <importoTotalePagato>")
	}
	if r.PaymentAmountCents, err = rd.amount(total); err != nil {
		return nil, err
	}
	if r.CreditorReferenceID, err = rd.required(dp, t.child(dp, "identificativoUnivocoVersamento"), "identificativoUnivocoVersamento"); err != nil {
		return nil, err
	}
	ccp := t.child(dp, "CodiceContestoPagamento")
	if ccp == none {
		ccp = t.child(dp, "codiceContestoPagamento")
	}
	r.Legacy.PaymentContextCode = rd.expected(dp, ccp, "CodiceContestoPagamento")

	count := 0
	for c := t.nodes[dp].first; c != none; c = t.nodes[c].next {
		if t.is(c, "datiSingoloPagamento") {
			count++
		}
	}
	r.Transfers = make([]Transfer, 0, count)
	if count == 0 && (code == "0" || code == "2") {
		rd.warnAt(dp, "no datiSingoloPagamento (required for codiceEsitoPagamento 0 and 2)")
	}
	if count > 5 {
		rd.warnAt(dp, fmt.Sprintf("%d datiSingoloPagamento (the schema allows up to five)", count))
	}
	for c := t.nodes[dp].first; c != none; c = t.nodes[c].next {
		if !t.is(c, "datiSingoloPagamento") {
			continue
		}
		tr, day, fee, err := rd.legacyTransfer(c, len(r.Transfers)+1, beneficiary)
		if err != nil {
			return nil, err
		}
		if len(r.Transfers) == 0 {
			r.Description = tr.RemittanceInformation
			if day != nil {
				at := time.Date(day.Year, day.Month, day.Day, 0, 0, 0, 0, rome())
				r.PaymentDateTime = &at
			}
		}
		if fee != nil {
			if r.FeeCents == nil {
				r.FeeCents = new(int64)
			}
			*r.FeeCents += *fee
		}
		r.Transfers = append(r.Transfers, tr)
	}
	rd.checkSum(dp, r.PaymentAmountCents)
	return r, nil
}

// identifier reads the ctIdentificativoUnivoco child name of n: its
// tipoIdentificativoUnivoco (warned when not one of types) and
// codiceIdentificativoUnivoco.
func (rd *reader) identifier(n int32, name string, types ...string) (typ, code string) {
	t := rd.t
	id := t.child(n, name)
	if id == none {
		rd.warnChild(n, name, "missing (the schema requires it)")
		return "", ""
	}
	tn := t.child(id, "tipoIdentificativoUnivoco")
	typ = rd.expected(id, tn, "tipoIdentificativoUnivoco")
	if typ != "" {
		known := false
		for _, k := range types {
			known = known || typ == k
		}
		if !known {
			rd.warnAt(tn, fmt.Sprintf("identifier type is not one of %v", types))
		}
	}
	code = rd.expected(id, t.child(id, "codiceIdentificativoUnivoco"), "codiceIdentificativoUnivoco")
	return typ, code
}

// legacySubject reads a ctSoggettoPagatore (suffix "Pagatore") or
// ctSoggettoVersante (suffix "Versante").
func (rd *reader) legacySubject(n int32, suffix string) *Subject {
	t := rd.t
	s := &Subject{}
	s.EntityType, s.EntityID = rd.identifier(n, "identificativoUnivoco"+suffix, "F", "G")
	s.FullName = rd.expected(n, t.child(n, "anagrafica"+suffix), "anagrafica"+suffix)
	for c := t.nodes[n].first; c != none; c = t.nodes[c].next {
		local, ok := strings.CutSuffix(t.local(c), suffix)
		if !ok {
			continue
		}
		var f *string
		switch local {
		case "indirizzo":
			f = &s.StreetName
		case "civico":
			f = &s.CivicNumber
		case "cap":
			f = &s.PostalCode
		case "localita":
			f = &s.City
		case "provincia":
			f = &s.StateProvinceRegion
		case "nazione":
			f = &s.Country
		case "e-mail":
			f = &s.Email
		}
		if f != nil && *f == "" {
			*f = rd.optional(c)
		}
	}
	return s
}

// legacyTransfer reads the datiSingoloPagamento n, the i-th, returning
// its dataEsitoSingoloPagamento and commissioniApplicatePSP too.
func (rd *reader) legacyTransfer(n int32, i int, beneficiary string) (tr Transfer, day *Date, fee *int64, err error) {
	t := rd.t
	tr.IDTransfer = i
	tr.FiscalCode = beneficiary
	amount := t.child(n, "singoloImportoPagato")
	if amount == none {
		return tr, nil, nil, fieldErr(rd.pathOf(n, "singoloImportoPagato"), ErrMissing, "no <singoloImportoPagato>")
	}
	if tr.AmountCents, err = rd.amount(amount); err != nil {
		return tr, nil, nil, err
	}
	if d := t.child(n, "dataEsitoSingoloPagamento"); d == none {
		rd.warnChild(n, "dataEsitoSingoloPagamento", "missing (the schema requires it)")
	} else if day, err = rd.date(d); err != nil {
		return tr, nil, nil, err
	}
	tr.IUR = rd.expected(n, t.child(n, "identificativoUnivocoRiscossione"), "identificativoUnivocoRiscossione")
	tr.RemittanceInformation = rd.expected(n, t.child(n, "causaleVersamento"), "causaleVersamento")
	tr.TransferCategory = rd.expected(n, t.child(n, "datiSpecificiRiscossione"), "datiSpecificiRiscossione")
	if fee, err = rd.optAmount(t.child(n, "commissioniApplicatePSP")); err != nil {
		return tr, nil, nil, err
	}
	if a := t.child(n, "allegatoRicevuta"); a != none {
		tn := t.child(a, "tipoAllegatoRicevuta")
		switch typ := rd.expected(a, tn, "tipoAllegatoRicevuta"); typ {
		case "BD":
			tr.HasStamp = true
			if text := t.child(a, "testoAllegato"); text == none {
				rd.warnChild(a, "testoAllegato", "missing: no marca da bollo")
			} else {
				tr.UnverifiedMBD = rd.mbd(text)
			}
		case "ES", "":
		default:
			rd.warnAt(tn, "tipoAllegatoRicevuta is neither ES nor BD")
		}
	}
	return tr, day, fee, nil
}
