// Command pagokit is the reference command-line tool of the pagokit SDK:
// it exposes the SDK's packages for scripts, tests and support work.
//
// Usage:
//
//	pagokit notice parse <notice-number> [--lenient] [--json]
//	pagokit notice new --aux 3 --segregation 02 [--base 0000000000001] [--json]
//	pagokit notice format <notice-number> [--lenient]
//	pagokit notice rf new <reference> [--json]
//	pagokit notice rf check <rf>
//	pagokit notice qr --notice N --fiscal-code CF --amount-cents C [--png F] [--size PX] [--svg F]
//	pagokit notice datamatrix --notice N --postal-account A --amount-cents C --fiscal-code CF
//	        --debtor-fiscal-code CF --debtor-name NAME --subject TEXT [--png F] [--module PX]
//	pagokit notice pdf --in notice.json --out avviso.pdf [--lang L] [--font-regular F --font-bold F --font-mono F]
//	pagokit notice pdf --in notices.jsonl --out notices.zip [--workers N] [--lang L]
//	pagokit ec serve --config ec.json [--db sqlite:FILE|postgres://…] [--positions P.json] [--stamp-ca ca.pem]...
//	pagokit ec pay | ec load | ec positions …   (the Nodo simulator against an endpoint)
//	pagokit receipt parse | receipt pdf | receipt archive [verify] …
//	pagokit bollo hash <file>
//	pagokit bollo verify --mbd F [--document F | --hash H] [--trust-cert F]... [--ca F]... [--crl F]... [--json]
//	pagokit bollo due --kind certificate|istanza|document [--amount-cents N] [--vat-exempt]
//	pagokit bollo contrassegno --db sqlite:FILE --id N --issued-at T --use REF
//
// Each command prints its flags with -h.
//
// notice pdf renders a batch into a ZIP when --in ends in .jsonl or
// .ndjson or --out ends in .zip; a batch with records in error still
// writes the ZIP (errors.csv lists them) and exits with status 1.
//
// Output is human-readable by default and JSON with --json. Errors go to
// standard error; the exit status is 1 for invalid input and 2 for usage
// errors.
package main
