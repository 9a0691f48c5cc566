// Package bollo handles the @e.bollo digital revenue stamp, the marca da
// bollo digitale (MBD): the imposta di bollo on a document paid through
// pagoPA. A PSP buys the stamp from the Agenzia delle Entrate for the
// SHA-256 hash of the document and returns an XML MarcaDaBollo, signed
// by the PSP, that the public body checks and keeps with the document.
//
// # Flow
//
// The body computes the document's hashDocumento with Hash and sends it
// in richiestaMarcaDaBollo; the PSP answers, through the receipt's
// MBDAttachment, with the signed MBD. The body keeps the exact bytes
// received, calls Verify with ExpectedHash set to the stored hash, then
// records the IUBD with a Registry so that one stamp is used once.
//
// # What Verify checks, in order
//
//  1. the input bounds and the verification time (Policy.At, by default
//     the MBD's OraAcquisto, taken from the unverified document only to
//     set the clock);
//  2. the enveloped XML-DSig signature over the root marcaDaBollo, under
//     a strict profile (no wrapping, one reference to the whole
//     document, SHA-2), with the signer certificate valid at that time;
//  3. the trust in the signer: a pinned certificate or a chain to the
//     configured roots (ErrUntrusted otherwise);
//  4. the revocation of the signer certificate at that time, with the
//     caller's CRLs and, if asked, the ones in KeyInfo whose signature
//     verifies with the issuer's key (Policy.CRLs, KeyInfoCRL,
//     RequireCRL);
//  5. the MBD, read again from the signed content only, OraAcquisto
//     included;
//  6. the hash binding (ImprontaDocumento equals ExpectedHash, with
//     SHA-256), the amount and the stamp type, when expected values are
//     given.
//
// # Stamp requests and other stamps
//
// A Request is the richiestaMarcaDaBollo of a pagoPA transfer (NewRequest
// hashes the document; ResidenceProvince applies the rule for payers
// resident abroad); package pagopa sends it with paGetPaymentV2, keeps it,
// and checks the MBD of each paSendRTV2 receipt with Verify and a
// Registry. Due, Exempt and VirtualStampWording give the duty on a
// document; a ContrassegnoRegistry refuses a paper contrassegno
// telematico declared twice.
//
// ParseMBD reads an MBD without verifying it: its values are unverified
// claims, fit for display and triage only.
package bollo
