// Package xmldsig verifies and makes enveloped XML-DSig signatures under a
// strict profile, for signed documents the SDK receives (legacy RT
// receipts, the MarcaDaBollo of @e.bollo) and small documents it signs.
//
// It wraps github.com/russellhaering/goxmldsig and adds what that library
// leaves to its callers:
//
//   - input bounds (size, depth, element count) checked before parsing,
//     and DTDs, entities and processing instructions refused by a token
//     pre-scan (internal/xmltok) before etree sees the input;
//   - the expected root, by local name and namespace URI;
//   - a structural profile: exactly one ds:Signature in the whole document,
//     last child of the root; one Reference to the whole document;
//     enveloped-signature then at most one C14N 1.0; RSA or ECDSA with
//     SHA-2 (SHA-1 on request, MD5 never); no ds:Object, no XAdES;
//   - trust: the signer certificate pinned by DER or chain-verified with
//     crypto/x509, and its validity checked at a caller-given time (such
//     as the purchase time written in the document) rather than now;
//   - typed errors: a sentinel for each rule, wrapped in an *Error that
//     names the element path.
//
// Only then does goxmldsig check digest and signature, with a certificate
// store holding just the certificate chosen above and its clock set to
// the policy time. The caller reads the document only from
// Result.Element, the element goxmldsig rebuilt from the exact bytes it
// digested: content outside the signature cannot reach it, and text split
// by injected comments reads whole.
//
// # Profile details
//
// Comments and repeated namespace declarations are removed before
// verification, as XML-DSig leaves them out of a same-document reference;
// goxmldsig alone would digest them when no C14N transform is listed
// (the MarcaDaBollo case), and so reject documents other verifiers
// accept. ECDSA signature values are the r||s form XML-DSig prescribes;
// Sign writes that form and Verify accepts only it (goxmldsig alone uses
// ASN.1 DER).
//
// # Limits
//
// goxmldsig walks the document with a budget of 1000 element visits,
// shared by its namespace-aware traversals: a document of about 990
// elements, Signature included, is the most it verifies. DefaultLimits
// stops at 950 elements so that the refusal is this package's
// ErrTooLarge, before any cryptography. Sign and Verify are meant for
// documents of a few kilobytes.
package xmldsig
