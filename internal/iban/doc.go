// Package iban validates International Bank Account Numbers (ISO 13616):
// the country code, the length the country prescribes where known, and the
// mod-97 check digits. Italian and San Marino IBANs (27 characters, as on
// pagoPA transfers) also get their national layout checked: the CIN letter,
// 5-digit ABI and CAB codes and a 12-character account number.
package iban
