package iban_test

import (
	"errors"
	"fmt"

	"github.com/pagokit/pagokit/internal/iban"
)

func ExampleValidate() {
	fmt.Println(iban.Validate("IT60X0542811101000000123456"))
	err := iban.Validate("IT61X0542811101000000123456")
	fmt.Println(errors.Is(err, iban.ErrCheckDigits))
	// Output:
	// <nil>
	// true
}
