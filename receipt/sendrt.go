package receipt

import (
	"fmt"
	"strconv"
)

// The children of a ctReceipt / ctReceiptV2 that readReceipt reads.
const (
	rReceiptID = iota
	rNoticeNumber
	rFiscalCode
	rOutcome
	rCreditorReferenceID
	rPaymentAmount
	rDescription
	rCompanyName
	rOfficeName
	rDebtor
	rTransferList
	rIDPSP
	rPSPFiscalCode
	rPSPPartitaIVA
	rPSPCompanyName
	rIDChannel
	rChannelDescription
	rPayer
	rPaymentMethod
	rPaymentNote
	rFee
	rPrimaryCIIncurredFee
	rIDBundle
	rIDCIBundle
	rPaymentDateTime
	rApplicationDate
	rTransferDate
	rMetadata
	rStandIn
	rFields
)

func receiptField(local string) int {
	switch local {
	case "receiptId":
		return rReceiptID
	case "noticeNumber":
		return rNoticeNumber
	case "fiscalCode":
		return rFiscalCode
	case "outcome":
		return rOutcome
	case "creditorReferenceId":
		return rCreditorReferenceID
	case "paymentAmount":
		return rPaymentAmount
	case "description":
		return rDescription
	case "companyName":
		return rCompanyName
	case "officeName":
		return rOfficeName
	case "debtor":
		return rDebtor
	case "transferList":
		return rTransferList
	case "idPSP":
		return rIDPSP
	case "pspFiscalCode":
		return rPSPFiscalCode
	case "pspPartitaIVA":
		return rPSPPartitaIVA
	case "PSPCompanyName":
		return rPSPCompanyName
	case "idChannel":
		return rIDChannel
	case "channelDescription":
		return rChannelDescription
	case "payer":
		return rPayer
	case "paymentMethod":
		return rPaymentMethod
	case "paymentNote":
		return rPaymentNote
	case "fee":
		return rFee
	case "primaryCiIncurredFee":
		return rPrimaryCIIncurredFee
	case "idBundle":
		return rIDBundle
	case "idCiBundle":
		return rIDCIBundle
	case "paymentDateTime":
		return rPaymentDateTime
	case "applicationDate":
		return rApplicationDate
	case "transferDate":
		return rTransferDate
	case "metadata":
		return rMetadata
	case "standIn", "standin":
		return rStandIn
	}
	return -1
}

// v2Only are the receipt children only ctReceiptV2 has.
var v2Only = [...]int{rPaymentNote, rPrimaryCIIncurredFee, rIDBundle, rIDCIBundle}

