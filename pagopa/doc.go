// Package pagopa is the creditor side of pagoPA: debt positions (posizioni
// debitorie) with their payment options and transfers, the paForNode SOAP
// endpoint that the pagoPA Nodo calls to verify a notice, activate a
// payment and deliver the receipt, and the stores that keep positions,
// receipts, IUV sequences and a journal.
//
// # Debt positions
//
// A Position follows GPD's debt-position model (its JSON is GPD's
// PaymentPositionModel): the debtor, one or more payment Options (a
// single payment and/or instalments, each with its own IUV and notice
// number), and for each option 1 to 5 Transfers to IBANs, postal IBANs or
// @e.bollo stamps. Amounts are int64 euro cents. Validate reports every
// problem at once; the states (Draft, Published, Valid, PartiallyPaid,
// Paid, Reported, Invalid, Expired) change only along the allowed
// transitions, and illegal ones return a *TransitionError.
//
// # The endpoint
//
// Handler serves paVerifyPaymentNotice, paGetPayment, paGetPaymentV2,
// paSendRT, paSendRTV2 and paDemandPaymentNotice over SOAP 1.1 for the
// broker, stations and enti of a Config. It answers with the faults of
// the Nodo's error table (Fault… constants), always with HTTP 200; hooks
// update amounts (WithActualize), create spontaneous payments
// (WithDemand, ServiceCatalog) and observe receipts
// (WithReceiptObserver). Receipts are persisted before the answer and
// stored once however often the Nodo delivers them. MutualTLSConfig
// requires the pagoPA platform's client certificate. Package pagopatest
// plays the Nodo against any endpoint.
//
// # @e.bollo stamps
//
// A Transfer with a Stamp asks the payer's PSP for a marca da bollo
// digitale bound to a document's hash (package bollo). Only
// paGetPaymentV2 can carry the request: paGetPayment answers
// PAA_SEMANTICA and Config.CheckPosition refuses a stamp whose notice
// no version 2 station issues (ErrStampNeedsV2). For a debtor resident
// abroad an empty province becomes the ente's (Ente.Province). The
// Handler keeps each request it sends (StampStore), since receipts do not
// repeat it; on paSendRTV2 it verifies every MBD with the StampPolicy
// (signature, trusted signer, revocation, hash, amount and type as
// requested, IUBD used once) and records a StampCheck on the transfer.
// An invalid stamp never makes it refuse the receipt (the payment
// happened): it journals EventStampInvalid and tells the StampObservers.
//
// # Stores
//
// A Store keeps positions, receipts (raw XML and normalised fields), IUV
// sequences that never repeat and an event journal. MemoryStore is for
// tests and tools; package sqlstore works on SQLite and PostgreSQL.
package pagopa
