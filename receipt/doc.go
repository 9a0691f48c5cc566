// Package receipt reads pagoPA payment receipts, in whichever message
// they arrive, into one normalised model, Receipt.
//
// # Formats
//
// Parse recognises the message from the input alone:
//
//   - a paSendRT request (paSendRTReq, FormatReceiptV1) or paSendRTV2
//     request (paSendRTV2Request, also spelled paSendRTV2Req;
//     FormatReceiptV2), in a SOAP envelope or bare;
//   - a bare <receipt> element: V2 when any element only ctReceiptV2
//     defines appears (MBDAttachment, paymentNote, primaryCiIncurredFee,
//     idBundle, idCiBundle), V1 otherwise. A request wrapper decides
//     the version by itself; V2 elements under a paSendRT wrapper are
//     read, with a warning;
//   - the receipt XML of GPD's receipts API (GET
//     …/payments/{organizationfiscalcode}/receipts/{iuv}): any of the
//     above, also when delivered as a JSON string (input starting with
//     a double quote is JSON-decoded first);
//   - a legacy Ricevuta Telematica of PagInf_RPT_RT_6_2_0 (FormatRT), bare
//     (<RT>) or base64 in the <rt> of a paaInviaRT request. The RT is
//     read as a document of its own, within the same Limits; errors about
//     it are *InviaRTError values naming the payment of the request's
//     intestazionePPT header, and an empty <rt> is ErrEmptyRT.
//
// Elements are recognised by local name whatever their prefix or
// namespace, since the Nodo and the official tools differ on
// namespaces. Unknown elements are ignored anywhere; of a repeated
// element only the first counts. A UTF-8 byte order mark is allowed.
//
// # Normalisation
//
// Amounts (the XSD types stAmount and stImporto: digits, a point and
// exactly two decimals, "16.00") are read exactly into int64 euro
// cents; a sign, an exponent, a comma or a third decimal is ErrInvalid.
// Dates (xs:date) become a *Date, a timezone after them being ignored.
// Date-times with a timezone keep it; those without one, as the Nodo
// writes them, are Italian time (Europe/Rome, from the zone database
// embedded in the program). Text values are trimmed of surrounding XML
// white space. Optional values absent from the message are zero: an
// empty string or a nil pointer.
//
// # The legacy RT
//
// An RT maps into the model as follows:
//
//   - ReceiptID is identificativoMessaggioRicevuta, FiscalCode
//     dominio/identificativoDominio, CreditorReferenceID
//     datiPagamento/identificativoUnivocoVersamento, PaymentAmountCents
//     datiPagamento/importoTotalePagato.
//   - Outcome is OK for codiceEsitoPagamento 0, PARTIAL for 2 and 4, KO
//     for 1 and 3 (and, with a warning, for any other code). Legacy keeps
//     the code, the CodiceContestoPagamento (also read spelled
//     codiceContestoPagamento), riferimentoMessaggioRichiesta,
//     riferimentoDataRichiesta, dataOraMessaggioRicevuta and
//     dominio/identificativoStazioneRichiedente.
//   - CompanyName is enteBeneficiario/denominazioneBeneficiario, OfficeName
//     its denomUnitOperBeneficiario.
//   - PSPID is istitutoAttestante's codiceIdentificativoUnivoco whatever
//     its type (G fiscal code, A ABI code, B BIC), the only PSP
//     identifier an RT carries; for type G it is PSPFiscalCode too.
//     PSPCompanyName is denominazioneAttestante.
//   - Debtor is soggettoPagatore and Payer soggettoVersante, field by
//     field: anagrafica → FullName, indirizzo → StreetName, civico →
//     CivicNumber, cap → PostalCode, localita → City, provincia →
//     StateProvinceRegion, nazione → Country, e-mail → Email.
//   - Each datiSingoloPagamento is a Transfer: IDTransfer is its 1-based
//     position, AmountCents its singoloImportoPagato, IUR its
//     identificativoUnivocoRiscossione, RemittanceInformation its
//     causaleVersamento, TransferCategory its datiSpecificiRiscossione,
//     FiscalCode the beneficiary (enteBeneficiario's
//     codiceIdentificativoUnivoco, else identificativoDominio). An
//     allegatoRicevuta of type BD is a marca da bollo: HasStamp, with
//     UnverifiedMBD its decoded testoAllegato (nil, with a warning, when
//     that is not base64).
//   - Description is the first causaleVersamento. PaymentDateTime is the
//     first dataEsitoSingoloPagamento, which is a date, at midnight
//     Italian time (Europe/Rome). FeeCents is the sum of the
//     commissioniApplicatePSP, when any is present.
//
// An RT has no notice number, channel, payment method, metadata, bundle,
// application or transfer date: those fields stay empty.
//
// # Errors and warnings
//
// A receipt that cannot be used fails with an error wrapping one of the
// sentinel errors: ErrMissing when a mandatory element is absent or
// empty, ErrInvalid when an amount, date or idTransfer cannot be read,
// both in a *FieldError with the element path, such as
// receipt/transferList/transfer[2]/transferAmount. The mandatory
// elements are receiptId, fiscalCode, outcome, creditorReferenceId and
// paymentAmount of a receipt, idTransfer, transferAmount and
// fiscalCodePA of each transfer, and for an RT identificativoDominio,
// identificativoMessaggioRicevuta, codiceEsitoPagamento,
// importoTotalePagato, identificativoUnivocoVersamento and each
// singoloImportoPagato.
//
// A departure from the schema that does not stop the receipt from being
// understood is a Warning on the Receipt, with its path: another element
// the schema requires that is missing, an empty text, an entity type
// other than F and G, an outcome other than OK and KO, a noticeNumber or
// fiscal code of the wrong form, an MBDAttachment that is not base64
// (HasStamp stays true, UnverifiedMBD nil), transfers that do not add up
// to the total, an idTransfer outside 1 to 5. A receipt keeps at most
// 100 warnings, the last saying that more were left out. Parse does not
// validate against the XSD: it reads what a receipt needs and reports
// what it notices on the way.
//
// # Limits
//
// Input is bounded before it is parsed: Limits.MaxBytes for the whole
// input (ErrTooLarge) and for a decoded base64 RT, Limits.MaxDepth and
// Limits.MaxElements while tokenizing (ErrTooDeep, ErrTooManyElements).
// A DTD, or any other <! directive, is refused as ErrMalformed as soon
// as it is seen, and only XML's five predefined entities and character
// references are expanded, so entity expansion attacks fail at once.
// Parse never panics on bad input.
//
// Raw keeps the input byte for byte (a copy): the parsed values are
// never re-serialised.
//
// # Signatures
//
// Parse verifies no signature. The marca da bollo of an @e.bollo
// transfer is returned as UnverifiedMBD, the XML the PSP signed, to be
// verified (package bollo) before it is trusted.
//
// Legacy RTs could be signed by the PSP (firmaRicevuta, now deprecated).
// VerifyRT checks an enveloped XML-DSig signature of an RT, bare or in a
// paaInviaRT request, against a Trust (pinned certificates and/or CA
// roots, the certificate valid at the RT's own time unless Trust.At says
// otherwise), and reads the receipt only from the element the signature
// covers. Signature wrapping, a second signature, references to anything
// but the whole RT, weak algorithms and unknown transforms are refused;
// CAdES envelopes and XAdES signatures give ErrUnsupportedSignature
// rather than a verdict. The new model's receipts are not signed: their
// integrity rests on the mutually authenticated TLS connection with the
// Nodo.
//
// # Printing and preservation
//
// Subpackage receiptpdf renders the payment receipt (attestazione di
// pagamento) as PDF, in Italian or English. Subpackage archive builds
// and verifies signed conservation packages: an ente's receipts of one
// month in a ZIP with indexes, a SHA-256 manifest and an XML-DSig
// signature.
package receipt