// readReceipt reads the <receipt> element rc of the new model: a
// ctReceipt (paSendRT) or ctReceiptV2 (paSendRTV2). f is the format the
// wrapping request names, or "" for a bare receipt, which is V2 when it
// has any element only V2 defines (MBDAttachment, paymentNote,
// primaryCiIncurredFee, idBundle, idCiBundle) and V1 otherwise.
//
// Elements are read by local name in any namespace; the first of a
// repeated element counts, unknown ones are ignored. receiptId,
// fiscalCode, outcome, creditorReferenceId and paymentAmount are
// mandatory (ErrMissing when absent or empty), and so are idTransfer,
// transferAmount and fiscalCodePA in each transfer. The other elements
// the schema requires only get a warning when missing.
func readReceipt(t *tree, rc int32, f Format) (*Receipt, error) {
	r := &Receipt{}
	rd := &reader{t: t, root: rc, r: r}
	var el [rFields]int32
	for i := range el {
		el[i] = none
	}
	for c := t.nodes[rc].first; c != none; c = t.nodes[c].next {
		if k := receiptField(t.local(c)); k >= 0 && el[k] == none {
			el[k] = c
		}
	}

	var err error
	if r.ReceiptID, err = rd.required(rc, el[rReceiptID], "receiptId"); err != nil {
		return nil, err
	}
	r.NoticeNumber = rd.expected(rc, el[rNoticeNumber], "noticeNumber")
	rd.checkDigits(el[rNoticeNumber], r.NoticeNumber, 18, "a notice number")
	if r.FiscalCode, err = rd.required(rc, el[rFiscalCode], "fiscalCode"); err != nil {
		return nil, err
	}
	rd.checkDigits(el[rFiscalCode], r.FiscalCode, 11, "a fiscal code")
	if r.Outcome, err = rd.required(rc, el[rOutcome], "outcome"); err != nil {
		return nil, err
	}
	if r.Outcome != "OK" && r.Outcome != "KO" {
		rd.warnAt(el[rOutcome], "outcome is neither OK nor KO")
	}
	if r.CreditorReferenceID, err = rd.required(rc, el[rCreditorReferenceID], "creditorReferenceId"); err != nil {
		return nil, err
	}
	if el[rPaymentAmount] == none {
		return nil, fieldErr(rd.pathOf(rc, "paymentAmount"), ErrMissing, "no <paymentAmount>")
	}
	if r.PaymentAmountCents, err = rd.amount(el[rPaymentAmount]); err != nil {
		return nil, err
	}
	r.Description = rd.expected(rc, el[rDescription], "description")
	r.CompanyName = rd.expected(rc, el[rCompanyName], "companyName")
	r.OfficeName = rd.optional(el[rOfficeName])
	if el[rDebtor] == none {
		rd.warnChild(rc, "debtor", "missing (the schema requires it)")
	} else {
		r.Debtor = rd.subject(el[rDebtor])
	}

	stamps := 0
	if tl := el[rTransferList]; tl == none {
		rd.warnChild(rc, "transferList", "missing (the schema requires it)")
		r.Transfers = []Transfer{}
	} else {
		if stamps, err = rd.transfers(tl); err != nil {
			return nil, err
		}
		rd.checkSum(tl, r.PaymentAmountCents)
	}

	r.PSPID = rd.expected(rc, el[rIDPSP], "idPSP")
	r.PSPFiscalCode = rd.optional(el[rPSPFiscalCode])
	r.PSPVATNumber = rd.optional(el[rPSPPartitaIVA])
	r.PSPCompanyName = rd.expected(rc, el[rPSPCompanyName], "PSPCompanyName")
	r.ChannelID = rd.expected(rc, el[rIDChannel], "idChannel")
	r.ChannelDescription = rd.expected(rc, el[rChannelDescription], "channelDescription")
	if el[rPayer] != none {
		r.Payer = rd.subject(el[rPayer])
	}
	r.PaymentMethod = rd.optional(el[rPaymentMethod])
	r.PaymentNote = rd.optional(el[rPaymentNote])
	if r.FeeCents, err = rd.optAmount(el[rFee]); err != nil {
		return nil, err
	}
	if r.PrimaryCIIncurredFeeCents, err = rd.optAmount(el[rPrimaryCIIncurredFee]); err != nil {
		return nil, err
	}
	r.BundleID = rd.optional(el[rIDBundle])
	r.CIBundleID = rd.optional(el[rIDCIBundle])
	if r.PaymentDateTime, err = rd.dateTime(el[rPaymentDateTime]); err != nil {
		return nil, err
	}
	if r.ApplicationDate, err = rd.date(el[rApplicationDate]); err != nil {
		return nil, err
	}
	if r.TransferDate, err = rd.date(el[rTransferDate]); err != nil {
		return nil, err
	}
	if el[rMetadata] != none {
		r.Metadata = rd.metadata(el[rMetadata])
	}
	if n := el[rStandIn]; n != none {
		v, ok := parseBool(t.text(n))
		if !ok {
			rd.warnAt(n, "not a boolean (true, false, 1 or 0); read as false")
		}
		r.StandIn = v
	}

	v2 := stamps > 0
	for _, k := range v2Only {
		v2 = v2 || el[k] != none
	}
	switch {
	case f == "" && v2:
		f = FormatReceiptV2
	case f == "":
		f = FormatReceiptV1
	case f == FormatReceiptV1 && v2:
		rd.warnAt(rc, "paSendRTV2 elements in a paSendRT receipt")
	}
	r.Format = f
	return r, nil
}

// The children of a transfer that transfers reads.
const (
	tIDTransfer = iota
	tTransferAmount
	tFiscalCodePA
	tCompanyName
	tIBAN
	tMBDAttachment
	tRemittanceInformation
	tTransferCategory
	tMetadata
	tFields
)

func transferField(local string) int {
	switch local {
	case "idTransfer":
		return tIDTransfer
	case "transferAmount":
		return tTransferAmount
	case "fiscalCodePA":
		return tFiscalCodePA
	case "companyName":
		return tCompanyName
	case "IBAN":
		return tIBAN
	case "MBDAttachment":
		return tMBDAttachment
	case "remittanceInformation":
		return tRemittanceInformation
	case "transferCategory":
		return tTransferCategory
	case "metadata":
		return tMetadata
	}
	return -1
}

// transfers reads the transfer children of the transferList tl into
// rd.r.Transfers, returning how many carry an MBDAttachment.
func (rd *reader) transfers(tl int32) (stamps int, err error) {
	t := rd.t
	count := 0
	for c := t.nodes[tl].first; c != none; c = t.nodes[c].next {
		if t.is(c, "transfer") {
			count++
		}
	}
	rd.r.Transfers = make([]Transfer, 0, count)
	if count == 0 {
		rd.warnAt(tl, "no transfer (the schema requires one to five)")
	}
	if count > 5 {
		rd.warnAt(tl, fmt.Sprintf("%d transfers (the schema allows one to five)", count))
	}
	for c := t.nodes[tl].first; c != none; c = t.nodes[c].next {
		if !t.is(c, "transfer") {
			continue
		}
		tr, err := rd.transfer(c)
		if err != nil {
			return 0, err
		}
		if tr.HasStamp {
			stamps++
		}
		rd.r.Transfers = append(rd.r.Transfers, tr)
	}
	return stamps, nil
}

