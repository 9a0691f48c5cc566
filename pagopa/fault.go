package pagopa

import (
	"errors"
	"fmt"
)

// FaultCode is a faultCode an ente answers the Nodo with.
type FaultCode string

// The fault codes of the paForNode primitives (Nodo-EC error tables).
const (
	FaultUnknown          FaultCode = "PAA_PAGAMENTO_SCONOSCIUTO"
	FaultPaid             FaultCode = "PAA_PAGAMENTO_DUPLICATO"
	FaultInProgress       FaultCode = "PAA_PAGAMENTO_IN_CORSO"
	FaultExpired          FaultCode = "PAA_PAGAMENTO_SCADUTO"
	FaultCancelled        FaultCode = "PAA_PAGAMENTO_ANNULLATO"
	FaultSemantics        FaultCode = "PAA_SEMANTICA"
	FaultReceiptDuplicate FaultCode = "PAA_RECEIPT_DUPLICATA"
	FaultWrongDomain      FaultCode = "PAA_ID_DOMINIO_ERRATO"
	FaultWrongBroker      FaultCode = "PAA_ID_INTERMEDIARIO_ERRATO"
	FaultWrongStation     FaultCode = "PAA_STAZIONE_INT_ERRATA"
	FaultSyntaxExtraXSD   FaultCode = "PAA_SINTASSI_EXTRAXSD"
	FaultSyntaxXSD        FaultCode = "PAA_SINTASSI_XSD"
	FaultSystem           FaultCode = "PAA_SYSTEM_ERROR"
)

// faultStrings are the faultString texts of the Nodo's EC fault table.
var faultStrings = map[FaultCode]string{
	FaultUnknown:          "Pagamento in attesa risulta sconosciuto all'Ente Creditore",
	FaultPaid:             "Pagamento in attesa risulta concluso all'Ente Creditore",
	FaultInProgress:       "Pagamento in attesa risulta in corso all'Ente Creditore",
	FaultExpired:          "Pagamento in attesa risulta scaduto all'Ente Creditore",
	FaultCancelled:        "Pagamento in attesa risulta annullato all'Ente Creditore",
	FaultSemantics:        "Errore semantico",
	FaultReceiptDuplicate: "Receipt duplicata",
	FaultWrongDomain:      "La PAA non corrisponde al Dominio indicato",
	FaultWrongBroker:      "Identificativo intermediario non corrispondente",
	FaultWrongStation:     "Stazione intermediario non corrispondente",
	FaultSyntaxExtraXSD:   "Errore di sintassi extra XSD",
	FaultSyntaxXSD:        "Errore di sintassi XSD",
	FaultSystem:           "Errore generico",
}

// String returns the faultString of the code.
func (c FaultCode) String() string {
	if s, ok := faultStrings[c]; ok {
		return s
	}
	return string(c)
}

// FaultError is an error that makes the Handler answer with a given
// fault. Hooks return one (see Fault) to choose the fault the Nodo gets;
// any other error from a hook becomes PAA_SYSTEM_ERROR.
type FaultError struct {
	Code FaultCode
	// Description goes to the Nodo in fault/description: no personal
	// data.
	Description string
	// Err, when set, is the rule behind the fault (such as
	// ErrStampNeedsV2), for errors.Is; it does not go to the Nodo.
	Err error
}

// Unwrap returns Err.
func (e *FaultError) Unwrap() error { return e.Err }

// Error returns the fault code and description.
func (e *FaultError) Error() string {
	if e.Description == "" {
		return "pagopa: " + string(e.Code)
	}
	return fmt.Sprintf("pagopa: %s: %s", e.Code, e.Description)
}

// Fault returns a *FaultError.
func Fault(code FaultCode, description string) error {
	return &FaultError{Code: code, Description: description}
}

// asFault returns the FaultError in err's chain, if any.
func asFault(err error) (*FaultError, bool) {
	var fe *FaultError
	ok := errors.As(err, &fe)
	return fe, ok
}
