// Package archive builds and verifies conservation packages of payment
// receipts: the "pacchetti di versamento" that an ente hands to its
// digital preservation system (DPCM 3 dicembre 2013), one per ente and
// per period of at most one calendar month.
//
// A package is a ZIP file, written by [Build] from an iterator of
// [receipt.Receipt] values and checked by [Verify]. Build streams: each
// receipt is written to the ZIP as it comes, and the indexes and the ZIP
// central directory wait in temporary files, so memory does not grow with
// the receipts' bytes. The ZIP writer is the SDK's internal zipstream
// rather than archive/zip, whose Writer keeps a header per entry in
// memory until Close (about 50 MB for 200,000 entries, that is 100,000
// receipts with their RPTs); zipstream spills the central directory to a
// temporary file, writes the ZIP64 records past 65,535 entries, and
// writes no extended timestamps, which keeps the bytes a function of the
// input.
//
// # Layout
//
// The files of a package, in this order in the ZIP:
//
//	receipts/<n>-<IUV>-<receipt id>.xml       Receipt.Raw, byte for byte
//	receipts/<n>-<IUV>-<receipt id>.rpt.xml   Receipt.RPT, when present
//	index.csv                                 one row per receipt (RFC 4180)
//	index.jsonl                               the same rows as JSON Lines
//	manifest.sha256                           SHA-256 of every file above
//	manifest.xml                              signed summary of the package
//
// <n> is the receipt's position among the archived ones, from 00000001,
// which keeps names unique and sorted in input order; in the IUV and the
// receipt id every character outside [A-Za-z0-9._-] becomes '_', and each
// is cut to 64 characters. Names are therefore always relative, one
// folder deep, and free of "..". Every file is deflated and has the
// package's creation time (Options.Created, UTC) as modification time, so
// the same receipts in the same order with the same options give the same
// bytes.
//
// # Indexes
//
// index.csv has a header and one row per receipt, with these columns:
//
//	file, receipt_id, notice_number, fiscal_code, creditor_reference_id,
//	payment_amount_cents, outcome, payment_date_time (RFC 3339),
//	application_date (YYYY-MM-DD), psp_id, psp_company_name,
//	debtor_fiscal_code, description, sha256, rpt_file, rpt_sha256
//
// Fields are quoted as RFC 4180 requires (a comma, a quote or a line
// break in a description cannot break the row) and rows end with CRLF.
// To protect spreadsheets from formula injection, a cell that starts with
// '=', '+', '-', '@', a tab or a carriage return gets a single quote (')
// in front: "=1+1" is written '=1+1. index.jsonl holds the same rows with
// the same names as JSON objects, one a line, with the values unchanged
// (payment_amount_cents a number, every other value a string, "" when
// absent); read it rather than the CSV to get the exact values.
//
// # Manifests
//
// manifest.sha256 lists every file but itself and manifest.xml, one line
// each in the format of sha256sum ("<hex>  <path>"), sorted by path in
// byte order. manifest.xml, in the namespace [Namespace]
// (https://pagokit.dev/ns/archive/v1), records the ente, the period, the
// creation time, the number of receipts, their total and the SHA-256 of
// manifest.sha256, and is signed by the ente with an enveloped XML-DSig
// signature (RSA-SHA256, exclusive canonicalisation, Reference URI "")
// whose KeyInfo carries the signer's certificate. It deliberately has no
// element per file: it stays small however large the package is.
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<PackageManifest xmlns="https://pagokit.dev/ns/archive/v1" Version="1">
//	  <FiscalCode>80012345678</FiscalCode>
//	  <PeriodFrom>2025-03-01</PeriodFrom>
//	  <PeriodTo>2025-03-31</PeriodTo>
//	  <CreatedAt>2025-04-01T08:30:00Z</CreatedAt>
//	  <ReceiptCount>2</ReceiptCount>
//	  <TotalAmountCents>303</TotalAmountCents>
//	  <ManifestDigest Algorithm="http://www.w3.org/2001/04/xmlenc#sha256" File="manifest.sha256">cc1ef18b…b076</ManifestDigest>
//	<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>…</ds:SignedInfo><ds:SignatureValue>…</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>MIID…</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature></PackageManifest>
//
// # Receipts that do not belong
//
// The caller selects the receipts, so a receipt of another ente, or dated
// outside the period, is an error (ErrOtherEnte, ErrOutsidePeriod in a
// *ReceiptError naming it); Options.SkipOthers skips and counts them
// instead. A receipt's date is the Italian calendar day of its
// PaymentDateTime, or its ApplicationDate when it has no
// PaymentDateTime. Duplicate receipt ids are always an error.
//
// # Verifying
//
// [Verify] checks a package against the ente's certificate, pinned: the
// signer's certificate must be that one, byte for byte. It reports every
// problem it finds (see [ProblemKind]) rather than stopping at the first,
// and bounds its work against ZIP bombs ([Verifier]).
//
// Standard tools check a package too:
//
//	unzip -t package.zip                  # the ZIP and its CRCs
//	unzip -d pkg package.zip && cd pkg
//	sha256sum -c manifest.sha256          # every file against the manifest
//	sha256sum manifest.sha256             # equals <ManifestDigest>
//	xmlsec1 --verify --trusted-pem ente.pem manifest.xml   # the signature
//
// xmlsec1 (Debian package xmlsec1) checks the certificate in KeyInfo
// against ente.pem, the ente's certificate or its CA's, at the current
// time; add --verification-time "2025-04-01 08:30:00" for a package whose
// certificate has since expired. Compare the <ManifestDigest> by eye or
// with grep: xmlsec1 only says that the document is signed.
package archive
