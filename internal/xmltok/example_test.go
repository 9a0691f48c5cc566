package xmltok_test

import (
	"fmt"
	"io"

	"github.com/pagokit/pagokit/internal/xmltok"
)

func Example() {
	doc := []byte(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>` +
		`<idPA>01234567890</idPA><causale>TARI &amp; TEFA</causale></s:Body></s:Envelope>`)
	s := xmltok.New(doc)
	for {
		t, err := s.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		switch t.Kind {
		case xmltok.StartElement:
			fmt.Printf("<%s> (prefix %q)\n", t.Local, t.Prefix)
		case xmltok.Text:
			fmt.Printf("  %q\n", t.Text)
		}
	}
	// Output:
	// <Envelope> (prefix "s")
	// <Body> (prefix "s")
	// <idPA> (prefix "")
	//   "01234567890"
	// <causale> (prefix "")
	//   "TARI & TEFA"
}