// transfer reads one ctTransferPA / ctTransferPAReceiptV2.
func (rd *reader) transfer(n int32) (Transfer, error) {
	t := rd.t
	var el [tFields]int32
	for i := range el {
		el[i] = none
	}
	for c := t.nodes[n].first; c != none; c = t.nodes[c].next {
		if k := transferField(t.local(c)); k >= 0 && el[k] == none {
			el[k] = c
		}
	}
	var tr Transfer
	id, err := rd.required(n, el[tIDTransfer], "idTransfer")
	if err != nil {
		return tr, err
	}
	if tr.IDTransfer, err = strconv.Atoi(id); err != nil {
		return tr, fieldErr(rd.path(el[tIDTransfer]), ErrInvalid, "idTransfer %q is not an integer", clip(id))
	}
	if tr.IDTransfer < 1 || tr.IDTransfer > 5 {
		rd.warnAt(el[tIDTransfer], "idTransfer outside 1 to 5")
	}
	if el[tTransferAmount] == none {
		return tr, fieldErr(rd.pathOf(n, "transferAmount"), ErrMissing, "no <transferAmount>")
	}
	if tr.AmountCents, err = rd.amount(el[tTransferAmount]); err != nil {
		return tr, err
	}
	if tr.AmountCents == 0 {
		rd.warnAt(el[tTransferAmount], "a transfer of 0.00 (the schema requires at least 0.01)")
	}
	if tr.FiscalCode, err = rd.required(n, el[tFiscalCodePA], "fiscalCodePA"); err != nil {
		return tr, err
	}
	rd.checkDigits(el[tFiscalCodePA], tr.FiscalCode, 11, "a fiscal code")
	tr.CompanyName = rd.optional(el[tCompanyName])
	tr.IBAN = rd.optional(el[tIBAN])
	if m := el[tMBDAttachment]; m != none {
		tr.HasStamp = true
		tr.UnverifiedMBD = rd.mbd(m)
	}
	switch {
	case el[tIBAN] == none && el[tMBDAttachment] == none:
		rd.warnAt(n, "neither IBAN nor MBDAttachment")
	case el[tIBAN] != none && el[tMBDAttachment] != none:
		rd.warnAt(n, "both IBAN and MBDAttachment (the schema allows one)")
	}
	tr.RemittanceInformation = rd.expected(n, el[tRemittanceInformation], "remittanceInformation")
	tr.TransferCategory = rd.expected(n, el[tTransferCategory], "transferCategory")
	if el[tMetadata] != none {
		tr.Metadata = rd.metadata(el[tMetadata])
	}
	return tr, nil
}

// subject reads a ctSubject (debtor or payer). Nothing in it is
// mandatory for Parse; departures from the schema are warnings.
func (rd *reader) subject(n int32) *Subject {
	t := rd.t
	s := &Subject{}
	var ui, fullName int32 = none, none
	var opt [7]int32
	for i := range opt {
		opt[i] = none
	}
	for c := t.nodes[n].first; c != none; c = t.nodes[c].next {
		k := -1
		switch t.local(c) {
		case "uniqueIdentifier":
			if ui == none {
				ui = c
			}
		case "fullName":
			if fullName == none {
				fullName = c
			}
		case "streetName":
			k = 0
		case "civicNumber":
			k = 1
		case "postalCode":
			k = 2
		case "city":
			k = 3
		case "stateProvinceRegion":
			k = 4
		case "country":
			k = 5
		case "e-mail":
			k = 6
		}
		if k >= 0 && opt[k] == none {
			opt[k] = c
		}
	}
	if ui == none {
		rd.warnChild(n, "uniqueIdentifier", "missing (the schema requires it)")
	} else {
		typ := t.child(ui, "entityUniqueIdentifierType")
		s.EntityType = rd.expected(ui, typ, "entityUniqueIdentifierType")
		if s.EntityType != "" && s.EntityType != "F" && s.EntityType != "G" {
			rd.warnAt(typ, "entity type is neither F nor G")
		}
		s.EntityID = rd.expected(ui, t.child(ui, "entityUniqueIdentifierValue"), "entityUniqueIdentifierValue")
	}
	s.FullName = rd.expected(n, fullName, "fullName")
	s.StreetName = rd.optional(opt[0])
	s.CivicNumber = rd.optional(opt[1])
	s.PostalCode = rd.optional(opt[2])
	s.City = rd.optional(opt[3])
	s.StateProvinceRegion = rd.optional(opt[4])
	s.Country = rd.optional(opt[5])
	s.Email = rd.optional(opt[6])
	return s
}

// mbd decodes the base64 marca da bollo in n, or returns nil with a
// warning.
func (rd *reader) mbd(n int32) []byte {
	b := rd.t.text(n)
	if b == "" {
		rd.warnAt(n, "empty: no marca da bollo")
		return nil
	}
	mbd, ok := decodeBase64(b)
	if !ok {
		rd.warnAt(n, "not base64: the marca da bollo cannot be read")
		return nil
	}
	return mbd
}
