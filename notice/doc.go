// Package notice handles the codes of a pagoPA payment notice (avviso di
// pagamento): the notice number (numero avviso, NAV) and the IUV it
// contains, the ISO 11649 RF creditor reference of legacy payments, the
// QR code payload and the Poste Italiane DataMatrix payload of the
// "Bollettino postale PA".
//
// # Notice numbers
//
// Parse validates an 18-digit notice number (or its printed form in groups
// of four) and checks its mod-93 check digits; ParseLenient accepts a
// wrong check digit and reports it, for numbers received from the Nodo and
// for official samples, several of which carry wrong check digits. Build
// assembles a number from its Parts and FromIUV from an IUV; a Generator
// issues new numbers for a station from a Sequence of IUV bases.
//
// The in-memory sequence (MemorySequence, and a Generator's default) is for
// tests and tools only: in production the sequence must be persistent and
// shared by every process that issues numbers for the same aux digit and
// segregation or application code, or numbers will repeat.
//
// # Payloads
//
// QR builds and parses "PAGOPA|002|<notice>|<ente>|<cents>" and renders it
// at version 4 and error correction level M as a PNG (through
// github.com/skip2/go-qrcode), as an SVG, or as a module matrix to draw as
// vectors. DataMatrix builds and parses the 256-character Poste payload and
// renders it with github.com/boombuler/barcode.
//
// Builders are strict: they refuse anything that would make a notice
// unpayable, such as a wrong check digit or an amount the payload cannot
// carry. Parsers are tolerant where notices in circulation require it
// (one-digit QR amounts, wrong check digits), and report what they found.
//
// # Errors
//
// Invalid input yields a *FieldError naming the field (snake_case) and
// wrapping one of the Err… rule errors, so both errors.Is and errors.As
// work. Errors about personal data (debtor name and fiscal code, subject)
// never include the value.
//
// Amounts are int64 euro cents throughout.
package notice
