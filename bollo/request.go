package bollo

import (
	"errors"
	"io"
	"strings"
)

// A Request is a stamp request, the richiestaMarcaDaBollo of a pagoPA
// transfer (paGetPaymentV2): the PSP buys a stamp for the document whose
// hash it carries. The ente must keep it: receipts do not repeat it, and
// Verify needs the hash as Policy.ExpectedHash.
type Request struct {
	// HashDocument is the hashDocumento of the stamped document (see
	// Hash): 44 characters of standard base64.
	HashDocument string
	// Type is the tipoBollo, TypeStamp ("01").
	Type string
	// Province is the provinciaResidenza: the car-plate code of the
	// payer's province of residence, two upper-case letters; for a payer
	// resident abroad, the province of the ente's registered office (see
	// ResidenceProvince).
	Province string
}

// NewRequest hashes the document read from r and returns the Request
// for it, of type TypeStamp, for a payer resident in province. The
// request is validated.
func NewRequest(r io.Reader, province string) (Request, error) {
	h, err := Hash(r)
	if err != nil {
		return Request{}, err
	}
	req := Request{HashDocument: h, Type: TypeStamp, Province: province}
	return req, req.Validate()
}

// Validate checks the request as pagoPA's schema and the @e.bollo rules
// want it: HashDocument a valid hash (ValidHash, stricter than the
// schema's 4 to 72 characters), Type TypeStamp, Province two upper-case
// letters (ValidProvince). It returns a *RuleError (ErrInvalid) for each
// field that breaks its rule, joined with errors.Join; Field is the
// element name: hashDocumento, tipoBollo or provinciaResidenza.
func (r Request) Validate() error {
	var errs []error
	if !ValidHash(r.HashDocument) {
		errs = append(errs, &RuleError{Err: ErrInvalid, Field: "hashDocumento",
			Detail: "want the 44-character base64 of a SHA-256 digest"})
	}
	if r.Type != TypeStamp {
		errs = append(errs, &RuleError{Err: ErrInvalid, Field: "tipoBollo", Detail: "want " + TypeStamp + ", got " + truncate(r.Type)})
	}
	if !ValidProvince(r.Province) {
		errs = append(errs, &RuleError{Err: ErrInvalid, Field: "provinciaResidenza",
			Detail: "want two upper-case letters, got " + truncate(r.Province)})
	}
	return errors.Join(errs...)
}

// ValidProvince reports whether s has the form of a provinciaResidenza:
// two letters A to Z. The list of provinces is not enforced: the schema's
// list of the Agenzia delle Entrate is marked as no longer used, and
// provinces are created and abolished.
func ValidProvince(s string) bool {
	return len(s) == 2 && 'A' <= s[0] && s[0] <= 'Z' && 'A' <= s[1] && s[1] <= 'Z'
}

// ResidenceProvince returns the provinciaResidenza of a stamp request for
// a payer resident in country (ISO 3166 alpha-2; empty means Italy) and,
// in Italy, in province; office is the province of the ente's registered
// office. A payer resident abroad is given the office's province (pagoPA
// SANP, chapter 5, datiMarcaBolloDigitale). The result is checked with
// ValidProvince; a failure is a *RuleError naming the argument used.
func ResidenceProvince(country, province, office string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(country))
	if c == "" || c == "IT" {
		if !ValidProvince(province) {
			return "", &RuleError{Err: ErrInvalid, Field: "province", Detail: "payer resident in Italy: want two upper-case letters, got " + truncate(province)}
		}
		return province, nil
	}
	if !ValidProvince(office) {
		return "", &RuleError{Err: ErrInvalid, Field: "office", Detail: "payer resident abroad (" + truncate(country) + "): want the two-letter province of the ente's registered office, got " + truncate(office)}
	}
	return office, nil
}
