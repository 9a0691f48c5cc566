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
//  4. the MBD, read again from the signed content only, OraAcquisto
//     included;
//  5. the hash binding (ImprontaDocumento equals ExpectedHash, with
//     SHA-256), the amount and the stamp type, when expected values are
//     given.
//
// ParseMBD reads an MBD without verifying it: its values are unverified
// claims, fit for display and triage only.
package bollo
